"""GET /api/v1/search and /api/v1/suggest."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from ..models import ERROR_RESPONSES, SearchResponse, SuggestionOut, SuggestResponse
from .deps import Cached, EngineDep, SearchRequestDep
from ..security import is_head

router = APIRouter(prefix="/api/v1", tags=["search"], responses=ERROR_RESPONSES)


@router.get("/search", response_model=SearchResponse, dependencies=[Cached])
def search(http: Request, engine: EngineDep, request: SearchRequestDep) -> SearchResponse:
    """Full-text search with filters, facets, did-you-mean and highlighted excerpts."""
    return SearchResponse(**engine.search(request, record=not is_head(http)).to_dict())


@router.get("/suggest", response_model=SuggestResponse, dependencies=[Cached])
def suggest(
    engine: EngineDep,
    q: Annotated[str, Query(max_length=500)] = "",
    limit: Annotated[int, Query(ge=1, le=20)] = 8,
) -> SuggestResponse:
    """As-you-type suggestions (post titles, body parts, injuries); never logged as a search."""
    suggestions = [SuggestionOut(**s.to_dict()) for s in engine.suggest(q, limit)]
    return SuggestResponse(query=q, suggestions=suggestions)

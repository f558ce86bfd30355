"""GET /api/v1/search and /api/v1/suggest."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from ...search.results import SearchResult
from ..models import ERROR_RESPONSES, SuggestResponse
from ..security import is_head
from .deps import Cached, SearchRequestDep, ServiceDep, SuggestionLimit

router = APIRouter(prefix="/api/v1", tags=["search"], responses=ERROR_RESPONSES)


@router.get("/search", response_model=SearchResult, dependencies=[Cached])
def search(http: Request, service: ServiceDep, request: SearchRequestDep) -> SearchResult:
    """Full-text search with filters, facets, did-you-mean and highlighted excerpts."""
    return service.search(request, record=not is_head(http))


@router.get("/suggest", response_model=SuggestResponse, dependencies=[Cached])
def suggest(
    service: ServiceDep, limit: SuggestionLimit, q: Annotated[str, Query(max_length=500)] = ""
) -> SuggestResponse:
    """As-you-type suggestions (post titles, body parts, injuries); never logged as a search."""
    return SuggestResponse(query=q, suggestions=service.suggest(q, limit))

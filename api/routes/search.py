"""GET /api/v1/search and /api/v1/suggest."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from ...search.results import SearchResult
from ..author_auth import is_author
from ..middleware.head import is_head
from ..models import ERROR_RESPONSES, SuggestResponse
from .deps import CacheHeaders, SearchRequestDep, ServiceDep, SuggestionLimit, answer_headers, get_service, json_answer

router = APIRouter(prefix="/api/v1", tags=["search"], responses=ERROR_RESPONSES)


@router.get("/search", response_model=SearchResult)
async def search(http: Request, request: SearchRequestDep) -> Response:
    """Full-text search with filters, facets, did-you-mean and highlighted excerpts."""
    # The hottest route: its service and cache headers are fetched here, not as dependencies.
    service = await get_service(http)
    cache = await answer_headers(http, service)
    # Only readers' searches are demand: not HEAD probes, not the author's own (token or session).
    result = service.search(request, record=not is_head(http) and not is_author(http))
    return json_answer(result.to_dict(), cache)


@router.get("/suggest", response_model=SuggestResponse)
async def suggest(
    service: ServiceDep, limit: SuggestionLimit, cache: CacheHeaders, q: Annotated[str, Query(max_length=500)] = ""
) -> Response:
    """As-you-type suggestions (post titles, body parts, injuries); never logged as a search."""
    return json_answer({"query": q, "suggestions": [s.to_dict() for s in service.suggest(q, limit)]}, cache)

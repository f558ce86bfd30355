"""GET /api/v1/posts/{id_or_slug}/related and POST /api/v1/related."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from ...service.service import draft_cut
from ..models import ERROR_RESPONSES, PostRef, RelatedResponse, RelatedTextRequest, RelatedTextResponse
from ..slug_paths import decode_key
from .deps import Cached, ServiceDep, SettingsDep, answer_headers, check_at_most, get_service, json_answer
from .posts import PostKeyPath

router = APIRouter(prefix="/api/v1", tags=["related"], responses=ERROR_RESPONSES)


@router.get("/posts/{id_or_slug}/related", response_model=RelatedResponse)
async def related(
    http: Request,
    id_or_slug: PostKeyPath,
    limit: Annotated[int, Query(ge=1)] = 5,
    videos_only: bool = False,
) -> Response:
    """Posts related to one post (the widget's data)."""
    # Called under every post of the site: parameters are plain, the service and cache headers are
    # fetched here (each dependency FastAPI solves costs as much as the row lookup itself).
    service = await get_service(http)
    check_at_most(limit, service.settings.max_related, "limit")
    cache = await answer_headers(http, service)
    post, items = service.related(decode_key(id_or_slug), limit=limit, videos_only=videos_only)
    return json_answer({"post": PostRef.of(post).model_dump(), "related": [item.to_dict() for item in items]}, cache)


@router.post("/related", response_model=RelatedTextResponse, dependencies=[Cached])
async def related_to_text(service: ServiceDep, settings: SettingsDep, body: RelatedTextRequest) -> RelatedTextResponse:
    """Posts related to a draft text (for linking a new post to old ones)."""
    check_at_most(body.limit, settings.max_related, "limit", location="body")
    text, notices = draft_cut(body.text, settings.related_text_max_chars)
    items = service.related_to_text(text, limit=body.limit, videos_only=body.videos_only)
    return RelatedTextResponse(related=items, notices=list(notices))

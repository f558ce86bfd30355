"""GET /api/v1/posts/{id_or_slug}/related and POST /api/v1/related."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ..models import ERROR_RESPONSES, PostRef, RelatedResponse, RelatedTextRequest, RelatedTextResponse
from .deps import Cached, CacheHeaders, RelatedLimit, ServiceDep, SettingsDep, check_at_most, json_answer
from .posts import IdOrSlug

router = APIRouter(prefix="/api/v1", tags=["related"], responses=ERROR_RESPONSES)


@router.get("/posts/{id_or_slug}/related", response_model=RelatedResponse)
async def related(service: ServiceDep, key: IdOrSlug, limit: RelatedLimit, cache: CacheHeaders,
                  videos_only: bool = False) -> Response:
    """Posts related to one post (the widget's data)."""
    post, items = service.related(key, limit=limit, videos_only=videos_only)
    return json_answer({"post": PostRef.of(post).model_dump(), "related": [item.to_dict() for item in items]}, cache)


@router.post("/related", response_model=RelatedTextResponse, dependencies=[Cached])
async def related_to_text(service: ServiceDep, settings: SettingsDep, body: RelatedTextRequest) -> RelatedTextResponse:
    """Posts related to a draft text (for linking a new post to old ones)."""
    check_at_most(body.limit, settings.max_related, "limit", location="body")
    items = service.related_to_text(body.text, limit=body.limit, videos_only=body.videos_only)
    return RelatedTextResponse(related=items)

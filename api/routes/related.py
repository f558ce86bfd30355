"""GET /api/v1/posts/{id_or_slug}/related and POST /api/v1/related."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ..models import (
    ERROR_RESPONSES,
    PostRef,
    RelatedOut,
    RelatedResponse,
    RelatedTextRequest,
    RelatedTextResponse,
)
from .deps import Cached, EngineDep
from .posts import IdOrSlug

router = APIRouter(prefix="/api/v1", tags=["related"], responses=ERROR_RESPONSES)

Limit = Annotated[int, Query(ge=1, le=50)]


@router.get("/posts/{id_or_slug}/related", response_model=RelatedResponse, dependencies=[Cached])
def related(engine: EngineDep, id_or_slug: IdOrSlug, limit: Limit = 5, videos_only: bool = False) -> RelatedResponse:
    """Posts related to one post (the widget's data)."""
    post, items = engine.related(id_or_slug, limit=limit, videos_only=videos_only)
    return RelatedResponse(
        post=PostRef(id=post.id, slug=post.slug, title=post.title, url=post.url),
        related=[RelatedOut(**item.to_dict()) for item in items],
    )


@router.post("/related", response_model=RelatedTextResponse, dependencies=[Cached])
def related_to_text(engine: EngineDep, body: RelatedTextRequest) -> RelatedTextResponse:
    """Posts related to a draft text (for linking a new post to old ones)."""
    items = engine.related_to_text(body.text, limit=body.limit, videos_only=body.videos_only)
    return RelatedTextResponse(related=[RelatedOut(**item.to_dict()) for item in items])

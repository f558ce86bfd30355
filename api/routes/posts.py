"""GET /api/v1/posts and /api/v1/posts/{id_or_slug}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from ..models import ERROR_RESPONSES, PostOut, PostPageOut, PostSummary
from .deps import Cached, EngineDep, SettingsDep, check_per_page

router = APIRouter(prefix="/api/v1", tags=["posts"], responses=ERROR_RESPONSES)

IdOrSlug = Annotated[str, Path(min_length=1, max_length=300, description="Post id or slug.")]


@router.get("/posts", response_model=PostPageOut, dependencies=[Cached])
def list_posts(
    engine: EngineDep,
    settings: SettingsDep,
    category: Annotated[str | None, Query(max_length=200)] = None,
    body_part: Annotated[str | None, Query(max_length=200)] = None,
    injury: Annotated[str | None, Query(max_length=200)] = None,
    video: bool | None = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1)] = 20,
) -> PostPageOut:
    """Posts newest first, filtered like the search facets."""
    check_per_page(per_page, settings)
    found = engine.posts(
        category=category or None,
        body_part=body_part or None,
        injury=injury or None,
        video=video,
        page=page,
        per_page=per_page,
        max_per_page=settings.max_per_page,
    )
    return PostPageOut(
        total=found.total,
        page=found.page,
        per_page=found.per_page,
        posts=[PostSummary.of(post) for post in found.posts],
    )


@router.get("/posts/{id_or_slug}", response_model=PostOut, dependencies=[Cached])
def get_post(engine: EngineDep, id_or_slug: IdOrSlug) -> PostOut:
    """One whole post, by id or slug."""
    return PostOut.of(engine.post(id_or_slug))

"""GET /api/v1/posts and /api/v1/posts/{id_or_slug}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from ...service.service import PostFilter
from ..models import ERROR_RESPONSES, PostOut, PostPageOut, PostSummary
from ..slug_paths import decode_key
from .deps import Cached, PostPageSize, ServiceDep

router = APIRouter(prefix="/api/v1", tags=["posts"], responses=ERROR_RESPONSES)


# The path segment naming a post, still encoded (see `slug_paths`): decode it with `decode_key`.
PostKeyPath = Annotated[
    str, Path(min_length=1, max_length=1000, description='Post id or slug (a "/" in it may be sent as %2F).')
]


async def id_or_slug(id_or_slug: PostKeyPath) -> str:
    """The post key of the path (see `slug_paths`: "/" and "%" arrive still encoded)."""
    return decode_key(id_or_slug)


IdOrSlug = Annotated[str, Depends(id_or_slug)]


@router.get("/posts", response_model=PostPageOut, dependencies=[Cached])
async def list_posts(
    service: ServiceDep,
    per_page: PostPageSize,
    category: Annotated[str | None, Query(max_length=200)] = None,
    body_part: Annotated[str | None, Query(max_length=200)] = None,
    injury: Annotated[str | None, Query(max_length=200)] = None,
    video: bool | None = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> PostPageOut:
    """Posts newest first, filtered like the search facets."""
    where = PostFilter(category=category or None, body_part=body_part or None, injury=injury or None, video=video)
    found = service.posts(where, page=page, per_page=per_page)
    return PostPageOut(
        total=found.total,
        page=found.page,
        per_page=found.per_page,
        posts=[PostSummary.of(post) for post in found.posts],
    )


@router.get("/posts/{id_or_slug}", response_model=PostOut, dependencies=[Cached])
async def get_post(service: ServiceDep, key: IdOrSlug) -> PostOut:
    """One whole post, by id or slug."""
    return PostOut.of(service.post(key))

"""Admin: the author's pins and excludes of related lists (kept at the index root, replayed by
every build). Same bearer token and error shape as the other admin routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from ...recommend.curation import MAX_ENTRIES
from ..models import ERROR_RESPONSES
from .deps import AdminOnly, LiveDep, SettingsDep, use_service

router = APIRouter(
    prefix="/api/v1/admin/curation",
    tags=["admin"],
    dependencies=[AdminOnly],
    responses={**ERROR_RESPONSES, 401: {}, 403: {}, 409: {}},
)

# Like the other admin writes: queue behind a running build rather than refuse.
WAIT_SECONDS = 120.0

PostRef = Annotated[str, Path(min_length=1, max_length=400, description="Post id or slug.")]
Names = Annotated[list[Annotated[str, Field(min_length=1, max_length=400)]], Field(max_length=MAX_ENTRIES)]


class CurationIn(BaseModel):
    """A post's whole curation; lists left out become empty. Related posts by id or slug."""

    model_config = ConfigDict(extra="forbid")

    pin: Names = []
    exclude: Names = []
    exclude_categories: Names = []


class CurationOut(BaseModel):
    post: str
    pin: list[str]
    exclude: list[str]
    exclude_categories: list[str]
    build_id: str | None


class CurationList(BaseModel):
    curation: list[CurationOut]


@router.get("", response_model=CurationList)
def list_curation(settings: SettingsDep) -> CurationList:
    """Every curated post's pins and excludes."""
    from ...service.curating import show

    return CurationList(curation=[CurationOut(**c.to_dict()) for c in show(settings.index)])


@router.get("/{post}", response_model=CurationOut)
def get_curation(settings: SettingsDep, post: PostRef) -> CurationOut:
    """One post's pins and excludes (empty lists when it has none)."""
    from ...service.curating import show

    return CurationOut(**show(settings.index, post)[0].to_dict())


@router.put("/{post}", response_model=CurationOut)
def put_curation(request: Request, settings: SettingsDep, live: LiveDep, post: PostRef,
                 body: CurationIn) -> CurationOut:
    """Set a post's pins and excludes; its related lists are made again and served at once."""
    from ...service.curating import replace

    change = replace(settings.index, post, body.model_dump(), wait_seconds=WAIT_SECONDS)
    use_service(request, live.acquire(refresh=True))
    return CurationOut(**change.to_dict())


@router.delete("/{post}", response_model=CurationOut)
def delete_curation(request: Request, settings: SettingsDep, live: LiveDep, post: PostRef) -> CurationOut:
    """Remove every pin and exclude of a post."""
    from ...service.curating import replace

    change = replace(settings.index, post, {}, wait_seconds=WAIT_SECONDS)
    use_service(request, live.acquire(refresh=True))
    return CurationOut(**change.to_dict())

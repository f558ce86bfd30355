"""POST /api/v1/admin/sync: sync the configured WordPress site now, or just one post (a ping)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from pydantic import BaseModel, Field

from ...index.errors import BadRequest
from ..models import ERROR_RESPONSES
from .deps import AdminOnly, LiveDep, SettingsDep, use_service

router = APIRouter(prefix="/api/v1/admin", tags=["admin"], dependencies=[AdminOnly],
                   responses={**ERROR_RESPONSES, 401: {}, 403: {}, 409: {}, 502: {}})

# A ping queues behind a sync or a build already running rather than being refused.
SYNC_WAIT_SECONDS = 120.0


class SyncIn(BaseModel):
    post_id: int | None = Field(None, ge=1, le=2**53, description="Only this WordPress post (a ping on publish, "
                                "update, trash or delete); the whole site when absent.")


class SyncOut(BaseModel):
    site: str
    added: int
    updated: int
    removed: int
    unchanged: int
    problems: list[dict[str, Any]]
    build_id: str | None


@router.post("/sync", response_model=SyncOut)
def sync(request: Request, settings: SettingsDep, live: LiveDep,
         body: Annotated[SyncIn | None, Body()] = None) -> SyncOut:
    """Sync RUNPHYS_SYNC_URL now (in a worker thread, on the build lock), or with `post_id` just that post."""
    from ...service.sync import options_from, sync_post, sync_site

    if not settings.sync_url:
        raise BadRequest("no site to sync: set RUNPHYS_SYNC_URL (and RUNPHYS_SYNC_USER / RUNPHYS_SYNC_APP_PASSWORD)")
    options = options_from(settings, wait_seconds=SYNC_WAIT_SECONDS)
    if body is not None and body.post_id is not None:
        report = sync_post(settings.index, settings.sync_url, body.post_id, options)
    else:
        report = sync_site(settings.index, settings.sync_url, options)
    use_service(request, live.acquire(refresh=True))
    return SyncOut(**report.to_dict())

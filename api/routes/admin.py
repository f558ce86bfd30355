"""Admin: reindex, upsert/delete one post, search-log analytics. Bearer token; off without one."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from ...index.errors import BadRequest
from ...index.search_log import SearchLog
from ...service.live import LiveService
from ..build_process import in_build_process
from ..models import ERROR_RESPONSES, AdminChange, PostIn, ReindexResponse, SearchReport
from .deps import AdminOnly, LiveDep, ServiceDep, SettingsDep, use_service

router = APIRouter(
    prefix="/api/v1/admin",
    tags=["admin"],
    dependencies=[AdminOnly],
    responses={**ERROR_RESPONSES, 401: {}, 403: {}, 409: {}},
)

# Concurrent admin writes queue on the build lock; only a build stuck this long answers 409.
ADMIN_WAIT_SECONDS = 120.0

PostId = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[^\s/?#]+$")]


async def switch(request: Request, live: LiveService) -> None:
    """Answer this request from the version just built (opened in a worker thread: disk work)."""
    use_service(request, await run_in_threadpool(live.acquire, refresh=True))


@router.post("/reindex", response_model=ReindexResponse)
async def reindex(request: Request, settings: SettingsDep, live: LiveDep) -> ReindexResponse:
    """Rebuild from the live bundle's sources (in a niced child process); the server switches to it.

    A build already running (a CLI build, another admin change) is waited for, not refused.
    """
    from ...service.pipeline import BuildOptions, rebuild  # building: imported when an author asks

    report = await in_build_process(rebuild, settings.index, BuildOptions(vocabulary_override=settings.vocabulary,
                                                                         wait_seconds=ADMIN_WAIT_SECONDS))
    await switch(request, live)
    return ReindexResponse(**report.to_dict())


@router.put("/posts/{post_id}", response_model=AdminChange)
async def upsert_post(request: Request, settings: SettingsDep, live: LiveDep, post_id: PostId,
                      body: PostIn) -> AdminChange:
    """Add or replace one post (its id in the body, if any, must match the path; its slug must be free).

    Built in a niced child process (`build_process`): readers keep being answered meanwhile."""
    if body.id is not None and body.id != post_id:
        raise BadRequest(f"id in the body ({body.id[:200]!r}) does not match the path ({post_id!r})")
    from ...service.pipeline import update_posts

    manifest = await in_build_process(update_posts, settings.index, upserts=[body.to_post(post_id)],
                                      wait_seconds=ADMIN_WAIT_SECONDS)
    await switch(request, live)
    return AdminChange(id=post_id, action="upserted", build_id=manifest.build_id, posts=manifest.posts)


@router.delete("/posts/{post_id}", response_model=AdminChange)
async def delete_post(request: Request, settings: SettingsDep, live: LiveDep, post_id: PostId) -> AdminChange:
    """Remove one post (404 when there is none with this id); built like an upsert."""
    from ...service.pipeline import update_posts

    manifest = await in_build_process(update_posts, settings.index, delete_ids=[post_id],
                                      wait_seconds=ADMIN_WAIT_SECONDS)
    await switch(request, live)
    return AdminChange(id=post_id, action="deleted", build_id=manifest.build_id, posts=manifest.posts)


@router.get("/searches", response_model=SearchReport, responses={200: {"content": {"text/csv": {}}}})
def searches(
    settings: SettingsDep,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    format: Literal["json", "csv"] = "json",
) -> SearchReport | PlainTextResponse:
    """What readers searched for: totals, top queries, zero-result queries (JSON or CSV)."""
    entries = SearchLog(settings.index / "searches", max_bytes=settings.search_log_max_bytes).read(since, until)
    report = SearchReport.of(entries, since, until, limit)
    if format == "csv":
        return PlainTextResponse(
            report.to_csv(),
            media_type="text/csv",
            headers={"Content-Disposition": 'attachment; filename="searches.csv"'},
        )
    return report


class AuthorProblemOut(BaseModel):
    file: str
    line: int
    reason: str


class AuthorState(BaseModel):
    build_id: str
    problems: list[AuthorProblemOut]


@router.get("/author-state", response_model=AuthorState)
def author_state(service: ServiceDep) -> AuthorState:
    """What the live version could not apply of the author's files (a damaged line of edits.jsonl,
    an unusable curation.json, vocabulary names cut at a cap), and a curation.json it does not
    serve yet. Empty `problems` when all is applied."""
    return AuthorState(build_id=service.build_id,
                       problems=[AuthorProblemOut(**problem) for problem in service.author_problems()])

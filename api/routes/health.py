"""GET /healthz (process up), /readyz (bundle open and valid), /api/v1/stats."""

from __future__ import annotations

from fastapi import APIRouter

from ..models import ERROR_RESPONSES, HealthResponse, ReadyResponse, StatsResponse
from .deps import LiveDep, ServiceDep

router = APIRouter(tags=["health"], responses=ERROR_RESPONSES)


@router.get("/healthz", response_model=HealthResponse)
async def healthz() -> HealthResponse:
    """The process answers (no service, no disk)."""
    return HealthResponse()


@router.get("/readyz", response_model=ReadyResponse)
async def readyz(live: LiveDep, service: ServiceDep) -> ReadyResponse:
    """A bundle is open and valid; 503 in the error shape otherwise. A failing search log is told
    (`search_log`) but does not make the server unready: searches are answered all the same."""
    log = service.search_log_health
    return ReadyResponse(build_id=service.build_id, posts=service.post_count, warning=live.last_error,
                         search_log=log.describe(), search_log_failures=log.failures)


@router.get("/api/v1/stats", response_model=StatsResponse)
async def stats(service: ServiceDep) -> StatsResponse:
    """Counts and the build of the live bundle."""
    stats = service.stats()
    stats.pop("index", None)  # the absolute index path: for the CLI, not for anyone over HTTP
    return StatsResponse(**stats)

"""GET /healthz (process up), /readyz (bundle open and valid), /api/v1/stats."""

from __future__ import annotations

from fastapi import APIRouter

from ..models import ERROR_RESPONSES, HealthResponse, ReadyResponse, StatsResponse
from .deps import EngineDep, LiveDep

router = APIRouter(tags=["health"], responses=ERROR_RESPONSES)


@router.get("/healthz", response_model=HealthResponse)
async def healthz() -> HealthResponse:
    """The process answers (no engine, no disk)."""
    return HealthResponse()


@router.get("/readyz", response_model=ReadyResponse)
def readyz(live: LiveDep, engine: EngineDep) -> ReadyResponse:
    """A bundle is open and valid; 503 in the error shape otherwise."""
    return ReadyResponse(build_id=engine.build_id, posts=engine.bundle.manifest.posts, warning=live.last_error)


@router.get("/api/v1/stats", response_model=StatsResponse)
def stats(engine: EngineDep) -> StatsResponse:
    """Counts and the build of the live bundle."""
    return StatsResponse(**engine.stats())

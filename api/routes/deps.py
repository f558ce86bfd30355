"""Dependencies shared by the routers, as `Annotated` aliases."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, Query, Request, Response
from fastapi.exceptions import RequestValidationError

from ..caching import apply_cache
from ...service.service import Engine
from ...service.live import LiveEngine
from ..security import require_admin
from ...service.settings import Settings
from ...search.searcher import SearchRequest


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_live(request: Request) -> LiveEngine:
    return request.app.state.live


def get_engine(request: Request) -> Engine:
    """The engine of this request: taken once, so one request never mixes two bundle versions."""
    engine = getattr(request.state, "engine", None)
    if engine is None:
        engine = request.app.state.live.get()
        request.state.engine = engine
    return engine


SettingsDep = Annotated[Settings, Depends(get_settings)]
LiveDep = Annotated[LiveEngine, Depends(get_live)]
EngineDep = Annotated[Engine, Depends(get_engine)]


async def cache_headers(
    request: Request, response: Response, engine: EngineDep, settings: SettingsDep
) -> dict[str, str]:
    """ETag + Cache-Control on the answer; 304 when the client already holds it.

    Returned too, for routes that build their own Response (FastAPI then skips these headers).
    """
    return await apply_cache(request, response, engine.build_id, settings.cache_max_age)


Cached = Depends(cache_headers)
CacheHeaders = Annotated[dict[str, str], Cached]
AdminOnly = Depends(require_admin)


def check_per_page(per_page: int, settings: Settings) -> None:
    """per_page above the configured maximum is a 422 like any other invalid parameter."""
    if per_page > settings.max_per_page:
        raise RequestValidationError(
            [
                {
                    "loc": ("query", "per_page"),
                    "msg": f"per_page must be at most {settings.max_per_page}",
                    "type": "less_than_equal",
                    "input": per_page,
                }
            ]
        )


def search_request(
    settings: SettingsDep,
    q: Annotated[str, Query(description="Search text (longer than 500 characters is cut, with a notice).")] = "",
    category: Annotated[str | None, Query(max_length=200)] = None,
    body_part: Annotated[str | None, Query(max_length=200)] = None,
    injury: Annotated[str | None, Query(max_length=200)] = None,
    video: Annotated[bool | None, Query(description="Only posts with (true) or without (false) a video.")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2999)] = None,
    date_from: date | None = None,
    date_to: date | None = None,
    sort: Literal["relevance", "date"] = "relevance",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1)] = 10,
) -> SearchRequest:
    """Query parameters -> the library's SearchRequest (validated here, run elsewhere)."""
    check_per_page(per_page, settings)
    return SearchRequest(
        q=q,
        category=category or None,
        body_part=body_part or None,
        injury=injury or None,
        video=video,
        year=year,
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=page,
        per_page=per_page,
    )


SearchRequestDep = Annotated[SearchRequest, Depends(search_request)]

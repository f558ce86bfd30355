"""Dependencies shared by the routers, as `Annotated` aliases.

The ones that only read the request or the settings are `async def`: FastAPI runs a plain `def`
dependency in a worker thread, and a request used to make twenty such hops before its route ran
(most of its time). `get_service` goes to a thread only when it may open a new bundle version."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from ...search.results import SearchRequest
from ...service.live import LiveService
from ...service.service import Service
from ...service.settings import Settings
from ..admin_auth import require_admin
from ..caching import apply_cache
from ..index_version import lease
from ..models import EARLIEST_DAY, LATEST_DAY


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_live(request: Request) -> LiveService:
    live: LiveService = request.app.state.live
    return live


async def get_service(request: Request) -> Service:
    """The service of this request: taken once, so one request never mixes two bundle versions.

    Leased until the response is sent (see `index_version.IndexVersionHeader`), so a newer version
    can close this one as soon as no request uses it any more. Only when a look at the bundle's
    `current` link is due (it may open a new version: disk work) does it go to a worker thread.
    """
    service: Service | None = getattr(request.state, "service", None)
    if service is None:
        live: LiveService = request.app.state.live
        leased = live.acquire_if_current()
        if leased is None:
            leased = await run_in_threadpool(live.acquire)
        service = use_service(request, leased)
    return service


def use_service(request: Request, service: Service) -> Service:
    """Make a leased `service` the one this request answers from (its build id goes in the header)."""
    lease(request.scope, request.app.state.live, service)
    request.state.service = service
    return service


SettingsDep = Annotated[Settings, Depends(get_settings)]
LiveDep = Annotated[LiveService, Depends(get_live)]
ServiceDep = Annotated[Service, Depends(get_service)]


async def cache_headers(
    request: Request, response: Response, service: ServiceDep, settings: SettingsDep
) -> dict[str, str]:
    """ETag + Cache-Control on the answer; 304 when the client already holds it.

    Returned too, for routes that build their own Response (FastAPI then skips these headers).
    """
    return await apply_cache(request, response, service.build_id, settings.cache_max_age)


async def answer_headers(request: Request, service: Service) -> dict[str, str]:
    """`cache_headers` for a hot route that fetches its service itself (one dependency less to solve)."""
    settings: Settings = request.app.state.settings
    return await apply_cache(request, Response(), service.build_id, settings.cache_max_age)


Cached = Depends(cache_headers)
CacheHeaders = Annotated[dict[str, str], Cached]
AdminOnly = Depends(require_admin)


def check_at_most(value: int, maximum: int, name: str, location: str = "query") -> None:
    """A count above its configured maximum is a 422 like any other invalid parameter."""
    if value > maximum:
        raise RequestValidationError(
            [{"loc": (location, name), "msg": f"{name} must be at most {maximum}", "type": "less_than_equal",
              "input": value}]
        )


async def post_page_size(settings: SettingsDep, per_page: Annotated[int, Query(ge=1)] = 20) -> int:
    check_at_most(per_page, settings.max_per_page, "per_page")
    return per_page


async def widget_limit(settings: SettingsDep, limit: Annotated[int, Query(ge=1)] = 4) -> int:
    check_at_most(limit, settings.max_related, "limit")
    return limit


async def suggestion_limit(settings: SettingsDep, limit: Annotated[int, Query(ge=1)] = 8) -> int:
    check_at_most(limit, settings.max_suggestions, "limit")
    return limit


PostPageSize = Annotated[int, Depends(post_page_size)]
WidgetLimit = Annotated[int, Depends(widget_limit)]
SuggestionLimit = Annotated[int, Depends(suggestion_limit)]


# A day parameter: a 422 outside EARLIEST_DAY..LATEST_DAY, so no date sum can run off the calendar.
Day = Annotated[date, Field(ge=EARLIEST_DAY, le=LATEST_DAY)]


def day_query(description: str) -> Any:
    return Query(description=f"{description} ({EARLIEST_DAY} to {LATEST_DAY}).")


async def search_request(
    http: Request,
    per_page: Annotated[int, Query(ge=1)] = 10,
    q: Annotated[str, Query(description="Search text (longer than 500 characters is cut, with a notice).")] = "",
    category: Annotated[str | None, Query(max_length=200)] = None,
    body_part: Annotated[str | None, Query(max_length=200)] = None,
    injury: Annotated[str | None, Query(max_length=200)] = None,
    video: Annotated[bool | None, Query(description="Only posts with (true) or without (false) a video.")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2999)] = None,
    date_from: Annotated[Day | None, day_query("Posts from this day")] = None,
    date_to: Annotated[Day | None, day_query("Posts up to and including this day")] = None,
    sort: Literal["relevance", "date"] = "relevance",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> SearchRequest:
    """Query parameters -> the library's SearchRequest (validated here, run elsewhere)."""
    check_at_most(per_page, http.app.state.settings.max_per_page, "per_page")
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


def json_answer(content: object, headers: dict[str, str]) -> Response:
    """A JSON answer written directly from plain data the library already shaped: FastAPI would
    otherwise validate the records into the response model and serialize them again (the model
    still documents the route; a test checks that answers match it)."""
    return Response(json.dumps(content, ensure_ascii=False, separators=(",", ":")), media_type="application/json",
                    headers=headers)

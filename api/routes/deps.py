"""Dependencies shared by the routers, as `Annotated` aliases."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import Field

from ...search.results import SearchRequest
from ...service.live import LiveService
from ...service.service import Service
from ...service.settings import Settings
from ..caching import apply_cache
from ..index_version import lease
from ..models import EARLIEST_DAY, LATEST_DAY
from ..security import require_admin


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_live(request: Request) -> LiveService:
    live: LiveService = request.app.state.live
    return live


def get_service(request: Request) -> Service:
    """The service of this request: taken once, so one request never mixes two bundle versions.

    Leased until the response is sent (see `index_version.IndexVersionHeader`), so a newer version
    can close this one as soon as no request uses it any more.
    """
    service: Service | None = getattr(request.state, "service", None)
    if service is None:
        service = use_service(request, get_live(request).acquire())
    return service


def use_service(request: Request, service: Service) -> Service:
    """Make a leased `service` the one this request answers from (its build id goes in the header)."""
    lease(request.scope, get_live(request), service)
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


def page_size(settings: SettingsDep, per_page: Annotated[int, Query(ge=1)] = 10) -> int:
    check_at_most(per_page, settings.max_per_page, "per_page")
    return per_page


def post_page_size(settings: SettingsDep, per_page: Annotated[int, Query(ge=1)] = 20) -> int:
    check_at_most(per_page, settings.max_per_page, "per_page")
    return per_page


def related_limit(settings: SettingsDep, limit: Annotated[int, Query(ge=1)] = 5) -> int:
    check_at_most(limit, settings.max_related, "limit")
    return limit


def widget_limit(settings: SettingsDep, limit: Annotated[int, Query(ge=1)] = 4) -> int:
    check_at_most(limit, settings.max_related, "limit")
    return limit


def suggestion_limit(settings: SettingsDep, limit: Annotated[int, Query(ge=1)] = 8) -> int:
    check_at_most(limit, settings.max_suggestions, "limit")
    return limit


PageSize = Annotated[int, Depends(page_size)]
PostPageSize = Annotated[int, Depends(post_page_size)]
RelatedLimit = Annotated[int, Depends(related_limit)]
WidgetLimit = Annotated[int, Depends(widget_limit)]
SuggestionLimit = Annotated[int, Depends(suggestion_limit)]


# A day parameter: a 422 outside EARLIEST_DAY..LATEST_DAY, so no date sum can run off the calendar.
Day = Annotated[date, Field(ge=EARLIEST_DAY, le=LATEST_DAY)]


def day_query(description: str) -> Any:
    return Query(description=f"{description} ({EARLIEST_DAY} to {LATEST_DAY}).")


def search_request(
    per_page: PageSize,
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

"""The coverage-gap report: GET /api/v1/gaps (JSON) and GET /author/gaps (the author's page)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse

from ...gaps.html import heatmap
from ...gaps.wording import counted
from ...index.errors import BadRequest
from ..author_auth import require_author
from ..models import ERROR_RESPONSES
from .deps import Day, ServiceDep, day_query

AuthorOnly = Depends(require_author)

router = APIRouter(tags=["gaps"], dependencies=[AuthorOnly], responses={**ERROR_RESPONSES, 401: {}, 403: {}})


def report_window(
    since: Annotated[Day | None, day_query("Search log from this day")] = None,
    until: Annotated[Day | None, day_query("Search log up to and including this day")] = None,
    now: Annotated[Day | None, day_query("Judge freshness at this day (default: newest post)")] = None,
    silence_days: Annotated[int, Query(ge=1, le=36500, description="Silent after this many days.")] = 365,
) -> dict[str, Any]:
    if since and until and since > until:
        raise BadRequest("since must not be after until")
    return {"since": since, "until": until, "now": now, "silence_days": silence_days}


WindowDep = Annotated[dict[str, Any], Depends(report_window)]
# The author's own report (demand, drafts to write): never kept by a browser or a shared cache.
NO_STORE = "no-store"


@router.get("/api/v1/gaps")
def gap_report(response: Response, service: ServiceDep, window: WindowDep) -> dict[str, Any]:
    """Coverage gaps: matrix, injuries, demand, freshness, orphans, near_duplicates, suggestions."""
    response.headers["Cache-Control"] = NO_STORE
    return service.gap_report(**window).to_dict()


@router.get("/author/gaps", response_class=HTMLResponse, include_in_schema=False)
def gaps_page(request: Request, service: ServiceDep, window: WindowDep) -> HTMLResponse:
    """The report as a page: heatmap, sortable tables, links to the posts."""
    report = service.gap_report(**window).to_dict()
    context = {"report": report, "heat": heatmap(report["matrix"]), "window": window, "counted": counted,
               "search_log": service.search_log_health.describe(), "author_problems": service.author_problems()}
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, "author_gaps.html", context)
    response.headers["Cache-Control"] = NO_STORE
    return response

"""Reader pages: `/` (search, works without JavaScript) and `/posts/{slug}` (with the widget)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...index.post import Post
from ...search.results import SearchRequest
from ..author_auth import is_author
from ..middleware.head import is_head
from .deps import SearchRequestDep, ServiceDep
from .posts import IdOrSlug

router = APIRouter(include_in_schema=False)

FILTERS = ("category", "body_part", "injury", "video", "year")
FACET_TITLES = {
    "body_part": "Body part",
    "injury": "Injury",
    "category": "Category",
    "video": "Video",
    "year": "Year",
}


def _param(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def page_url(params: Mapping[str, object], **changes: object) -> str:
    """`/?...` with some parameters changed (None removes one); the page goes back to 1 unless given."""
    merged = {k: v for k, v in params.items() if v not in (None, "")}
    merged.pop("page", None)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    query = urlencode({k: _param(v) for k, v in merged.items()})
    return "/?" + query if query else "/"


def request_params(request: SearchRequest) -> dict[str, Any]:
    """The request as shareable URL parameters (defaults left out)."""
    params: dict[str, Any] = {"q": request.q}
    for name in (*FILTERS, "date_from", "date_to"):
        params[name] = getattr(request, name)
    if request.sort != "relevance":
        params["sort"] = request.sort
    if request.per_page != 10:
        params["per_page"] = request.per_page
    return params


def facet_groups(facets: Mapping[str, list[dict[str, Any]]], search: SearchRequest) -> list[dict[str, Any]]:
    """Facet values with a link that toggles each one (selected values first, zero counts dropped)."""
    params = request_params(search)
    groups = []
    for name in ("body_part", "injury", "category", "video", "year"):
        chosen = getattr(search, name)
        values = []
        for value in facets.get(name, []):
            selected = chosen is not None and _param(chosen) == _param(value["value"])
            if not value["count"] and not selected:
                continue
            link = page_url(params, **{name: None if selected else value["value"]})
            values.append({**value, "selected": selected, "url": link})
        if values:
            groups.append({"name": name, "title": FACET_TITLES[name], "values": values[:12]})
    return groups


def pages(total: int, page: int, per_page: int, params: Mapping[str, object]) -> dict[str, Any]:
    last = max(1, -(-total // per_page))
    return {
        "page": page,
        "last": last,
        "prev": page_url(params, page=page - 1) if page > 1 else None,
        "next": page_url(params, page=page + 1) if page < last else None,
    }


def paragraphs(post: Post) -> list[str]:
    return [block.strip() for block in post.body.split("\n\n") if block.strip()]


@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request, service: ServiceDep, search: SearchRequestDep) -> HTMLResponse:
    """The reader's search page: everything is in the URL, results rendered on the server."""
    filtered = any(getattr(search, name) is not None for name in FILTERS)
    asked = bool(search.q.strip()) or filtered
    context: dict[str, Any] = {"search": search, "asked": asked, "filtered": filtered,
                               "params": request_params(search)}
    if asked:
        result = service.search(search, record=not is_head(request) and not is_author(request))
        context.update(
            result=result,
            facets=facet_groups(result.to_dict()["facets"], search),
            paging=pages(result.total, result.page, result.per_page, context["params"]),
            did_you_mean_url=page_url(context["params"], q=result.did_you_mean) if result.did_you_mean else None,
        )
    else:
        context["recent"] = service.posts(page=1, per_page=8).posts
    page: HTMLResponse = request.app.state.templates.TemplateResponse(request, "search.html", context)
    return page


@router.get("/posts/{id_or_slug}", response_class=HTMLResponse)
async def post_page(request: Request, service: ServiceDep, key: IdOrSlug) -> HTMLResponse:
    """One post, with its related videos shown by the embeddable widget."""
    post = service.post(key)
    context = {"post": post, "paragraphs": paragraphs(post)}
    page: HTMLResponse = request.app.state.templates.TemplateResponse(request, "post.html", context)
    return page

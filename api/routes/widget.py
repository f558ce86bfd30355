"""The related-videos widget: `/widget.js` (script) and `/widget/related/{id_or_slug}` (HTML fragment)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from .deps import CacheHeaders, ServiceDep, SettingsDep, WidgetLimit
from .posts import IdOrSlug

router = APIRouter(tags=["widget"])

WIDGET_JS = Path(__file__).resolve().parent.parent / "static" / "widget.js"


@router.get("/widget.js", include_in_schema=False)
def widget_js(settings: SettingsDep) -> FileResponse:
    """The same file as /static/widget.js, at a short address for host pages."""
    return FileResponse(
        WIDGET_JS,
        media_type="text/javascript",
        headers={"Cache-Control": f"public, max-age={settings.cache_max_age}"},
    )


@router.get("/widget/related/{id_or_slug}", response_class=HTMLResponse)
async def related_fragment(
    request: Request,
    service: ServiceDep,
    cache: CacheHeaders,
    settings: SettingsDep,
    key: IdOrSlug,
    limit: WidgetLimit,
    videos_only: bool = True,
) -> HTMLResponse:
    """A ready HTML list of related videos for server-side includes (classes prefixed `runphys-`).

    Videos only ("Related videos") unless `videos_only=false` ("Related posts"): a post with too
    few video neighbours is filled with videos on its body part or injury, then its category,
    then recent ones (marked as fallbacks). A play mark stands in only for a video without a
    thumbnail.

    Links are absolute only with RUNPHYS_PUBLIC_URL set, never built from the request's Host: the
    fragment is cached publicly under an ETag that does not depend on the Host.
    """
    post, items = service.related(key, limit=limit, videos_only=videos_only)
    context = {"post": post, "items": items, "videos_only": videos_only, "origin": settings.public_url or ""}
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, "widget_fragment.html", context, headers=cache
    )
    return response

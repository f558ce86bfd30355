"""`create_app(settings)`: the FastAPI app. Nothing is built at import time."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

from ..gaps.html import safe_href
from ..index.errors import RunphysError
from ..service.live import LiveService
from ..service.settings import Settings
from .author_auth import LoginThrottle, session_store
from .build_process import start_build_server
from .caching import NotModified, handle_not_modified
from .docs import install_docs
from .errors import ErrorBoundary, install_error_handlers
from .index_version import HEADER as INDEX_VERSION_HEADER
from .index_version import IndexVersionHeader
from .middleware.body_limit import BodyLimit
from .middleware.head import HeadAsGet
from .middleware.rate_limit import RateLimit
from .middleware.relative_redirects import RelativeRedirects
from .middleware.security_headers import SecurityHeaders
from .middleware.work_budget import WorkBudget
from .routes import (
    admin,
    author,
    curation,
    gaps,
    health,
    pages,
    posts,
    related,
    search,
    sync,
    widget,
)
from .slug_paths import SlugPaths, post_key, post_path, post_ref

if TYPE_CHECKING:
    from ..service.sync import Poller

logger = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent


def safe_url(url: str | None, fallback: str = "") -> str:
    """The URL when it is http(s) or a site path (`gaps.html.safe_href`'s rule); else the fallback."""
    return safe_href(url) or fallback


def make_templates() -> Jinja2Templates:
    """Jinja2 with autoescaping on for every template (the excerpt is the one `|safe` field)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PACKAGE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["post_ref"] = post_ref
    env.filters["post_key"] = post_key
    env.filters["post_path"] = post_path
    return Jinja2Templates(env=env)


def _poller(settings: Settings) -> Poller | None:
    """The WordPress poller, when RUNPHYS_SYNC_URL and RUNPHYS_SYNC_EVERY are both set."""
    if not settings.sync_url or not settings.sync_every:
        return None
    from ..service.sync import Poller  # the importers: loaded only by a server that syncs

    return Poller(settings).start()


def create_app(settings: Settings) -> FastAPI:
    """The whole HTTP app for these settings; the service opens in the lifespan."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        live = LiveService(settings)
        app.state.live = live
        try:
            live.warm_up()  # a missing bundle is reported by /readyz, not fatal
        except RunphysError as exc:
            logger.warning("index not ready: %s", exc.message)
        if settings.admin_token is not None or settings.sync_url is not None:
            await asyncio.to_thread(start_build_server)  # not during the first admin write: see build_process
        poller = _poller(settings)
        try:
            yield
        finally:
            if poller is not None:
                poller.stop()
            live.close()

    app = FastAPI(
        title="runphys-search",
        summary="Search and related videos for a running and physical-therapy blog.",
        version="1",
        lifespan=lifespan,
        # Served by `docs.install_docs` from an installed package, never from a CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.sessions = session_store(settings)
    app.state.login_throttle = LoginThrottle()

    install_error_handlers(app)
    app.add_exception_handler(NotModified, handle_not_modified)

    for module in (search, posts, related, admin, sync, curation, author, gaps, health, widget, pages):
        app.include_router(module.router)
    install_docs(app)
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")

    # add_middleware puts each one outside the previous: the last added runs first.
    app.add_middleware(SlugPaths)
    # Inside compression: a turn ends when the route's response starts, before gzip buffers it.
    app.add_middleware(WorkBudget, seconds_per_minute=settings.work_seconds_per_minute)
    if settings.compress_min_bytes:  # the costliest middleware: off when a proxy compresses
        app.add_middleware(GZipMiddleware, minimum_size=settings.compress_min_bytes)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(HeadAsGet)
    app.add_middleware(IndexVersionHeader)
    app.add_middleware(ErrorBoundary)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "If-None-Match"],
        expose_headers=["ETag", "Retry-After", INDEX_VERSION_HEADER],
        max_age=600,
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RelativeRedirects, public_url=settings.public_url)
    return app

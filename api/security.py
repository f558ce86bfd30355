"""Admin bearer auth, per-client rate limit, request body limit and security headers."""

from __future__ import annotations

import hmac
import math
import threading
import time
from collections import deque
from collections.abc import Callable

from fastapi import Request, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..service.settings import Settings
from .errors import error_response
from .middleware import HttpMiddleware, ResponseHeaders

# Pages may not be framed and may run only our own scripts; the widget fragment may be included anywhere.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
    "frame-ancestors 'none'"
)
FRAGMENT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:"
FRAGMENT_PREFIX = "/widget/"
# The API docs (docs.py) run Swagger UI and ReDoc from this site only: no other origin anywhere.
# Swagger UI runs under the same rules as the pages; ReDoc styles itself by adding <style>
# elements and searches in a worker made from a blob, so it gets those two and nothing more.
_DOCS_BASE = (
    "default-src 'self'; script-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_CSP = {
    "/docs": f"{_DOCS_BASE}; style-src 'self'",
    "/redoc": f"{_DOCS_BASE}; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:",
}
RATE_EXEMPT = ("/healthz",)
MAX_TARGET_BYTES = 16 * 1024
HEAD_MARK = "runphys.head"  # path + query string; the servers' own limits are looser


# -- admin auth ------------------------------------------------------------------------------


def check_admin(settings: Settings, authorization: str | None) -> None:
    """Admin is off (404) without a token; 401 without a usable header; 403 with a wrong token."""
    if settings.admin_token is None or not settings.admin_token.get_secret_value():
        raise StarletteHTTPException(404, "Not Found")
    challenge = {"WWW-Authenticate": 'Bearer realm="runphys-admin"'}
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        raise StarletteHTTPException(401, "admin routes need an `Authorization: Bearer <token>` header", challenge)
    expected = settings.admin_token.get_secret_value().encode()
    if not hmac.compare_digest(token.encode(), expected):
        raise StarletteHTTPException(403, "wrong admin token")


def require_admin(request: Request, response: Response) -> None:
    """Router-level dependency of every admin route (whatever the method or spelling of the path)."""
    check_admin(request.app.state.settings, request.headers.get("authorization"))
    response.headers["Cache-Control"] = "no-store"


# -- HEAD ------------------------------------------------------------------------------------


def is_head(request: Request) -> bool:
    """True when this GET is really a HEAD (see HeadAsGet)."""
    return bool(request.scope.get(HEAD_MARK))


class HeadAsGet:
    """HEAD runs the GET route (same auth, same headers) and the body is dropped."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        # Marked, so routes can tell a HEAD from a reader's GET (a HEAD is never logged as a search).
        await self.app({**scope, "method": "GET", HEAD_MARK: True}, receive, without_body)


# -- rate limit ------------------------------------------------------------------------------


class SlidingWindow:
    """At most `limit` events per `window` seconds per key (in memory, one per worker)."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._swept_at = clock()

    def hit(self, key: str) -> float:
        """Record one event; 0.0 when allowed, else the seconds until the next one would be."""
        now = self.clock()
        with self._lock:
            self._sweep(now)
            events = self._events.setdefault(key, deque())
            while events and now - events[0] >= self.window:
                events.popleft()
            if len(events) >= self.limit:
                return max(events[0] + self.window - now, 0.001)
            events.append(now)
            return 0.0

    def _sweep(self, now: float) -> None:
        """Forget idle clients now and then, so memory follows active clients only."""
        if now - self._swept_at < self.window:
            return
        self._swept_at = now
        for key in [k for k, v in self._events.items() if not v or now - v[-1] >= self.window]:
            del self._events[key]


class RateLimit:
    """429 with Retry-After once a client IP passes the per-minute budget (/healthz exempt)."""

    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        self.app = app
        self.window = SlidingWindow(per_minute) if per_minute > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.window is None or scope["path"] in RATE_EXEMPT:
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        wait = self.window.hit(client[0] if client else "unknown")
        if wait:
            seconds = str(math.ceil(wait))
            response = error_response(
                429,
                "rate_limited",
                f"too many requests; try again in {seconds} s",
                {"limit_per_minute": self.window.limit},
                {"Retry-After": seconds},
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


# -- body size -------------------------------------------------------------------------------


class BodyLimit(HttpMiddleware):
    """413 for a body over `max_bytes` (declared or counted while reading); 414 for a URL over 16 KB."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        super().__init__(app)
        self.max_bytes = max_bytes

    def _too_large(self) -> JSONResponse:
        return error_response(
            413,
            "payload_too_large",
            f"request body is larger than {self.max_bytes} bytes",
            {"max_bytes": self.max_bytes},
        )

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        target = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b""))
        if target > MAX_TARGET_BYTES:
            response = error_response(414, "uri_too_long", f"the URL is longer than {MAX_TARGET_BYTES} bytes")
            await response(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = -1
            if declared < 0:
                await error_response(400, "bad_request", "invalid Content-Length")(scope, receive, send)
                return
            if declared > self.max_bytes:
                await self._too_large()(scope, receive, send)
                return
        if scope["method"] in ("GET", "HEAD", "OPTIONS") and length is None:
            await self.app(scope, receive, send)
            return
        # Read the whole body first (it is small by definition), so an overflow is answered
        # before any route runs, then replay it to the app.
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                messages.append(message)
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._too_large()(scope, receive, send)
                return
            messages.append(message)
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            if messages:
                return messages.pop(0)
            return await receive()

        await self.app(scope, replay, send)


# -- headers ---------------------------------------------------------------------------------


class SecurityHeaders(ResponseHeaders):
    """nosniff and referrer policy everywhere; a strict CSP on HTML (the fragment may be framed)."""

    def set_headers(self, scope: Scope, headers: MutableHeaders) -> None:
        path: str = scope["path"]
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        if headers.get("content-type", "").startswith("text/html"):
            if path in DOCS_CSP:
                headers["Content-Security-Policy"] = DOCS_CSP[path]
                headers["X-Frame-Options"] = "DENY"
            elif path.startswith(FRAGMENT_PREFIX):
                headers["Content-Security-Policy"] = FRAGMENT_CSP
            else:
                headers["Content-Security-Policy"] = PAGE_CSP
                headers["X-Frame-Options"] = "DENY"

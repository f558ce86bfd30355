"""429 with Retry-After once a client passes its requests-per-minute budget (/healthz exempt)."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import error_response

RATE_EXEMPT = ("/healthz",)


def client_key(scope: Scope) -> str:
    """Who is asking: the peer address, which uvicorn has already replaced by X-Forwarded-For's
    client when (and only when) the peer is a trusted proxy (`server.proxy_options`)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


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
        wait = self.window.hit(client_key(scope))
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

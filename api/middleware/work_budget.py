"""What a client costs, not how often it asks: work time per client per minute, fair turns.

A worker answers a search on its event loop, one at a time, so the order in which waiting
requests get their turn decides who waits. First come, first served lets sixteen connections from
one client stand in front of every other reader (788 ms for a 3 ms search). Here each request
waits for a turn; a turn is given to the waiting client that has used the least work time
lately, so a flood from one address waits behind its own requests. The work a request did (from
its turn to the start of its response) is charged to its client in a leaky bucket that drains
at `seconds_per_minute` per minute; a client whose bucket is full waits until it has drained
below the budget, even when no one else is waiting: the budget is what it may cost a worker.
A request that would wait longer than MAX_WAIT_SECONDS is answered 429 with Retry-After.

The turn ends when the response starts, not when it has been sent: a client that reads its
answer slowly holds no one up. The author's and admin routes (authenticated, and some run for
seconds in a worker thread) and static files take no turn.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import error_response
from .base import HttpMiddleware
from .rate_limit import client_key

EXEMPT = ("/healthz", "/static/", "/api/v1/admin", "/author", "/api/v1/gaps")
MAX_WAIT_SECONDS = 30.0
WINDOW_SECONDS = 60.0
# Clients remembered at most; an empty bucket is forgotten first (it costs nothing to forget).
MAX_CLIENTS = 10_000


@dataclass
class _Bucket:
    level: float = 0.0  # work seconds charged and not yet drained
    at: float = 0.0  # when `level` was last brought up to date


@dataclass(order=True)
class _Waiter:
    seq: int
    client: str = field(compare=False)
    turn: asyncio.Future[None] = field(compare=False)


class WorkBudget(HttpMiddleware):
    """Fair turns by recent work time per client; a per-minute work budget (see the module doc)."""

    def __init__(self, app: ASGIApp, seconds_per_minute: float, *, max_wait: float = MAX_WAIT_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(app)
        self.budget = seconds_per_minute
        self.rate = seconds_per_minute / WINDOW_SECONDS  # drained per second
        self.max_wait = max_wait
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._waiting: list[_Waiter] = []
        self._busy = False
        self._seq = count()
        self._timer: asyncio.TimerHandle | None = None

    # -- accounting (event loop only: no lock) --------------------------------------------------

    def level(self, client: str, now: float | None = None) -> float:
        """`client`'s work seconds not yet drained."""
        bucket = self._buckets.get(client)
        if bucket is None:
            return 0.0
        now = self.clock() if now is None else now
        return max(0.0, bucket.level - (now - bucket.at) * self.rate)

    def charge(self, client: str, seconds: float) -> None:
        now = self.clock()
        level = self.level(client, now)
        if client not in self._buckets and len(self._buckets) >= MAX_CLIENTS:
            self._forget(now)
        self._buckets[client] = _Bucket(level + seconds, now)

    def _forget(self, now: float) -> None:
        """Drop drained buckets; if every bucket is still full, the lowest go (a flood keeps its debt)."""
        for key in [k for k in self._buckets if self.level(k, now) <= 0.0]:
            del self._buckets[key]
        if len(self._buckets) >= MAX_CLIENTS:
            for key in sorted(self._buckets, key=lambda k: self.level(k, now))[: len(self._buckets) // 10 + 1]:
                del self._buckets[key]

    # -- turns -------------------------------------------------------------------------------

    async def _take_turn(self, client: str) -> None:
        if not self._busy and not self._waiting and self.level(client) < self.budget:
            self._busy = True
            return
        loop = asyncio.get_running_loop()
        waiter = _Waiter(next(self._seq), client, loop.create_future())
        self._waiting.append(waiter)
        self._dispatch()
        try:
            async with asyncio.timeout(self.max_wait):
                await asyncio.shield(waiter.turn)
        except BaseException:
            if waiter in self._waiting:
                self._waiting.remove(waiter)
            elif waiter.turn.done() and not waiter.turn.cancelled():
                self._end_turn()  # given the turn just as it stopped waiting: pass it on
            raise

    def _end_turn(self) -> None:
        self._busy = False
        self._dispatch()

    def _dispatch(self) -> None:
        """Give the free turn to the waiting client with the least work lately (first come within one)."""
        if self._busy or not self._waiting:
            return
        now = self.clock()
        levels = {w.client: self.level(w.client, now) for w in self._waiting}
        ready = [w for w in self._waiting if levels[w.client] < self.budget]
        if not ready:
            # Everyone waiting is over budget: wake up when the first of them has drained enough.
            lowest = min(levels.values())
            self._wake_in((lowest - self.budget) / self.rate + 1e-3)
            return
        chosen = min(ready, key=lambda w: (levels[w.client], w.seq))
        self._waiting.remove(chosen)
        self._busy = True
        chosen.turn.set_result(None)

    def _wake_in(self, seconds: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().call_later(max(seconds, 0.0), self._woken)

    def _woken(self) -> None:
        self._timer = None
        self._dispatch()

    # -- the middleware ------------------------------------------------------------------------

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.budget <= 0 or scope["path"].startswith(EXEMPT):
            await self.app(scope, receive, send)
            return
        client = client_key(scope)
        try:
            await self._take_turn(client)
        except TimeoutError:
            wait = max(1, math.ceil((self.level(client) - self.budget) / self.rate)) if self.rate else 1
            response = error_response(
                429, "too_busy", f"this client's searches cost too much work; try again in {wait} s",
                {"work_seconds_per_minute": self.budget}, {"Retry-After": str(wait)},
            )
            await response(scope, receive, send)
            return
        started = self.clock()
        ended = False

        def end() -> None:
            nonlocal ended
            if not ended:
                ended = True
                self.charge(client, self.clock() - started)
                self._end_turn()

        async def measured(message: Message) -> None:
            if message["type"] == "http.response.start":
                end()  # the work is done; sending the answer holds no one up
            await send(message)

        try:
            await self.app(scope, receive, measured)
        finally:
            end()

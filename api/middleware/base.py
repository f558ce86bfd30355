"""Bases for the app's pure-ASGI middleware: HTTP only, and response headers set at start."""

from __future__ import annotations

from abc import ABC, abstractmethod

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HttpMiddleware(ABC):
    """Acts on HTTP requests; lifespan and websocket messages pass straight through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    @abstractmethod
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Process one HTTP request."""


class ResponseHeaders(HttpMiddleware):
    """Sets headers on every HTTP response as it starts (after the route has run)."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.set_headers(scope, MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, with_headers)

    @abstractmethod
    def set_headers(self, scope: Scope, headers: MutableHeaders) -> None:
        """Add or change the headers of the response to this request."""

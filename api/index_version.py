"""`X-Index-Version`: the build id of the one bundle version a response was computed from."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Index-Version"


class IndexVersionHeader:
    """Stamps each response with the build id of the engine its request took (see `deps.get_engine`).

    The request's engine lives in `scope["state"]`; the dict is created here so the inner app and
    this middleware share it even when a middleware in between copies the scope.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})

        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                engine = state.get("engine")
                if engine is not None:
                    MutableHeaders(scope=message)[HEADER] = engine.build_id
            await send(message)

        await self.app(scope, receive, stamped)

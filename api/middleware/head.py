"""HEAD runs the GET route (same auth, same headers) and the body is dropped."""

from __future__ import annotations

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEAD_MARK = "runphys.head"


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

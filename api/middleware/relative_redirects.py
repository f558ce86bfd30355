"""A redirect's Location never names the host a client claimed in its Host header.

Starlette's trailing-slash redirect (`/api/v1/search/` -> `/api/v1/search`) builds an absolute
URL from the request, Host header included: a forged `Host: evil.example` would come back as
`Location: http://evil.example/...`, and a cache in front could keep that for every reader. Such a
Location is rewritten to the configured public URL (RUNPHYS_PUBLIC_URL) or, without one, to a
path relative to this site.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .base import HttpMiddleware

REDIRECTS = (301, 302, 303, 307, 308)


def own_location(location: str, public_url: str | None) -> str:
    """`location` with scheme and host replaced: the public URL's, or none (a site path)."""
    parts = urlsplit(location)
    if not parts.scheme and not parts.netloc:
        return location  # already a path on this site
    path = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    if path.startswith("//"):
        path = "/" + path.lstrip("/")  # never a scheme-relative URL to another host
    return f"{public_url}{path}" if public_url else path


class RelativeRedirects(HttpMiddleware):
    """Rewrites an absolute Location on a redirect (see the module doc)."""

    def __init__(self, app: ASGIApp, public_url: str | None) -> None:
        super().__init__(app)
        self.public_url = public_url

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def own_redirects(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] in REDIRECTS:
                headers = MutableHeaders(scope=message)
                location = headers.get("location")
                if location is not None:
                    headers["location"] = own_location(location, self.public_url)
            await send(message)

        await self.app(scope, receive, own_redirects)

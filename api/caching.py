"""ETags and Cache-Control for answers that only change when the bundle does."""

from __future__ import annotations

import hashlib

from fastapi import Request, Response
from starlette.responses import Response as StarletteResponse


class NotModified(Exception):
    """The client's copy is current: answer 304 with no body."""

    def __init__(self, headers: dict[str, str]) -> None:
        super().__init__("not modified")
        self.headers = headers


def etag_for(build_id: str, method: str, path: str, query: list[tuple[str, str]], body: bytes = b"") -> str:
    """A weak validator (gzip may change the bytes) of build id + method + path + sorted query + body."""
    digest = hashlib.sha256()
    for part in (build_id, method.upper(), path, repr(sorted(query))):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(body)
    return f'W/"{digest.hexdigest()[:32]}"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """Weak comparison, as If-None-Match requires."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


async def apply_cache(request: Request, response: Response, build_id: str, max_age: int) -> dict[str, str]:
    """Set ETag and Cache-Control; a GET whose If-None-Match matches ends here with 304."""
    body = await request.body() if request.method == "POST" else b""
    etag = etag_for(build_id, request.method, request.url.path, request.query_params.multi_items(), body)
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={max_age}"}
    if request.method in ("GET", "HEAD") and matches(request.headers.get("if-none-match"), etag):
        raise NotModified(headers)
    response.headers.update(headers)
    return headers


async def handle_not_modified(request: Request, exc: Exception) -> StarletteResponse:
    assert isinstance(exc, NotModified)
    return StarletteResponse(status_code=304, headers=exc.headers)

"""nosniff and referrer policy everywhere; a strict CSP on HTML (the widget fragment may be framed)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import Scope

from .base import ResponseHeaders

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

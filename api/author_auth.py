"""Author pages' auth: the admin bearer header, or a login cookie (browsers cannot send the header).

The cookie holds an HMAC of the token, never the token itself, and is compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import Request
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..service.settings import Settings
from .security import check_admin

COOKIE = "runphys_author"
COOKIE_MAX_AGE = 8 * 3600
LOGIN = "/author/login"
_PURPOSE = b"runphys author session v1"


def admin_token(settings: Settings) -> str | None:
    """The configured token, or None when admin (and author auth) is off."""
    token = settings.admin_token.get_secret_value() if settings.admin_token else ""
    return token or None


def cookie_value(token: str) -> str:
    """What the cookie holds: HMAC-SHA256(token, purpose), so a leaked cookie does not reveal the token."""
    return hmac.new(token.encode(), _PURPOSE, hashlib.sha256).hexdigest()


def token_matches(settings: Settings, candidate: str) -> bool:
    token = admin_token(settings)
    return token is not None and hmac.compare_digest(candidate.encode(), token.encode())


def cookie_matches(settings: Settings, candidate: str | None) -> bool:
    token = admin_token(settings)
    if token is None or not candidate:
        return False
    return hmac.compare_digest(candidate.encode(), cookie_value(token).encode())


def require_author(request: Request) -> None:
    """Open without a token (a local, single-author setup); else the login cookie or the bearer header."""
    settings: Settings = request.app.state.settings
    if admin_token(settings) is None:
        return
    if cookie_matches(settings, request.cookies.get(COOKIE)):
        return
    authorization = request.headers.get("authorization")
    if authorization is None and _wants_page(request):
        raise StarletteHTTPException(303, headers={"Location": LOGIN, "Cache-Control": "no-store"})
    check_admin(settings, authorization)


def _wants_page(request: Request) -> bool:
    """A browser asking for an author page (not the JSON API): sent to the login form instead of a 401."""
    return request.url.path.startswith("/author/") and "text/html" in request.headers.get("accept", "")

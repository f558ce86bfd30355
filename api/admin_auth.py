"""The admin token: the one check every admin route and the author login use.

Admin is off without a token (404 on its routes); `token_matches` compares a candidate with the
configured token in constant time, and `check_admin` turns an `Authorization: Bearer` header into
404 / 401 / 403 by the same rule. `token_fingerprint` names the token without revealing it, so
author sessions made under one token never come back when the token is switched back to it.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import Request, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..service.settings import Settings

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="runphys-admin"'}


def admin_token(settings: Settings) -> str | None:
    """The configured token, or None when admin (and author auth) is off."""
    token = settings.admin_token.get_secret_value() if settings.admin_token else ""
    return token or None


def token_matches(settings: Settings, candidate: str) -> bool:
    """The one comparison of a presented token with the configured one (constant time)."""
    token = admin_token(settings)
    return token is not None and hmac.compare_digest(candidate.encode(), token.encode())


def token_fingerprint(token: str) -> str:
    """A short, non-reversible name of a token (what sessions are bound to)."""
    return hashlib.sha256(b"runphys-admin-token\0" + token.encode()).hexdigest()[:16]


def bearer_token(authorization: str | None) -> str | None:
    """The token of a well-formed `Bearer <token>` header, else None."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        return None
    return token


def check_admin(settings: Settings, authorization: str | None) -> None:
    """Admin is off (404) without a token; 401 without a usable header; 403 with a wrong token."""
    if admin_token(settings) is None:
        raise StarletteHTTPException(404, "Not Found")
    token = bearer_token(authorization)
    if token is None:
        raise StarletteHTTPException(401, "admin routes need an `Authorization: Bearer <token>` header", CHALLENGE)
    if not token_matches(settings, token):
        raise StarletteHTTPException(403, "wrong admin token")


def require_admin(request: Request, response: Response) -> None:
    """Router-level dependency of every admin route (whatever the method or spelling of the path)."""
    check_admin(request.app.state.settings, request.headers.get("authorization"))
    response.headers["Cache-Control"] = "no-store"

"""`/author/login` (a form: token in, session cookie out) and `/author/logout` (a form post)."""

from __future__ import annotations

import math
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...index.errors import BadRequest
from ..admin_auth import token_matches
from ..author_auth import COOKIE, COOKIE_MAX_AGE, require_same_origin, sessions
from ..errors import error_response

router = APIRouter(prefix="/author", include_in_schema=False)
HOME = "/author/gaps"
LOGIN = "/author/login"
FORM_TYPE = "application/x-www-form-urlencoded"
# The form has one field; browsers may add a few of their own, never this many.
MAX_FORM_FIELDS = 10
MAX_FORM_BYTES = 4096
NO_STORE = {"Cache-Control": "no-store"}


def _form(request: Request, status: int = 200, message: str | None = None,
          headers: dict[str, str] | None = None) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, "author_login.html", {"message": message}, status_code=status, headers={**NO_STORE, **(headers or {})}
    )
    return response


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def login_token(request: Request) -> str:
    """The `token` field of a url-encoded form; BadRequest (400) for anything else."""
    content_type = request.headers.get("content-type", FORM_TYPE).partition(";")[0].strip().lower()
    if content_type != FORM_TYPE:
        raise BadRequest(f"the login form must be sent as {FORM_TYPE}")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise BadRequest(f"the login form is larger than {MAX_FORM_BYTES} bytes")
    try:
        fields = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(f"the login form is not a url-encoded form of at most {MAX_FORM_FIELDS} fields") from None
    tokens = [value for name, value in fields if name == "token"]
    if len(tokens) > 1:
        raise BadRequest("the login form has more than one token field")
    return tokens[0] if tokens else ""


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    """The token form (straight to the report when author pages are open)."""
    if sessions(request) is None:
        return RedirectResponse(HOME, status_code=303)
    wait = request.app.state.login_throttle.wait(_client(request))
    if wait:  # a reload while locked out says how long, instead of inviting a try that is refused
        return _form(request, 200, _wait_message(wait), {"Retry-After": str(wait)})
    return _form(request)


@router.post("/login")
async def login(request: Request) -> Response:
    """Token right: a new session in a SameSite=Strict, HttpOnly cookie (Secure over https), then the report."""
    store = sessions(request)
    if store is None:
        return RedirectResponse(HOME, status_code=303)
    require_same_origin(request)
    token = await login_token(request)  # a malformed form is a 400 and no guess
    client = _client(request)
    wait = request.app.state.login_throttle.attempt(client)
    if wait:
        return _throttled(request, wait)  # checked before the token, so a lock-out tells nothing
    if not token_matches(request.app.state.settings, token):
        return _form(request, 403, "Wrong token.")
    request.app.state.login_throttle.succeeded(client)
    store.revoke(request.cookies.get(COOKIE))
    response = RedirectResponse(HOME, status_code=303, headers=NO_STORE)
    response.set_cookie(
        COOKIE, store.create(), max_age=COOKIE_MAX_AGE, path="/", httponly=True,
        samesite="strict", secure=request.url.scheme == "https",
    )
    return response


def _throttled(request: Request, wait: int) -> Response:
    """429 with Retry-After: the login page with a message for a browser, the error shape otherwise."""
    retry = {"Retry-After": str(wait), **NO_STORE}
    if "text/html" in request.headers.get("accept", ""):
        return _form(request, 429, _wait_message(wait), retry)
    return error_response(
        429, "rate_limited", f"too many failed logins; try again in {wait} s", {"retry_after_seconds": wait}, retry
    )


def _wait_message(wait: int) -> str:
    seconds = "1 second" if wait == 1 else f"{wait} seconds"
    when = seconds if wait < 120 else f"{math.ceil(wait / 60)} minutes"
    return f"Too many failed logins. Try again in {when}."


@router.post("/logout")
def logout(request: Request) -> Response:
    """End the session: revoked on the server (the cookie is worthless from now on) and cleared."""
    require_same_origin(request)
    store = sessions(request)
    if store is not None:
        store.revoke(request.cookies.get(COOKIE))
    response = RedirectResponse(LOGIN, status_code=303, headers=NO_STORE)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")
    return response

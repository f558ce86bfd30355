"""`/author/login` (a form: token in, HttpOnly cookie out) and `/author/logout`."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..author_auth import (
    COOKIE,
    COOKIE_MAX_AGE,
    admin_token,
    cookie_value,
    token_matches,
)

router = APIRouter(prefix="/author", include_in_schema=False)
HOME = "/author/gaps"


def _form(request: Request, status: int = 200, message: str | None = None) -> HTMLResponse:
    response = request.app.state.templates.TemplateResponse(
        request, "author_login.html", {"message": message}, status_code=status
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    """The token form (straight to the report when author pages are open)."""
    if admin_token(request.app.state.settings) is None:
        return RedirectResponse(HOME, status_code=303)
    return _form(request)


@router.post("/login")
async def login(request: Request) -> Response:
    """Token right: a SameSite=Strict, HttpOnly cookie (Secure over https) and off to the report."""
    settings = request.app.state.settings
    token = admin_token(settings)
    if token is None:
        return RedirectResponse(HOME, status_code=303)
    fields = parse_qs((await request.body()).decode("utf-8", "replace"), max_num_fields=10)
    if not token_matches(settings, (fields.get("token") or [""])[0]):
        return _form(request, 403, "Wrong token.")
    response = RedirectResponse(HOME, status_code=303)
    response.set_cookie(
        COOKIE, cookie_value(token), max_age=COOKIE_MAX_AGE, path="/", httponly=True,
        samesite="strict", secure=request.url.scheme == "https",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@router.api_route("/logout", methods=["GET", "POST"])
def logout(request: Request) -> Response:
    """Forget the cookie (logging out needs no token, so a plain link will do)."""
    response = RedirectResponse("/author/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")
    return response

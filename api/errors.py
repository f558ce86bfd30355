"""The one error shape: every failure becomes `{"error": {"code", "message", "detail"}}`.

Domain errors (`RunphysError`), validation errors, Starlette's HTTP exceptions and anything
unexpected are all turned into that shape here, and nowhere else. Page routes (HTML) get the
same status with a page in the site's look instead of JSON.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send

from ..index.errors import RunphysError
from .middleware import HttpMiddleware

logger = logging.getLogger(__name__)

# Paths answered in JSON even when a browser asks; everything else is a page.
JSON_PREFIXES = ("/api/", "/healthz", "/readyz", "/static/", "/widget", "/docs", "/openapi.json", "/redoc")

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    414: "uri_too_long",
    422: "invalid_request",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


def error_body(code: str, message: str, detail: object = None) -> dict[str, Any]:
    """The error shape itself (pinned by a test)."""
    return {"error": {"code": code, "message": message, "detail": jsonable_encoder(detail)}}


def error_response(
    status: int,
    code: str,
    message: str,
    detail: object = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(code, message, detail), status_code=status, headers=dict(headers or {}))


def _wants_error_page(request: Request) -> bool:
    """Any HTML-accepting request outside the JSON API gets the error as a page."""
    path = request.url.path
    if path.startswith(JSON_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


def _respond(
    request: Request,
    status: int,
    code: str,
    message: str,
    detail: object = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    templates = getattr(request.app.state, "templates", None)
    if templates is not None and _wants_error_page(request) and request.method != "HEAD":
        page: Response = templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "code": code, "message": message},
            status_code=status,
            headers=dict(headers or {}),
        )
        return page
    return error_response(status, code, message, detail, headers)


def _status_code(status: int) -> str:
    if status in HTTP_CODES:
        return HTTP_CODES[status]
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


async def handle_runphys_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RunphysError)
    if exc.status >= 500:
        logger.warning("%s: %s", exc.code, exc.message)
    return _respond(request, exc.status, exc.code, exc.message, exc.detail)


async def handle_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {
            "field": ".".join(str(part) for part in error.get("loc", ()) if part not in ("body",))
            or "body",
            "location": str(error.get("loc", ("",))[0]),
            "problem": error.get("msg", "invalid"),
        }
        for error in exc.errors()
    ]
    fields = ", ".join(p["field"] for p in problems)
    return _respond(request, 422, "invalid_request", f"invalid request: {fields}", problems)


async def handle_http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code < 400:
        return Response(status_code=exc.status_code, headers=headers)
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    detail = None if isinstance(exc.detail, str) else exc.detail
    return _respond(request, exc.status_code, _status_code(exc.status_code), message, detail, headers)


def unexpected_response() -> JSONResponse:
    return error_response(500, "internal_error", "internal server error; the problem was logged")


async def handle_unexpected(request: Request, exc: Exception) -> Response:
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return unexpected_response()


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler on the app (the only place errors become responses)."""
    app.add_exception_handler(RunphysError, handle_runphys_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_exception)
    app.add_exception_handler(Exception, handle_unexpected)


class ErrorBoundary(HttpMiddleware):
    """Last line: an exception escaping the app becomes a logged 500 in the error shape.

    Sits inside the security-header and CORS middleware, so even a 500 carries their headers
    (Starlette's own ServerErrorMiddleware sits outside every user middleware).
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            logger.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await unexpected_response()(scope, receive, send)

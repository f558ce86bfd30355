"""Interactive API docs, /docs (Swagger UI) and /redoc (ReDoc), from the assets the installed
`fastapi-offline` package ships: no CDN, so they work wherever the service does, under a CSP that
allows only this site's own scripts and styles (the one start-up script is a file, not inline)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

ASSETS_URL = "/docs-assets"
SWAGGER_URL = "/docs"
REDOC_URL = "/redoc"


def assets_dir() -> Path | None:
    """Swagger UI's and ReDoc's files as installed (None without the package)."""
    try:
        import fastapi_offline
    except ImportError:
        return None
    folder = Path(fastapi_offline.__file__).resolve().parent / "static"
    wanted = ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js")
    return folder if all((folder / name).is_file() for name in wanted) else None


def install_docs(app: FastAPI) -> None:
    """Mount the assets and add both pages (503 naming the missing package when it is not installed)."""
    assets = assets_dir()
    if assets is not None:
        app.mount(ASSETS_URL, StaticFiles(directory=assets), name="docs-assets")

    def page(request: Request, template: str, title: str) -> HTMLResponse:
        if assets is None:
            raise StarletteHTTPException(503, "the API docs need the fastapi-offline package installed")
        context = {"title": f"{app.title} – {title}", "openapi_url": app.openapi_url, "assets": ASSETS_URL}
        response: HTMLResponse = request.app.state.templates.TemplateResponse(request, template, context)
        return response

    @app.get(SWAGGER_URL, include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        return page(request, "docs_swagger.html", "Swagger UI")

    @app.get(REDOC_URL, include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        return page(request, "docs_redoc.html", "ReDoc")

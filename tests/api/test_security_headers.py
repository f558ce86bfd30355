"""The headers the app sets on every answer, in one place: CORS (closed by default, open to the
configured origins only) and the security headers (CSP on pages, the widget fragment, the API
docs; nosniff and the referrer policy everywhere)."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from tests.live_server import ServerThread

TOKEN = "headers-token"

# -- CORS ------------------------------------------------------------------------------------


def test_cors_is_closed_by_default(client):
    response = client.get("/api/v1/search?q=knee", headers={"Origin": "https://blog.example"})
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = client.options(
        "/api/v1/related",
        headers={"Origin": "https://blog.example", "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_cors_opens_for_a_configured_origin(make_client):
    client = make_client(cors_origins=["https://blog.example"])
    response = client.get("/api/v1/posts", headers={"Origin": "https://blog.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "https://blog.example"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/related",
        headers={
            "Origin": "https://blog.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://blog.example"
    assert "DELETE" not in preflight.headers["Access-Control-Allow-Methods"]
    other = client.get("/api/v1/posts", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    denied = client.options(
        "/api/v1/posts", headers={"Origin": "https://blog.example", "Access-Control-Request-Method": "DELETE"}
    )
    assert denied.status_code == 400


def test_cors_is_closed_by_default_even_for_simple_requests(client):
    response = client.get("/api/v1/search?q=knee", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200 and "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/v1/search", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in preflight.headers


# -- security headers and CSP ---------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/v1/stats", "/healthz", "/", "/static/site.css", "/api/v1/posts/nope"])
def test_security_headers_everywhere(client, url):
    response = client.get(url)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_get_a_strict_csp(client):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "Content-Security-Policy" not in client.get("/api/v1/stats").headers


def test_widget_fragment_may_be_framed(client):
    response = client.get("/widget/related/step-downs-for-runners-knee")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors" not in csp and "script-src 'self'" in csp
    assert "X-Frame-Options" not in response.headers


@pytest.mark.parametrize(
    "url", ["/", "/?q=knee", "/posts/step-downs-for-runners-knee", "/author/gaps", "/author/login", "/nope"]
)
def test_pages_carry_security_headers(make_client, url):
    client = make_client(admin_token=TOKEN)
    response = client.get(url, headers={"Accept": "text/html", "Authorization": f"Bearer {TOKEN}"})
    assert response.headers["content-type"].startswith("text/html"), url
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "<script>" not in response.text and " onload=" not in response.text and " onclick=" not in response.text


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_pages_load_only_their_own_assets(serve_app: Callable[..., ServerThread], path: str) -> None:
    server = serve_app()
    response = httpx.get(server.url + path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert "http" not in csp and "cdn" not in csp  # no other origin, for anything
    assert response.headers["X-Frame-Options"] == "DENY"
    sources = re.findall(r'(?:src|href)="([^"]*)"', response.text)
    assert sources and all(src.startswith("/") and not src.startswith("//") for src in sources)
    assert "<script>" not in response.text  # no inline script: the CSP would refuse it
    for src in sources:
        assert httpx.get(server.url + src).status_code == 200, src


def test_swagger_ui_gets_the_page_style_rules(serve_app: Callable[..., ServerThread]) -> None:
    csp = httpx.get(serve_app().url + "/docs").headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "blob:" not in csp

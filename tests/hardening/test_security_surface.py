"""Path tricks, static files, the search log's privacy, per-client rate limits, CORS and headers."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from runphys.api.middleware.rate_limit import RateLimit

TOKEN = "surface-token"


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2fsettings.py",
        "/static/....//app.py",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/..%5capp.py",
        "/static/templates/../../app.py",
        "/widget/related/..%2f..%2fapp.py",
        "/api/v1/posts/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/v1/posts/%2e%2e",
        "/posts/..%2f..%2fetc%2fpasswd",
        "/api/v1/posts/%00",
    ],
)
def test_no_path_traversal(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404, 405, 422), (path, response.status_code)
    assert "root:" not in response.text and "create_app" not in response.text and "BaseSettings" not in response.text


def test_static_files_come_only_from_the_package(client):
    from runphys.api.app import PACKAGE

    assert client.get("/static/site.css").status_code == 200
    static = (PACKAGE / "static").resolve()
    assert all(p.resolve().is_relative_to(static) for p in static.iterdir())
    assert client.get("/static/").status_code == 404  # no directory listing


def test_a_current_link_pointing_outside_the_index_is_refused(fresh_index: Path):
    from runphys.index.bundle import open_bundle
    from runphys.index.errors import IndexDamaged

    (fresh_index / "current").unlink()
    (fresh_index / "current").symlink_to("../../../../../../etc")
    with pytest.raises(IndexDamaged, match="points outside"):
        open_bundle(fresh_index)


def log_text(index: Path) -> str:
    return "".join(p.read_text() for p in sorted((index / "searches").glob("*")) if p.is_file())


def test_search_log_stores_no_ip_or_user_agent_and_no_head(make_client, fresh_index: Path):
    client = make_client(index=fresh_index)
    headers = {"User-Agent": "PrivacyProbe/9.9", "X-Forwarded-For": "203.0.113.77", "Referer": "https://ref.example/x"}
    assert client.get("/api/v1/search", params={"q": "knee logged"}, headers=headers).status_code == 200
    page = client.get("/", params={"q": "hamstring logged"}, headers={**headers, "Accept": "text/html"})
    assert page.status_code == 200
    assert client.head("/api/v1/search", params={"q": "head only api"}).status_code == 200
    assert client.head("/", params={"q": "head only page"}).status_code == 200
    assert client.get("/api/v1/suggest", params={"q": "suggest only"}).status_code == 200
    text = log_text(fresh_index)
    entries = [json.loads(line) for line in text.splitlines()]
    assert {e["q"] for e in entries} >= {"knee logged", "hamstring logged"}
    assert not any("head only" in e["q"] or "suggest only" in e["q"] for e in entries)
    assert all(set(e) == {"t", "q", "n", "s"} for e in entries)
    for leak in ("PrivacyProbe", "203.0.113.77", "testclient", "127.0.0.1", "ref.example"):
        assert leak not in text


def call(app, client_ip: str, path: str = "/api/v1/stats") -> tuple[int, dict[str, str]]:
    """One request straight through an ASGI app, from a given client address."""
    sent: list[dict] = []
    scope = {"type": "http", "method": "GET", "path": path, "headers": [], "client": (client_ip, 1234),
             "query_string": b""}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    return start["status"], {k.decode(): v.decode() for k, v in start.get("headers", [])}


async def ok_app(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def test_rate_limit_is_per_client_and_configurable():
    limited = RateLimit(ok_app, per_minute=2)
    assert [call(limited, "10.0.0.1")[0] for _ in range(3)] == [200, 200, 429]
    status, headers = call(limited, "10.0.0.1")
    assert status == 429 and int(headers["retry-after"]) >= 1
    assert call(limited, "10.0.0.2")[0] == 200  # another client has its own budget
    assert call(limited, "10.0.0.1", "/healthz")[0] == 200
    assert all(call(RateLimit(ok_app, per_minute=0), "10.0.0.1")[0] == 200 for _ in range(50))


@pytest.mark.parametrize("method", ["PATCH", "TRACE", "CONNECT", "PROPFIND"])
def test_admin_has_no_method_bypass(make_client, method):
    client = make_client(admin_token=TOKEN)
    for path in ("/api/v1/admin/searches", "/api/v1/admin/posts/x", "/api/v1/admin/reindex"):
        response = client.request(method, path, headers={"X-HTTP-Method-Override": "GET"})
        assert response.status_code in (401, 404, 405), (method, path, response.status_code)
        assert "top_queries" not in response.text
    override = client.post("/api/v1/admin/searches", headers={"X-HTTP-Method-Override": "GET"})
    assert override.status_code in (401, 405)

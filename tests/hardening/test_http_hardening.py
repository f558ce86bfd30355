"""Smaller leaks and edges over a live server: Host-made links, the index path, docs CSP, backslash
links, calendar edges (HTTP and CLI)."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from runphys.api.app import safe_url
from runphys.gaps.html import safe_href
from tests.api.test_search_routes import assert_error
from tests.live_server import ROOT, ServerThread, clean_env, runphys

TOKEN = "hardening-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FRAGMENT = "/widget/related/step-downs-for-runners-knee"


# -- Host header -----------------------------------------------------------------------------


def test_widget_fragment_links_ignore_the_host_header(serve_app: Callable[..., ServerThread]) -> None:
    server = serve_app()
    honest = httpx.get(server.url + FRAGMENT)
    poisoned = httpx.get(server.url + FRAGMENT, headers={"Host": "evil.example"})
    assert poisoned.status_code == honest.status_code == 200
    assert poisoned.text == honest.text and "evil.example" not in poisoned.text
    assert poisoned.headers["etag"] == honest.headers["etag"]  # one cached copy, fit for every reader
    links = re.findall(r'href="([^"]*)"', honest.text)
    assert links and all(link.startswith(("/posts/", "https://")) for link in links)


def test_widget_fragment_links_use_the_public_url(serve_app: Callable[..., ServerThread]) -> None:
    server = serve_app(public_url="https://search.example.com/")
    html = httpx.get(server.url + FRAGMENT, headers={"Host": "evil.example"}).text
    links = re.findall(r'href="([^"]*)"', html)
    local = [link for link in links if "/posts/" in link]
    assert local and all(link.startswith("https://search.example.com/posts/") for link in local)
    assert "evil.example" not in html.replace("search.example.com", "")


@pytest.mark.parametrize("value", ["javascript:alert(1)", "//evil.example", "https://u:p@x.example", "https://x.example/?a"])
def test_public_url_must_be_a_plain_http_base(value: str) -> None:
    from pydantic import ValidationError

    from runphys.service.settings import Settings

    with pytest.raises(ValidationError):
        Settings(public_url=value)


# -- the index path --------------------------------------------------------------------------


def test_stats_do_not_tell_where_the_index_is(serve_app: Callable[..., ServerThread], demo_index: Path) -> None:
    server = serve_app()
    stats = httpx.get(server.url + "/api/v1/stats")
    assert stats.status_code == 200 and stats.json()["posts"] > 0
    assert "index" not in stats.json() and str(demo_index) not in stats.text
    schema = httpx.get(server.url + "/openapi.json").json()["components"]["schemas"]["StatsResponse"]
    assert "index" not in schema["properties"]


def test_cli_stats_still_names_the_index(demo_index: Path) -> None:
    result = subprocess.run([*runphys(), "stats", "--index", str(demo_index), "--json"], env=clean_env(), cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["index"] == str(demo_index)


# -- docs ------------------------------------------------------------------------------------


# -- links that leave the site ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/\\evil.example/x", "/\\\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example",
     "https:\\\\evil.example", "/%09/ok\\x", "java\tscript:alert(1)"],
)
def test_backslash_and_control_tricks_are_not_links(url: str) -> None:
    assert safe_url(url) == "" and safe_url(url, "/posts/x") == "/posts/x"
    assert safe_href(url) == ""


def test_a_backslash_link_in_a_post_is_replaced_by_the_post_page(serve_app: Callable[..., ServerThread],
                                                                   fresh_index: Path) -> None:
    server = serve_app(index=fresh_index, admin_token=TOKEN)
    body = {"title": "Quagga calf raise", "slug": "quagga-calf", "url": "/\\evil.example/x",
            "body": "Quagga calf raise."}
    assert httpx.put(f"{server.url}/api/v1/admin/posts/quagga", json=body, headers=AUTH, timeout=60).status_code == 200
    html = httpx.get(server.url + "/", params={"q": "quagga"}).text
    assert 'href="/posts/quagga-calf"' in html and "evil.example" not in html
    assert "evil.example" not in httpx.get(f"{server.url}/posts/quagga-calf").text


# -- calendar edges --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/gaps?until=9999-12-31", "/api/v1/gaps?since=0001-01-01", "/api/v1/gaps?now=9999-12-31",
        "/api/v1/gaps?since=1899-12-31", "/api/v1/gaps?until=2200-01-01",
        "/api/v1/search?q=knee&date_to=9999-12-31", "/api/v1/search?q=knee&date_from=0001-01-01",
        "/?q=knee&date_to=9999-12-31",
    ],
)
def test_dates_off_the_calendar_edges_are_422(serve_app: Callable[..., ServerThread], url: str) -> None:
    server = serve_app()
    response = httpx.get(server.url + url)
    error = assert_error(response, 422, "invalid_request")
    assert "1900-01-01" in json.dumps(error) or "2199-12-31" in json.dumps(error)


def test_the_author_page_at_the_edge_is_422_not_500(serve_app: Callable[..., ServerThread]) -> None:
    server = serve_app()
    page = httpx.get(server.url + "/author/gaps?until=9999-12-31", headers={"Accept": "text/html"})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    edge = httpx.get(server.url + "/api/v1/gaps", params={"since": "1900-01-01", "until": "2199-12-31",
                                                         "now": "2199-12-31"})
    assert edge.status_code == 200, edge.text


@pytest.mark.parametrize(
    "date",
    ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00-05:00", "9999-12-31T23:59:59-05:00", "1899-12-31T23:59:59Z",
     "2200-01-01T00:00:00Z", "2199-12-31T23:00:00-05:00"],
)
def test_admin_post_dates_outside_the_range_are_422(serve_app: Callable[..., ServerThread], fresh_index: Path,
                                                    date: str) -> None:
    server = serve_app(index=fresh_index, admin_token=TOKEN)
    response = httpx.put(f"{server.url}/api/v1/admin/posts/edge", json={"title": "Edge", "date": date}, headers=AUTH)
    error = assert_error(response, 422, "invalid_request")
    assert error["detail"][0]["field"] == "date" and "1900-01-01" in error["detail"][0]["problem"]


def test_admin_post_dates_at_the_range_ends_are_kept(serve_app: Callable[..., ServerThread], fresh_index: Path) -> None:
    server = serve_app(index=fresh_index, admin_token=TOKEN)
    for post_id, date in (("first", "1900-01-01T00:00:00Z"), ("last", "2199-12-31T23:59:59+00:00")):
        response = httpx.put(f"{server.url}/api/v1/admin/posts/{post_id}", json={"title": post_id, "date": date},
                             headers=AUTH, timeout=60)
        assert response.status_code == 200, response.text
    assert httpx.get(f"{server.url}/api/v1/gaps", headers=AUTH).status_code == 200


@pytest.mark.parametrize(("option", "value"), [("--until", "9999-12-31"), ("--since", "0001-01-01"),
                                               ("--now", "9999-12-31T23:59:59")])
def test_cli_gaps_refuses_dates_off_the_edges(demo_index: Path, option: str, value: str) -> None:
    result = subprocess.run([*runphys(), "gaps", "--index", str(demo_index), option, value], env=clean_env(),
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "between 1900-01-01 and 2199-12-31" in result.stderr


def test_as_datetime_ends_the_last_day_of_the_calendar() -> None:
    from datetime import UTC, date, datetime

    from runphys.gaps.freshness import as_datetime

    assert as_datetime(date.max, end_of_day=True) == datetime.max.replace(tzinfo=UTC)
    assert as_datetime(date(2026, 1, 31), end_of_day=True) == datetime(2026, 2, 1, tzinfo=UTC)

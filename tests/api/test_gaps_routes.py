"""GET /api/v1/gaps and the /author/gaps page."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from runphys.api.app import create_app
from runphys.gaps import SECTIONS
from runphys.service.settings import Settings
from tests.browser import chromium, needs_chromium

TOKEN = "gaps-token-for-tests"


@pytest.fixture
def make_gaps_client(fresh_index):
    started = []

    def make(**overrides):
        overrides.setdefault("index", fresh_index)
        client = TestClient(create_app(Settings(**overrides)))
        client.__enter__()
        started.append(client)
        return client

    yield make
    for client in started:
        client.__exit__(None, None, None)


def test_json_matches_the_report(make_gaps_client):
    response = make_gaps_client().get("/api/v1/gaps", params={"since": "2026-01-01", "until": "2026-12-31"})
    assert response.status_code == 200
    data = response.json()
    assert tuple(data) == SECTIONS
    assert data["suggestions"][0]["key"] == "achilles_tendinopathy"
    assert data["demand"]["since"].startswith("2026-01-01")


def test_bad_window_is_rejected(make_gaps_client):
    client = make_gaps_client()
    assert client.get("/api/v1/gaps", params={"since": "2026-02-01", "until": "2026-01-01"}).status_code == 400
    assert client.get("/api/v1/gaps", params={"since": "yesterday"}).status_code == 422


def test_page_shows_heatmap_and_links(make_gaps_client):
    response = make_gaps_client().get("/author/gaps")
    assert response.status_code == 200
    html = response.text
    assert 'id="heatmap"' in html and 'src="/static/gaps.js"' in html
    assert 'href="/posts/coming-back-from-a-hamstring-strain"' in html
    assert "<script>" not in html and "style=" not in html  # the page CSP forbids inline script and style
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert make_gaps_client().get("/static/gaps.js").status_code == 200


def test_admin_token_when_configured(make_gaps_client):
    client = make_gaps_client(admin_token=TOKEN)
    for url in ("/api/v1/gaps", "/author/gaps"):
        assert client.get(url).status_code == 401
        assert client.get(url, headers={"Authorization": "Bearer wrong"}).status_code == 403
        assert client.get(url, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_page_data_levels_are_numbers(make_gaps_client):
    html = make_gaps_client().get("/author/gaps").text
    levels = [float(x) for x in re.findall(r'data-level="([0-9.]+)"', html)]
    assert levels and max(levels) == 1.0


@needs_chromium
def test_page_heatmap_is_coloured_by_gaps_js_under_the_csp(serve_app, fresh_index):
    server = serve_app(index=fresh_index)
    errors: list[str] = []
    with chromium() as browser:
        page = browser.new_page()
        # favicon.ico is a 404 by design; what must not happen is a CSP refusal or a script error.
        page.on("console", lambda msg: errors.append(msg.text) if "Refused" in msg.text else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{server.url}/author/gaps")
        cell = page.locator("#heatmap td.cell.ok").first
        page.wait_for_function("() => document.querySelector('#heatmap td.cell.ok').style.backgroundColor !== ''")
        assert cell.evaluate("el => getComputedStyle(el).backgroundColor").startswith("rgb(")
        header = page.locator("table.sortable th").first
        header.click()
        assert header.get_attribute("aria-sort") == "ascending"
    assert not errors, errors


# -- what the author reads: junk apart, whole sentences, named columns, both widths --------------

JUNK = ("asdfgh qwerty", "laufen knieschmerzen", "https://example.com/foo")


def log_searches(index_dir):
    from datetime import UTC, datetime

    from runphys.index.search_log import SearchLog

    log = SearchLog(index_dir / "searches")
    when = datetime(2026, 3, 1, 12, tzinfo=UTC)
    for query in JUNK:
        log.record(query, 0, None, when=when)
    for query in ("achilles", "achilles tendinopathy", "shinsplints"):
        log.record(query, 0, None, when=when)
    for _ in range(5):
        log.record("knee", 45, 1.0, when=when)  # a broad search that found many posts
        log.record("plantar fasciitis", 3, 16.0, when=when)


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_page_counts_junk_apart_and_reads_in_whole_sentences(make_gaps_client, fresh_index):
    log_searches(fresh_index)
    client = make_gaps_client()
    data = client.get("/api/v1/gaps").json()["demand"]
    assert data["unrecognised_searches"] == len(JUNK)
    assert [(i["key"], i["searches"]) for i in data["items"]] == [("achilles_tendinopathy", 2), ("shin_splints", 1)]
    html = client.get("/author/gaps").text
    text = visible_text(html)
    for query in JUNK:
        assert query not in text
    assert f"{len(JUNK)} not understood" in text
    assert not re.search(r"(?<!\.)\.\.(?!\.)", text), "a sentence ends in '..'"
    assert not re.search(r"<th[^>]*>\s*</th>", html), "a column without a name"
    assert "1 posts" not in text and "1 searches" not in text
    assert "“knee”" not in text  # 45 posts found: never a miss


@needs_chromium
def test_page_at_desktop_and_phone_width(serve_app, fresh_index):
    from tests.browser import screenshot

    log_searches(fresh_index)
    server = serve_app(index=fresh_index)
    with chromium() as browser:
        for width in (1280, 390):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(f"{server.url}/author/gaps")
            page.wait_for_function("() => document.querySelector('#heatmap td.cell.ok').style.backgroundColor !== ''")
            # The page itself never scrolls sideways: a wide table scrolls inside its own box.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            freshness = page.locator("table.gaps-freshness").first
            if width == 1280:
                headers = freshness.locator("thead th").all_inner_texts()
                assert [h.strip() for h in headers][:2] == ["body part", "status"] and all(h.strip() for h in headers)
                widths = freshness.locator("thead th").evaluate_all("ths => ths.map(th => th.offsetWidth)")
                assert min(widths) >= 60, widths  # no cramped column
            else:
                # On a phone each row is a card whose lines carry the column names.
                label = freshness.locator("tbody td").nth(1).evaluate(
                    "td => getComputedStyle(td, '::before').content")
                assert label == '"status"'
            screenshot(page, f"author-gaps-{width}.png")
            page.close()

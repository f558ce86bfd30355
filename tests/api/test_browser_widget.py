"""The widget says what it shows, in real headless Chromium against a real uvicorn: "Related
videos" or "Related posts", a play mark only for a video, an unknown post quietly empty, and the
error line kept for a real failure (an unreachable API, a 5xx). Screenshots in test-artifacts/."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.test_browser_site import HostSite
from tests.browser import BROWSER_MARKS, chromium, screenshot
from tests.live_server import free_port

pytestmark = BROWSER_MARKS

# Its related list (every kind of post) holds posts with and without a video.
MIXED = "medial-tibial-stress-syndrome-and-calf-capacity"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, errors


@pytest.fixture
def host_site(tmp_path: Path) -> Iterator[HostSite]:
    root = tmp_path / "host"
    root.mkdir()
    site = HostSite(root)
    yield site
    site.close()


class FailingApi:
    """An API that answers every request with a 500 (CORS open), as a broken server would."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), _Failing)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Failing(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"error": {"code": "error", "message": "broken", "detail": null}}'
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def page_with(api: str, widgets: str) -> str:
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>Host blog</title>
<style>body {{ font-family: Georgia, serif; max-width: 900px; margin: 24px auto; }}
.slot {{ margin: 18px 0; }} .slot > p {{ margin: 0 0 6px; color: #555; font-size: 13px; }}</style></head>
<body><h1>A host blog post</h1>
{widgets}
<script src="{api}/widget.js"></script>
</body></html>"""


def slot(label: str, attributes: str) -> str:
    return f'<div class="slot"><p>{label}</p><div {attributes}></div></div>'


def settled(page: Any, host_id: str) -> Any:
    """The widget's shadow root once it has stopped loading."""
    page.wait_for_function(
        "id => { const r = document.getElementById(id).shadowRoot;"
        " return r && (r.querySelector('li') || (r.querySelector('.state') &&"
        " r.querySelector('.state').textContent !== 'Loading\u2026')); }", arg=host_id, timeout=15_000)
    return page.locator(f"#{host_id}")


def related(api: str, slug: str, videos_only: bool, limit: int) -> list[dict[str, Any]]:
    url = f"{api}/api/v1/posts/{slug}/related?limit={limit}&videos_only={'true' if videos_only else 'false'}"
    with urllib.request.urlopen(url, timeout=10) as response:
        items: list[dict[str, Any]] = json.loads(response.read())["related"]
    return items


def test_all_posts_say_related_posts_and_a_post_without_video_has_no_play_mark(serve_app, host_site, page):
    api = serve_app(cors_origins=[host_site.url])
    widgets = (slot("data-videos-only=\"false\"", f'id="posts" data-runphys-related="{MIXED}" data-limit="6" '
                    'data-videos-only="false"')
               + slot("default (videos only)", f'id="videos" data-runphys-related="{MIXED}" data-limit="3"'))
    page.goto(host_site.write("mixed.html", page_with(api.url, widgets)))
    settled(page, "posts")
    settled(page, "videos")
    listed = related(api.url, MIXED, videos_only=False, limit=6)
    assert any(not item["has_video"] for item in listed) and any(item["has_video"] for item in listed)

    assert page.locator("#posts h2").inner_text() == "Related posts"
    assert page.locator("#posts section").get_attribute("aria-label") == "Related posts"
    assert page.locator("#videos h2").inner_text() == "Related videos"
    cards = page.locator("#posts li")
    assert cards.count() == len(listed)
    for position, item in enumerate(listed):
        card = cards.nth(position)
        assert card.locator(".title").inner_text() == item["title"]
        marks = card.locator(".placeholder").count()
        images = card.locator("img").count()
        if item["has_video"]:
            assert images + marks == 1, item["title"]
            assert marks == (0 if item["thumbnail_url"] else 1)
        else:
            assert images == marks == 0, f"{item['title']} has no video, yet shows a picture or a play mark"
    screenshot(page, "widget-related-posts.png")


def test_an_unknown_post_is_quietly_empty_and_a_real_failure_says_so(serve_app, host_site, page):
    api = serve_app(cors_origins=[host_site.url])
    broken = FailingApi()
    gone = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    try:
        widgets = "".join((
            slot("unknown post (videos)", 'id="unknown" data-runphys-related="no-such-post"'),
            slot("unknown post (all posts)", 'id="unknown-posts" data-runphys-related="no-such-post" '
                 'data-videos-only="false"'),
            slot("API unreachable", f'id="unreachable" data-api="{gone}" data-runphys-related="{MIXED}"'),
            slot("API answers 500", f'id="failing" data-api="{broken.url}" data-runphys-related="{MIXED}" '
                 'data-videos-only="false"'),
        ))
        page.goto(host_site.write("states.html", page_with(api.url, widgets)))
        for host_id in ("unknown", "unknown-posts", "unreachable", "failing"):
            settled(page, host_id)
        assert page.locator("#unknown .state").inner_text() == "No related videos yet."
        assert page.locator("#unknown-posts .state").inner_text() == "No related posts yet."
        assert page.locator("#unknown .error").count() == 0
        assert page.locator("#unreachable .state.error").inner_text() == "Related videos could not be loaded."
        assert page.locator("#failing .state.error").inner_text() == "Related posts could not be loaded."
        screenshot(page, "widget-states.png")
    finally:
        broken.close()


"""The site and the widget in real headless Chromium against a real uvicorn (Playwright)."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import ARTIFACTS, BROWSER_MARKS, chromium, screenshot
from tests.live_server import free_port
from tests.paths import ROOT

TOKEN = "browser-test-token"

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser):
    """A fresh page that fails the test on any JS dialog, page error or CSP violation."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    problems: list[str] = []

    def on_dialog(dialog):
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on(
        "console",
        lambda msg: problems.append(f"console: {msg.text}")
        if msg.type == "error" and "Content Security Policy" in msg.text
        else None,
    )
    tab.problems = problems  # type: ignore[attr-defined]
    yield tab
    context.close()
    assert not problems, problems


def shot(page, name: str) -> None:
    screenshot(page, f"{name}.png")


class HostSite:
    """A stand-in for the blog: a tiny http.server on another port serving one HTML page."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        handler = functools.partial(QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def write(self, name: str, html: str) -> str:
        (self.root / name).write_text(html, encoding="utf-8")
        return f"{self.url}/{name}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def host_site(tmp_path: Path) -> Iterator[HostSite]:
    root = tmp_path / "host"
    root.mkdir()
    site = HostSite(root)
    yield site
    site.close()


def host_page(api: str, widgets: str) -> str:
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>Host blog</title>
<style>
  ul, li {{ display: none !important; }}
  .title {{ font-size: 40px; color: rgb(255, 0, 0); }}
  a {{ color: rgb(0, 128, 0); }}
</style></head>
<body>
<h2 class="title" id="host-title">A host blog post</h2>
{widgets}
<script src="{api}/widget.js"></script>
</body></html>"""


def test_search_suggest_filter_flow(serve_app, page):
    server = serve_app()
    page.goto(server.url + "/")
    box = page.locator("#q")
    box.click()
    box.press_sequentially("kne", delay=60)
    options = page.locator("#suggestions [role=option]")
    options.first.wait_for(state="visible", timeout=10_000)
    assert box.get_attribute("aria-expanded") == "true"
    assert options.count() >= 1
    shot(page, "01-suggestions")

    box.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    box.press("Escape")
    assert page.locator("#suggestions").is_hidden()
    assert box.get_attribute("aria-expanded") == "false"

    box.fill("knee pain")
    with page.expect_navigation():
        box.press("Enter")
    assert "q=knee+pain" in page.url
    marks = page.locator(".hit .excerpt mark")
    assert marks.count() > 0
    heading = page.locator("#results-heading").inner_text()
    shot(page, "02-results")

    facet = page.locator('[data-facet="body_part"] a.facet-link').first
    label = facet.locator(".facet-label").inner_text()
    value = facet.get_attribute("data-facet-value")
    with page.expect_navigation():
        facet.click()
    assert f"body_part={value}" in page.url and "q=knee+pain" in page.url
    selected = page.locator('[data-facet="body_part"] a.facet-link.selected')
    assert selected.count() == 1 and label in selected.inner_text()
    assert page.locator("#results-heading").inner_text() != heading or page.locator(".hit").count() > 0
    page.keyboard.press("Tab")  # keyboard reachable; the focus ring is visible in the screenshot
    shot(page, "03-filtered")


def test_suggestion_enter_opens_a_post(serve_app, page):
    server = serve_app()
    page.goto(server.url + "/")
    box = page.locator("#q")
    box.press_sequentially("step-d", delay=60)
    option = page.locator("#suggestions [role=option][data-kind=post]").first
    option.wait_for(state="visible", timeout=10_000)
    index = int(option.get_attribute("id").split("-")[-1])
    for _ in range(index + 1):
        box.press("ArrowDown")
    with page.expect_navigation():
        box.press("Enter")
    assert "/posts/" in page.url


def test_post_page_shows_the_widget(serve_app, page):
    server = serve_app()
    page.goto(server.url + "/posts/step-downs-for-runners-knee")
    items = page.locator("[data-runphys-related] li")
    items.first.wait_for(state="visible", timeout=10_000)
    assert 1 <= items.count() <= 4
    shot(page, "04-post-widget")


def test_widget_on_another_origin(serve_app, host_site, page):
    api = serve_app(cors_origins=[host_site.url])
    widgets = """
<div id="w1" data-runphys-related="step-downs-for-runners-knee" data-limit="3"></div>
<div id="w2" data-runphys-related="step-downs-for-runners-knee" data-limit="2" data-videos-only></div>
<div id="w3" data-runphys-related="no-such-post"></div>
"""
    page.goto(host_site.write("index.html", host_page(api.url, widgets)))
    first = page.locator("#w1 li")
    first.first.wait_for(state="visible", timeout=10_000)
    assert first.count() == 3
    # Items live in the shadow root, untouched by the host's CSS (which hides every li).
    in_shadow = page.evaluate(
        "() => document.getElementById('w1').shadowRoot.querySelectorAll('li').length"
    )
    assert in_shadow == 3
    assert page.evaluate("() => document.getElementById('w1').querySelectorAll('li').length") == 0
    title = page.locator("#w1 .title").first
    assert title.inner_text()
    assert title.evaluate("e => getComputedStyle(e).fontSize") == "14px"
    # ...and the widget's CSS does not reach the host.
    assert page.locator("#host-title").evaluate("e => getComputedStyle(e).fontSize") == "40px"
    href = page.locator("#w1 a").first.get_attribute("href")
    assert href.startswith((api.url + "/posts/", "http"))
    assert page.locator("#w1 h2").inner_text() == "Related videos"

    page.locator("#w2 li").first.wait_for(state="visible", timeout=10_000)
    assert page.locator("#w2 li").count() <= 2
    error = page.locator("#w3 .state")
    error.wait_for(timeout=10_000)
    page.wait_for_function(
        "() => document.getElementById('w3').shadowRoot.querySelector('.state').textContent !== 'Loading\u2026'"
    )
    assert error.inner_text() == "No related videos yet."  # an unknown post is not a failure
    shot(page, "05-host-widget")


def test_widget_data_api_overrides_the_script_origin(serve_app, host_site, page):
    api = serve_app(cors_origins=[host_site.url])
    widget_js = ROOT / "api" / "static" / "widget.js"
    host_site.write("widget.js", widget_js.read_text(encoding="utf-8"))
    html = host_page(
        host_site.url,  # the script comes from the host itself...
        f'<div id="w1" data-api="{api.url}" data-runphys-related="step-downs-for-runners-knee" data-limit="2"></div>'
        '<div id="w2" data-api="' + api.url + '" data-runphys-related=""></div>',
    )
    page.goto(host_site.write("index.html", html))
    page.locator("#w1 li").first.wait_for(state="visible", timeout=10_000)  # ...the data from the API
    assert page.locator("#w1 li").count() == 2
    assert page.locator("#w2 .state").inner_text() == "No related videos yet."


def test_widget_is_refused_by_an_origin_not_configured(serve_app, host_site, page):
    api = serve_app()  # CORS closed
    widget = '<div id="w1" data-runphys-related="step-downs-for-runners-knee"></div>'
    page.goto(host_site.write("index.html", host_page(api.url, widget)))
    page.wait_for_function(
        "() => { const s = document.getElementById('w1').shadowRoot.querySelector('.state');"
        " return s && s.textContent !== 'Loading\u2026'; }"
    )
    assert "could not be loaded" in page.locator("#w1 .state").inner_text()
    page.problems.clear()  # the browser logs the CORS refusal; that is the point here


def put(url: str, body: dict) -> dict:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="PUT",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_xss_post_renders_inert(serve_app, host_site, fresh_index, page):
    api = serve_app(index=fresh_index, admin_token=TOKEN, cors_origins=[host_site.url])
    for number in (1, 2):
        put(
            f"{api.url}/api/v1/admin/posts/xss-{number}",
            {
                "title": f"<script>alert('title')</script><img src=x onerror=alert('img')> Zebrafish knee {number}",
                "slug": f"xss-{number}",
                "url": "javascript:alert('url')",
                "body": "Zebrafish knee drills <script>alert('body')</script> <svg onload=alert('svg')> "
                        "zebrafish knee.",
                "videos": [
                    {"provider": "youtube", "video_id": "x", "url": "javascript:alert('video')",
                     "thumbnail_url": "javascript:alert('thumb')"}
                ],
            },
        )
    page.goto(f"{api.url}/?q=zebrafish")
    assert page.locator(".hit").count() >= 2
    assert "<script>alert('title')</script>" in page.locator(".hit h2").first.inner_text()
    for link in page.locator(".hit h2 a").all():
        assert link.get_attribute("href").startswith("/posts/xss-")
    shot(page, "06-xss-search")

    page.goto(f"{api.url}/posts/xss-1")
    page.locator("[data-runphys-related] li").first.wait_for(state="visible", timeout=10_000)
    widget_titles = page.locator("[data-runphys-related] .title").all_inner_texts()
    assert any("<script>" in text for text in widget_titles)
    hrefs = [a.get_attribute("href") for a in page.locator("[data-runphys-related] a").all()]
    assert all(not href.lower().startswith("javascript") for href in hrefs)
    shot(page, "07-xss-post")

    page.goto(host_site.write("xss.html", host_page(api.url, '<div data-runphys-related="xss-1"></div>')))
    page.locator("[data-runphys-related] li").first.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(300)  # give any injected handler a chance to fire
    assert page.evaluate("() => document.querySelectorAll('script').length") == 1


# -- author login, logout, cross-site forms ------------------------------------------------------


def test_login_page_in_the_site_look_logs_in_and_out(serve_app, fresh_index, page):
    server = serve_app(index=fresh_index, admin_token=TOKEN)
    page.goto(server.url + "/author/gaps")
    page.wait_for_url(server.url + "/author/login")
    card = page.locator(".login-card")
    assert card.is_visible() and page.locator("h1").inner_text() == "Author login"
    assert card.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    button = page.locator(".author-login button")
    assert button.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(11, 107, 203)"  # the site's accent
    field = page.locator("input[name=token]")
    assert field.evaluate("e => e === document.activeElement")
    assert abs(field.bounding_box()["width"] - button.bounding_box()["width"]) < 2  # one column
    shot(page, "08-author-login")

    field.fill("not the token")
    with page.expect_navigation():
        button.click()
    message = page.locator(".form-message")
    assert message.inner_text() == "Wrong token."
    assert message.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 226, 226)"
    shot(page, "09-author-login-wrong")

    page.fill("input[name=token]", TOKEN)
    with page.expect_navigation():
        page.click(".author-login button")
    assert page.url == server.url + "/author/gaps" and "Coverage gaps" in page.content()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "09b-author-gaps-logged-in.png"))  # the top, with the log-out button
    logout = page.locator(".logout-form button")
    assert logout.inner_text() == "Log out"
    with page.expect_navigation():
        logout.click()  # a same-origin form post: the browser's own Origin and Sec-Fetch-Site pass
    assert page.url == server.url + "/author/login"
    page.goto(server.url + "/author/gaps")
    page.wait_for_url(server.url + "/author/login")  # the session is gone on the server too


def test_login_page_tells_a_locked_out_browser_how_long(serve_app, fresh_index, page):
    server = serve_app(index=fresh_index, admin_token=TOKEN)
    page.goto(server.url + "/author/login")
    for guess in ("one", "two", "three", "four"):
        page.fill("input[name=token]", guess)
        with page.expect_navigation():
            page.click(".author-login button")
    assert "Too many failed logins. Try again in 1 second." in page.locator(".form-message").inner_text()
    shot(page, "10-author-login-locked")


def test_other_sites_cannot_log_the_author_out_or_in(serve_app, host_site, fresh_index, page):
    server = serve_app(index=fresh_index, admin_token=TOKEN)
    page.goto(server.url + "/author/login")
    page.fill("input[name=token]", TOKEN)
    with page.expect_navigation():
        page.click(".author-login button")
    # Another port on the same host is the same *site*: the SameSite=Strict cookie rides along,
    # so only the Origin and Sec-Fetch-Site checks stop these.
    attack = f"""<!doctype html><title>Win a prize</title>
<img src="{server.url}/author/logout" alt="">
<form id="out" method="post" action="{server.url}/author/logout"><button>Claim</button></form>
<form id="in" method="post" action="{server.url}/author/login">
  <input name="token" value="guess"><button>Go</button>
</form>"""
    page.goto(host_site.write("prize.html", attack))
    with page.expect_navigation():
        page.click("#out button")
    refused = "cross-site requests to the author login are refused"
    assert refused in page.content() and page.url == server.url + "/author/logout"
    page.goto(host_site.url + "/prize.html")
    with page.expect_navigation():
        page.click("#in button")
    assert refused in page.content()
    page.goto(server.url + "/author/gaps")
    assert page.url == server.url + "/author/gaps" and "Coverage gaps" in page.content()  # still logged in
    page.problems.clear()  # the refused posts and the <img> log as errors; that is the point here


# -- API docs without the internet ------------------------------------------------------------


def test_api_docs_work_with_no_other_host_reachable(serve_app, browser):
    server = serve_app()
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    elsewhere: list[str] = []

    def only_this_server(route):
        if route.request.url.startswith(server.url + "/"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_server)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    csp: list[str] = []
    tab.on("console", lambda msg: csp.append(msg.text) if "Content Security Policy" in msg.text else None)
    try:
        tab.goto(server.url + "/docs")
        operations = tab.locator(".opblock")
        operations.first.wait_for(state="visible", timeout=20_000)
        assert operations.count() >= 10
        assert "/api/v1/search" in tab.locator(".opblock-summary-path").all_inner_texts()
        shot(tab, "11-docs-swagger")

        tab.goto(server.url + "/redoc")
        listed = tab.locator("[data-section-id^='operation/']")
        listed.first.wait_for(state="attached", timeout=20_000)
        assert listed.count() >= 10
        assert tab.get_by_text("/api/v1/search").first.is_visible() or "/api/v1/search" in tab.content()
        shot(tab, "12-docs-redoc")
    finally:
        context.close()
    assert elsewhere == []  # nothing even tried another host
    assert errors == []
    # ReDoc's footer names its CDN logo; the docs CSP refuses it before any request is made.
    assert all("cdn.redoc.ly" in text for text in csp), csp


# -- hostile slugs in the widget ------------------------------------------------------------------


def test_widget_links_to_posts_with_hostile_slugs_stay_under_posts(serve_app, fresh_index, page):
    from tests.hardening.test_http_slugs import hostile_posts

    hostile_posts(fresh_index)
    server = serve_app(index=fresh_index)
    page.goto(server.url + "/posts/..%2F..%2Fauthor%2Flogout")
    links = page.locator("[data-runphys-related] a")
    links.first.wait_for(state="visible", timeout=10_000)
    resolved = [link.evaluate("a => a.href") for link in links.all()]
    assert resolved and all(href.startswith(server.url + "/posts/") for href in resolved), resolved
    assert all("/" not in href.removeprefix(server.url + "/posts/") for href in resolved), resolved
    assert server.url + "/posts/2019%2F05%2Fwombat-knee-drills" in resolved
    shot(page, "13-widget-hostile-slugs")
    with page.expect_navigation():
        page.locator("[data-runphys-related] a[href$='2019%2F05%2Fwombat-knee-drills']").click()
    assert page.locator("h1").inner_text() == "Wombat slashed knee drill"


def test_a_search_on_an_unwritten_topic_offers_nearby_posts(serve_app, page):
    server = serve_app()
    page.goto(f"{server.url}/?q=achilles")
    page.locator(".notice", has_text="No posts on Achilles yet").wait_for()
    nearby = page.locator("ol.nearby li.hit")
    assert nearby.count() >= 3
    assert page.locator(".results-heading").inner_text().startswith("0 results")
    assert page.locator("li.empty").count() == 0  # offered posts, not a dead end
    shot(page, "14-search-nearby")


def test_the_widget_of_a_post_without_video_neighbours_shows_videos(serve_app, page):
    server = serve_app()
    page.goto(f"{server.url}/posts/running-in-the-cold-keeping-your-lungs-happy")
    links = page.locator("[data-runphys-related] >> css=li a")
    links.first.wait_for()
    titles = links.all_inner_texts()
    assert titles and not any("Race Week" in t for t in titles)
    related = page.request.get(f"{server.url}/api/v1/posts/running-in-the-cold-keeping-your-lungs-happy/related",
                               params={"limit": 4, "videos_only": "true"}).json()["related"]
    assert related and all(item["has_video"] for item in related)
    shot(page, "15-widget-videos-only")


def test_search_page_shows_a_red_flag_above_the_results(serve_app, page):
    server = serve_app()
    page.goto(server.url + "/?q=" + "pinpoint pain on my shin bone that keeps getting worse".replace(" ", "+"))
    alert = page.locator(".notice.red-flag")
    alert.wait_for(state="visible", timeout=10_000)
    assert alert.get_attribute("role") == "alert" and "See a clinician." in alert.inner_text()
    # Above the results, and the results are still there.
    first_hit = page.locator("ol.hits li.hit").first
    assert alert.bounding_box()["y"] < first_hit.bounding_box()["y"]
    shot(page, "20-search-red-flag")

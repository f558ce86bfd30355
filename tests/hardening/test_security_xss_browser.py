"""XSS payloads in posts and queries stay inert in real Chromium: search page, post page, widget, gap page.

Every payload tries to set `window.__pwned` (or open a dialog); the `page` fixture fails on any
dialog, page error or CSP violation, and each page checks `window.__pwned` is still undefined.
"""

from __future__ import annotations

from pathlib import Path

from tests.api.test_browser_site import (  # noqa: F401
    TOKEN,
    browser,
    host_page,
    host_site,
    page,
    put,
)
from tests.browser import BROWSER_MARKS

pytestmark = BROWSER_MARKS

SCRIPT = "<script>window.__pwned='script';alert(1)</script>"
IMG = "<img src=x onerror=\"window.__pwned='img'\">"
LINK = "<a href=\"javascript:window.__pwned='link'\">click</a>"
QUERY = f"quokka {SCRIPT}\"><svg onload=window.__pwned='q'> {IMG}"


def pwned(tab) -> object:
    return tab.evaluate("() => window.__pwned")


def seed(api_url: str) -> None:
    for number in (1, 2):
        put(
            f"{api_url}/api/v1/admin/posts/quokka-{number}",
            {
                "title": f"{SCRIPT}{IMG} Quokka knee {number}",
                "slug": f"quokka-{number}",
                "url": "javascript:window.__pwned='url'",
                "categories": [f"Knees{SCRIPT}"],
                "tags": [IMG],
                "body": f"Quokka knee drills {SCRIPT} {LINK} {IMG} quokka knee stretch.\n\nMore {LINK}.",
                "excerpt": f"{IMG}{SCRIPT}",
                "videos": [{"provider": "youtube", "video_id": "x\"><script>window.__pwned='v'</script>",
                            "url": "javascript:window.__pwned='video'",
                            "thumbnail_url": "javascript:window.__pwned='t'"}],
            },
        )


def test_payloads_are_inert_everywhere(serve_app, host_site, fresh_index: Path, page):  # noqa: F811
    api = serve_app(index=fresh_index, admin_token=TOKEN, cors_origins=[host_site.url])
    seed(api.url)

    page.goto(f"{api.url}/?q=quokka")
    assert page.locator(".hit").count() >= 2
    assert SCRIPT in page.locator(".hit h2").first.inner_text()  # shown as text
    assert pwned(page) is None

    page.goto(f"{api.url}/?" + __import__("urllib.parse").parse.urlencode({"q": QUERY}))
    assert page.locator("input[name=q]").input_value() == QUERY
    page.locator("input[name=q]").press("End")  # type-ahead runs over the hostile text too
    page.wait_for_timeout(400)
    assert pwned(page) is None

    page.goto(f"{api.url}/posts/quokka-1")
    page.locator("[data-runphys-related] li").first.wait_for(state="visible", timeout=10_000)
    for link in page.locator("a").all():
        assert not (link.get_attribute("href") or "").lower().lstrip().startswith("javascript"), link
    page.wait_for_timeout(300)
    assert pwned(page) is None

    page.goto(f"{api.url}/widget/related/quokka-2")
    page.wait_for_timeout(200)
    assert pwned(page) is None

    page.goto(host_site.write("q.html", host_page(api.url, '<div data-runphys-related="quokka-1"></div>')))
    page.locator("[data-runphys-related] li").first.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(300)
    assert pwned(page) is None

    # The gap page shows readers' searches (the hostile query above is in the log) and post titles.
    page.goto(f"{api.url}/author/gaps")
    assert "Author login" in page.content()
    page.fill("input[name=token]", TOKEN)
    page.click("button[type=submit]")
    page.wait_for_url(f"{api.url}/author/gaps")
    assert "Coverage gaps" in page.content()
    page.wait_for_timeout(300)
    assert pwned(page) is None
    assert page.evaluate("() => document.cookie") == ""  # HttpOnly: not readable by scripts

"""A reader's view in a real browser: a post page served by WordPress, with the plugin's related
videos under it, in Debian's Chromium; the screenshot goes to test-artifacts/ for people to look at.
"""

from __future__ import annotations

from typing import Any

from tests.browser import ARTIFACTS, BROWSER_MARKS, chromium, screenshot
from tests.wordpress.blog import Blog

pytestmark = BROWSER_MARKS

IT_BAND = "Video: Stretches for a Tight IT Band"
# The machine has no internet. Video thumbnails (YouTube's image host) and the emoji image
# WordPress's emoji script fetches for the placeholder's ▶ (s.w.org, when the browser has no
# emoji font) get a plain stand-in picture.
THUMBNAIL = (b'<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90">'
             b'<rect width="160" height="90" fill="#2b4a5e"/>'
             b'<polygon points="68,30 68,60 94,45" fill="#ffffff"/></svg>')
EMOJI_PLAY = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36">'
              b'<rect width="36" height="36" rx="6" fill="#3b88c3"/>'
              b'<polygon points="13,9 13,27 28,18" fill="#fff"/></svg>')


def test_post_page_in_chromium_shows_the_related_videos(plugin_blog: Blog) -> None:
    site = plugin_blog.site
    outside: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(site.url + "/"):
            request_route.continue_()
        elif "ytimg.com" in url or "youtube" in url:
            request_route.fulfill(status=200, content_type="image/svg+xml", body=THUMBNAIL)
        elif url.startswith("https://s.w.org/images/core/emoji/"):
            request_route.fulfill(status=200, content_type="image/svg+xml", body=EMOJI_PLAY)
        else:
            outside.append(url)
            request_route.abort()

    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        context.route("**/*", route)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(plugin_blog.link(IT_BAND), wait_until="load")
        assert "Stretches for a Tight IT Band" in page.title()
        related = page.locator(".runphys-related")
        related.scroll_into_view_if_needed()
        assert related.is_visible()
        assert page.locator(".runphys-related-title").inner_text() == "Related videos"
        items = page.locator(".runphys-related-item")
        assert items.count() == 4
        first_title = page.locator(".runphys-related-name").first.inner_text()
        screenshot(page, "wordpress-post-related.png")
        related.screenshot(path=str(ARTIFACTS / "wordpress-related-list.png"))
        # A reader follows the first related video: another WordPress post, with its own list.
        page.locator(".runphys-related-link").first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(site.url + "/")
        assert first_title.split(": ")[-1] in page.title()
        assert page.locator(".runphys-related-item").count() >= 1
        assert errors == []
        assert outside == []  # nothing else fetched from elsewhere
        context.close()

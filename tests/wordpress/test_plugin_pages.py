"""The plugin on the pages WordPress renders: related videos under a post, the shortcode, the search
page in the service's order, and what a reader gets when the service is down or hangs.

All against the real WordPress (php -S, MariaDB) and a real `runphys serve`; timings are recorded
(`record_property`), never asserted: benchmarks/wordpress_plugin.py measures them.
"""

from __future__ import annotations

import html
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from tests.wordpress.blog import Blog, configure_plugin
from tests.wordpress.site import WordPressSite

IT_BAND = "Video: Stretches for a Tight IT Band"
PLUGIN_FILES = "runphys-search/"


def related_links(page: str) -> list[str]:
    """The hrefs of the related list on a page, in order."""
    return re.findall(r'class="runphys-related-link" href="([^"]+)"', page)


def search_titles(page: str) -> list[str]:
    """The post titles a (block theme's) search page lists, in order (WordPress's curly quotes made straight)."""
    titles = re.findall(r'wp-block-post-title[^>]*><a[^>]*>([^<]*)<', page)
    return [html.unescape(t).replace("\u2019", "'") for t in titles]


def our_php_problems(site: WordPressSite) -> list[str]:
    """PHP warnings, notices and errors WordPress logged from the plugin's own files."""
    if not site.debug_log.exists():
        return []
    return [line for line in site.debug_log.read_text(errors="replace").splitlines()
            if PLUGIN_FILES in line and "PHP Deprecated" not in line]


def test_single_post_page_contains_the_related_list(plugin_blog: Blog) -> None:
    site, service = plugin_blog.site, plugin_blog.service
    page = httpx.get(plugin_blog.link(IT_BAND), timeout=30)
    assert page.status_code == 200
    assert 'class="runphys-related"' in page.text
    # The same list the service's fragment gives, linking to the WordPress posts.
    fragment = httpx.get(f"{service.url}/widget/related/{plugin_blog.slug(IT_BAND)}",
                         params={"limit": 4, "videos_only": "true"}, timeout=10)
    expected = related_links(fragment.text)
    assert len(expected) == 4
    assert related_links(page.text) == expected
    assert all(link.startswith(site.url + "/") for link in expected)
    # Only under this post's own content, once.
    assert page.text.count('class="runphys-related"') == 1
    assert our_php_problems(site) == []


def test_related_list_follows_the_settings(plugin_blog: Blog) -> None:
    site, service = plugin_blog.site, plugin_blog.service
    link = plugin_blog.link(IT_BAND)
    try:
        configure_plugin(site, service.url, related_count=2)
        assert len(related_links(httpx.get(link, timeout=30).text)) == 2
        configure_plugin(site, service.url, related_auto=False)
        assert 'class="runphys-related"' not in httpx.get(link, timeout=30).text
    finally:
        configure_plugin(site, service.url)


def test_shortcode_renders_the_list_anywhere(plugin_blog: Blog) -> None:
    site = plugin_blog.site
    slug = plugin_blog.slug(IT_BAND)
    page = site.rest("POST", "/wp/v2/pages", json={
        "title": "Start here", "status": "publish",
        "content": f'<p>New to running injuries? Watch these.</p>\n[runphys_related limit="2" post="{slug}"]',
    })
    assert page.status_code == 201, page.text
    try:
        shown = httpx.get(page.json()["link"], timeout=30)
        assert shown.status_code == 200
        assert len(related_links(shown.text)) == 2
        assert "[runphys_related" not in shown.text
    finally:
        site.rest("DELETE", f"/wp/v2/pages/{page.json()['id']}", params={"force": "true"})


def test_shortcode_in_a_post_replaces_the_automatic_list(plugin_blog: Blog) -> None:
    site = plugin_blog.site
    post_id = plugin_blog.ids["Video: Glute Bridges for Hip Stability"]
    original = site.rest("GET", f"/wp/v2/posts/{post_id}", params={"context": "edit"}).json()["content"]["raw"]
    site.rest("POST", f"/wp/v2/posts/{post_id}", json={"content": original + '\n[runphys_related limit="3"]'})
    try:
        shown = httpx.get(plugin_blog.link("Video: Glute Bridges for Hip Stability"), timeout=30)
        assert shown.text.count('class="runphys-related"') == 1
        assert len(related_links(shown.text)) == 3
    finally:
        site.rest("POST", f"/wp/v2/posts/{post_id}", json={"content": original})


def test_search_page_lists_the_services_ranking(plugin_blog: Blog) -> None:
    site, service = plugin_blog.site, plugin_blog.service
    query = "sore kneecap when running downhill"
    expected = [hit["title"] for hit in service.search(query)["hits"]]
    assert len(expected) >= 2
    answer = httpx.get(site.url + "/", params={"s": query}, timeout=30)
    assert answer.status_code == 200
    assert answer.headers.get("x-runphys-search") == "service"
    assert search_titles(answer.text) == expected
    # WordPress's own search (the plugin's search off) finds something else for the same words.
    configure_plugin(site, service.url, replace_search=False)
    try:
        own = httpx.get(site.url + "/", params={"s": query}, timeout=30)
        assert "x-runphys-search" not in own.headers
        assert search_titles(own.text) != expected
    finally:
        configure_plugin(site, service.url)


def test_search_pages_through_the_services_results(plugin_blog: Blog) -> None:
    site, service = plugin_blog.site, plugin_blog.service
    site.set_option("posts_per_page", 2)
    try:
        expected = [hit["title"] for hit in service.search("knee", per_page=50)["hits"]]
        assert len(expected) > 2
        first = httpx.get(site.url + "/", params={"s": "knee"}, timeout=30)
        second = httpx.get(site.url + "/page/2/", params={"s": "knee"}, timeout=30)
        assert search_titles(first.text) == expected[:2]
        assert search_titles(second.text) == expected[2:4]
    finally:
        site.set_option("posts_per_page", 10)


@pytest.fixture
def service_down(plugin_blog: Blog) -> Iterator[Blog]:
    """The service stopped (and the plugin's cache empty) for one test; started again afterwards."""
    plugin_blog.service.stop()
    plugin_blog.forget_cached_answers()
    try:
        yield plugin_blog
    finally:
        plugin_blog.service.start()
        plugin_blog.forget_cached_answers()


def test_service_down_pages_render_without_the_list_and_search_falls_back(
    service_down: Blog, record_property: Callable[[str, object], None]
) -> None:
    site = service_down.site
    link = service_down.link(IT_BAND)
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        page = httpx.get(link, timeout=30)
        timings.append(time.perf_counter() - start)
        assert page.status_code == 200
        assert IT_BAND.split(": ")[1] in html.unescape(page.text)
        assert "runphys-related" not in page.text
    record_property("post_page_seconds_service_down", timings)
    found = httpx.get(site.url + "/", params={"s": "knee"}, timeout=30)
    assert found.status_code == 200
    assert found.headers.get("x-runphys-search") == "fallback"
    titles = search_titles(found.text)
    assert titles
    assert all("knee" in title.lower() or "knee" in html.unescape(found.text).lower() for title in titles)
    assert our_php_problems(site) == []


class HangingService:
    """A service that accepts connections and never answers (the worst case: a hung upstream)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.accepted = 0
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


def test_hung_service_costs_one_timeout_then_nothing(
    plugin_blog: Blog, record_property: Callable[[str, object], None]
) -> None:
    site = plugin_blog.site
    link = plugin_blog.link(IT_BAND)
    hung = HangingService()
    plugin_blog.forget_cached_answers()
    configure_plugin(site, hung.url)
    try:
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            page = httpx.get(link, timeout=30)
            timings.append(time.perf_counter() - start)
            assert page.status_code == 200
            assert "runphys-related" not in page.text
        record_property("post_page_seconds_service_hung", timings)
        # The first view waited for the service once; the failure is remembered, so the next
        # views did not ask again.
        assert hung.accepted == 1
    finally:
        hung.close()
        configure_plugin(site, plugin_blog.service.url)
        plugin_blog.forget_cached_answers()


def test_wp_config_constants_override_the_settings_page(plugin_blog: Blog) -> None:
    site, service = plugin_blog.site, plugin_blog.service
    link = plugin_blog.link(IT_BAND)
    dead = socket.socket()
    dead.bind(("127.0.0.1", 0))
    dead_url = f"http://127.0.0.1:{dead.getsockname()[1]}"  # bound, not listening: refused at once
    try:
        configure_plugin(site, dead_url)
        plugin_blog.forget_cached_answers()
        assert "runphys-related" not in httpx.get(link, timeout=30).text
        site.define_constants(RUNPHYS_SERVICE_URL=service.url)
        plugin_blog.forget_cached_answers()
        assert len(related_links(httpx.get(link, timeout=30).text)) == 4
    finally:
        dead.close()
        site.define_constants()
        configure_plugin(site, service.url)
        plugin_blog.forget_cached_answers()


def test_no_list_in_the_rest_api_or_feeds(plugin_blog: Blog) -> None:
    # Sync reads content.rendered: the list must never leak into what the service indexes.
    site = plugin_blog.site
    post = site.rest("GET", f"/wp/v2/posts/{plugin_blog.ids[IT_BAND]}").json()
    assert "runphys-related" not in post["content"]["rendered"]
    feed = httpx.get(site.url + "/feed/", timeout=30)
    assert feed.status_code == 200
    assert "runphys-related" not in feed.text
    assert our_php_problems(site) == []


def test_narrowed_searches_are_left_to_wordpress(plugin_blog: Blog) -> None:
    # The service would ignore a category or an author: WordPress answers those itself.
    site = plugin_blog.site
    knees = site.rest("GET", "/wp/v2/categories", params={"search": "Knees"}).json()[0]["id"]
    answer = httpx.get(site.url + "/", params={"s": "knee", "cat": knees}, timeout=30)
    assert answer.status_code == 200
    assert "x-runphys-search" not in answer.headers
    assert search_titles(answer.text)


def test_a_cached_list_outlives_a_short_outage(plugin_blog: Blog) -> None:
    # The list is kept for a few minutes: a service restart does not empty the pages meanwhile.
    link = plugin_blog.link(IT_BAND)
    shown = related_links(httpx.get(link, timeout=30).text)
    assert len(shown) == 4
    plugin_blog.service.stop()
    try:
        assert related_links(httpx.get(link, timeout=30).text) == shown
    finally:
        plugin_blog.service.start()

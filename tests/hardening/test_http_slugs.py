"""Slugs with "/", "%2F", ".." and the like, over a live server: every post is served at its key,
and every link to a post stays one path segment under /posts/ (never /author/logout)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import httpx
import pytest

from runphys.index.post import Post, Video
from runphys.service.pipeline import update_posts
from tests.live_server import ServerThread

WORD = "wombat"
# id -> slug; the ids are plain, the slugs are what careless or hostile sources write.
HOSTILE = {
    "slashed": "2019/05/wombat-knee-drills",
    "literal": "100%2Fwombat",
    "escape": "../../author/logout",
    "dots": "..",
    "rel": "wombat/related",
    "plain": "wombat",
}


def hostile_posts(index: Path) -> None:
    """Written through the real pipeline (the admin API refuses such slugs; old bundles may hold them)."""
    newest = datetime.now(UTC)
    update_posts(index, upserts=[
        Post(id=post_id, title=f"Wombat {post_id} knee drill", slug=slug, date=newest - timedelta(minutes=n),
             body=f"{WORD} knee drill for runners: {WORD} hamstring and {WORD} calf work, {post_id}.",
             # Videos, so they are what the related-videos widget lists.
             videos=(Video("youtube", f"W{n:010d}", f"https://www.youtube.com/watch?v=W{n:010d}", ""),))
        for n, (post_id, slug) in enumerate(HOSTILE.items())
    ])


@pytest.fixture
def server(serve_app: Callable[..., ServerThread], fresh_index: Path) -> ServerThread:
    hostile_posts(fresh_index)
    return serve_app(index=fresh_index)


def hrefs(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]*)"', html)]


def assert_post_link(base: str, href: str) -> str | None:
    """The link, resolved as a browser would, is one segment under /posts/ and opens its post;
    returns the id of the hostile post it opens (None for a demo post)."""
    resolved = urljoin(base + "/", href)
    path = urlsplit(resolved).path
    assert resolved.startswith(base + "/posts/"), (href, resolved)
    assert "/" not in path.removeprefix("/posts/"), (href, resolved)
    key = unquote(path.removeprefix("/posts/"))
    page = httpx.get(resolved, timeout=30)
    assert page.status_code == 200, (href, page.status_code)
    ids = [post_id for post_id, slug in HOSTILE.items() if key in (slug, post_id)]
    if not ids:
        return None
    assert f"Wombat {ids[0]} knee drill" in page.text
    return ids[0]


@pytest.mark.parametrize(("post_id", "slug"), [(i, s) for i, s in HOSTILE.items() if s != ".."])
def test_every_route_serves_a_post_at_its_encoded_slug(server: ServerThread, post_id: str, slug: str) -> None:
    key = quote(slug, safe="")
    for path in (f"/posts/{key}", f"/api/v1/posts/{key}", f"/api/v1/posts/{key}/related", f"/widget/related/{key}"):
        response = httpx.get(server.url + path, timeout=30)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
    assert httpx.get(f"{server.url}/api/v1/posts/{key}").json()["id"] == post_id
    assert httpx.get(f"{server.url}/api/v1/posts/{key}/related").json()["post"]["id"] == post_id
    assert f"Wombat {post_id} knee drill" in httpx.get(f"{server.url}/posts/{key}").text


def test_plain_slashes_work_too_and_related_keeps_its_meaning(server: ServerThread) -> None:
    url = server.url
    assert httpx.get(f"{url}/posts/2019/05/wombat-knee-drills").status_code == 200
    assert httpx.get(f"{url}/api/v1/posts/2019/05/wombat-knee-drills").json()["id"] == "slashed"
    assert httpx.get(f"{url}/api/v1/posts/2019/05/wombat-knee-drills/related").json()["post"]["id"] == "slashed"
    assert httpx.get(f"{url}/widget/related/2019/05/wombat-knee-drills").status_code == 200
    # "wombat/related" the post, against the related list of "wombat":
    assert httpx.get(f"{url}/api/v1/posts/wombat%2Frelated").json()["id"] == "rel"
    assert httpx.get(f"{url}/api/v1/posts/wombat/related").json()["post"]["id"] == "plain"
    # A literal "%2F" in a slug is sent as %252F; "%2F" alone is a slash.
    assert httpx.get(f"{url}/api/v1/posts/100%252Fwombat").json()["id"] == "literal"
    assert httpx.get(f"{url}/api/v1/posts/100%2Fwombat").status_code == 404
    assert httpx.get(f"{url}/api/v1/posts/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert httpx.get(f"{url}/api/v1/posts/dots").json()["slug"] == ".."


def test_the_etag_tells_a_post_from_a_related_list(server: ServerThread) -> None:
    post = httpx.get(f"{server.url}/api/v1/posts/wombat%2Frelated")
    related = httpx.get(f"{server.url}/api/v1/posts/wombat/related")
    assert post.headers["etag"] != related.headers["etag"]


def test_links_on_the_home_page_stay_under_posts(server: ServerThread) -> None:
    html = httpx.get(server.url + "/").text
    links = [h for h in hrefs(html) if h.startswith("/posts/") or "author" in h or ".." in h]
    assert "/author/logout" not in html
    linked = {assert_post_link(server.url, href) for href in links}
    assert linked - {None} == set(HOSTILE)  # the newest posts: every hostile one, each at its own page
    assert '/posts/..%2F..%2Fauthor%2Flogout' in links and "/posts/dots" in links


def test_links_in_search_results_stay_under_posts(server: ServerThread) -> None:
    html = httpx.get(server.url + "/", params={"q": WORD, "per_page": 20}).text
    links = [h for h in hrefs(html) if h.startswith("/posts/")]
    assert {assert_post_link(server.url, href) for href in links} - {None} == set(HOSTILE)


def test_post_page_and_widget_fragment_links_stay_in_place(server: ServerThread) -> None:
    page = httpx.get(f"{server.url}/posts/..%2F..%2Fauthor%2Flogout").text
    assert 'data-runphys-related="../../author/logout"' in page  # an attribute; widget.js encodes it
    assert '<a href="/widget/related/..%2F..%2Fauthor%2Flogout">' in page
    dots = httpx.get(f"{server.url}/posts/dots").text
    assert 'data-runphys-related="dots"' in dots and '<a href="/widget/related/dots">' in dots

    for post_id, neighbour in (("escape", "2019%2F05%2Fwombat-knee-drills"), ("slashed", "100%252Fwombat")):
        fragment = httpx.get(f"{server.url}/widget/related/{post_id}", params={"limit": 10}).text
        links = hrefs(fragment)
        assert f"/posts/{neighbour}" in links, links
        for href in links:
            assert_post_link(server.url, href)
        assert all(href.startswith("/posts/") for href in links)  # relative: no public_url configured

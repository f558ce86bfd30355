"""Reader pages and the widget: server-rendered search, post page, 404 page, fragment, scripts."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from runphys.api.app import safe_url


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[dict, str]] = []
        self.scripts: list[dict] = []
        self.inline_handlers: list[str] = []
        self._link: dict | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.inline_handlers += [name for name in attributes if name.startswith("on")]
        if tag == "script":
            self.scripts.append(attributes)
        if tag == "a":
            self._link, self._text = attributes, []

    def handle_data(self, data):
        if self._link is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((self._link, " ".join("".join(self._text).split())))
            self._link = None


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


def assert_no_inline_script(html: str) -> None:
    page = parse(html)
    assert all(script.get("src", "").startswith("/static/") for script in page.scripts)
    assert not page.inline_handlers
    assert " style=" not in html  # the CSP forbids inline styles too


def test_search_page_without_javascript(client):
    response = client.get("/", params={"q": "knee pain"})
    assert response.status_code == 200
    html = response.text
    assert 'value="knee pain"' in html
    assert "<mark>" in html and "result" in html
    assert_no_inline_script(html)
    page = parse(html)
    hrefs = [link["href"] for link, _ in page.links]
    assert any(href.startswith("/posts/") for href in hrefs)


def test_search_page_facet_links_toggle_the_filter(client):
    html = client.get("/", params={"q": "stretch"}).text
    facet_links = [(link, text) for link, text in parse(html).links if "facet-link" in link.get("class", "")]
    knee = next(link for link, text in facet_links if "body_part=knee" in link["href"])
    query = parse_qs(urlsplit(knee["href"]).query)
    assert query == {"q": ["stretch"], "body_part": ["knee"]}
    filtered = client.get(knee["href"]).text
    selected = [link for link, _ in parse(filtered).links if "selected" in link.get("class", "")]
    assert len(selected) == 1 and "body_part" not in selected[0]["href"]
    assert 'name="body_part" value="knee"' in filtered  # the next search keeps the filter


def test_search_page_paginates(client):
    html = client.get("/", params={"q": "run", "per_page": 5}).text
    next_link = next(link["href"] for link, _ in parse(html).links if link.get("rel") == "next")
    assert parse_qs(urlsplit(next_link).query)["page"] == ["2"]
    assert "Page 2 of" in client.get(next_link).text


def test_search_page_did_you_mean(client):
    html = client.get("/", params={"q": "hamstrng strech"}).text
    assert "Did you mean" in html or "showing results for" in html


def test_home_page_lists_recent_posts(client):
    html = client.get("/").text
    assert "Recent posts" in html and 'role="combobox"' in html
    assert 'aria-controls="suggestions"' in html


def test_search_page_validation_errors_are_pages(client):
    response = client.get("/", params={"per_page": 999}, headers={"Accept": "text/html"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")


def test_post_page_embeds_the_widget(client):
    response = client.get("/posts/step-downs-for-runners-knee")
    assert response.status_code == 200
    html = response.text
    assert 'data-runphys-related="step-downs-for-runners-knee"' in html
    assert '<script src="/static/widget.js" defer></script>' in html
    assert "<h1>Video: Step-Downs for Runner&#39;s Knee</h1>" in html
    assert html.count("<p>") > 2
    assert_no_inline_script(html)


def test_404_page_has_the_site_look(client):
    response = client.get("/posts/no-such-post", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "Page not found" in response.text and "/static/site.css" in response.text
    unknown = client.get("/no/such/page", headers={"Accept": "text/html"})
    assert unknown.status_code == 404 and "Page not found" in unknown.text
    api = client.get("/api/v1/posts/no-such-post", headers={"Accept": "text/html"})
    assert api.headers["content-type"] == "application/json"


@pytest.mark.parametrize("path", ["/static/widget.js", "/widget.js"])
def test_widget_script_is_served(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    script = response.text
    assert "attachShadow" in script and "innerHTML" not in script and "currentScript" in script


def test_static_assets(client):
    assert client.get("/static/search.js").status_code == 200
    assert client.get("/static/site.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/../app.py").status_code == 404


def test_widget_fragment(client):
    response = client.get("/widget/related/step-downs-for-runners-knee", params={"limit": 2})
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<section class="runphys-related"')
    assert html.count('class="runphys-related-item"') == 2
    classes = re.findall(r'class="([^"]+)"', html)
    assert all(name.startswith("runphys-") for value in classes for name in value.split())
    assert "<html" not in html and "<script" not in html


def test_widget_fragment_empty_state(make_client, monkeypatch):
    from runphys.service.service import Service

    original = Service.related
    monkeypatch.setattr(Service, "related", lambda self, key, **kw: (original(self, key, **kw)[0], []))
    html = make_client().get("/widget/related/step-downs-for-runners-knee").text
    assert "No related videos yet." in html


def test_widget_fragment_says_related_posts_and_marks_only_videos(client):
    mixed = "medial-tibial-stress-syndrome-and-calf-capacity"  # its list holds posts with and without video
    listed = client.get(f"/api/v1/posts/{mixed}/related", params={"limit": 6, "videos_only": "false"}).json()
    assert {item["has_video"] for item in listed["related"]} == {True, False}
    html = client.get(f"/widget/related/{mixed}", params={"limit": 6, "videos_only": "false"}).text
    assert "Related posts</h2>" in html
    without_thumbnail = sum(1 for item in listed["related"] if item["has_video"] and not item["thumbnail_url"])
    assert html.count("runphys-related-placeholder") == without_thumbnail
    assert "Related videos</h2>" in client.get(f"/widget/related/{mixed}").text


def test_widget_fragment_unknown_post(client):
    assert client.get("/widget/related/nope").status_code == 404


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a", "https://example.com/a"),
        ("http://example.com", "http://example.com"),
        ("/posts/a", "/posts/a"),
        ("javascript:alert(1)", ""),
        (" JavaScript:alert(1)", ""),
        ("data:text/html,hi", ""),
        ("//evil.example/x", ""),
        ("/\\evil.example/x", ""),
        ("\\\\evil.example", ""),
        ("/\t/evil.example", ""),
        ("https://example.com/a\\b", ""),
        ("vbscript:x", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected
    assert safe_url(url, "/fallback") == (expected or "/fallback")

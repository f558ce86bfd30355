"""HTTP behaviour: caching, compression, CORS, rate limit, body limit, security headers."""

from __future__ import annotations

import pytest

from runphys.api.caching import etag_for, matches
from tests.api.test_search_routes import assert_error

CACHED_URLS = [
    "/api/v1/search?q=knee",
    "/api/v1/suggest?q=kn",
    "/api/v1/posts",
    "/api/v1/posts/step-downs-for-runners-knee",
    "/api/v1/posts/step-downs-for-runners-knee/related",
    "/widget/related/step-downs-for-runners-knee",
]


@pytest.mark.parametrize("url", CACHED_URLS)
def test_etag_and_304(client, url):
    first = client.get(url)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "public, max-age=300"
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    other = client.get(url, headers={"If-None-Match": 'W/"something-else"'})
    assert other.status_code == 200


def test_etag_depends_on_the_query_not_its_order(client):
    a = client.get("/api/v1/search?q=knee&per_page=3").headers["ETag"]
    b = client.get("/api/v1/search?per_page=3&q=knee").headers["ETag"]
    c = client.get("/api/v1/search?q=knee&per_page=4").headers["ETag"]
    assert a == b != c


def test_etag_of_post_related_covers_the_body(client):
    one = client.post("/api/v1/related", json={"text": "calf pain"})
    two = client.post("/api/v1/related", json={"text": "hip pain"})
    assert one.headers["ETag"] != two.headers["ETag"]
    assert one.headers["Cache-Control"].startswith("public")


def test_etag_changes_with_the_build():
    assert etag_for("build-1", "GET", "/x", [("q", "a")]) != etag_for("build-2", "GET", "/x", [("q", "a")])
    assert matches('"abc", W/"def"', 'W/"def"') and matches("*", 'W/"x"') and not matches(None, 'W/"x"')


def test_cache_max_age_follows_settings(make_client):
    client = make_client(cache_max_age=42)
    assert client.get("/api/v1/posts").headers["Cache-Control"] == "public, max-age=42"


def test_large_responses_are_gzipped(client):
    response = client.get("/api/v1/posts?per_page=50", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.json()["posts"]
    small = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in small.headers


def test_compression_follows_settings(make_client):
    for threshold in (100_000, 0):  # larger than the answer; off
        client = make_client(compress_min_bytes=threshold)
        response = client.get("/api/v1/posts?per_page=50", headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200 and "Content-Encoding" not in response.headers
        assert response.json()["posts"]


def test_rate_limit(make_client):
    client = make_client(rate_limit_per_minute=3)
    for _ in range(3):
        assert client.get("/api/v1/stats").status_code == 200
    limited = client.get("/api/v1/stats")
    error = assert_error(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) >= 1
    assert error["detail"] == {"limit_per_minute": 3}
    assert limited.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/healthz").status_code == 200  # exempt


def test_rate_limit_off(make_client):
    client = make_client(rate_limit_per_minute=0)
    assert all(client.get("/api/v1/stats").status_code == 200 for _ in range(20))


def test_sliding_window_forgets_old_events():
    from runphys.api.middleware.rate_limit import SlidingWindow

    now = [0.0]
    window = SlidingWindow(2, 60.0, clock=lambda: now[0])
    assert window.hit("a") == 0 and window.hit("a") == 0
    assert window.hit("a") == pytest.approx(60.0)
    assert window.hit("b") == 0
    now[0] = 30.0
    assert window.hit("a") == pytest.approx(30.0)
    now[0] = 60.5
    assert window.hit("a") == 0


def test_body_limit_from_content_length(make_client):
    client = make_client(max_body_bytes=2048)
    response = client.post("/api/v1/related", json={"text": "x" * 5000})
    assert_error(response, 413, "payload_too_large")


def test_body_limit_while_reading_a_chunked_body(make_client):
    client = make_client(max_body_bytes=2048)

    def chunks():
        yield b'{"text": "'
        for _ in range(10):
            yield b"y" * 500
        yield b'"}'

    response = client.post("/api/v1/related", content=chunks(), headers={"Content-Type": "application/json"})
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert_error(response, 413, "payload_too_large")


def test_body_under_the_limit_is_read_normally(make_client):
    client = make_client(max_body_bytes=2048)

    def chunks():
        yield b'{"text": '
        yield b'"knee pain"}'

    response = client.post("/api/v1/related", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 200


def test_long_queries_are_cut_but_huge_urls_refused(client):
    assert client.get("/api/v1/search", params={"q": "knee " * 2000}).status_code == 200  # 10 KB: cut, with a notice
    assert_error(client.get("/api/v1/search", params={"q": "knee " * 4000}), 414, "uri_too_long")

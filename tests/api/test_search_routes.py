"""Read-only JSON routes over the demo bundle: search, suggest, posts, related, stats, health."""

from __future__ import annotations

from pathlib import Path

import pytest

ERROR_KEYS = {"code", "message", "detail"}


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == ERROR_KEYS
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]


def test_error_shape_is_pinned(client):
    response = client.get("/api/v1/posts/no-such-post")
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert list(body) == ["error"]
    assert list(body["error"]) == ["code", "message", "detail"]
    assert body["error"]["code"] == "post_not_found"
    assert "no-such-post" in body["error"]["message"]
    assert body["error"]["detail"] is None


def test_search_returns_the_result_record(client):
    response = client.get("/api/v1/search", params={"q": "knee", "per_page": 3})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"query", "total", "total_all_words", "page", "per_page", "hits", "facets", "did_you_mean",
                         "notices", "match", "nearby", "red_flags"}
    assert body["query"] == "knee" and body["total"] > 0 and len(body["hits"]) == 3
    assert set(body["hits"][0]) == {"id", "slug", "title", "url", "date", "score", "excerpt", "categories",
                                    "body_parts", "injuries", "has_video", "thumbnail_url", "match"}
    assert body["page"] == 1 and body["per_page"] == 3
    assert any("<mark>" in hit["excerpt"] for hit in body["hits"])
    assert set(body["facets"]) >= {"body_part", "category", "injury", "video"}
    facet = body["facets"]["body_part"][0]
    assert set(facet) == {"value", "label", "count"}


def test_search_filters_narrow_the_results(client):
    everything = client.get("/api/v1/search", params={"q": "stretch"}).json()
    knee = client.get("/api/v1/search", params={"q": "stretch", "body_part": "knee", "per_page": 50}).json()
    assert 0 < knee["total"] < everything["total"]
    assert all("knee" in hit["body_parts"] for hit in knee["hits"])
    videos = client.get("/api/v1/search", params={"q": "stretch", "video": "true", "per_page": 50}).json()
    assert all(hit["has_video"] for hit in videos["hits"])


def test_search_sort_by_date_and_paging(client):
    first = client.get("/api/v1/search", params={"q": "run", "sort": "date", "per_page": 5}).json()
    second = client.get("/api/v1/search", params={"q": "run", "sort": "date", "per_page": 5, "page": 2}).json()
    dates = [hit["date"] for hit in first["hits"] + second["hits"]]
    assert dates == sorted(dates, reverse=True)
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}


def test_search_long_query_is_cut_with_a_notice(client):
    response = client.get("/api/v1/search", params={"q": "knee " * 400})
    assert response.status_code == 200
    body = response.json()
    assert len(body["query"]) <= 500
    assert body["notices"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"per_page": 51}, "per_page"),
        ({"per_page": 0}, "per_page"),
        ({"page": 0}, "page"),
        ({"sort": "random"}, "sort"),
        ({"video": "maybe"}, "video"),
        ({"date_from": "yesterday"}, "date_from"),
        ({"year": "abc"}, "year"),
    ],
)
def test_search_rejects_bad_parameters(client, params, field):
    error = assert_error(client.get("/api/v1/search", params={"q": "knee", **params}), 422, "invalid_request")
    assert any(problem["field"].endswith(field) for problem in error["detail"])
    assert all(set(problem) == {"field", "location", "problem"} for problem in error["detail"])


def test_per_page_limit_follows_the_settings(make_client):
    client = make_client(max_per_page=5)
    error = assert_error(client.get("/api/v1/search", params={"q": "knee", "per_page": 6}), 422)
    assert "at most 5" in error["detail"][0]["problem"]
    assert client.get("/api/v1/search", params={"q": "knee", "per_page": 5}).status_code == 200
    assert_error(client.get("/api/v1/posts", params={"per_page": 6}), 422)


def test_a_larger_configured_page_is_honoured_by_every_list(make_client):
    client = make_client(max_per_page=100, max_related=60)
    assert client.get("/api/v1/search", params={"q": "run", "per_page": 80}).json()["per_page"] == 80
    assert client.get("/api/v1/posts", params={"per_page": 80}).json()["per_page"] == 80
    slug = client.get("/api/v1/posts", params={"per_page": 1}).json()["posts"][0]["slug"]
    assert client.get(f"/api/v1/posts/{slug}/related", params={"limit": 55}).status_code == 200
    assert client.get(f"/widget/related/{slug}", params={"limit": 55}).status_code == 200
    assert_error(client.get(f"/api/v1/posts/{slug}/related", params={"limit": 61}), 422)


def test_date_range_the_wrong_way_round_is_a_bad_query(client):
    response = client.get("/api/v1/search", params={"q": "knee", "date_from": "2020-01-01", "date_to": "2019-01-01"})
    assert_error(response, 400, "bad_query")


def test_suggest(client):
    body = client.get("/api/v1/suggest", params={"q": "kne", "limit": 3}).json()
    assert body["query"] == "kne"
    assert 0 < len(body["suggestions"]) <= 3
    assert all(set(s) == {"text", "kind", "slug"} for s in body["suggestions"])
    assert_error(client.get("/api/v1/suggest", params={"q": "kne", "limit": 0}), 422)


def test_suggest_is_never_logged(make_client, fresh_index: Path):
    client = make_client(index=fresh_index)
    client.get("/api/v1/suggest", params={"q": "knee"})
    log = fresh_index / "searches" / "searches.jsonl"
    assert not log.exists() or "knee" not in log.read_text()
    client.get("/api/v1/search", params={"q": "knee"})
    assert "knee" in log.read_text()


def test_search_log_holds_no_client_data(make_client, fresh_index: Path):
    client = make_client(index=fresh_index)
    client.get("/api/v1/search", params={"q": "hamstring"}, headers={"User-Agent": "SecretAgent/1.0"})
    text = (fresh_index / "searches" / "searches.jsonl").read_text()
    assert "SecretAgent" not in text and "testclient" not in text and "127.0.0.1" not in text


def test_post_by_slug_and_by_id(client):
    listing = client.get("/api/v1/posts", params={"per_page": 1}).json()
    first = listing["posts"][0]
    by_slug = client.get(f"/api/v1/posts/{first['slug']}").json()
    by_id = client.get(f"/api/v1/posts/{first['id']}").json()
    assert by_slug == by_id
    assert by_slug["title"] == first["title"] and by_slug["body"]
    assert "source" not in by_slug


def test_post_list_filters_and_pages(client):
    body = client.get("/api/v1/posts", params={"body_part": "knee", "per_page": 50}).json()
    assert body["total"] > 0 and all("knee" in post["body_parts"] for post in body["posts"])
    dates = [post["date"] for post in body["posts"] if post["date"]]
    assert dates == sorted(dates, reverse=True)
    videos = client.get("/api/v1/posts", params={"video": "false", "per_page": 50}).json()
    assert all(not post["has_video"] for post in videos["posts"])


def test_unknown_post_is_404(client):
    assert_error(client.get("/api/v1/posts/does-not-exist"), 404, "post_not_found")
    assert_error(client.get("/api/v1/posts/does-not-exist/related"), 404, "post_not_found")


def test_related_to_a_post(client):
    slug = client.get("/api/v1/search", params={"q": "it band"}).json()["hits"][0]["slug"]
    body = client.get(f"/api/v1/posts/{slug}/related", params={"limit": 3}).json()
    assert body["post"]["slug"] == slug and set(body["post"]) == {"id", "slug", "title", "url"}
    assert 0 < len(body["related"]) <= 3
    assert all(item["slug"] != slug for item in body["related"])
    assert set(body["related"][0]) >= {"id", "slug", "title", "url", "score", "has_video", "thumbnail_url", "why"}
    videos = client.get(f"/api/v1/posts/{slug}/related", params={"limit": 5, "videos_only": "true"}).json()
    assert all(item["has_video"] for item in videos["related"])
    assert_error(client.get(f"/api/v1/posts/{slug}/related", params={"limit": 0}), 422)


def test_related_to_text(client):
    response = client.post("/api/v1/related", json={"text": "my calf is tight after long runs", "limit": 2})
    assert response.status_code == 200
    related = response.json()["related"]
    assert 0 < len(related) <= 2
    assert_error(client.post("/api/v1/related", json={"limit": 2}), 422, "invalid_request")
    assert_error(client.post("/api/v1/related", json={"text": "x", "limit": 999}), 422)
    error = assert_error(
        client.post("/api/v1/related", content=b"{not json", headers={"Content-Type": "application/json"}), 422
    )
    assert error["detail"]


def test_stats(client):
    body = client.get("/api/v1/stats").json()
    assert body["posts"] > 0 and body["videos"] > 0 and body["version"]
    assert isinstance(body["categories"], dict)


def test_health_and_ready(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["posts"] > 0 and ready["build_id"]


def test_ready_is_503_on_an_empty_dir(make_client, tmp_path: Path):
    client = make_client(index=tmp_path / "empty")
    assert client.get("/healthz").status_code == 200
    assert_error(client.get("/readyz"), 503, "index_missing")
    assert_error(client.get("/api/v1/search", params={"q": "knee"}), 503, "index_missing")


def test_method_not_allowed_in_the_error_shape(client):
    assert_error(client.delete("/api/v1/search"), 405, "method_not_allowed")
    assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")


def test_unexpected_errors_are_500_without_a_traceback(make_client, monkeypatch):
    from runphys.service.service import Service

    def broken(self):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(Service, "stats", broken)
    client = make_client(raise_server_exceptions=False)
    response = client.get("/api/v1/stats")
    error = assert_error(response, 500, "internal_error")
    assert "secret" not in response.text and "Traceback" not in response.text
    assert error["detail"] is None
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_openapi_docs(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/search",
        "/api/v1/suggest",
        "/api/v1/posts",
        "/api/v1/posts/{id_or_slug}",
        "/api/v1/posts/{id_or_slug}/related",
        "/api/v1/related",
        "/api/v1/stats",
        "/api/v1/admin/reindex",
        "/api/v1/admin/posts/{post_id}",
        "/api/v1/admin/searches",
    ):
        assert path in paths

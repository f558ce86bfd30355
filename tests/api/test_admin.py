"""Admin routes: the auth matrix (no bypass), upsert/delete/reindex, search analytics, XSS safety."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.api.test_search_routes import assert_error

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

ADMIN_CALLS = [
    ("GET", "/api/v1/admin/searches", None),
    ("POST", "/api/v1/admin/reindex", None),
    ("PUT", "/api/v1/admin/posts/new-1", {"title": "New post"}),
    ("DELETE", "/api/v1/admin/posts/new-1", None),
]


@pytest.fixture
def admin(make_client, fresh_index: Path):
    return make_client(index=fresh_index, admin_token=TOKEN)


@pytest.mark.parametrize(("method", "url", "body"), ADMIN_CALLS)
def test_admin_is_off_without_a_token(client, method, url, body):
    assert_error(client.request(method, url, json=body, headers=AUTH), 404, "not_found")


@pytest.mark.parametrize(("method", "url", "body"), ADMIN_CALLS)
@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", "Basic " + TOKEN, TOKEN, f"Bearer {TOKEN} extra", "Token " + TOKEN],
)
def test_admin_needs_a_bearer_header(make_client, demo_index, method, url, body, header):
    client = make_client(admin_token=TOKEN)
    headers = {} if header is None else {"Authorization": header}
    response = client.request(method, url, json=body, headers=headers)
    assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("method", "url", "body"), ADMIN_CALLS)
@pytest.mark.parametrize("token", ["wrong", TOKEN + "x", TOKEN[:-1], TOKEN.upper()])
def test_admin_refuses_a_wrong_token(make_client, method, url, body, token):
    client = make_client(admin_token=TOKEN)
    response = client.request(method, url, json=body, headers={"Authorization": f"Bearer {token}"})
    assert_error(response, 403, "forbidden")


def test_admin_accepts_the_right_token(admin):
    response = admin.get("/api/v1/admin/searches", headers=AUTH)
    assert response.status_code == 200
    assert admin.get("/api/v1/admin/searches", headers={"Authorization": f"bearer {TOKEN}"}).status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("HEAD", "/api/v1/admin/searches"),
        ("OPTIONS", "/api/v1/admin/searches"),
        ("OPTIONS", "/api/v1/admin/reindex"),
        ("GET", "/api/v1/admin/searches/"),
        ("POST", "/api/v1/admin/reindex/"),
        ("GET", "/api/v1//admin/searches"),
        ("GET", "/api/v1/admin//searches"),
        ("GET", "/api/v1/./admin/searches"),
        ("GET", "/api/v1/%61dmin/searches"),
        ("GET", "/api/v1/admin/%73earches"),
        ("GET", "/api/v1/admin/searches%2F"),
        ("GET", "/api/v1/admin/searches;x"),
        ("GET", "/API/V1/ADMIN/SEARCHES"),
        ("GET", "/api/v1/admin/searches?format=csv&x=/../"),
        ("DELETE", "/api/v1/admin/posts/%2E%2E"),
        ("GET", "/api/v1/admin/posts/x/../../admin/searches"),
    ],
)
@pytest.mark.parametrize("follow", [False, True])
def test_admin_has_no_bypass(make_client, method, path, follow):
    client = make_client(admin_token=TOKEN)
    response = client.request(method, path, follow_redirects=follow)
    assert response.status_code in (401, 404, 405, 307, 400), (path, response.status_code)
    assert "top_queries" not in response.text and response.text[:8] != "searches"
    if response.status_code == 307:
        # the redirect leads to the same guarded route, and the redirect itself holds no data
        assert client.request(method, response.headers["location"]).status_code in (401, 405)
    preflight = client.options(
        path, headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code != 200 or "top_queries" not in preflight.text


def test_admin_is_not_open_to_cross_origin_callers(make_client):
    client = make_client(admin_token=TOKEN, cors_origins=["https://blog.example"])
    preflight = client.options(
        "/api/v1/admin/searches",
        headers={
            "Origin": "https://blog.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert preflight.status_code == 400  # Authorization is not an allowed cross-origin header


def new_post(**changes):
    post = {
        "title": "Zebrafish drills for cranky knees",
        "slug": "zebrafish-drills",
        "date": "2024-05-01T08:00:00+00:00",
        "categories": ["Knees"],
        "body": "Zebrafish drills help a runner's knee. Step downs and wall sits, slowly.",
        "videos": [{"provider": "youtube", "video_id": "abc", "url": "https://www.youtube.com/watch?v=abc"}],
    }
    post.update(changes)
    return post


def test_upsert_then_search_finds_it_and_delete_removes_it(admin):
    assert admin.get("/api/v1/search", params={"q": "zebrafish"}).json()["total"] == 0
    response = admin.put("/api/v1/admin/posts/zebra-1", json=new_post(), headers=AUTH)
    assert response.status_code == 200, response.text
    change = response.json()
    assert change["id"] == "zebra-1" and change["action"] == "upserted" and change["build_id"]
    hits = admin.get("/api/v1/search", params={"q": "zebrafish"}).json()["hits"]
    assert [hit["id"] for hit in hits] == ["zebra-1"]
    post = admin.get("/api/v1/posts/zebrafish-drills").json()
    assert post["id"] == "zebra-1" and "knee" in post["body_parts"] and post["has_video"]
    assert admin.get("/readyz").json()["build_id"] == change["build_id"]

    again = admin.put(
        "/api/v1/admin/posts/zebra-1", json=new_post(id="zebra-1", title="Zebrafish, revised"), headers=AUTH
    )
    assert again.status_code == 200
    assert admin.get("/api/v1/posts/zebra-1").json()["title"] == "Zebrafish, revised"

    gone = admin.delete("/api/v1/admin/posts/zebra-1", headers=AUTH)
    assert gone.status_code == 200 and gone.json()["action"] == "deleted"
    assert admin.get("/api/v1/search", params={"q": "zebrafish"}).json()["total"] == 0
    assert_error(admin.get("/api/v1/posts/zebra-1"), 404, "post_not_found")
    assert_error(admin.delete("/api/v1/admin/posts/zebra-1", headers=AUTH), 404, "post_not_found")


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (new_post(id="someone-else"), 400),
        ({"slug": "no-title"}, 422),
        (new_post(date="2024-05-01T08:00:00"), 422),
        (new_post(date="not a date"), 422),
        (new_post(slug="a/b"), 422),
        (new_post(videos=[{"url": "https://x"}]), 422),
        (new_post(categories="Knees"), 422),
        (new_post(title=""), 422),
    ],
)
def test_upsert_validation(admin, body, status):
    response = admin.put("/api/v1/admin/posts/zebra-2", json=body, headers=AUTH)
    assert_error(response, status)


def test_upsert_refuses_a_slug_owned_by_another_post(admin):
    taken = admin.get("/api/v1/posts", params={"per_page": 1}).json()["posts"][0]
    response = admin.put("/api/v1/admin/posts/zebra-3", json=new_post(slug=taken["slug"]), headers=AUTH)
    assert_error(response, 409, "slug_taken")


def test_two_writers_racing_for_one_slug_leave_it_to_one_post(admin):
    from concurrent.futures import ThreadPoolExecutor

    body = new_post(slug="one-slug-two-writers")
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda pid: admin.put(f"/api/v1/admin/posts/{pid}", json=body, headers=AUTH),
                                ["racer-1", "racer-2"]))
    assert sorted(r.status_code for r in answers) == [200, 409]
    owner = admin.get("/api/v1/posts/one-slug-two-writers").json()["id"]
    assert owner in {"racer-1", "racer-2"}


def test_reindex(admin):
    before = admin.get("/readyz").json()["build_id"]
    response = admin.post("/api/v1/admin/reindex", headers=AUTH)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["posts"] > 0 and report["build_id"] and report["build_id"] != before
    assert admin.get("/readyz").json()["build_id"] == report["build_id"]
    assert admin.get("/api/v1/search", params={"q": "knee"}).json()["total"] > 0


def test_search_analytics(admin):
    for q in ("knee", "knee", "calf", "qwxzv"):
        admin.get("/api/v1/search", params={"q": q})
    admin.get("/api/v1/suggest", params={"q": "knee"})
    report = admin.get("/api/v1/admin/searches", headers=AUTH).json()
    assert report["searches"] == 4 and report["distinct_queries"] == 3
    assert report["top_queries"][0] == {"query": "knee", "count": 2}
    assert {"query": "qwxzv", "count": 1} in report["zero_result_queries"]
    assert report["zero_result_searches"] >= 1

    later = admin.get("/api/v1/admin/searches", params={"since": "2999-01-01T00:00:00Z"}, headers=AUTH).json()
    assert later["searches"] == 0
    earlier = admin.get("/api/v1/admin/searches", params={"until": "2000-01-01T00:00:00Z"}, headers=AUTH).json()
    assert earlier["searches"] == 0
    assert_error(admin.get("/api/v1/admin/searches", params={"since": "soon"}, headers=AUTH), 422)
    assert_error(admin.get("/api/v1/admin/searches", params={"format": "xml"}, headers=AUTH), 422)

    exported = admin.get("/api/v1/admin/searches", params={"format": "csv"}, headers=AUTH)
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0] == ["list", "query", "count"]
    assert ["top", "knee", "2"] in rows and ["zero_results", "qwxzv", "1"] in rows


def test_csv_export_defuses_formulas(admin):
    admin.get("/api/v1/search", params={"q": "=HYPERLINK(1)"})
    text = admin.get("/api/v1/admin/searches", params={"format": "csv"}, headers=AUTH).text
    rows = list(csv.reader(io.StringIO(text)))
    assert any(row[1].startswith("'=") for row in rows[1:])
    assert not any(row[1].startswith("=") for row in rows[1:])


XSS_TITLE = "<script>alert(1)</script> Zebrafish knee"
XSS_BODY = "Zebrafish knee drills <script>alert(2)</script> <img src=x onerror=alert(3)> zebrafish knee."


def upsert_xss(admin):
    for number in (1, 2):
        post = new_post(
            title=XSS_TITLE + f" {number}",
            slug=f"xss-{number}",
            body=XSS_BODY,
            url="javascript:alert(4)",
            videos=[
                {
                    "provider": "youtube",
                    "video_id": "x",
                    "url": "javascript:alert(5)",
                    "thumbnail_url": "javascript:alert(6)",
                }
            ],
        )
        assert admin.put(f"/api/v1/admin/posts/xss-{number}", json=post, headers=AUTH).status_code == 200


def assert_inert(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "javascript:" not in html
    assert "&lt;script&gt;alert(" in html


def test_xss_is_escaped_in_api_page_and_fragment(admin):
    upsert_xss(admin)
    hits = admin.get("/api/v1/search", params={"q": "zebrafish"}).json()["hits"]
    assert hits
    for hit in hits:
        excerpt = hit["excerpt"].replace("<mark>", "").replace("</mark>", "")
        assert "<" not in excerpt and "&lt;script&gt;" in hit["excerpt"]

    page = admin.get("/", params={"q": "zebrafish"}).text
    assert_inert(page)
    assert "<mark>" in page
    post_page = admin.get("/posts/xss-1").text
    assert_inert(post_page)

    related = admin.get("/api/v1/posts/xss-1/related").json()["related"]
    assert "xss-2" in [item["slug"] for item in related]
    fragment = admin.get("/widget/related/xss-1").text
    assert_inert(fragment)
    assert 'href="/posts/xss-2"' in fragment  # relative: never built from the request's Host

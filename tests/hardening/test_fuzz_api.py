"""Property tests through the real app: any text as query, prefix, slug or id, junk paging.

Whatever comes in, the answer is a 2xx (or 304) or a 4xx in the one JSON error shape; never a 5xx.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ERROR_KEYS = {"code", "message", "detail"}
# Any text a URL can carry (lone surrogates cannot be UTF-8 encoded, so no client can send them).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
JUNK_NUMBER = st.one_of(
    st.integers(-10**12, 10**12).map(str),
    TEXT,
    st.sampled_from(["", "0", "-1", "1e3", "NaN", "inf", "1.5", "0x10", " 1", "99999999999999999999", "%00"]),
)
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def app_client(demo_index):
    from fastapi.testclient import TestClient

    from runphys.api.app import create_app
    from runphys.service.settings import Settings

    with TestClient(create_app(Settings(index=demo_index, rate_limit_per_minute=0))) as client:
        yield client


def assert_sane(response) -> None:
    """2xx/304, or a 4xx whose JSON body is exactly the error shape (pages may answer in HTML)."""
    status = response.status_code
    assert status < 500, (status, response.request.url, response.text[:500])
    if status >= 400 and response.headers.get("content-type", "").startswith("application/json"):
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body


@FUZZ
@given(q=TEXT, page=JUNK_NUMBER, per_page=JUNK_NUMBER, sort=TEXT, video=TEXT)
def test_search_never_fails(app_client, q, page, per_page, sort, video):
    for params in ({"q": q}, {"q": q, "page": page, "per_page": per_page, "sort": sort, "video": video}):
        assert_sane(app_client.get("/api/v1/search", params=params))


@FUZZ
@given(q=TEXT, facet=TEXT, year=JUNK_NUMBER, day=TEXT)
def test_search_filters_never_fail(app_client, q, facet, year, day):
    params = {"q": q, "category": facet, "body_part": facet, "injury": facet, "year": year, "date_from": day}
    assert_sane(app_client.get("/api/v1/search", params=params))


@FUZZ
@given(prefix=TEXT, limit=JUNK_NUMBER)
def test_suggest_never_fails(app_client, prefix, limit):
    assert_sane(app_client.get("/api/v1/suggest", params={"q": prefix}))
    assert_sane(app_client.get("/api/v1/suggest", params={"q": prefix, "limit": limit}))


@FUZZ
@given(key=TEXT.filter(bool), limit=JUNK_NUMBER)
def test_post_and_related_by_any_id_never_fail(app_client, key, limit):
    quoted = quote(key, safe="")
    for url in (
        f"/api/v1/posts/{quoted}",
        f"/api/v1/posts/{quoted}/related",
        f"/widget/related/{quoted}",
        f"/posts/{quoted}",
    ):
        assert_sane(app_client.get(url, params={"limit": limit}))


@FUZZ
@given(page=JUNK_NUMBER, per_page=JUNK_NUMBER, facet=TEXT)
def test_post_list_never_fails(app_client, page, per_page, facet):
    assert_sane(app_client.get("/api/v1/posts", params={"page": page, "per_page": per_page, "category": facet}))


@FUZZ
@given(q=TEXT, page=JUNK_NUMBER)
def test_search_page_never_fails(app_client, q, page):
    response = app_client.get("/", params={"q": q, "page": page}, headers={"Accept": "text/html"})
    assert response.status_code < 500, (response.request.url, response.text[:300])


@FUZZ
@given(text=TEXT, limit=st.one_of(st.integers(), TEXT, st.none()), videos_only=st.one_of(st.booleans(), TEXT))
def test_related_to_text_never_fails(app_client, text, limit, videos_only):
    assert_sane(app_client.post("/api/v1/related", json={"text": text, "limit": limit, "videos_only": videos_only}))

"""POST /api/v1/admin/sync and the poller of `runphys serve`, against a real WordPress."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.live_server import ServedProcess
from tests.wordpress.blog import blog_posts, ids_by_title, wait_for
from tests.wordpress.site import WordPressSite
from tests.wordpress.sync_support import JSON_FIELDS, indexed, sync_json, versions

TOKEN = "sync-tests-admin-token-0123456789abcdef"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def served(wordpress_clean: WordPressSite, tmp_path: Path) -> Iterator[tuple[WordPressSite, Path, ServedProcess]]:
    """A small blog synced once, and `runphys serve` over the index, configured to sync it."""
    site = wordpress_clean
    site.insert_posts(blog_posts()[:5])
    index = tmp_path / "index"
    sync_json(site, index)
    server = ServedProcess(index, tmp_path / "serve.log", admin_token=TOKEN, sync_url=site.url,
                           sync_user=site.user, sync_app_password=site.app_password).start()
    try:
        yield site, index, server
    finally:
        server.stop()


def found(server: ServedProcess, query: str) -> list[str]:
    answer = httpx.get(server.url + "/api/v1/search", params={"q": query}, timeout=10)
    answer.raise_for_status()
    return [hit["id"] for hit in answer.json()["hits"]]


def ping(server: ServedProcess, post_id: int | None = None) -> httpx.Response:
    body = {"post_id": post_id} if post_id is not None else None
    return httpx.post(server.url + "/api/v1/admin/sync", json=body, headers=ADMIN, timeout=120)


def test_the_route_needs_the_admin_token_and_answers_the_sync_json(
        served: tuple[WordPressSite, Path, ServedProcess]) -> None:
    site, index, server = served
    assert httpx.post(server.url + "/api/v1/admin/sync", timeout=10).status_code == 401
    wrong = httpx.post(server.url + "/api/v1/admin/sync", headers={"Authorization": "Bearer nope"}, timeout=10)
    assert wrong.status_code in (401, 403)
    before = versions(index)
    answer = ping(server)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert set(data) == JSON_FIELDS and data["site"] == site.url and data["unchanged"] == 5
    assert versions(index) == before  # nothing changed: no new version
    for bad in ({"post_id": 0}, {"post_id": "twelve"}, {"post_id": -3}):
        assert httpx.post(server.url + "/api/v1/admin/sync", json=bad, headers=ADMIN, timeout=10).status_code == 422


def test_a_ping_for_one_post_publishes_updates_and_removes_it_in_seconds(
        served: tuple[WordPressSite, Path, ServedProcess]) -> None:
    site, index, server = served
    made = site.create_post("Video: Tibialis Raises for Shin Splints", "<p>Tibialis raises against a wall build "
                            "the front of the shin.</p>", categories=["Calves and Shins"])
    started = time.monotonic()
    answer = ping(server, made["id"])
    assert answer.status_code == 200, answer.text
    assert (answer.json()["added"], answer.json()["removed"]) == (1, 0)
    assert found(server, "tibialis raises")[:1] == [str(made["id"])]
    assert time.monotonic() - started < 10
    site.clear_requests()
    site.rest("POST", f"/wp/v2/posts/{made['id']}", json={"title": "Video: Tibialis Raises Against a Wall"})
    assert ping(server, made["id"]).json()["updated"] == 1
    assert len(site.requests()) == 1  # one post, not the whole site
    site.rest("DELETE", f"/wp/v2/posts/{made['id']}")
    assert ping(server, made["id"]).json()["removed"] == 1
    assert str(made["id"]) not in found(server, "tibialis raises")
    gone = ids_by_title(site)[blog_posts()[0]["title"]]
    site.rest("DELETE", f"/wp/v2/posts/{gone}", params={"force": "true"})  # deleted for good: 404
    assert ping(server, gone).json()["removed"] == 1 and str(gone) not in indexed(index)
    before = versions(index)
    assert ping(server, 987654).json()["removed"] == 0 and versions(index) == before


def test_a_failing_site_answers_502_naming_it_and_the_service_keeps_serving(
        served: tuple[WordPressSite, Path, ServedProcess]) -> None:
    site, _, server = served
    site.set_fault("status", status=500)
    answer = ping(server, 1)
    assert answer.status_code == 502
    error = answer.json()["error"]
    assert error["code"] == "sync_failed" and site.url in error["message"] and "fetching post 1" in error["message"]
    site.clear_faults()
    assert httpx.get(server.url + "/api/v1/search", params={"q": "knee"}, timeout=10).status_code == 200


def test_serve_polls_the_site_by_itself(wordpress_clean: WordPressSite, tmp_path: Path) -> None:
    site = wordpress_clean
    site.insert_posts(blog_posts()[:3])
    index = tmp_path / "index"
    sync_json(site, index)
    server = ServedProcess(index, tmp_path / "serve.log", workers=2, sync_url=site.url, sync_every="1s").start()
    try:
        made = site.create_post("Video: Single Leg Deadlifts for Balance", "<p>Single leg deadlifts train "
                                "balance and the hamstrings.</p>")
        wait_for(lambda: str(made["id"]) in found(server, "single leg deadlifts"), 30)
        site.rest("DELETE", f"/wp/v2/posts/{made['id']}")
        wait_for(lambda: str(made["id"]) not in found(server, "single leg deadlifts"), 30)
    finally:
        server.stop()
    # Two workers poll, one sync at a time: never two REST listings of a sync overlapping.
    listings = sorted((r["start"], r["end"]) for r in site.requests() if "_fields=id&" in r["uri"])
    assert listings and all(a[1] <= b[0] for a, b in itertools.pairwise(listings))

"""A served index under change: reindex while taking traffic, concurrent admin writes, restarts."""

from __future__ import annotations

import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from runphys.index.bundle import open_bundle
from runphys.index.edits import EDITS_FILE
from runphys.service.pipeline import DEMO_POSTS
from tests.served_process import ROOT, ServedProcess, clean_env, runphys

TOKEN = "reliability-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WORD = "zyzzogeton"


def served(index: Path, tmp_path: Path, workers: int = 1) -> ServedProcess:
    return ServedProcess(
        index, tmp_path / f"server-{workers}.log", workers=workers, admin_token=TOKEN,
        rate_limit_per_minute="0", reload_check_seconds="0.1",
    ).start()


@pytest.mark.slow
def test_reindex_under_traffic_fails_nothing_and_never_mixes_versions(fresh_index: Path, tmp_path: Path) -> None:
    server = served(fresh_index, tmp_path, workers=2)
    slugs = [post.slug for post in list(open_bundle(fresh_index).posts.values())[:10]]
    stop = threading.Event()
    seen: list[tuple[str, int, str, int | None]] = []  # (kind, status, version, total)

    def reader(number: int) -> None:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            turn = number
            while not stop.is_set():
                turn += 1
                if turn % 3 == 0:
                    response = client.get("/api/v1/search", params={"q": WORD})
                    total = response.json().get("total") if response.status_code == 200 else None
                    seen.append(("word", response.status_code, response.headers.get("x-index-version", ""), total))
                elif turn % 3 == 1:
                    response = client.get(f"/api/v1/posts/{slugs[turn % len(slugs)]}/related")
                    seen.append(("related", response.status_code, response.headers.get("x-index-version", ""), None))
                else:
                    response = client.get("/api/v1/search", params={"q": "knee pain running"})
                    seen.append(("search", response.status_code, response.headers.get("x-index-version", ""), None))

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    try:
        with httpx.Client(base_url=server.url, headers=AUTH, timeout=120) as admin:
            first = admin.post("/api/v1/admin/reindex")
            assert first.status_code == 200, first.text
            added = admin.put(f"/api/v1/admin/posts/{WORD}", json={"title": f"The {WORD} drill", "slug": WORD, "body": f"{WORD} knee."})
            assert added.status_code == 200, added.text
            assert added.headers["x-index-version"] == added.json()["build_id"]
            arrived = added.json()["build_id"]
            again = admin.post("/api/v1/admin/reindex")  # a full rebuild replays the edit
            assert again.status_code == 200, again.text
            assert again.json()["build_id"] > arrived
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)
        server.stop()
    assert len(seen) > 50
    assert [s for s in seen if s[1] != 200] == []
    assert all(version for _kind, _status, version, _total in seen)
    for _kind, _status, version, total in (s for s in seen if s[0] == "word"):
        # Build ids start with their UTC build time: the post exists exactly in versions from `arrived` on.
        assert (total > 0) == (version >= arrived), (version, arrived, total)
    assert {s[2] for s in seen if s[2] >= arrived}, "no response came from the new version"


def test_concurrent_admin_writes_are_serialised_and_all_kept(serve_app, fresh_index: Path) -> None:
    server = serve_app(index=fresh_index, admin_token=TOKEN, rate_limit_per_minute=0)
    ids = [f"concurrent-{n}" for n in range(8)]

    def put(post_id: str) -> httpx.Response:
        body = {"title": f"Concurrent {post_id}", "slug": post_id, "body": "Hamstring stretch for runners."}
        return httpx.put(f"{server.url}/api/v1/admin/posts/{post_id}", json=body, headers=AUTH, timeout=120)

    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(put, ids))
    assert [r.status_code for r in responses] == [200] * 8, [r.text for r in responses]
    assert len({r.json()["build_id"] for r in responses}) == 8  # one version each, one after another
    bundle = open_bundle(fresh_index)
    assert set(ids) <= set(bundle.posts)
    assert bundle.manifest.posts == open_bundle(fresh_index).manifest.posts
    assert (fresh_index / EDITS_FILE).read_text().count('"op": "upsert"') == 8


@pytest.mark.slow
def test_admin_edits_survive_a_restart_and_a_full_rebuild(fresh_index: Path, tmp_path: Path) -> None:
    victim = next(iter(open_bundle(fresh_index).posts))
    server = served(fresh_index, tmp_path)
    with httpx.Client(base_url=server.url, headers=AUTH, timeout=60) as admin:
        assert admin.put("/api/v1/admin/posts/kept-1", json={"title": "Kept one", "slug": "kept-1"}).status_code == 200
        assert admin.delete(f"/api/v1/admin/posts/{victim}").status_code == 200
    server.stop()

    again = served(fresh_index, tmp_path)
    try:
        with httpx.Client(base_url=again.url, timeout=30) as client:
            assert client.get("/api/v1/posts/kept-1").status_code == 200
            assert client.get(f"/api/v1/posts/{victim}").status_code == 404
    finally:
        again.stop()

    rebuilt = subprocess.run(
        [*runphys(), "build", str(DEMO_POSTS), "--index", str(fresh_index)],
        env=clean_env(), cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert rebuilt.returncode == 0, rebuilt.stderr[-2000:]
    bundle = open_bundle(fresh_index)
    assert "kept-1" in bundle.posts and victim not in bundle.posts


def test_every_api_response_names_its_index_version(client) -> None:
    version = client.get("/readyz").json()["build_id"]
    for url in ("/api/v1/search?q=knee", "/api/v1/suggest?q=kn", "/api/v1/posts", "/api/v1/stats", "/", "/api/v1/posts/nope"):
        assert client.get(url).headers["X-Index-Version"] == version, url
    assert "X-Index-Version" not in client.get("/healthz").headers  # no engine, no version

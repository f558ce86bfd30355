"""A served index under change: reindex while taking traffic, concurrent admin writes, restarts."""

from __future__ import annotations

import gc
import logging
import os
import resource
import subprocess
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from runphys.index.bundle import open_bundle
from runphys.index.edits import EDITS_FILE
from runphys.index.post import Post
from runphys.search.results import SearchRequest
from runphys.service import live as live_module
from runphys.service.live import IndexUnavailable, LiveService
from runphys.service.pipeline import DEMO_POSTS, update_posts
from runphys.service.settings import Settings
from tests.live_server import ROOT, ServedProcess, clean_env, runphys
from tests.live_service import open_services, switch_now

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
            added = admin.put(f"/api/v1/admin/posts/{WORD}",
                              json={"title": f"The {WORD} drill", "slug": WORD, "body": f"{WORD} knee."})
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
    urls = ("/api/v1/search?q=knee", "/api/v1/suggest?q=kn", "/api/v1/posts", "/api/v1/stats", "/",
            "/api/v1/posts/nope")
    for url in urls:
        assert client.get(url).headers["X-Index-Version"] == version, url
    assert "X-Index-Version" not in client.get("/healthz").headers  # no engine, no version


# -- descriptors and transient errors ---------------------------------------------------------


def index_descriptors(pid: int | str, index: Path) -> int:
    """Open descriptors of a process into the index folder (bundle versions, sessions, the log)."""
    root = str(index.resolve())
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue  # closed while we looked
        count += target.startswith(root)
    return count


def all_descriptors(pid: int | str) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


@pytest.mark.slow
def test_sustained_admin_writes_keep_descriptors_bounded(fresh_index: Path, tmp_path: Path) -> None:
    server = served(fresh_index, tmp_path)
    assert server.process is not None
    pid = server.process.pid
    stop = threading.Event()
    statuses: list[int] = []

    def reader() -> None:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            while not stop.is_set():
                for url in ("/api/v1/search?q=knee", "/api/v1/posts/step-downs-for-runners-knee/related", "/"):
                    statuses.append(client.get(url).status_code)

    with httpx.Client(base_url=server.url, headers=AUTH, timeout=60) as admin:
        assert admin.get("/api/v1/search?q=knee").status_code == 200
        baseline_index, baseline_all = index_descriptors(pid, fresh_index), all_descriptors(pid)
        readers = [threading.Thread(target=reader) for _ in range(2)]
        for thread in readers:
            thread.start()
        samples: list[tuple[int, int]] = []
        writes = 0
        started = time.monotonic()
        try:
            while time.monotonic() - started < 6 or writes < 4:
                body = {"title": f"Soak {writes}", "slug": f"soak-{writes % 3}", "body": "Knee soak drill."}
                response = admin.put(f"/api/v1/admin/posts/soak-{writes % 3}", json=body)
                statuses.append(response.status_code)
                writes += 1
                samples.append((index_descriptors(pid, fresh_index), all_descriptors(pid)))
        finally:
            stop.set()
            for thread in readers:
                thread.join(60)
        quiet_index, quiet_all = index_descriptors(pid, fresh_index), all_descriptors(pid)
    server.stop()
    assert set(statuses) == {200}, {s: statuses.count(s) for s in set(statuses)}
    assert len(statuses) > 50
    # Each write replaces the service; the replaced one closes with its last request, not 60 s later.
    # While readers run, a replaced version may still be leased: at most one more set of files.
    per_version = max(1, baseline_index)
    assert max(index for index, _ in samples) <= baseline_index + per_version, (baseline_index, samples)
    assert quiet_index == baseline_index, (baseline_index, quiet_index)
    assert quiet_all <= baseline_all + 4, (baseline_all, quiet_all, samples)


def version_descriptors(index: Path, build_id: str) -> int:
    return index_descriptors("self", index / "versions" / build_id)


def test_a_replaced_service_closes_with_its_last_request(fresh_index: Path) -> None:
    live = LiveService(Settings(index=fresh_index, reload_check_seconds=0))
    try:
        old = live.acquire()
        assert version_descriptors(fresh_index, old.build_id) >= 1
        update_posts(fresh_index, upserts=[Post(id="lease-1", title="Lease knee drill", body="Knee drill.")])
        new = live.acquire(refresh=True)
        assert new is not old and open_services(live) == 2
        assert old.search(SearchRequest(q="knee"), record=False).total > 0  # the request on it goes on
        live.release(new)
        assert version_descriptors(fresh_index, old.build_id) >= 1
        live.release(old)  # its last request ends: closed now
        assert open_services(live) == 1 and version_descriptors(fresh_index, old.build_id) == 0
        assert live.acquire() is new
        live.release(new)
        assert open_services(live) == 1  # the current one stays open without requests
    finally:
        live.close()


def test_a_reader_never_waits_for_a_new_version_to_open(fresh_index: Path) -> None:
    live = LiveService(Settings(index=fresh_index, reload_check_seconds=0))
    try:
        old = switch_now(live).build_id
        manifest = update_posts(fresh_index, upserts=[Post(id="bg-1", title="Background knee drill", body="Knee.")])
        first = live.acquire()  # the look that finds the new version opens it in the background
        live.release(first)
        assert first.build_id == old
        deadline = time.monotonic() + 30
        while (now := live.get().build_id) != manifest.build_id and time.monotonic() < deadline:
            time.sleep(0.02)
        assert now == manifest.build_id and live.last_error is None
    finally:
        live.close()


def test_switching_versions_keeps_no_closed_version_in_memory(fresh_index: Path) -> None:
    """Each open sets the live objects aside from the cycle collector (gc.freeze) and takes the
    previous ones back first, so versions closed since are collected: the count stays flat."""
    live = LiveService(Settings(index=fresh_index, reload_check_seconds=0))
    try:
        counts = []
        for i in range(6):
            update_posts(fresh_index, upserts=[Post(id=f"gc-{i}", title=f"Knee drill {i}", body="Knee.")])
            switch_now(live)
            counts.append(gc.get_freeze_count())
        assert max(counts[2:]) <= counts[1] * 1.2, counts
    finally:
        live.close()


def test_a_stuck_request_keeps_a_replaced_service_only_so_long(fresh_index: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live_module, "RETIRE_AFTER_SECONDS", 0.0)
    live = LiveService(Settings(index=fresh_index, reload_check_seconds=0))
    try:
        stuck = live.acquire()  # never released
        update_posts(fresh_index, upserts=[Post(id="stuck-1", title="Stuck", body="Knee.")])
        live.release(live.acquire(refresh=True))
        live.release(live.acquire(refresh=True))  # the next look closes what is overdue
        assert open_services(live) == 1 and version_descriptors(fresh_index, stuck.build_id) == 0
        live.release(stuck)  # a late release closes nothing twice
        assert open_services(live) == 1
    finally:
        live.close()


class FirstRetry(logging.Handler):
    """Runs `action` when the live service logs its first retry (between two real attempts)."""

    def __init__(self, action: Callable[[], None]) -> None:
        super().__init__(logging.WARNING)
        self.action = action
        self.retries: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "attempt" in message:
            self.retries.append(message)
            if len(self.retries) == 1:
                self.action()


def no_free_descriptors() -> Callable[[], None]:
    """Lower RLIMIT_NOFILE to the lowest free descriptor: every open() now fails with EMFILE."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    probe = os.dup(0)
    os.close(probe)
    resource.setrlimit(resource.RLIMIT_NOFILE, (probe, hard))
    return lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_too_many_open_files_while_switching_is_retried(fresh_index: Path) -> None:
    live = LiveService(Settings(index=fresh_index, reload_check_seconds=0))
    logger = logging.getLogger("runphys.service.live")
    try:
        first = live.get().build_id
        manifest = update_posts(fresh_index, upserts=[Post(id="emfile-1", title="Emfile", body="Knee.")])
        restore = no_free_descriptors()
        handler = FirstRetry(restore)
        logger.addHandler(handler)
        try:
            switched = switch_now(live)  # attempt 1: EMFILE; the handler frees descriptors; attempt 2 opens
        finally:
            restore()
            logger.removeHandler(handler)
        assert len(handler.retries) == 1 and "Too many open files" in handler.retries[0]
        assert switched.build_id == manifest.build_id != first and live.last_error is None
    finally:
        live.close()


def test_a_transient_error_is_never_recorded_as_damage(fresh_index: Path) -> None:
    live = LiveService(Settings(index=fresh_index, reload_check_seconds=0))
    try:
        first = live.get().build_id
        manifest = update_posts(fresh_index, upserts=[Post(id="emfile-2", title="Emfile", body="Knee.")])
        restore = no_free_descriptors()
        try:
            kept = switch_now(live)  # every attempt fails: the old version serves on
        finally:
            restore()
        assert kept.build_id == first
        assert live.last_error is not None and "retrying" in live.last_error and "damaged" not in live.last_error
        assert switch_now(live).build_id == manifest.build_id  # not refused: the next look switches
        assert live.last_error is None
    finally:
        live.close()


def test_a_transient_error_with_nothing_open_is_a_503(fresh_index: Path) -> None:
    live = LiveService(Settings(index=fresh_index))
    restore = no_free_descriptors()
    try:
        with pytest.raises(IndexUnavailable) as raised:
            live.get()
    finally:
        restore()
    assert raised.value.status == 503
    assert live.get().build_id  # and it opens once the OS has descriptors again
    live.close()

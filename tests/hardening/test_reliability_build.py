"""Index lifecycle under faults: killed builds, two builds at once, damaged bundles."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from runphys.index.bundle import PAUSE_AT_ENV, PAUSE_MARKER_ENV, PHASES, current_build_id, open_bundle
from tests.live_server import ROOT, clean_env, runphys
from tests.paths import SHARED

EXERCISES = SHARED / "data" / "exercises" / "exercises.json"
MAP = "id=id,title=name,body=instructions,categories=category,tags=primaryMuscles+secondaryMuscles+equipment"
needs_exercises = pytest.mark.skipif(not EXERCISES.exists(), reason="needs ../shared/data/exercises")


def build_command(index: Path) -> list[str]:
    return [*runphys(), "build", str(EXERCISES), "--map", MAP, "--index", str(index), "--json"]


def start_build(index: Path, output: int = subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen(
        build_command(index), env=clean_env(), cwd=ROOT, stdout=output, stderr=output, text=True,
        start_new_session=True,
    )


def lock_is_held(index: Path) -> bool:
    with open(index / ".build.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def kill_build_at(index: Path, phase: str, marker: Path) -> None:
    """Start a real build, let it reach `phase` (the test-only pause hook in index/bundle.py writes
    `marker` there and waits), then SIGKILL its whole process group exactly in that phase."""
    env = clean_env() | {PAUSE_AT_ENV: phase, PAUSE_MARKER_ENV: str(marker)}
    build = subprocess.Popen(build_command(index), env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not marker.exists():
            assert build.poll() is None, f"the build ended before {phase!r} (exit {build.returncode})"
            assert time.monotonic() < deadline, f"the build never reached {phase!r}"
            time.sleep(0.05)
    finally:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait(30)


@pytest.mark.slow
@needs_exercises
@pytest.mark.parametrize("phase", PHASES)
def test_a_build_killed_in_any_phase_leaves_the_previous_bundle_serving(
        fresh_index: Path, tmp_path: Path, phase: str) -> None:
    before = open_bundle(fresh_index).manifest.build_id
    kill_build_at(fresh_index, phase, tmp_path / "paused")
    bundle = open_bundle(fresh_index)  # complete and valid, and still the one before
    assert bundle.manifest.build_id == before == current_build_id(fresh_index)
    assert len(bundle.posts) == bundle.manifest.posts
    assert not lock_is_held(fresh_index)  # the killed build's lock died with it
    done = subprocess.run(
        build_command(fresh_index), env=clean_env(), cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert open_bundle(fresh_index).manifest.build_id == report["build_id"] == current_build_id(fresh_index)
    versions = fresh_index / "versions"
    assert not [p.name for p in versions.iterdir() if p.name.startswith(".")]  # staging debris removed
    assert not list(fresh_index.glob(".current-*"))
    assert len(list(versions.iterdir())) <= 3


@pytest.mark.slow
@needs_exercises
def test_a_second_build_at_the_same_time_fails_clearly(fresh_index: Path) -> None:
    from runphys.index.bundle import build_lock

    before = open_bundle(fresh_index).manifest.build_id
    command = [*runphys(), "build", str(EXERCISES), "--map", MAP, "--index", str(fresh_index), "--json"]
    with build_lock(fresh_index):  # held the way a running build holds it
        second = subprocess.run(command, env=clean_env(), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert second.returncode == 1
    assert "another build" in second.stdout and "is running" in second.stdout
    assert "Traceback" not in second.stderr + second.stdout
    assert open_bundle(fresh_index).manifest.build_id == before  # untouched by the refused build
    first = subprocess.run(command, env=clean_env(), cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert first.returncode == 0, first.stderr[-2000:]
    assert open_bundle(fresh_index).manifest.build_id == json.loads(first.stdout)["build_id"]


def damage(index: Path, how: str) -> None:
    version = (index / "current").resolve()
    if how == "truncated-posts":
        data = (version / "posts.jsonl").read_bytes()
        (version / "posts.jsonl").write_bytes(data[: len(data) // 2])
    elif how == "truncated-search":
        biggest = max((p for p in (version / "search").iterdir() if p.is_file()), key=lambda p: p.stat().st_size)
        biggest.write_bytes(biggest.read_bytes()[:10])
    elif how == "scrambled-search":  # same sizes, so only opening it can tell
        for part in (version / "search").iterdir():
            if part.is_file() and part.suffix == ".npy":
                part.write_bytes(b"\xff" * part.stat().st_size)
    elif how == "scrambled-text":  # the Whoosh text store, which a search reads only for phrases
        for part in (version / "search" / "text").iterdir():
            if part.is_file() and part.suffix in (".seg", ".toc"):
                part.write_bytes(b"\xff" * part.stat().st_size)
    elif how == "wrong-version":
        manifest = json.loads((version / "manifest.json").read_text())
        manifest["format_version"] = 999
        (version / "manifest.json").write_text(json.dumps(manifest))
    elif how == "no-manifest":
        (version / "manifest.json").unlink()
    elif how == "link-outside":
        (index / "current").unlink()
        (index / "current").symlink_to(Path("/tmp"))
    else:
        raise AssertionError(how)


# Whoosh itself leaves the TOC file open when reading a scrambled one fails (whoosh.index.TOC.read),
# before any of our code holds the handle.
leaks_a_handle = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

DAMAGE = ["truncated-posts", "truncated-search", "scrambled-search", "scrambled-text", "wrong-version", "no-manifest",
          "link-outside"]


@leaks_a_handle
@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_bundle_is_refused_at_start(make_client, fresh_index: Path, how: str) -> None:
    damage(fresh_index, how)
    client = make_client(index=fresh_index)
    ready = client.get("/readyz")
    assert ready.status_code == 503
    error = ready.json()["error"]
    assert error["code"] in ("index_damaged", "index_version_mismatch") and "runphys build" in error["message"]
    for url in ("/api/v1/search?q=knee", "/api/v1/posts", "/api/v1/stats"):
        response = client.get(url)
        assert response.status_code == 503 and set(response.json()["error"]) == {"code", "message", "detail"}
    page = client.get("/?q=knee", headers={"Accept": "text/html"})
    assert page.status_code == 503 and "runphys build" in page.text


@pytest.mark.slow
@pytest.mark.parametrize("how", ["truncated-posts", "scrambled-search", "scrambled-text"])
def test_serve_refuses_a_damaged_bundle(fresh_index: Path, how: str) -> None:
    damage(fresh_index, how)
    done = subprocess.run(
        [*runphys(), "serve", "--index", str(fresh_index), "--port", "0"],
        env=clean_env(), cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 1
    assert "runphys build" in done.stderr and "Traceback" not in done.stderr


def switch_to_damaged_copy(index: Path, how: str) -> str:
    """A new version that is a damaged copy of the live one, switched in like a build would."""
    import shutil

    from runphys.index.bundle import _switch

    live = (index / "current").resolve()
    new_id = "29990101T000000000000-damaged"
    shutil.copytree(live, index / "versions" / new_id)
    scratch = index / ".scratch"
    scratch.mkdir()
    (scratch / "current").symlink_to(index / "versions" / new_id)
    damage(scratch, how)
    _switch(index, index / "versions" / new_id)
    return new_id


@leaks_a_handle
@pytest.mark.parametrize("how", ["truncated-posts", "truncated-search", "scrambled-search", "scrambled-text",
                                 "wrong-version"])
def test_a_live_server_keeps_the_last_good_bundle(make_client, fresh_index: Path, how: str) -> None:
    client = make_client(index=fresh_index, reload_check_seconds=0)
    good = client.get("/readyz").json()["build_id"]
    bad = switch_to_damaged_copy(fresh_index, how)
    for _ in range(3):
        response = client.get("/api/v1/search?q=knee")
        assert response.status_code == 200
        assert response.headers["X-Index-Version"] == good
    # The damaged version is tried in the background (no reader waits for it): poll for the verdict.
    deadline = time.monotonic() + 30
    while not (ready := client.get("/readyz")).json().get("warning") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert ready.status_code == 200 and ready.json()["build_id"] == good
    assert "runphys build" in ready.json()["warning"]
    assert current_build_id(fresh_index) == bad


def test_an_edit_after_a_torn_edits_line_is_kept(fresh_index: Path) -> None:
    from runphys.index.edits import EDITS_FILE
    from runphys.index.post import Post
    from runphys.service.pipeline import build_posts, update_posts

    update_posts(fresh_index, upserts=[Post.from_dict({"id": "before", "title": "Before"})])
    with (fresh_index / EDITS_FILE).open("a") as out:
        out.write('{"op": "upsert", "post": {"id": "torn", "tit')  # a crash mid-append
    update_posts(fresh_index, upserts=[Post.from_dict({"id": "after", "title": "After"})])
    live = open_bundle(fresh_index)
    imported = [post for post in live.posts.values() if post.id not in ("before", "after")]
    build_posts(imported, fresh_index)  # a full rebuild from sources replays the edits
    posts = open_bundle(fresh_index).posts
    assert {"before", "after"} <= set(posts) and "torn" not in posts

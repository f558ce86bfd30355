"""Admin writes when the author's files or the disk fail: our error JSON with 507 (disk full) or
503 (a file that cannot be read or written), 400 naming an invalid curation.json; nothing
half-written; what the live version could not apply is at /api/v1/admin/author-state."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import httpx
import pytest

from runphys.index.author_state import CURATION_FILE
from runphys.index.bundle import current_build_id, open_bundle
from runphys.index.edits import EDITS_FILE
from tests.live_server import ServedProcess

TOKEN = "storage-test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# Run `runphys serve` with files limited to this size, SIGXFSZ ignored: a write past it fails with
# EFBIG ("File too large") exactly as a full disk fails with ENOSPC. The version's posts.jsonl
# (150 KB) cannot be copied; the log, sessions and search log stay far below it.
LIMITED = textwrap.dedent("""
    import os, resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
    os.execv(sys.argv[1], sys.argv[1:])
""")


@pytest.fixture
def admin(make_client, fresh_index: Path):
    return make_client(index=fresh_index, admin_token=TOKEN)


def two_posts(index: Path) -> tuple[str, str]:
    ids = sorted(open_bundle(index).posts)
    return ids[0], ids[1]


def assert_our_error(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and set(response.json()) == {"error"}
    return error


@pytest.mark.slow
def test_a_full_disk_answers_507_and_saves_nothing(fresh_index: Path, tmp_path: Path) -> None:
    post, other = two_posts(fresh_index)
    before = current_build_id(fresh_index)
    served = ServedProcess(fresh_index, tmp_path / "server.log", admin_token=TOKEN)
    if Path(served._args[0]).name != "runphys":
        pytest.skip("needs the installed runphys console script")
    served._args = [sys.executable, "-c", LIMITED, *served._args]
    served.start()
    try:
        with httpx.Client(base_url=served.url, headers=AUTH, timeout=120) as http:
            error = assert_our_error(http.put(f"/api/v1/admin/curation/{post}", json={"pin": [other]}), 507,
                                     "insufficient_storage")
            assert "File too large" in str(error["message"]) and str(fresh_index / "versions") in str(error["message"])
            assert_our_error(http.put("/api/v1/admin/posts/disk-full", json={"title": "Knee"}), 507,
                             "insufficient_storage")
            assert http.get(f"/api/v1/posts/{post}/related").status_code == 200  # readers go on
            assert http.get(f"/api/v1/admin/curation/{post}").json()["pin"] == []
    finally:
        served.stop()
    assert current_build_id(fresh_index) == before
    assert not [p.name for p in fresh_index.iterdir() if "curation" in p.name or p.name == EDITS_FILE]
    assert not [p.name for p in (fresh_index / "versions").iterdir() if p.name.startswith(".")]


def test_a_curation_file_that_is_a_folder_answers_503(admin, fresh_index: Path) -> None:
    post, other = two_posts(fresh_index)
    (fresh_index / CURATION_FILE).mkdir()
    for response in (admin.put(f"/api/v1/admin/curation/{post}", json={"pin": [other]}, headers=AUTH),
                     admin.get("/api/v1/admin/curation", headers=AUTH)):
        error = assert_our_error(response, 503, "storage_unavailable")
        assert error["detail"] == {"file": str(fresh_index / CURATION_FILE), "reason": "Is a directory"}
    # A post edit is not blocked by it: served, and the problem is reported to the author.
    assert admin.put("/api/v1/admin/posts/not-blocked", json={"title": "Knee"}, headers=AUTH).status_code == 200
    state = admin.get("/api/v1/admin/author-state", headers=AUTH).json()
    assert [p["file"] for p in state["problems"]] == [str(fresh_index / CURATION_FILE)]


def test_an_invalid_curation_file_answers_400_with_its_path_and_the_way_out(admin, fresh_index: Path) -> None:
    post, other = two_posts(fresh_index)
    (fresh_index / CURATION_FILE).write_text("[" * 100_000)
    error = assert_our_error(admin.put(f"/api/v1/admin/curation/{post}", json={"pin": [other]}, headers=AUTH), 400,
                             "author_file_invalid")
    assert str(fresh_index / CURATION_FILE) in str(error["message"]) and "move it away" in str(error["message"])
    assert (fresh_index / CURATION_FILE).read_text() == "[" * 100_000


def test_author_state_lists_damaged_edit_lines(admin, fresh_index: Path) -> None:
    assert admin.get("/api/v1/admin/author-state", headers=AUTH).json()["problems"] == []
    assert admin.put("/api/v1/admin/posts/first", json={"title": "First knee"}, headers=AUTH).status_code == 200
    with (fresh_index / EDITS_FILE).open("a") as out:
        out.write("{damaged by hand\n")
    assert admin.post("/api/v1/admin/reindex", headers=AUTH).status_code == 200
    state = admin.get("/api/v1/admin/author-state", headers=AUTH).json()
    assert state["build_id"] == current_build_id(fresh_index)
    [problem] = state["problems"]
    assert problem["file"] == str(fresh_index / EDITS_FILE) and problem["line"] == 2
    assert "kept in the file" in problem["reason"]
    assert admin.get("/api/v1/admin/author-state").status_code in (401, 403)
    assert json.loads((fresh_index / EDITS_FILE).read_text().splitlines()[0])["post"]["id"] == "first"


def test_a_deeply_nested_sessions_file_is_a_damaged_file_not_a_500(serve_app, fresh_index: Path) -> None:
    from runphys.api.sessions import SESSIONS_FILE

    (fresh_index / SESSIONS_FILE).write_text('{"sessions": ' + "[" * 100_000)
    server = serve_app(index=fresh_index, admin_token=TOKEN)
    origin = {"Origin": server.url, "Sec-Fetch-Site": "same-origin"}
    login = httpx.post(f"{server.url}/author/login", data={"token": TOKEN}, headers=origin, follow_redirects=False)
    assert login.status_code == 303, login.text  # logged in afresh; the file is written again whole
    session = login.headers["set-cookie"].split(";")[0]
    assert httpx.get(f"{server.url}/author/gaps", headers={"Cookie": session}).status_code == 200
    assert len(json.loads((fresh_index / SESSIONS_FILE).read_text())["sessions"]) == 1

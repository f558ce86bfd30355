"""The author's state under failure: nothing the author wrote vanishes silently, an unusable file
never blocks every build, a curation change is saved and served as one step (kill -9 at named
phases of a real process), and curation input is checked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from runphys.index.author_state import CURATION_FILE
from runphys.index.bundle import PAUSE_AT_ENV, PAUSE_MARKER_ENV, current_build_id, open_bundle
from runphys.index.edits import EDITS_FILE, record_edits
from runphys.index.errors import AuthorFileInvalid, BadRequest, StorageFailed
from runphys.index.post import Post
from runphys.recommend.curation import ListChange
from runphys.service.curating import edit, replace, show
from runphys.service.pipeline import rebuild
from runphys.service.service import Service
from runphys.service.settings import Settings
from tests.live_server import ROOT, clean_env, runphys


def problems_of(index: Path) -> list[dict[str, object]]:
    service = Service.open(Settings(index=index))
    try:
        return [dict(p) for p in service.author_problems()]
    finally:
        service.close()


def two_posts(index: Path) -> tuple[str, str, str]:
    ids = sorted(open_bundle(index).posts)
    return ids[0], ids[1], ids[2]


def test_a_damaged_edit_line_is_reported_by_the_build_and_kept(fresh_index: Path) -> None:
    record_edits(fresh_index, upserts=[Post(id="first-edit", title="First", body="Knee.")])
    with (fresh_index / EDITS_FILE).open("a") as out:
        out.write("{damaged\n")
    record_edits(fresh_index, upserts=[Post(id="last-edit", title="Last", body="Hip.")])
    report = rebuild(fresh_index)
    assert report.edits == 2
    [problem] = [p for p in report.problems if p.code == "edits-not-applied"]
    assert problem.source == str(fresh_index / EDITS_FILE) and problem.where == "line 2"
    assert "kept in the file" in problem.reason and problem.severity == "error"
    assert report.to_dict()["problems"][-1]["where"] == "line 2"
    manifest = open_bundle(fresh_index).manifest
    assert manifest.author_state["edits"]["problems"][0]["line"] == 2
    assert {"first-edit", "last-edit"} <= set(open_bundle(fresh_index).posts)
    assert [p["line"] for p in problems_of(fresh_index)] == [2]
    assert "{damaged" in (fresh_index / EDITS_FILE).read_text()


def test_an_invalid_curation_file_blocks_no_build_and_says_how_to_fix_it(fresh_index: Path) -> None:
    post, pinned, _ = two_posts(fresh_index)
    edit(fresh_index, post, [ListChange("pin", add=(pinned,))])
    (fresh_index / CURATION_FILE).write_text('{"broken": ')
    report = rebuild(fresh_index)  # not blocked: the pins the live version serves are kept
    [problem] = [p for p in report.problems if p.code == "curation-not-applied"]
    assert str(fresh_index / CURATION_FILE) in problem.reason and "kept the pins" in problem.reason
    service = Service.open(Settings(index=fresh_index))
    try:
        assert service.related(post)[1][0].id == pinned
    finally:
        service.close()
    with pytest.raises(AuthorFileInvalid) as raised:  # a change would overwrite the author's file: refused
        edit(fresh_index, post, [ListChange("pin", remove=(pinned,))])
    assert raised.value.status == 400 and str(fresh_index / CURATION_FILE) in raised.value.message
    assert "move it away" in raised.value.message
    assert (fresh_index / CURATION_FILE).read_text() == '{"broken": '  # never overwritten
    (fresh_index / CURATION_FILE).unlink()  # the way out the message gives
    assert edit(fresh_index, post, [ListChange("pin", add=(pinned,))]).curation.pin == (pinned,)


@pytest.mark.parametrize("how", ["folder", "nested"])
def test_a_curation_file_that_cannot_be_read(fresh_index: Path, how: str) -> None:
    post, pinned, _ = two_posts(fresh_index)
    if how == "folder":
        (fresh_index / CURATION_FILE).mkdir()
        expected: type[Exception] = StorageFailed
    else:
        (fresh_index / CURATION_FILE).write_text("[" * 100_000)
        expected = AuthorFileInvalid
    with pytest.raises(expected) as raised:
        show(fresh_index)
    assert str(fresh_index / CURATION_FILE) in raised.value.args[0]
    with pytest.raises(expected):
        edit(fresh_index, post, [ListChange("pin", add=(pinned,))])
    assert rebuild(fresh_index).manifest is not None  # builds go on, reporting it
    assert any(str(fresh_index / CURATION_FILE) == p["file"] for p in problems_of(fresh_index))


def test_curation_input_is_checked(fresh_index: Path) -> None:
    post, one, other = two_posts(fresh_index)
    change = edit(fresh_index, post, [ListChange("pin", add=(one, one, other, one))])
    assert change.curation.pin == (one, other)
    assert replace(fresh_index, post, {"pin": [other, other]}).curation.pin == (other,)
    with pytest.raises(BadRequest, match="both pinned and excluded") as raised:
        replace(fresh_index, post, {"pin": [one], "exclude": [one]})
    assert raised.value.detail == {"post": post, "pinned_and_excluded": [one]}
    with pytest.raises(BadRequest, match="unpin it or allow it again"):
        edit(fresh_index, post, [ListChange("exclude", add=(other,))])
    assert json.loads((fresh_index / CURATION_FILE).read_text()) == {post: {"pin": [other]}}


def test_a_change_that_changes_nothing_builds_nothing(fresh_index: Path) -> None:
    post, one, _ = two_posts(fresh_index)
    before = current_build_id(fresh_index)
    assert edit(fresh_index, post, [ListChange("pin", clear=True)]).build_id == before
    assert edit(fresh_index, post, [ListChange("exclude", remove=(one,))]).build_id == before
    assert not (fresh_index / CURATION_FILE).exists()
    pinned = edit(fresh_index, post, [ListChange("pin", add=(one,))]).build_id
    assert pinned != before and edit(fresh_index, post, [ListChange("pin", add=(one,))]).build_id == pinned


def pin_killed_at(index: Path, phase: str, post: str, target: str, tmp_path: Path) -> None:
    """`runphys pin` as a real process, killed with SIGKILL exactly at `phase` (the test hook)."""
    marker = tmp_path / f"paused-{phase.replace(' ', '-')}"
    env = clean_env() | {PAUSE_AT_ENV: phase, PAUSE_MARKER_ENV: str(marker)}
    process = subprocess.Popen([*runphys(), "pin", post, target, "--index", str(index)], env=env, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert process.poll() is None and time.monotonic() < deadline, f"never reached {phase}"
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)


@pytest.mark.slow
def test_a_curation_change_killed_at_each_phase_is_saved_and_served_or_reported(
        fresh_index: Path, tmp_path: Path) -> None:
    post, target, _ = two_posts(fresh_index)
    before = current_build_id(fresh_index)
    for phase in ("writing related part", "committing"):  # before the save: neither saved nor served
        pin_killed_at(fresh_index, phase, post, target, tmp_path)
        assert current_build_id(fresh_index) == before and not (fresh_index / CURATION_FILE).exists()
        assert problems_of(fresh_index) == []
    pin_killed_at(fresh_index, "switching", post, target, tmp_path)  # saved, not yet served: said so
    assert current_build_id(fresh_index) == before
    assert json.loads((fresh_index / CURATION_FILE).read_text()) == {post: {"pin": [target]}}
    [problem] = problems_of(fresh_index)
    assert problem["file"] == str(fresh_index / CURATION_FILE) and "differs" in str(problem["reason"])
    served = edit(fresh_index, post, [ListChange("pin", add=(target,))])  # the same change again serves it
    assert served.build_id != before and problems_of(fresh_index) == []
    versions = fresh_index / "versions"
    assert not [p.name for p in versions.iterdir() if p.name.startswith(".")]

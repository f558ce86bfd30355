"""The CLI under the author's mistakes and a failing disk: one clear line naming the file and the
reason, exit 1 (2 for a bad flag), never a traceback, nothing half-written, no demo index made at a
mistyped --index."""

from __future__ import annotations

import json
import resource
import signal
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runphys.cli.main import app
from runphys.index.author_state import CURATION_FILE
from runphys.index.bundle import current_build_id, open_bundle
from runphys.index.demo import POSTS as DEMO_POSTS
from runphys.index.edits import EDITS_FILE, record_edits
from runphys.index.post import Post
from tests.live_server import ROOT, clean_env, runphys


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def limited(limit_bytes: int):
    """preexec_fn: files may not grow past `limit_bytes`; a write past it fails with EFBIG ("File
    too large"), as a full disk fails it with ENOSPC."""
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return apply


def two_posts(index: Path) -> tuple[str, str]:
    ids = sorted(open_bundle(index).posts)
    return ids[0], ids[1]


@pytest.mark.parametrize("command", [["pin", "a", "b"], ["unpin", "a"], ["exclude", "a", "b"],
                                     ["unexclude", "a", "--all"], ["curation"]])
def test_a_mistyped_index_is_an_error_not_a_demo_index(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "indx"
    result = invoke(*command, "--index", str(typo))
    assert result.exit_code == 1
    assert f"no index at {typo}" in result.output and "Traceback" not in result.output
    assert not typo.exists()


@pytest.mark.parametrize("wait", ["-1", "nan", "inf", "1e9"])
def test_wait_must_be_a_number_of_seconds(fresh_index: Path, wait: str) -> None:
    post, other = two_posts(fresh_index)
    result = CliRunner().invoke(app, ["pin", post, other, "--index", str(fresh_index), "--wait", wait])
    assert result.exit_code == 2 and "--wait" in result.output
    assert not (fresh_index / CURATION_FILE).exists()


def test_build_prints_a_damaged_edit_line(fresh_index: Path, tmp_path: Path) -> None:
    record_edits(fresh_index, upserts=[Post(id="kept", title="Kept", body="Knee.")])
    with (fresh_index / EDITS_FILE).open("a") as out:
        out.write('{"op": "upsert", "post": {"id": "torn"\n')
    done = subprocess.run([*runphys(), "build", str(DEMO_POSTS), "--index", str(fresh_index)], env=clean_env(),
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"error: {fresh_index / EDITS_FILE} (line 2): not a readable edit" in " ".join(done.stderr.split())
    assert "1 problem, 1 author edit replayed" in done.stdout


def test_an_edits_file_that_is_a_folder_stops_the_build_clearly(fresh_index: Path) -> None:
    before = current_build_id(fresh_index)
    (fresh_index / EDITS_FILE).mkdir()
    result = invoke("build", str(DEMO_POSTS), "--index", str(fresh_index), "--json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "storage_unavailable" and error["detail"]["file"] == str(fresh_index / EDITS_FILE)
    assert "Is a directory" in error["message"] and "--discard-edits" in error["message"]
    assert current_build_id(fresh_index) == before


def test_a_build_on_a_full_disk_fails_clearly_and_keeps_serving(fresh_index: Path) -> None:
    before = current_build_id(fresh_index)
    done = subprocess.run([*runphys(), "build", str(DEMO_POSTS), "--index", str(fresh_index)], env=clean_env(),
                          cwd=ROOT, capture_output=True, text=True, timeout=300, preexec_fn=limited(20_000))
    assert done.returncode == 1, done.stdout + done.stderr
    message = " ".join(done.stderr.split())
    assert "error: cannot finish writing " in message and "File too large" in message
    assert str(fresh_index / "versions") in message and "Traceback" not in message
    assert current_build_id(fresh_index) == before and open_bundle(fresh_index).manifest.posts > 0
    assert not [p for p in (fresh_index / "versions").iterdir() if p.name.startswith(".")]


def test_a_pin_on_a_full_disk_fails_clearly_and_saves_nothing(fresh_index: Path) -> None:
    post, other = two_posts(fresh_index)
    before = current_build_id(fresh_index)
    done = subprocess.run([*runphys(), "pin", post, other, "--index", str(fresh_index)], env=clean_env(), cwd=ROOT,
                          capture_output=True, text=True, timeout=300, preexec_fn=limited(20_000))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "File too large" in done.stderr and "Traceback" not in done.stderr
    assert current_build_id(fresh_index) == before
    assert sorted(p.name for p in fresh_index.iterdir() if "curation" in p.name) == []  # no .curation.json.tmp


def test_a_curation_file_that_is_a_folder_is_a_clear_error(fresh_index: Path) -> None:
    (fresh_index / CURATION_FILE).mkdir()
    result = invoke("curation", "--index", str(fresh_index))
    assert result.exit_code == 1
    assert f"cannot read {fresh_index / CURATION_FILE}: Is a directory" in " ".join(result.output.split())


def test_vocabulary_check_names_the_line_of_deep_nesting_and_prints_caps(tmp_path: Path) -> None:
    nested = tmp_path / "nested.yaml"
    nested.write_text("body_parts:\n" + "".join("  " * (i + 1) + f"- k{i}:\n" for i in range(80)))
    result = invoke("vocabulary", "check", str(nested))
    assert result.exit_code == 1 and f"{nested}:33: nested deeper than 64 levels" in " ".join(result.output.split())
    square = tmp_path / "square.yaml"
    names = "\n".join(f"      - name{i} zone" for i in range(300))
    hurts = "\n".join(f"      - name{i} zone strain{i}" for i in range(300))
    square.write_text(f"body_parts:\n  - key: part\n    name: Part\n    terms:\n{names}\ninjuries:\n  - key: hurt\n"
                      f"    name: Part pain\n    body_part: part\n    terms:\n{hurts}\n"
                      "kinds:\n  - key: other\n    name: Other\n")
    result = invoke("vocabulary", "check", str(square), "--json")
    assert result.exit_code == 0
    [warning] = json.loads(result.stdout)["warnings"]
    line = square.read_text().splitlines().index("  - key: hurt") + 1
    assert warning.startswith(f"{square}:{line}: injuries[0]: ") and "only the first 200" in warning

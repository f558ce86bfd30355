"""The author's files at the index root under real failures: a damaged line, a full disk (a real
EFBIG from RLIMIT_FSIZE in a child process), a folder where a file belongs, deep nesting."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from runphys.index.author_state import read_json, write_atomically
from runphys.index.edits import EDITS_FILE, record_edits, replay_edits
from runphys.index.errors import StorageFailed
from runphys.index.post import Post


def run_limited(code: str, limit_bytes: int) -> subprocess.CompletedProcess[str]:
    """`code` in a child whose files may not grow past `limit_bytes` (SIGXFSZ ignored, so a write
    past it fails with EFBIG, "File too large", as on a full disk)."""
    prelude = textwrap.dedent(f"""
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit_bytes}, {limit_bytes}))
    """)
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120)


def test_a_damaged_line_in_the_middle_is_reported_kept_and_the_rest_applied(tmp_path: Path) -> None:
    record_edits(tmp_path, upserts=[Post(id="a", title="A", body="Knee.")])
    with (tmp_path / EDITS_FILE).open("a", encoding="utf-8") as out:
        out.write('{"op": "upsert", "post": {"id": \n')  # damaged by hand
    record_edits(tmp_path, upserts=[Post(id="b", title="B", body="Hip.")], delete_ids=["gone"])
    before = (tmp_path / EDITS_FILE).read_bytes()
    replayed = replay_edits(tmp_path, [Post(id="gone", title="Gone", body="x")])
    assert sorted(p.id for p in replayed.posts) == ["a", "b"] and replayed.applied == 3
    [problem] = replayed.problems
    assert problem["file"] == str(tmp_path / EDITS_FILE) and problem["line"] == 2
    assert "kept in the file" in problem["reason"] and '"id": ' in problem["reason"]
    assert (tmp_path / EDITS_FILE).read_bytes() == before  # nothing removed


def test_deeply_nested_and_unknown_edit_lines_are_problems_not_tracebacks(tmp_path: Path) -> None:
    (tmp_path / EDITS_FILE).write_text("[" * 100_000 + "\n" + '{"op": "rename"}\n' + '"just text"\n')
    replayed = replay_edits(tmp_path, [])
    assert [p["line"] for p in replayed.problems] == [1, 2, 3] and replayed.applied == 0
    assert "nested too deeply" in replayed.problems[0]["reason"]


def test_edits_file_that_is_a_folder_is_a_clear_error_with_a_way_out(tmp_path: Path) -> None:
    (tmp_path / EDITS_FILE).mkdir()
    with pytest.raises(StorageFailed) as raised:
        replay_edits(tmp_path, [])
    assert str(tmp_path / EDITS_FILE) in raised.value.message and "Is a directory" in raised.value.message
    assert "--discard-edits" in raised.value.message and raised.value.status == 503


def test_an_edit_the_disk_refuses_leaves_no_torn_line(tmp_path: Path) -> None:
    record_edits(tmp_path, upserts=[Post(id="a", title="A", body="Knee.")])
    before = (tmp_path / EDITS_FILE).read_bytes()
    done = run_limited(f"""
        from pathlib import Path
        from runphys.index.edits import record_edits
        from runphys.index.errors import StorageFull
        from runphys.index.post import Post
        try:
            record_edits(Path({str(tmp_path)!r}), upserts=[Post(id="big", title="Big", body="knee " * 5000)])
        except StorageFull as error:
            print(error.code, error.status, error.message)
    """, limit_bytes=len(before) + 100)
    assert done.stdout.startswith("insufficient_storage 507 cannot finish writing"), done.stderr
    assert str(tmp_path / EDITS_FILE) in done.stdout and "File too large" in done.stdout
    assert (tmp_path / EDITS_FILE).read_bytes() == before  # cut back: no torn line to swallow the next edit
    assert replay_edits(tmp_path, []).problems == []


def test_a_replacement_the_disk_refuses_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "curation.json"
    target.write_text('{"old": {}}\n')
    done = run_limited(f"""
        from pathlib import Path
        from runphys.index.author_state import write_atomically
        from runphys.index.errors import StorageFull
        try:
            write_atomically(Path({str(target)!r}), "x" * 10_000)
        except StorageFull as error:
            print(error.code, error.message)
    """, limit_bytes=4096)
    assert done.stdout.startswith(f"insufficient_storage cannot finish writing {target}: File too large"), done.stderr
    assert target.read_text() == '{"old": {}}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["curation.json"]  # no .curation.json.tmp


def test_a_file_in_place_of_the_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "index").write_text("not a folder")
    with pytest.raises(StorageFailed, match=r"File exists|Not a directory") as raised:
        write_atomically(tmp_path / "index" / "curation.json", "{}")
    assert str(tmp_path / "index" / "curation.json") in raised.value.message


def test_json_that_is_a_folder_or_nested_too_deeply(tmp_path: Path) -> None:
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(StorageFailed, match="Is a directory"):
        read_json(tmp_path / "folder.json")
    (tmp_path / "deep.json").write_text("[" * 100_000)
    with pytest.raises(ValueError, match="nested too deeply"):
        read_json(tmp_path / "deep.json")
    (tmp_path / "fine.json").write_text(json.dumps({"a": [1]}))
    assert read_json(tmp_path / "fine.json") == {"a": [1]} and read_json(tmp_path / "none.json") == {}

"""What the real `runphys` console script prints, through a real pipe and in a real terminal (a pty):
plain tab-separated lines off a terminal, tables on one, one sentence for no results, slugs and
titles for curation, plurals, and `serve` refusing a taken port before doing anything else."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

RUNPHYS = Path(sys.executable).parent / "runphys"
BOX = set("┏┓┗┛┃━│─┌┐└┘╭╮╰╯┡┩╇╋")

pytestmark = pytest.mark.skipif(not RUNPHYS.exists(), reason="needs the runphys console script (pip install -e .)")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNPHYS_")}
    env.pop("FORCE_COLOR", None)
    return {**env, "NO_COLOR": "1", **extra}


def piped(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The console script with stdout and stderr to real pipes (never a terminal)."""
    return subprocess.run([str(RUNPHYS), *args], capture_output=True, text=True,  # two os.pipe()s
                          env=env or clean_env(), timeout=timeout, check=False)


def in_terminal(*args: str, timeout: float = 120) -> tuple[int, str]:
    """The console script with stdout and stderr on a pseudo-terminal; (exit code, what it showed)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([str(RUNPHYS), *args], stdin=follower, stdout=follower, stderr=follower,
                               env=clean_env(COLUMNS="160", LINES="50"), close_fds=True)
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the follower side closed: everything was read
                break
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    os.close(leader)
    return process.wait(timeout=10), shown.decode("utf-8", "replace")


def test_a_search_in_a_pipe_is_tab_separated_lines(demo_index: Path) -> None:
    done = piped("search", "knee", "--limit", "3", "--index", str(demo_index))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert not BOX & set(done.stdout)
    assert re.fullmatch(r"\d+ results for 'knee', page 1 of \d+", lines[0]), lines[0]
    assert lines[1].split("\t") == ["#", "title", "slug", "date", "score", "categories", "video"]
    rows = [line.split("\t") for line in lines[2:]]
    assert len(rows) == 3 and all(len(row) == 7 for row in rows)
    assert [row[0] for row in rows] == ["1", "2", "3"]
    assert all(len(line) < 300 for line in lines)


def test_a_search_in_a_terminal_is_a_table(demo_index: Path) -> None:
    code, shown = in_terminal("search", "knee", "--limit", "3", "--index", str(demo_index))
    assert code == 0, shown
    assert BOX & set(shown), shown
    assert "\t" not in shown


def test_no_results_is_one_sentence(demo_index: Path) -> None:
    done = piped("search", "zzqxy", "--index", str(demo_index))
    assert done.returncode == 0
    assert done.stdout == "No results for 'zzqxy'.\n"


def test_no_results_with_the_nearby_offer(demo_index: Path) -> None:
    done = piped("search", "achilles", "--index", str(demo_index))
    lines = done.stdout.splitlines()
    assert lines[0] == "No results for 'achilles': no posts on Achilles yet — calf and ankle posts:"
    assert lines[1].split("\t") == ["title", "slug", "date", "categories", "video"]
    assert len(lines) > 2 and not BOX & set(done.stdout)
    code, shown = in_terminal("search", "achilles", "--index", str(demo_index))
    assert code == 0 and "No results for 'achilles': no posts on Achilles yet" in shown and BOX & set(shown)


def test_help_and_usage_errors_name_the_arguments_plainly_off_a_terminal() -> None:
    done = piped("search", "--help")
    assert done.returncode == 0
    assert "Usage: runphys search [OPTIONS] QUERY" in done.stdout
    assert "{" not in done.stdout and not BOX & set(done.stdout)
    missing = piped("search")
    assert missing.returncode == 2
    assert "Usage: runphys search [OPTIONS] QUERY" in missing.stderr and "Missing argument 'QUERY'" in missing.stderr
    assert not BOX & set(missing.stderr)
    assert "Usage: runphys related [OPTIONS] [ID_OR_SLUG]" in piped("related", "--help").stdout
    assert "Usage: runphys build [OPTIONS] SOURCES..." in piped("build", "--help").stdout
    code, shown = in_terminal("search", "--help")
    assert code == 0 and "QUERY" in shown and "{query}" not in shown


def test_stats_names_the_build_and_its_format(demo_index: Path) -> None:
    done = piped("stats", "--index", str(demo_index))
    build_id = (demo_index / "current").resolve().name
    assert f"build {build_id} (format version 2)" in done.stdout
    assert done.stdout.startswith("72 posts, ")
    assert "Categories (11)\ncategory\tposts\n" in done.stdout


def test_pin_and_curation_show_slugs_titles_and_plurals(fresh_index: Path) -> None:
    index = ["--index", str(fresh_index)]
    assert piped("curation", *index).stdout == "No pins or excludes yet.\n"
    done = piped("pin", "heel-pain-first-thing-in-the-morning", "a-ball-a-towel-and-your-plantar-fascia", *index)
    assert done.returncode == 0, done.stderr
    first, pinned = done.stdout.splitlines()
    assert first.startswith("heel-pain-first-thing-in-the-morning (Video: Heel Pain First Thing in the Morning?)")
    assert pinned == ("  pinned 1: a-ball-a-towel-and-your-plantar-fascia "
                      "(Video: A Ball, a Towel, and Your Plantar Fascia)")
    # Ids, not what the author typed (as words: the build id's timestamp may hold the digits).
    assert not re.search(r"\b(1050|1009)\b", done.stdout)
    listed = piped("curation", *index).stdout.splitlines()
    assert listed[0] == "Curation (1 post)"
    assert listed[2].split("\t") == ["heel-pain-first-thing-in-the-morning", "pinned 1",
                                     "a-ball-a-towel-and-your-plantar-fascia",
                                     "Video: A Ball, a Towel, and Your Plantar Fascia"]
    piped("exclude", "running-in-the-cold-keeping-your-lungs-happy", "--category", "Uncategorized", *index)
    assert piped("curation", *index).stdout.startswith("Curation (2 posts)\n")


def test_build_errors_and_counts(tmp_path: Path) -> None:
    index = ["--index", str(tmp_path / "index")]
    missing = piped("build", str(tmp_path / "nope"), *index)
    assert missing.returncode == 1
    assert f"error: {tmp_path / 'nope'}: no such file or folder" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = piped("build", str(tmp_path / "empty"), *index)
    assert empty.returncode == 1
    assert f"error: {tmp_path / 'empty'}: the folder is empty" in empty.stderr
    assert "error: nothing usable was imported" in empty.stderr
    one = tmp_path / "one"
    one.mkdir()
    (one / "a.md").write_text('---\ntitle: "Knee basics"\n---\nThe kneecap and the quads.\n', encoding="utf-8")
    built = piped("build", str(one), *index)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("imported 1 post, skipped 0 records, 0 duplicates, ")
    assert "0 author edits replayed" in built.stdout


def test_serve_on_a_taken_port_is_one_line_and_exit_1_before_any_build(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        home = tmp_path / "home"
        home.mkdir()
        started = time.monotonic()
        done = piped("serve", "--port", str(port), env=clean_env(HOME=str(home), XDG_DATA_HOME=str(home / ".data")))
        took = time.monotonic() - started
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"error: port {port} on 127.0.0.1 is already in use (another server is listening there); stop it or "
        "choose another with --port"]
    assert "Errno" not in done.stderr and done.stdout == ""
    assert not any(home.rglob("manifest.json")), "the demo was built before the port was checked"
    assert took < 30  # no demo build (that took 8 s in a fresh HOME); generous for a loaded machine


@pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux `script` for a terminal")
def test_stats_in_a_terminal_through_script(demo_index: Path) -> None:
    done = subprocess.run(["script", "-qec", f"{RUNPHYS} stats --index {demo_index}", "/dev/null"],
                          capture_output=True, text=True, env=clean_env(COLUMNS="120"), timeout=120, check=False)
    assert done.returncode == 0, done.stdout
    assert "format version 2" in done.stdout and BOX & set(done.stdout)

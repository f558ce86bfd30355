"""SearchLog: append, rotate, read across files, skip corrupt lines, concurrent appends."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from multiprocessing import Process
from pathlib import Path

from runphys.index.search_log import SearchLog

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_record_and_read(tmp_path):
    log = SearchLog(tmp_path)
    log.record("knee pain", 3, 1.5, when=T0)
    log.record("taper", 0, None, when=T0 + timedelta(hours=1))
    entries = list(log.read())
    assert [(e.query, e.results, e.top_score) for e in entries] == [("knee pain", 3, 1.5), ("taper", 0, None)]
    assert [e.query for e in log.read(since=T0 + timedelta(minutes=30))] == ["taper"]
    assert [e.query for e in log.read(until=T0 + timedelta(minutes=30))] == ["knee pain"]
    line = json.loads((tmp_path / "searches.jsonl").read_text().splitlines()[0])
    assert set(line) == {"t", "q", "n", "s"}  # nothing personal


def test_rotation_keeps_backups_and_reads_all(tmp_path):
    log = SearchLog(tmp_path, max_bytes=300, backups=2)
    for i in range(40):
        log.record(f"query {i}", i, None, when=T0 + timedelta(seconds=i))
    files = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("searches"))
    assert files == ["searches.jsonl", "searches.jsonl.1", "searches.jsonl.2"]
    queries = [e.query for e in log.read()]
    assert queries == sorted(queries, key=lambda q: int(q.split()[1]))  # oldest first
    assert queries[-1] == "query 39" and len(queries) < 40


def test_corrupt_lines_are_skipped(tmp_path):
    log = SearchLog(tmp_path)
    log.record("a", 1, 0.5, when=T0)
    with (tmp_path / "searches.jsonl").open("a") as f:
        f.write("{not json\n\n[1,2]\n")
    log.record("b", 2, 0.5, when=T0)
    assert [e.query for e in log.read()] == ["a", "b"]


def _writer(directory, n, tag):
    log = SearchLog(directory, max_bytes=10_000_000)
    for i in range(n):
        log.record(f"{tag}-{i}-" + "x" * 100, i, 1.0)


def test_concurrent_appends_do_not_interleave(tmp_path):
    procs = [Process(target=_writer, args=(tmp_path, 200, t)) for t in ("a", "b", "c")]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    entries = list(SearchLog(tmp_path).read())
    assert len(entries) == 600


def test_the_authors_own_searches_are_not_logged(make_client, fresh_index):
    """Only readers' searches are demand: a request with the admin token is not written down."""
    client = make_client(admin_token="log-test-token-0123456789", index=fresh_index)
    index = fresh_index
    client.get("/api/v1/search", params={"q": "reader knee"})
    client.get("/api/v1/search", params={"q": "author knee"},
               headers={"Authorization": "Bearer log-test-token-0123456789"})
    client.get("/api/v1/search", params={"q": "wrong token knee"}, headers={"Authorization": "Bearer nope"})
    queries = [entry.query for entry in SearchLog(index / "searches").read()]
    assert "reader knee" in queries and "wrong token knee" in queries
    assert "author knee" not in queries


def test_queries_with_no_searchable_words_are_not_demand(make_client, fresh_index):
    client = make_client(index=fresh_index)
    for q in ("(((", "", "the and of", "achilles"):
        answer = client.get("/api/v1/search", params={"q": q}).json()
        if q != "achilles":
            assert answer["match"] == "none" and all(hit["score"] is None for hit in answer["hits"])
            assert answer["notices"]
    queries = [entry.query for entry in SearchLog(fresh_index / "searches").read()]
    assert queries == ["achilles"]  # found nothing: unmet demand, written down


# -- a log that cannot be written never fails the search (issue 20) --------------------------


def unwritable_folder(directory: Path) -> None:
    """`directory` made a folder no file can be created in: mode 0555, or for root (whom modes do
    not stop) a link to sysfs, where even root may not create files."""
    import os

    if os.geteuid() == 0:
        directory.symlink_to("/sys/fs", target_is_directory=True)
    else:
        directory.mkdir()
        directory.chmod(0o555)


def test_a_failed_write_is_counted_not_raised(tmp_path: Path) -> None:
    (tmp_path / "searches").write_text("a file where the folder should be")
    log = SearchLog(tmp_path / "searches")
    assert log.record("knee", 3, 1.0) is False
    assert log.record("hip", 1, 0.5) is False
    health = log.health
    assert health.failures == 2 and health.failing_since is not None
    described = health.describe()
    assert described is not None and described.startswith("failing since ") and "(2 failed writes)" in described
    # Another SearchLog on the same folder (a newer bundle version) shares the record.
    assert SearchLog(tmp_path / "searches").health is health


def test_an_unwritable_folder_is_counted_and_recovers(tmp_path: Path) -> None:
    unwritable_folder(tmp_path / "searches")
    log = SearchLog(tmp_path / "searches")
    assert log.record("knee", 3, 1.0) is False
    assert log.health.describe() is not None
    (tmp_path / "searches").unlink() if (tmp_path / "searches").is_symlink() else (tmp_path / "searches").chmod(0o755)
    assert log.record("knee", 3, 1.0) is True
    assert log.health.describe() is None and log.health.failures == 1  # failures stay counted
    assert [e.query for e in log.read()] == ["knee"]


def test_a_short_write_leaves_no_line_that_swallows_the_next(tmp_path: Path) -> None:
    """A real short write: RLIMIT_FSIZE in a child process cuts the line mid-way (EFBIG after)."""
    import subprocess
    import sys
    import textwrap

    directory = tmp_path / "searches"
    log = SearchLog(directory)
    log.record("first entry", 1, 1.0)
    size = (directory / "searches.jsonl").stat().st_size
    script = textwrap.dedent(f"""
        import resource, sys
        from pathlib import Path
        from runphys.index.search_log import SearchLog
        hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
        resource.setrlimit(resource.RLIMIT_FSIZE, ({size + 20}, hard))
        log = SearchLog(Path({str(directory)!r}))
        ok = log.record("a query whose line does not fit under the limit", 2, 0.5)
        print(ok, log.health.torn, log.health.failures)
        resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
        print(log.record("after the disk had room again", 3, 0.25))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "1", "True"]
    assert [e.query for e in log.read()] == ["first entry", "after the disk had room again"]


def test_an_entry_after_a_torn_piece_on_its_line_is_still_read(tmp_path: Path) -> None:
    """Logs written before torn lines were ended: the entry glued to a torn piece is kept."""
    directory = tmp_path / "searches"
    directory.mkdir()
    whole = b'{"t": "2026-01-01T00:00:00+00:00", "q": "calf", "n": 2, "s": 1.0}\n'
    (directory / "searches.jsonl").write_bytes(b'{"t": "2026-01-01T00:00:00+00:00", "q": "kne' + whole + whole)
    assert [e.query for e in SearchLog(directory).read()] == ["calf", "calf"]

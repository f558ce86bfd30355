"""SearchLog: append, rotate, read across files, skip corrupt lines, concurrent appends."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from multiprocessing import Process

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

"""A search log that cannot be written never fails a reader's search (issue 20): a file in place of
`searches/`, a folder no file can be created in, and a real full disk (RLIMIT_FSIZE on a real
`runphys serve`, so writes come back short, then EFBIG). `/readyz` stays 200 and says so; so does
the author's gap page."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from runphys.index.search_log import SearchLog
from tests.index.test_search_log import unwritable_folder
from tests.live_server import ServedProcess

QUERIES = ["knee", "calf", "hip", "shin", "ankle", "hamstring", "foam roll", "plantar", "IT band", "achilles"]


def test_searches_answer_when_searches_is_a_file(make_client, fresh_index: Path) -> None:
    (fresh_index / "searches").write_text("not a folder")
    client = make_client(index=fresh_index)
    for query in QUERIES:
        response = client.get("/api/v1/search", params={"q": query})
        assert response.status_code == 200, response.text
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["search_log"].startswith("failing since ") and "NotADirectoryError" in body["search_log"]
    assert body["search_log_failures"] >= len(QUERIES)
    page = client.get("/author/gaps", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "The search log cannot be written" in page.text


def test_searches_answer_when_the_log_folder_is_not_writable(make_client, fresh_index: Path) -> None:
    unwritable_folder(fresh_index / "searches")
    client = make_client(index=fresh_index)
    assert all(client.get("/api/v1/search", params={"q": q}).status_code == 200 for q in QUERIES)
    assert client.get("/readyz").json()["search_log"].startswith("failing since ")


def test_a_written_log_is_not_reported(make_client, fresh_index: Path) -> None:
    client = make_client(index=fresh_index)
    client.get("/api/v1/search", params={"q": "knee"})
    body = client.get("/readyz").json()
    assert body["search_log"] is None and body["search_log_failures"] == 0


@pytest.mark.slow
def test_a_full_disk_never_fails_a_reader(fresh_index: Path, tmp_path: Path) -> None:
    server = ServedProcess(fresh_index, tmp_path / "server.log", file_size_limit=3_000).start()
    try:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            statuses = [http.get("/api/v1/search", params={"q": f"{q} {n}"}).status_code
                        for n in range(8) for q in QUERIES]
            ready = http.get("/readyz")
    finally:
        server.stop()
    assert statuses == [200] * len(statuses)
    assert ready.status_code == 200
    body = ready.json()
    assert body["search_log"].startswith("failing since ") and body["search_log_failures"] > 0
    log_file = fresh_index / "searches" / "searches.jsonl"
    assert log_file.stat().st_size <= 3_000
    entries = list(SearchLog(fresh_index / "searches").read())
    # Every whole line was kept; the torn piece at the limit is skipped, nothing else is lost.
    whole_lines = [line for line in log_file.read_bytes().split(b"\n") if line.endswith(b"}")]
    assert 0 < len(entries) == len(whole_lines)

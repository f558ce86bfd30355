"""The sync's state at the index root: written whole, read back, refused when broken; one sync at a time."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from runphys.index.errors import BadRequest, IndexBusy
from runphys.index.sync_state import SYNC_FILE, SyncState, read_sync_state, sync_lock, write_sync_state


def test_state_round_trips_at_the_index_root(tmp_path: Path) -> None:
    assert read_sync_state(tmp_path) is None
    state = SyncState(site="https://blog.example", statuses=("publish",), modified_gmt="2024-03-02T10:00:00",
                      ids=(3, 1, 2), synced_at="2024-03-02T10:00:05+00:00", build_id="b1",
                      api="https://blog.example/wp-json/wp/v2/posts")
    write_sync_state(tmp_path, state)
    saved = json.loads((tmp_path / SYNC_FILE).read_text())
    assert saved["ids"] == [1, 2, 3] and saved["site"] == "https://blog.example"
    assert read_sync_state(tmp_path) == SyncState(**{**state.__dict__, "ids": (1, 2, 3)})
    assert state.summary() == {"file": SYNC_FILE, "site": "https://blog.example", "statuses": ["publish"],
                               "modified_gmt": "2024-03-02T10:00:00", "posts": 3}


@pytest.mark.parametrize("text", ["{not json", '{"ids": [1]}', '{"site": "x", "ids": ["a"]}',
                                  '{"site": "x", "ids": 5}'])
def test_a_broken_state_file_is_one_clear_error(tmp_path: Path, text: str) -> None:
    (tmp_path / SYNC_FILE).write_text(text)
    with pytest.raises(BadRequest, match="sync with --full"):
        read_sync_state(tmp_path)


def test_only_one_sync_holds_the_lock(tmp_path: Path) -> None:
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with sync_lock(tmp_path):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert held.wait(10)
        with pytest.raises(IndexBusy, match="another sync"), sync_lock(tmp_path, wait_seconds=0.2):
            pass
    finally:
        release.set()
        thread.join(10)
    with sync_lock(tmp_path):
        pass

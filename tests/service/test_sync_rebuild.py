"""A synced index has no source files: a rebuild (admin /reindex) builds it again from its own posts,
keeping the sync record, never falling back to the demo blog."""

from __future__ import annotations

from pathlib import Path

from runphys.index.bundle import open_bundle
from runphys.index.sync_state import SyncState
from runphys.service.pipeline import BuildOptions, build_posts, rebuild, update_posts
from tests.posts_factory import SMALL_BLOG


def test_rebuild_of_a_synced_index_keeps_its_posts_and_its_sync_record(tmp_path: Path) -> None:
    index = tmp_path / "index"
    record = SyncState(site="https://blog.example", ids=tuple(range(1, len(SMALL_BLOG) + 1))).summary()
    build_posts(SMALL_BLOG, index, sources={"https://blog.example": "wordpress"}, options=BuildOptions(sync=record))
    report = rebuild(index)
    live = open_bundle(index)
    assert set(live.posts) == {post.id for post in SMALL_BLOG} and report.posts == len(SMALL_BLOG)
    assert live.manifest.author_state["sync"] == record
    # A sync's own changes are not recorded as the author's edits; an admin edit still is.
    update_posts(index, delete_ids=[SMALL_BLOG[0].id], as_edits=False)
    assert not (index / "edits.jsonl").exists() and open_bundle(index).manifest.author_state["sync"] == record
    update_posts(index, delete_ids=[SMALL_BLOG[1].id])
    assert (index / "edits.jsonl").exists() and open_bundle(index).manifest.edits == 1

"""The index bundle: built beside the live one, switched atomically, refused when damaged."""

from __future__ import annotations

import json
import os
import threading

import pytest

from runphys.index.bundle import FORMAT_VERSION, build_lock, current_build_id, open_bundle
from runphys.index.errors import (
    IndexBusy,
    IndexDamaged,
    IndexMissing,
    IndexVersionMismatch,
    PostNotFound,
)
from runphys.service.pipeline import BuildOptions, build_posts, update_posts
from tests.posts_factory import SMALL_BLOG, make_post


@pytest.fixture
def built(tmp_path):
    index_dir = tmp_path / "index"
    build_posts(SMALL_BLOG, index_dir)
    return index_dir


def test_build_writes_a_complete_tagged_bundle(built):
    bundle = open_bundle(built)
    manifest = bundle.manifest
    assert manifest.format_version == FORMAT_VERSION
    assert manifest.posts == len(SMALL_BLOG)
    assert manifest.videos == 4
    assert manifest.categories["Hips"] == 2
    assert {"whoosh3", "scikit-learn", "numpy"} <= set(manifest.libraries)
    assert (bundle.path / "search").is_dir() and (bundle.path / "related").is_dir()
    it_band = bundle.post("1")
    assert "it_band" in it_band.body_parts
    assert bundle.post(it_band.slug) == it_band
    with pytest.raises(PostNotFound):
        bundle.post("no-such-post")


def test_rebuild_switches_atomically_and_keeps_old_version_readable(built):
    first = open_bundle(built)
    build_posts(SMALL_BLOG[:3], built)
    second = open_bundle(built)
    assert second.manifest.build_id != first.manifest.build_id
    assert second.manifest.posts == 3
    # A reader that opened the old version still finds its files.
    assert (first.path / "posts.jsonl").exists()
    assert current_build_id(built) == second.manifest.build_id


def test_old_versions_are_pruned(built):
    for _ in range(4):
        build_posts(SMALL_BLOG[:2], built)
    assert len(list((built / "versions").iterdir())) == 3


def test_debris_from_a_killed_build_does_not_break_the_next(built):
    debris = built / "versions" / ".tmp-killed"
    (debris / "search").mkdir(parents=True)
    (debris / "posts.jsonl").write_text("{half a line")
    os.symlink("versions/nowhere", built / ".current-dead")
    build_posts(SMALL_BLOG, built)
    assert not debris.exists()
    assert not (built / ".current-dead").is_symlink()
    assert open_bundle(built).manifest.posts == len(SMALL_BLOG)


def test_second_build_while_one_runs_is_refused_clearly(built):
    holding = threading.Event()
    release = threading.Event()

    def hold():
        with build_lock(built):
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait(5)
    try:
        with pytest.raises(IndexBusy, match="another build"):
            build_posts(SMALL_BLOG, built)
    finally:
        release.set()
        thread.join()
    assert open_bundle(built).manifest.posts == len(SMALL_BLOG)


def test_missing_index_says_how_to_build(tmp_path):
    with pytest.raises(IndexMissing, match="runphys build"):
        open_bundle(tmp_path / "nothing")


def test_truncated_posts_file_is_detected(built):
    posts = built / "current" / "posts.jsonl"
    posts.write_bytes(posts.read_bytes()[:-40])
    with pytest.raises(IndexDamaged, match="rebuild with `runphys build`"):
        open_bundle(built)


def test_wrong_format_version_is_refused(built):
    manifest_file = built / "current" / "manifest.json"
    data = json.loads(manifest_file.read_text())
    data["format_version"] = 999
    manifest_file.write_text(json.dumps(data))
    with pytest.raises(IndexVersionMismatch, match="rebuild with `runphys build`"):
        open_bundle(built)


def test_update_adds_changes_and_deletes_single_posts(built):
    before = open_bundle(built)
    new = make_post("7", "Video: Ankle Mobility for Trail Runners", "Ankle circles and calf raises.",
                    categories=("Ankles and Feet",))
    update_posts(built, upserts=[new], delete_ids=["5"])
    after = open_bundle(built)
    assert after.manifest.build_id != before.manifest.build_id
    assert "7" in after.posts and "5" not in after.posts
    assert "ankle" in after.post("7").body_parts
    with pytest.raises(PostNotFound):
        update_posts(built, delete_ids=["does-not-exist"])
    assert open_bundle(built).manifest.build_id == after.manifest.build_id


def test_author_edits_survive_a_full_rebuild_until_discarded(built):
    new = make_post("7", "Video: Ankle Mobility for Trail Runners", "Ankle circles and calf raises.")
    update_posts(built, upserts=[new], delete_ids=["5"])
    manifest = build_posts(SMALL_BLOG, built)
    rebuilt = open_bundle(built)
    assert manifest.edits == 2
    assert "7" in rebuilt.posts and "5" not in rebuilt.posts
    build_posts(SMALL_BLOG, built, options=BuildOptions(discard_author_edits=True))
    assert set(open_bundle(built).posts) == {post.id for post in SMALL_BLOG}

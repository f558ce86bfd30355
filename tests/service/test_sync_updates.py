"""Changes a sync brings in one batch: a renamed post and the post that takes its old slug together."""

from __future__ import annotations

from pathlib import Path

import pytest

from runphys.index.bundle import open_bundle
from runphys.index.errors import SlugTaken
from runphys.service.pipeline import build_posts, update_posts
from tests.posts_factory import SMALL_BLOG


def test_a_slug_given_up_in_the_same_batch_can_be_taken(tmp_path: Path) -> None:
    index = tmp_path / "index"
    build_posts(SMALL_BLOG, index)
    first, second = SMALL_BLOG[0], SMALL_BLOG[1]
    renamed = first.with_changes(slug=first.slug + "-old")
    taker = second.with_changes(slug=first.slug)
    update_posts(index, upserts=[taker, renamed], as_edits=False)
    live = open_bundle(index)
    assert live.slugs[first.slug] == second.id and live.slugs[first.slug + "-old"] == first.id
    with pytest.raises(SlugTaken):
        update_posts(index, upserts=[SMALL_BLOG[2].with_changes(slug="same"), SMALL_BLOG[3].with_changes(slug="same")])
    with pytest.raises(SlugTaken):
        update_posts(index, upserts=[SMALL_BLOG[2].with_changes(slug=first.slug)])

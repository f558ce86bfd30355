"""The importers on the real files in ../shared (skipped when ../shared is absent)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from runphys.index.post import Link
from runphys.index.sources import parse_mapping, read_sources
from tests.paths import SHARED

pytestmark = pytest.mark.shared

EXERCISES_MAP = "id=id,title=name,body=instructions,categories=category,tags=primaryMuscles+secondaryMuscles+equipment"


@pytest.fixture(scope="module")
def shared() -> Path:
    root = SHARED
    if not (root / "data").is_dir():
        pytest.skip(f"../shared not present: {root}")
    return root


@pytest.mark.parametrize(
    ("name", "count"),
    [("themeunittestdata.wordpress.xml", 56), ("64-block-test-data.xml", 61), ("theme-preview.xml", 7)],
)
def test_wordpress_exports_published_post_counts(shared: Path, name: str, count: int) -> None:
    result = read_sources([shared / "data" / "wordpress" / name])
    assert len(result.posts) == count
    assert result.skipped == 0 and result.duplicates == 0
    assert all(post.date is not None for post in result.posts)


def test_theme_unit_test_data_details(shared: Path) -> None:
    result = read_sources([shared / "data" / "wordpress" / "themeunittestdata.wordpress.xml"])
    assert all("<!-- /wp:paragraph" not in post.body and "</p>" not in post.body for post in result.posts)
    no_title = [post for post in result.posts if "title-from-slug" in post.flags]
    assert [post.title for post in no_title] == ["Edge case no title"]


def test_rest_api_samples(shared: Path) -> None:
    result = read_sources(sorted((shared / "data" / "wordpress" / "rest-api").glob("*.json")))
    [post] = result.posts  # both files hold the same post id 4: later wins
    assert result.duplicates == 1
    assert (post.id, post.title, post.body) == ("4", "REST API Client Fixture: Post", "Updated post content.")
    assert post.date == datetime(2017, 2, 14, tzinfo=UTC) and post.categories == ()
    assert any("term names unavailable" in p.reason for p in result.problems)


def test_exercises_with_mapping(shared: Path) -> None:
    result = read_sources([shared / "data" / "exercises" / "exercises.json"], mapping=parse_mapping(EXERCISES_MAP))
    assert len(result.posts) == 873 and result.skipped == 0
    first = result.posts[0]
    assert (first.id, first.title, first.categories) == ("3_4_Sit-Up", "3/4 Sit-Up", ("strength",))
    assert first.tags == ("abdominals", "body only")
    assert first.body.count("\n\n") == 4


def test_seed_text_page_is_exactly_one_post(shared: Path) -> None:
    result = read_sources([shared / "seed" / "000_5229f20e1123f7d6.txt"])
    [post] = result.posts
    assert result.problems == []
    assert post.title == "Video: Stretches for Your Upper Body = More Efficient Running!"
    assert post.date == datetime(2018, 2, 28, tzinfo=UTC)
    assert post.author == "Mike"
    assert post.categories == ("Flexibility", "Low Back", "Upper Back and Neck")
    paragraphs = post.body.split("\n\n")
    # The page has six paragraphs between the date line and "Category:"; all are kept.
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("Everything is connected right?")
    assert paragraphs[-1].endswith("see how you feel!")
    assert post.links == (
        Link("previous", "Video: Don\u2019t think your adductor muscles aren\u2019t relevant to running!"),
        Link("next", "Video: How Many Different Ways To Stretch Your Hips?"),
    )
    assert post.id == post.slug == "video-stretches-for-your-upper-body-more-efficient-running"
    for chrome in ("Skip to", "Primary Sidebar", "Archives", "Leave a Reply", "Copyright", "(43)"):
        assert chrome not in post.body


def test_seed_folder_imports_the_page_and_reports_the_readme(shared: Path) -> None:
    result = read_sources([shared / "seed"])
    assert len(result.posts) == 1
    assert [p.source for p in result.problems] == [str(shared / "seed" / "README.md")]

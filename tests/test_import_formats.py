"""Each importer on small hand-written fixtures (tests/fixtures/import)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from runphys.index.post import Link, Post
from runphys.index.sources import read_sources

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def posts_of(name: str, **options: object) -> dict[str, Post]:
    result = read_sources([FIXTURES / name], **options)
    return {post.id: post for post in result.posts}


@pytest.mark.parametrize("name", ["blog.wxr.xml", "blog-http.wxr.xml"])
def test_wxr_published_posts_only_in_both_namespaces(name: str) -> None:
    assert sorted(posts_of(name)) == ["10", "11"]


def test_wxr_include_drafts_takes_the_draft_but_never_pages() -> None:
    assert sorted(posts_of("blog.wxr.xml", include_drafts=True)) == ["10", "11", "12"]


def test_wxr_classic_post_shortcodes_terms_and_author() -> None:
    post = posts_of("blog.wxr.xml")["10"]
    assert post.title == "Classic & Shortcodes"
    assert post.slug == "classic-shortcodes"
    assert post.author == "Mike Smith"
    assert post.date == datetime(2018, 2, 28, 12, tzinfo=UTC)
    assert (post.categories, post.tags) == (("Hips",), ("Stretching",))
    assert post.body.split("\n\n") == [
        "First classic paragraph with a soft line break.",
        "Hip flexor stretch in half kneeling",
        "Keep your back straight.",
        "Last paragraph.",
    ]
    assert [(v.provider, v.video_id) for v in post.videos] == [("youtube", "abcDEF12345"), ("file", "drill.mp4")]
    assert post.links == ()


def test_wxr_block_post_embeds_become_videos_not_text() -> None:
    post = posts_of("blog.wxr.xml")["11"]
    assert post.body.split("\n\n") == ["Block intro paragraph.", "Drills", "Skips", "Bounds", "Skips drill video"]
    assert [(v.provider, v.video_id) for v in post.videos] == [("youtube", "XyZ987abcde"), ("vimeo", "76979871")]
    assert post.videos[0].thumbnail_url == "https://i.ytimg.com/vi/XyZ987abcde/hqdefault.jpg"
    assert post.excerpt == "Hand-written excerpt."
    assert "alert" not in post.body and "wp:" not in post.body


def test_wp_json_with_embedded_terms_and_author() -> None:
    posts = posts_of("wp-json-page.json")
    assert list(posts) == ["101"]
    post = posts["101"]
    assert post.title == "Calf Raises \u2013 Why & How"
    assert post.date == datetime(2018, 3, 5, 13, tzinfo=UTC)
    assert (post.author, post.categories, post.tags) == ("Mike", ("Calves and Shins",), ("Achilles", "Strength"))
    assert post.body == "Strong calves protect your Achilles.\n\nDo three sets of fifteen."
    assert [v.video_id for v in post.videos] == ["CalfRaise01"]


def test_wp_json_drafts_only_when_asked() -> None:
    assert sorted(posts_of("wp-json-page.json", include_drafts=True)) == ["101", "102"]


def test_genesis_html_page() -> None:
    post = posts_of("genesis.html")["245"]
    assert post.title == "Video: Knee Drills"
    assert post.url == "https://runphys.example/video-knee-drills/"
    assert post.date is not None and post.date.isoformat() == "2018-04-10T09:15:00-04:00"
    assert (post.author, post.categories, post.tags) == ("Mike", ("Knees", "Run Form"), ("drills",))
    assert post.body == "Your knees take a beating on every run.\n\nTry these three drills before your next run."
    assert [v.video_id for v in post.videos] == ["KneeDrill01"]
    assert post.links == (
        Link("previous", "Video: Hip Mobility", "https://runphys.example/hip-video/"),
        Link("next", "Video: Ankle Strength", "https://runphys.example/ankle-video/"),
    )


def test_generic_html_article_through_trafilatura() -> None:
    [post] = posts_of("article.html").values()
    assert post.title == "Plantar Fasciitis: What Runners Should Know"
    assert post.author == "Dana Lee"
    assert post.date is not None and post.date.date().isoformat() == "2021-06-15"
    assert post.body.startswith("Plantar fasciitis is one of the most common causes of heel pain")
    assert len(post.body.split("\n\n")) == 3
    assert "secret" not in post.body and "font-family" not in post.body and "Services" not in post.body
    assert [v.video_id for v in post.videos] == ["123456789"]


def test_markdown_demo_style_front_matter() -> None:
    post = posts_of("001-hip-flexor-stretch.md")["demo-001"]
    assert (post.title, post.slug, post.author) == ("Hip Flexor Stretch for Runners", "hip-flexor-stretch", "Mike")
    assert post.date is not None and post.date.isoformat() == "2019-04-02T09:00:00-04:00"
    assert (post.categories, post.tags) == (("Hips", "Flexibility"), ("hip flexors", "stretching"))
    assert post.body.split("\n\n") == [
        "Why it matters",
        "Tight hip flexors pull your pelvis forward and shorten your stride. See our hip guide.",
        "Kneel on one knee",
        "Squeeze the glute of the back leg",
    ]
    assert [(v.video_id, v.thumbnail_url) for v in post.videos] == [
        ("DEMOv000001", ""),
        ("dQw4w9WgXcQ", "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"),
        ("76979871", ""),
    ]


def test_markdown_jekyll_slug_authors_and_video_list() -> None:
    post = posts_of("2020-01-06-jekyll-style.md")["jekyll-style"]
    assert (post.author, post.tags, post.excerpt) == ("Ann, Bob", ("running",), "A short summary.")
    assert [(v.provider, v.video_id) for v in post.videos] == [("youtube", "abcDEF12345"), ("vimeo", "555")]


def test_markdown_draft_skipped_unless_asked() -> None:
    assert posts_of("2020-01-05-draft-post.md") == {}
    assert list(posts_of("2020-01-05-draft-post.md", include_drafts=True)) == ["draft-post"]


def test_json_records_with_guessed_keys() -> None:
    posts = posts_of("records.json")
    assert [p.title for p in posts.values()] == ["Foam Rolling Basics", "Side Plank"]
    assert posts["1"].body == "Roll slowly.\n\nBreathe."
    assert posts["1"].url == "https://x.example/foam"
    assert posts["2"].categories == ("Core Strength",)


def test_jsonl_broken_line_is_named_and_the_rest_imported() -> None:
    result = read_sources([FIXTURES / "records.jsonl"])
    assert [p.id for p in result.posts] == ["a", "c"]
    [problem] = result.problems
    assert (problem.where, problem.severity) == ("line 2", "error")
    assert "invalid JSON" in problem.reason
    assert result.skipped == 1

"""Each importer on small hand-written fixtures (tests/fixtures/import)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from runphys.index.post import Link, Post
from runphys.index.sources import read_sources
from runphys.index.sources.html_text import html_to_text
from runphys.index.sources.shortcodes import expand_shortcodes, expand_video_shortcodes
from tests.paths import IMPORT_FIXTURES

FIXTURES = IMPORT_FIXTURES


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


# -- self-hosted video ---------------------------------------------------------------------------

MEDIA = "https://runphys.example/media"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (f'<video src="{MEDIA}/a.webm" poster="{MEDIA}/a.jpg"></video>',
         [("a.webm", f"{MEDIA}/a.webm", f"{MEDIA}/a.jpg")]),
        # WordPress's rendered [video]: one player, two encodings, and a fallback link: one video.
        (f'<div class="wp-video"><video class="wp-video-shortcode" controls><source type="video/mp4" '
         f'src="{MEDIA}/run.mov?_=1"><source src="{MEDIA}/run.webm"><a href="{MEDIA}/run.mov">{MEDIA}/run.mov</a>'
         "</video></div>", [("run.mov", f"{MEDIA}/run.mov?_=1", "")]),
        ('<video src="/wp-content/uploads/drill"></video>', [("drill", "/wp-content/uploads/drill", "")]),
        ('<video src="javascript:alert(1)" poster="javascript:x"></video>', []),
        ('<video src="data:video/mp4;base64,AAAA"></video>', []),
        (f'<p><a href="{MEDIA}/clip">a link is not a player</a></p>', []),
    ],
)
def test_video_elements_are_self_hosted_videos(html: str, expected: list[tuple[str, str, str]]) -> None:
    _, videos = html_to_text(html)
    assert [(v.video_id, v.url, v.thumbnail_url) for v in videos] == expected
    assert all(v.provider == "file" for v in videos)


def test_a_youtube_url_in_a_video_element_stays_youtube() -> None:
    _, videos = html_to_text('<video><source src="https://www.youtube.com/watch?v=abcDEF12345"></video>')
    assert [(v.provider, v.video_id) for v in videos] == [("youtube", "abcDEF12345")]


@pytest.mark.parametrize(
    ("shortcode", "url", "thumbnail"),
    [
        (f'[video src="{MEDIA}/a.m4v"]', f"{MEDIA}/a.m4v", ""),
        (f'[video mp4="{MEDIA}/b.mp4"][/video]', f"{MEDIA}/b.mp4", ""),
        (f"[video webm='{MEDIA}/c.webm' poster='{MEDIA}/c.jpg'][/video]", f"{MEDIA}/c.webm", f"{MEDIA}/c.jpg"),
        (f'[video width="640" src="{MEDIA}/stream?id=4&amp;q=hd"][/video]', f"{MEDIA}/stream?id=4&q=hd", ""),
    ],
)
def test_video_shortcodes_are_self_hosted_videos(shortcode: str, url: str, thumbnail: str) -> None:
    for expanded in (expand_shortcodes(f"Intro.\n\n{shortcode}\n\nOutro."),
                     expand_video_shortcodes(f"<p>Intro.</p><p>{shortcode}</p><p>Outro.</p>")):
        text, videos = html_to_text(expanded)
        assert text == "Intro.\n\nOutro."
        assert [(v.provider, v.url, v.thumbnail_url) for v in videos] == [("file", url, thumbnail)]


def wxr_item(content: str) -> str:
    return ('<?xml version="1.0"?><rss xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>Drill</title>'
            f"<content:encoded><![CDATA[{content}]]></content:encoded><wp:post_id>7</wp:post_id>"
            "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("v.xml", wxr_item(f'<p>Watch.</p><video src="{MEDIA}/drill.ogv"></video>')),
        ("s.xml", wxr_item(f'Watch.\n\n[video webm="{MEDIA}/drill.ogv"][/video]')),
        ("w.json", json.dumps([{"id": 7, "title": {"rendered": "Drill"}, "content": {
            "rendered": f'<p>Watch.</p><video controls><source src="{MEDIA}/drill.ogv"></video>'}}])),
        ("r.json", json.dumps([{"id": 7, "title": {"rendered": "Drill"}, "content": {
            "rendered": f'<p>Watch.</p><p>[video src="{MEDIA}/drill.ogv"]</p>'}}])),
    ],
)
def test_a_post_with_only_a_self_hosted_video_is_a_video_post(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    [post] = read_sources([tmp_path / name]).posts
    assert post.has_video and post.body == "Watch."
    assert [(v.provider, v.video_id, v.url) for v in post.videos] == [("file", "drill.ogv", f"{MEDIA}/drill.ogv")]

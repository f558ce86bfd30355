"""REST API post objects → Posts: the same records a WXR export gives, problems on bad records."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from runphys.index.post import Post, SourceRef
from runphys.index.sources.problems import Problem
from runphys.index.sources.wp_rest import DRAFTS, modified, post_id, rest_posts
from runphys.index.sources.wxr import read_wxr
from tests.paths import ROOT, SHARED

SITE = "https://runphys.example"
PAGE = ROOT / "tests" / "fixtures" / "import" / "wp-json-page.json"
GENERATED = SHARED / "data" / "wordpress" / "rest-api" / "wp-api-generated.PostsCollection.json"


def posts(item: Any, statuses: tuple[str, ...] = ("publish",)) -> list[Post]:
    return [found for found in rest_posts(SITE, item, statuses) if isinstance(found, Post)]


def problems(item: Any) -> list[Problem]:
    return [found for found in rest_posts(SITE, item) if isinstance(found, Problem)]


def test_a_saved_page_gives_its_published_post_with_embedded_terms() -> None:
    published, draft = json.loads(PAGE.read_text())
    (post,) = posts(published)
    assert post.id == "101" and post.slug == "calf-raises" and post.url == "https://runphys.example/calf-raises/"
    assert post.title == "Calf Raises – Why & How"
    assert post.date == datetime(2018, 3, 5, 13, 0, tzinfo=UTC)  # date_gmt, not the site's local date
    assert post.author == "Mike"
    assert post.categories == ("Calves and Shins",) and post.tags == ("Achilles", "Strength")
    assert [(v.provider, v.video_id) for v in post.videos] == [("youtube", "CalfRaise01")]
    assert post.body == "Strong calves protect your Achilles.\n\nDo three sets of fifteen."
    assert post.source == SourceRef(SITE, "post 101")
    assert posts(draft) == []  # published only
    assert [p.id for p in posts(draft, DRAFTS)] == ["102"]


@pytest.mark.shared
def test_wordpress_cores_generated_response_reads_with_a_warning_for_terms_without_names() -> None:
    if not GENERATED.exists():
        pytest.skip(f"{GENERATED} is not there (the shared data sets)")
    (item,) = json.loads(GENERATED.read_text())
    found = rest_posts(SITE, item)
    (post,) = [f for f in found if isinstance(f, Post)]
    assert post.title == "REST API Client Fixture: Post" and post.body == "Updated post content."
    assert post.excerpt == "REST API Client Fixture: Post"  # the author's excerpt: not made from the body
    assert [p.code for p in found if isinstance(p, Problem)] == ["no-terms"]
    assert modified(item) == "2017-02-14T00:00:00" and post_id(item) == 4


WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <wp:author><wp:author_login><![CDATA[mike]]></wp:author_login>
    <wp:author_display_name><![CDATA[Mike Runner]]></wp:author_display_name></wp:author>
  <item>
    <title><![CDATA[Don't skip the "warm-up" drills]]></title>
    <link>https://runphys.example/warm-up/</link>
    <dc:creator><![CDATA[mike]]></dc:creator>
    <category domain="category" nicename="warm-up"><![CDATA[Warm Up]]></category>
    <category domain="post_tag" nicename="drills"><![CDATA[drills]]></category>
    <content:encoded><![CDATA[{content}]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>7</wp:post_id>
    <wp:post_date_gmt><![CDATA[2024-03-01 08:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[warm-up]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
  </item>
</channel>
</rss>"""
CONTENT = ('<!-- wp:paragraph -->\n<p>Leg swings and skips before every run -- it\'s worth it.</p>\n'
           '<!-- /wp:paragraph -->\n\n[embed]https://www.youtube.com/watch?v=WarmUp0001[/embed]\n\n'
           '[video src="https://runphys.example/files/skips.mp4"]')


def rest_item(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": 7, "date": "2024-03-01T09:00:00", "date_gmt": "2024-03-01T08:00:00", "modified_gmt":
        "2024-03-02T10:00:00", "slug": "warm-up", "status": "publish", "type": "post",
        "link": "https://runphys.example/warm-up/",
        "title": {"raw": "Don't skip the \"warm-up\" drills",
                  "rendered": "Don&#8217;t skip the &#8220;warm-up&#8221; drills"},
        "content": {"raw": CONTENT, "rendered": "<p>Leg swings and skips before every run &#8212; it&#8217;s worth "
                    "it.</p>\n<p><a href=\"https://www.youtube.com/watch?v=WarmUp0001\">"
                    "https://www.youtube.com/watch?v=WarmUp0001</a></p>\n"
                    "<div class=\"wp-video\"><video class=\"wp-video-shortcode\" src=\"https://runphys.example/"
                    "files/skips.mp4\"></video></div>\n"},
        "excerpt": {"raw": "", "rendered": "<p>Leg swings and skips before every run &#8212; it&#8217;s worth it. "
                    "[&hellip;]</p>\n"},
        "_embedded": {"author": [{"id": 1, "name": "Mike Runner"}],
                      "wp:term": [[{"id": 2, "name": "Warm Up", "taxonomy": "category"}],
                                  [{"id": 3, "name": "drills", "taxonomy": "post_tag"}]]},
    }
    item.update(changes)
    return item


def without_source(post: Post) -> Post:
    return post.with_changes(source=None)


def test_the_authors_text_gives_the_very_post_the_wxr_export_gives() -> None:
    (from_wxr,) = [p for p in read_wxr("export.xml", WXR.replace("{content}", CONTENT)) if isinstance(p, Post)]
    (from_rest,) = posts(rest_item())
    assert without_source(from_rest) == without_source(from_wxr)
    assert [v.provider for v in from_rest.videos] == ["youtube", "file"]


def test_rendered_text_without_a_password_is_read_back_to_the_authors_quotes_and_excerpt() -> None:
    public = rest_item()
    for key in ("title", "content", "excerpt"):
        public[key] = {"rendered": public[key]["rendered"]}
    (post,) = posts(public)
    assert post.title == "Don't skip the \"warm-up\" drills"
    assert post.body.startswith("Leg swings and skips before every run — it's worth it.")
    # The excerpt WordPress made from the body is not the author's: the importers' own is used.
    assert post.excerpt == post.body.split("\n\n")[0]
    assert sorted(v.provider for v in post.videos) == ["file", "youtube"]


def test_an_authors_own_excerpt_is_kept() -> None:
    item = rest_item(excerpt={"rendered": "<p>Five minutes that save your calves.</p>\n"})
    assert posts(item)[0].excerpt == "Five minutes that save your calves."


def test_a_featured_video_is_a_video_of_the_post() -> None:
    item = rest_item()
    item["_embedded"]["wp:featuredmedia"] = [{"id": 9, "mime_type": "video/mp4",
                                              "source_url": "https://runphys.example/files/drill.mp4"}]
    assert "drill.mp4" in [v.video_id for v in posts(item)[0].videos]
    item["_embedded"]["wp:featuredmedia"] = [{"id": 9, "mime_type": "image/jpeg", "source_url": "https://x/y.jpg"}]
    assert "y.jpg" not in [v.video_id for v in posts(item)[0].videos]


@pytest.mark.parametrize("item", [
    "a string", 12, None, [], {"id": 5}, {"title": {"rendered": "no id"}, "content": {"rendered": "x"}},
    {"id": "7", "title": {"rendered": "id as text"}}, {"id": True, "title": {"rendered": "id as bool"}},
])
def test_a_malformed_post_is_one_problem_naming_the_site(item: Any) -> None:
    (problem,) = rest_posts(SITE, item)
    assert isinstance(problem, Problem) and problem.code == "not-a-wp-post" and problem.source == SITE


def test_bad_fields_are_warnings_or_one_problem_never_an_exception() -> None:
    dated = rest_posts(SITE, rest_item(date_gmt="not a date", date="neither"))
    assert [p.code for p in dated if isinstance(p, Problem)] == ["date-unparseable"]
    assert [p.date for p in dated if isinstance(p, Post)] == [None]
    broken = rest_posts(SITE, rest_item(_embedded={"author": "nobody", "wp:term": [["x"], None]}))
    assert [p.author for p in broken if isinstance(p, Post)] == [""]
    blank = {"raw": "", "rendered": ""}
    empty = rest_posts(SITE, rest_item(title=blank, content=blank, slug="", excerpt=blank))
    assert [p.code for p in empty] == ["nothing-usable"] and empty[0].where == "post 7"


def test_pages_and_other_statuses_are_skipped_quietly() -> None:
    assert rest_posts(SITE, rest_item(type="page")) == []
    assert rest_posts(SITE, rest_item(status="trash"), DRAFTS) == []
    assert rest_posts(SITE, rest_item(status="private")) == []
    assert posts(rest_item(status="private"), DRAFTS)[0].id == "7"


def test_modified_and_ids_are_read_strictly() -> None:
    assert modified({"modified_gmt": "2024-03-02T10:00:00"}) == "2024-03-02T10:00:00"
    assert modified({"modified_gmt": "2024-03-02 10:00"}) == modified([]) == ""
    assert post_id({"id": 3}) == 3 and post_id({"id": 0}) is None and post_id({"id": "3"}) is None

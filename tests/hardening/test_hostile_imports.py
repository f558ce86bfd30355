"""One build over good posts plus one hostile record of each kind: each hostile record is a problem
on that record (code and position), every good post is imported and searchable, and the build succeeds.

Everything goes through `runphys build` and `runphys search` (the CLI runner), into a real bundle.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from runphys.cli.main import app
from runphys.index.bundle import open_bundle
from runphys.index.post import Post

runner = CliRunner()


def alias_bomb() -> str:
    """The 333-byte "billion laughs" front matter: 9**7 strings once the aliases are expanded."""
    lines = ["a0: &a0 [" + ",".join(["lol"] * 9) + "]"]
    lines += [f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 7)]
    text = "\n".join([*lines, "title: *a6"]) + "\n"
    assert len(text.encode()) == 333
    return text


def markdown(front: str, body: str) -> str:
    return f"---\n{front}---\n{body}\n"


RECORDS: list[Any] = [
    {"id": "kayak", "title": "Kayaking for core strength", "body": "Kayaking strokes train the obliques.",
     "date": "2020-05-01"},
    {"id": "velo", "title": "Velodrome cadence work", "body": "Velodrome laps teach a high cadence.",
     "views": "HUGE"},
    {"id": "past", "title": "Lacrosse sprint mechanics", "body": "Lacrosse sprints start low.",
     "date": "0001-01-01T00:00:00+05:00"},
    [1, 2],
    {"id": ["odd", 1], "title": {"rendered": "Badminton footwork"}, "body": ["Badminton lunges", {"x": None}],
     "tags": {"not": "a list"}, "date": {"when": "soon"}},
    {"id": "dots", "title": "Rowing posture", "slug": "../../etc/passwd", "body": "Rowing starts at the hips."},
    {"id": "encoded", "title": "Knee tips", "slug": "tips%2Fknee/..", "body": "Quadriceps work for the knee."},
    {"id": "dup", "title": "Skateboard balance", "slug": "ankle-hops", "body": "Skateboard balance drills."},
    {"id": "taken", "title": "Hopscotch agility", "slug": "ankle-hops-2", "body": "Hopscotch agility drills."},
]

WP_POSTS = [
    {"id": 501, "slug": "skipping", "status": "publish", "type": "post", "date_gmt": "2021-02-03T10:00:00",
     "title": {"rendered": "Skipping rope for calves"},
     "content": {"rendered": '<video controls><source src="https://runphys.example/media/skipping.webm" '
                             'type="video/webm"></video><p>Skipping rope bounces build the calves.</p>'}},
    {"id": 502, "slug": "pogo", "status": "publish", "type": "post", "date_gmt": "2021-02-04T10:00:00",
     "title": {"rendered": "Pogo jumps"},
     "content": {"rendered": '<p>[video src="https://runphys.example/media/pogo.mov"]</p>'
                             "<p>Pogo jumps for stiff ankles.</p>"}},
]

WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<item><title>Trampoline landings</title><content:encoded><![CDATA[<p>Trampoline landings teach soft knees.</p>
<video src="https://runphys.example/media/trampoline.ogv"></video>]]></content:encoded>
<wp:post_id>601</wp:post_id><wp:post_name>trampoline</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type></item>
<item><title>Hill sprints</title><content:encoded><![CDATA[Hill sprints build power.

[video webm="https://runphys.example/media/hills.webm"][/video]]]></content:encoded>
<wp:post_id>602</wp:post_id><wp:post_name>2019%2F05%2Fhill-sprints</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type></item>
</channel></rss>
"""


@pytest.fixture(scope="module")
def hostile_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "in"
    folder.mkdir()
    files = {
        "a-good.md": markdown("id: good-md\ntitle: Ankle hops\nslug: ankle-hops\ndate: 2019-04-02\n",
                              "Snowboarding season starts with ankle hops."),
        "b-bomb.md": markdown(alias_bomb(), "Never read."),
        "c-future.md": markdown("id: future\ntitle: Snowshoe running\ndate: 9999-12-31T23:59:59-14:00\n",
                                "Snowshoe running in deep winter."),
        "d-hex.md": markdown(f"id: 0x{'f' * 4000}\ntitle: Hex id\n", "An id no one can print."),
        "e-records.json": json.dumps(RECORDS).replace('"HUGE"', "9" * 5000),
        "f-wp.json": json.dumps(WP_POSTS),
        "g-blog.wxr.xml": WXR,
        "h-lines.jsonl": '{"id": "surrogate", "title": "Curling \\ud800 stones", "body": "Curling sweeps."}\n'
                         + '{"id": ' + "7" * 5000 + ', "title": "Javelin throws", "body": "Javelin run-ups."}\n',
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(hostile_sources: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    index = tmp_path_factory.mktemp("index") / "index"
    result = runner.invoke(app, ["build", str(hostile_sources), "--index", str(index), "--json"])
    assert result.exit_code == 0, result.output
    return index, json.loads(result.stdout)


def problems_of(report: dict[str, Any]) -> set[tuple[str, str, str, str]]:
    return {(Path(p["source"]).name, p["where"], p["code"], p["severity"]) for p in report["problems"]}


@pytest.mark.parametrize(
    "expected",
    [
        ("b-bomb.md", "line 2", "yaml-alias", "error"),
        ("c-future.md", "front matter", "date-out-of-range", "warning"),
        ("d-hex.md", "front matter", "record-failed", "error"),
        ("e-records.json", "record 2", "number-too-long", "warning"),
        ("e-records.json", "record 3", "date-out-of-range", "warning"),
        ("e-records.json", "record 4", "not-an-object", "error"),
        ("e-records.json", "record 5", "date-unparseable", "warning"),
        ("e-records.json", "record 6", "slug-normalised", "warning"),
        ("e-records.json", "record 7", "slug-normalised", "warning"),
        ("e-records.json", "record 8", "duplicate-slug", "warning"),
        ("g-blog.wxr.xml", "item 2", "slug-normalised", "warning"),
        ("h-lines.jsonl", "line 1", "surrogates-replaced", "warning"),
        ("h-lines.jsonl", "line 2", "number-too-long", "warning"),
    ],
)
def test_each_hostile_record_is_a_problem_on_that_record(built: tuple[Path, dict[str, Any]],
                                                         expected: tuple[str, str, str, str]) -> None:
    assert expected in problems_of(built[1])


def test_problems_have_one_shape(built: tuple[Path, dict[str, Any]]) -> None:
    for problem in built[1]["problems"]:
        assert set(problem) == {"source", "where", "reason", "severity", "code"}
        assert Path(problem["source"]).parent.name == "in" and problem["where"] and problem["code"]
    skipped = {(Path(p["source"]).name, p["where"]) for p in built[1]["problems"] if p["severity"] == "error"}
    assert skipped == {("b-bomb.md", "line 2"), ("d-hex.md", "front matter"), ("e-records.json", "record 4")}
    assert built[1]["skipped"] == 3


def test_error_reasons_name_what_was_refused(built: tuple[Path, dict[str, Any]]) -> None:
    reasons = {(Path(p["source"]).name, p["code"]): p["reason"] for p in built[1]["problems"]}
    assert "aliases" in reasons[("b-bomb.md", "yaml-alias")]
    assert reasons[("d-hex.md", "record-failed")].startswith("record skipped: ValueError: Exceeds the limit")
    assert "1900-01-01..2199-12-31" in reasons[("c-future.md", "date-out-of-range")]
    assert "kept without a date" in reasons[("c-future.md", "date-out-of-range")]


GOOD = {
    "good-md": "snowboarding", "future": "snowshoe", "kayak": "kayaking", "velo": "velodrome",
    "past": "lacrosse", "odd-1": "badminton", "dots": "rowing", "encoded": "quadriceps", "dup": "skateboard",
    "taken": "hopscotch", "501": "skipping", "502": "pogo", "601": "trampoline", "602": "hill sprints",
    "surrogate": "curling", "7" * 5000: "javelin",
}


def test_every_good_post_is_imported(built: tuple[Path, dict[str, Any]]) -> None:
    posts = open_bundle(built[0]).posts
    assert set(posts) == set(GOOD)
    assert built[1]["posts"] == len(GOOD)


@pytest.mark.parametrize(("post_id", "word"), list(GOOD.items()))
def test_every_good_post_is_searchable(built: tuple[Path, dict[str, Any]], post_id: str, word: str) -> None:
    result = runner.invoke(app, ["search", word, "--index", str(built[0]), "--json"])
    assert result.exit_code == 0, result.output
    assert post_id in [hit["id"] for hit in json.loads(result.stdout)["hits"]]


def test_out_of_range_dates_are_dropped_and_the_posts_kept(built: tuple[Path, dict[str, Any]]) -> None:
    posts = open_bundle(built[0]).posts
    assert posts["future"].date is None and "date-out-of-range" in posts["future"].flags
    assert posts["past"].date is None and posts["kayak"].date is not None


def test_slugs_are_safe_and_unique(built: tuple[Path, dict[str, Any]]) -> None:
    posts = open_bundle(built[0]).posts
    slugs = {post_id: post.slug for post_id, post in posts.items()}
    assert (slugs["dots"], slugs["encoded"], slugs["602"]) == ("etc-passwd", "tips-knee", "2019-05-hill-sprints")
    # The first in input order keeps it; the renamed one skips a slug another post already has.
    assert (slugs["good-md"], slugs["taken"], slugs["dup"]) == ("ankle-hops", "ankle-hops-2", "ankle-hops-3")
    assert len(set(slugs.values())) == len(slugs)
    assert all("/" not in slug and "%" not in slug and ".." not in slug for slug in slugs.values())


def test_self_hosted_videos_make_video_posts(built: tuple[Path, dict[str, Any]]) -> None:
    posts = open_bundle(built[0]).posts
    files = {post_id: [(v.provider, v.url) for v in posts[post_id].videos] for post_id in ("501", "502", "601", "602")}
    assert files == {
        "501": [("file", "https://runphys.example/media/skipping.webm")],
        "502": [("file", "https://runphys.example/media/pogo.mov")],
        "601": [("file", "https://runphys.example/media/trampoline.ogv")],
        "602": [("file", "https://runphys.example/media/hills.webm")],
    }
    for post_id in files:
        word = GOOD[post_id]
        result = runner.invoke(app, ["search", word, "--video", "--index", str(built[0]), "--json"])
        assert post_id in [hit["id"] for hit in json.loads(result.stdout)["hits"]], word


def test_missing_file_reads_cleanly(tmp_path: Path) -> None:
    text = runner.invoke(app, ["build", "nope.xml", "--index", str(tmp_path / "index")])
    assert text.exit_code == 1
    assert "error: nope.xml: no such file or folder" in text.stderr
    assert "()" not in text.stderr
    as_json = runner.invoke(app, ["build", "nope.xml", "--index", str(tmp_path / "index"), "--json"])
    [problem] = json.loads(as_json.stdout)["error"]["detail"]["problems"]
    assert problem == {"source": "nope.xml", "where": "", "reason": "no such file or folder", "severity": "error",
                       "code": "no-such-file"}


def test_dates_utc_cannot_hold_never_fail_a_build(tmp_path: Path) -> None:
    # The importers drop such dates; a post built from elsewhere (an admin edit) can still carry one.
    from runphys.service.pipeline import build_posts

    posts = [
        Post(id="old", title="Ancient knee", body="Knee stretches.",
             date=datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))),
        Post(id="new", title="Future hip", body="Hip stretches.",
             date=datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-14)))),
        Post(id="now", title="Calf raises", body="Calf stretches.", date=datetime(2020, 1, 1, tzinfo=UTC)),
    ]
    assert build_posts(posts, tmp_path / "index").posts == 3
    result = runner.invoke(app, ["search", "stretches", "--sort", "date", "--index", str(tmp_path / "index"), "--json"])
    assert result.exit_code == 0, result.output
    first, *_ = (hit["id"] for hit in json.loads(result.stdout)["hits"])
    assert first == "now"  # the others sort as undated

"""Bad inputs: unsafe or broken files, guessed fields, duplicates, and detection by content."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from runphys.index.errors import BadRequest
from runphys.index.post import Post, SourceRef
from runphys.index.sources import FORMATS, Problem, read_sources
from runphys.index.sources.detect import detect_format
from runphys.index.sources.problems import guarded
from runphys.index.sources.slugs import safe_slug, unique_slugs
from tests.paths import IMPORT_FIXTURES

FIXTURES = IMPORT_FIXTURES
WXR_HEAD = ('<?xml version="1.0"?>\n{doctype}<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'
            "<channel>{items}</channel></rss>")
BOMB = """<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def item(title: str, body: str = "Body.", post_id: str = "1", extra: str = "") -> str:
    return (f"<item><title>{title}</title><content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
            f"{body}</content:encoded><wp:post_id>{post_id}</wp:post_id><wp:status>publish</wp:status>"
            f"<wp:post_type>post</wp:post_type>{extra}</item>")


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.xml", WXR_HEAD.format(doctype=BOMB, items=item("&lol9;")))
    start = time.monotonic()
    result = read_sources([path])
    assert time.monotonic() - start < 2
    assert result.posts == []
    [problem] = result.problems
    assert problem.severity == "error" and "entit" in problem.reason.lower()


def test_external_entity_is_never_read(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    path = write(tmp_path, "xxe.xml", WXR_HEAD.format(doctype=doctype, items=item("&xxe;")))
    result = read_sources([path], format="wxr")
    assert result.posts == []
    assert result.problems[0].severity == "error"
    assert "root:" not in repr(result)


def test_truncated_xml_is_one_error_and_other_files_continue(tmp_path: Path) -> None:
    text = WXR_HEAD.format(doctype="", items=item("Cut short"))
    broken = write(tmp_path, "a-broken.xml", text[: len(text) // 2 + 40])
    good = write(tmp_path, "b-good.xml", WXR_HEAD.format(doctype="", items=item("Fine", post_id="2")))
    result = read_sources([broken, good])
    assert [p.title for p in result.posts] == ["Fine"]
    [problem] = result.problems
    assert problem.source == str(broken) and "broken XML" in problem.reason


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", '[\n {"title": "x",\n  "body": }\n]')
    [problem] = read_sources([path]).problems
    assert (problem.where, problem.severity) == ("line 3", "error")


def test_latin1_bytes_are_replaced_and_flagged(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.jsonl", '{"id": "x", "title": "Caf\u00e9 run", "body": "ok"}\n'.encode("latin-1"))
    result = read_sources([path], format="jsonl")
    [post] = result.posts
    assert post.title == "Caf\ufffd run" and "bytes-replaced" in post.flags
    assert any(p.severity == "warning" and "undecodable" in p.reason for p in result.problems)


@pytest.mark.parametrize(
    ("record", "flag", "check"),
    [
        ('{"slug": "knee-pain-tips", "body": "Text."}', "title-from-slug", lambda p: p.title == "Knee pain tips"),
        ('{"title": "T", "body": "B.", "date": "next tuesday-ish"}', "date-unparseable", lambda p: p.date is None),
        ('{"title": "Only a title"}', "empty-body", lambda p: p.body == ""),
    ],
)
def test_guesses_are_flagged_with_a_warning(tmp_path: Path, record: str, flag: str, check: object) -> None:
    result = read_sources([write(tmp_path, "one.jsonl", record + "\n" + record.replace("{", '{"id": "2", ', 1))])
    post = result.posts[0]
    assert flag in post.flags and check(post)  # type: ignore[operator]
    assert any(p.severity == "warning" for p in result.problems)


def test_nothing_usable_is_skipped(tmp_path: Path) -> None:
    result = read_sources([write(tmp_path, "r.json", '[{"title": "", "body": "", "tags": ["x"]}]')],
                          mapping={"title": ["title"], "body": ["body"], "tags": ["tags"]})
    assert result.posts == [] and result.skipped == 1
    assert result.problems[0].where == "record 1" and "nothing usable" in result.problems[0].reason


def test_duplicate_ids_later_wins_and_is_counted(tmp_path: Path) -> None:
    first = write(
        tmp_path, "a.jsonl", '{"id": "7", "title": "Old", "body": "x"}\n{"id": "8", "title": "B", "body": "y"}\n'
    )
    second = write(tmp_path, "b.jsonl", '{"id": "7", "title": "New", "body": "z"}\n')
    result = read_sources([tmp_path])
    assert {p.id: p.title for p in result.posts} == {"7": "New", "8": "B"}
    assert result.duplicates == 1
    [warning] = result.problems
    assert str(first) in warning.reason and warning.source.startswith(str(second))


@pytest.mark.parametrize(
    ("name", "expected"),
    [("blog.wxr.xml", "wxr"), ("wp-json-page.json", "wp-json"), ("genesis.html", "html"),
     ("001-hip-flexor-stretch.md", "markdown"), ("records.json", "json"), ("records.jsonl", "jsonl")],
)
def test_detection_by_content_ignores_the_extension(tmp_path: Path, name: str, expected: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert detect_format("renamed.txt", text) == expected
    copy = write(tmp_path, "renamed.txt", text)
    assert read_sources([copy]).posts


def test_undetectable_file_is_a_problem(tmp_path: Path) -> None:
    result = read_sources([write(tmp_path, "notes.txt", "just some words\n")])
    assert result.posts == [] and "could not detect format" in result.problems[0].reason


def test_folders_globs_hidden_files_progress_and_checksums(tmp_path: Path) -> None:
    write(tmp_path, ".hidden.jsonl", '{"id": "h", "title": "Hidden", "body": "x"}\n')
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.jsonl", '{"id": "b", "title": "B", "body": "x"}\n')
    write(tmp_path, "a.jsonl", '{"id": "a", "title": "A", "body": "x"}\n')
    calls: list[tuple[int, int]] = []
    result = read_sources([tmp_path, str(tmp_path / "*.jsonl"), tmp_path / "missing.xml"],
                          progress=lambda done, total: calls.append((done, total)))
    assert [p.id for p in result.posts] == ["a", "b"]
    assert calls == [(1, 2), (2, 2)]
    assert len(result.files) == 2 and all(len(h) == 64 for h in result.files.values())
    assert [p.reason for p in result.problems] == ["no such file or folder"]


def test_formats_constant_and_bad_format() -> None:
    assert FORMATS == ("auto", "wxr", "wp-json", "html", "text", "markdown", "json", "jsonl")
    with pytest.raises(BadRequest):
        read_sources([], format="docx")


# -- problem shape ------------------------------------------------------------------------------


def test_duplicate_id_names_the_file_and_the_record(tmp_path: Path) -> None:
    first = write(tmp_path, "a.jsonl", '{"id": "7", "title": "Old", "body": "x"}\n')
    second = write(tmp_path, "b.jsonl",
                   '{"id": "8", "title": "B", "body": "y"}\n{"id": "7", "title": "New", "body": "z"}\n')
    [warning] = read_sources([first, second]).problems
    assert (warning.source, warning.where, warning.code) == (str(second), "line 2", "duplicate-id")
    assert f"{first}:record 1" in warning.reason  # a one-line file is detected as JSON


def test_a_missing_file_has_no_position(tmp_path: Path) -> None:
    [problem] = read_sources([tmp_path / "nope.xml"]).problems
    assert (problem.where, problem.code) == ("", "no-such-file")
    assert str(problem) == f"error: {tmp_path / 'nope.xml'}: no such file or folder"


# -- YAML front matter ---------------------------------------------------------------------------

ALIASES = "a0: &a0 [lol,lol,lol]\na1: &a1 [*a0,*a0,*a0]\ntitle: *a1\n"


def test_yaml_aliases_are_refused_on_that_file_only(tmp_path: Path) -> None:
    bomb = write(tmp_path, "a-bomb.md", f"\n\n---\n{ALIASES}---\nBody\n")
    good = write(tmp_path, "b-good.md", "---\nid: good\ntitle: Good\n---\nBody\n")
    result = read_sources([bomb, good])
    assert [p.id for p in result.posts] == ["good"]
    [problem] = result.problems
    # Leading blank lines count: the anchor is on line 4 of the file.
    assert (problem.source, problem.where, problem.code) == (str(bomb), "line 4", "yaml-alias")
    assert problem.severity == "error"
    assert "anchors and aliases" in problem.reason


def test_a_front_matter_key_given_twice_skips_that_post_with_its_line(tmp_path: Path) -> None:
    # Which of two titles the author meant is not ours to guess; the post is refused, not half-read.
    twice = write(tmp_path, "a-twice.md", "---\ntitle: First\ntags: [knee]\ntitle: Second\n---\nBody\n")
    result = read_sources([twice, write(tmp_path, "b-good.md", "---\ntitle: Good\n---\nBody\n")])
    assert [p.title for p in result.posts] == ["Good"]
    [problem] = result.problems
    assert (problem.where, problem.code, problem.severity) == ("line 4", "yaml-repeated-key", "error")
    assert "'title' is given twice in one mapping (first on line 2)" in problem.reason


def test_an_unprintable_yaml_value_skips_only_that_record(tmp_path: Path) -> None:
    # A hex int is exempt from int()'s digit limit, but str() of it is not.
    hexed = write(tmp_path, "hex.md", f"---\nid: 0x{'f' * 4000}\ntitle: Hex\n---\nBody\n")
    result = read_sources([hexed, write(tmp_path, "ok.md", "---\ntitle: Fine\n---\nBody\n")])
    assert [p.title for p in result.posts] == ["Fine"]
    [problem] = result.problems
    assert (problem.where, problem.code, problem.severity) == ("front matter", "record-failed", "error")
    assert problem.reason.startswith("record skipped: ValueError: ")


def test_json_front_matter_gets_bounded_integers(tmp_path: Path) -> None:
    path = write(tmp_path, "j.md", '{\n"title": "JSON front", "views": ' + "9" * 5000 + "\n}\nBody text\n")
    [post] = read_sources([path], format="markdown").posts
    assert post.title == "JSON front"


# -- JSON integers -------------------------------------------------------------------------------

HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("r.json", f'[{{"id": "a", "title": "A", "body": "x", "n": {HUGE}}}]', "record 1"),
        ("r.jsonl", f'{{"id": "b", "title": "B", "body": "x"}}\n{{"id": {HUGE}, "title": "C", "body": "x"}}\n',
         "line 2"),
        ("w.json", f'[{{"id": {HUGE}, "title": {{"rendered": "W"}}, "content": {{"rendered": "<p>x</p>"}}}}]',
         "item 1"),
    ],
)
def test_huge_json_integers_are_kept_as_text_with_a_warning(tmp_path: Path, name: str, text: str, where: str) -> None:
    result = read_sources([write(tmp_path, name, text)])
    assert result.posts and result.skipped == 0
    [problem] = [p for p in result.problems if p.code == "number-too-long"]
    assert (problem.where, problem.severity) == (where, "warning") and "5000" in problem.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [(f'[{{"title": "t", "body": "b", "n": {HUGE}}}]', "json"),
     (f'{{"title": {{"rendered": "t"}}, "id": {HUGE}}}', "wp-json"),
     (f'{{"title": "t", "n": {HUGE}}}\n{{"title": "u"}}\n', "jsonl"),
     (f'{{"n": {HUGE}', "json")],
)
def test_detection_survives_huge_integers(text: str, expected: str) -> None:
    assert detect_format("x.txt", text) == expected


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "kept"),
    [
        ("9999-12-31T23:59:59-14:00", False),
        ("0001-01-01T00:00:00+05:00", False),
        ("1899-12-31T23:59:59Z", False),
        ("1900-01-01T00:30:00+01:00", False),  # 1899-12-31 in UTC
        ("1900-01-01T00:00:00Z", True),
        ("2199-12-31T23:59:59Z", True),
        ("2200-01-01", False),
        (-5_000_000_000, False),  # 1811 as a Unix timestamp
    ],
)
def test_dates_outside_1900_to_2199_are_dropped_and_the_post_kept(tmp_path: Path, date: object, kept: bool) -> None:
    record = {"id": "d", "title": "Dated", "body": "x", "date": date}
    result = read_sources([write(tmp_path, "d.jsonl", json.dumps(record) + "\n")], format="jsonl")
    [post] = result.posts
    assert (post.date is not None) == kept
    codes = [(p.code, p.where, p.severity) for p in result.problems]
    assert codes == ([] if kept else [("date-out-of-range", "line 1", "warning")])
    assert ("date-out-of-range" in post.flags) != kept


def test_yaml_dates_out_of_range_keep_the_post(tmp_path: Path) -> None:
    path = write(tmp_path, "f.md", "---\ntitle: Far future\ndate: 9999-12-31T23:59:59-14:00\n---\nBody\n")
    result = read_sources([path])
    assert result.posts[0].date is None
    [problem] = result.problems
    assert (problem.code, problem.where) == ("date-out-of-range", "front matter")
    assert "kept without a date" in problem.reason


# -- odd records ---------------------------------------------------------------------------------


def test_guarded_turns_any_exception_into_a_problem_on_that_record() -> None:
    def broken() -> Iterator[Problem]:
        yield Problem("f.json", "record 1", "a warning that must not survive", "warning", "w")
        raise KeyError("body")

    [problem] = list(guarded(SourceRef("f.json", "record 9"), broken))
    assert (problem.source, problem.where, problem.code) == ("f.json", "record 9", "record-failed")
    assert problem.reason == "record skipped: KeyError: 'body'"


@pytest.mark.parametrize(
    "record",
    [
        '{"title": ["a", {"b": 1}], "body": 5, "tags": {"x": [1]}, "videos": 7, "date": [1, 2]}',
        '{"title": {"rendered": "T"}, "body": [null, "b"], "author": {"name": "A"}, "id": [1, [2]]}',
        '{"title": "T", "body": "b", "slug": 12, "url": null, "categories": "a, b", "date": Infinity}',
    ],
)
def test_odd_types_in_a_record_never_raise(tmp_path: Path, record: str) -> None:
    result = read_sources([write(tmp_path, "odd.jsonl", record + '\n{"id": "z", "title": "Z", "body": "z"}\n')])
    assert "z" in [p.id for p in result.posts]
    assert all(p.code for p in result.problems)


def test_odd_types_in_wordpress_json_never_raise(tmp_path: Path) -> None:
    posts = [{"id": 1, "title": {"rendered": ["x"]}, "content": {"rendered": {"a": 1}}, "_embedded": [1],
              "date_gmt": {"x": 1}, "slug": ["a/b"]},
             {"id": 2, "title": {"rendered": "Fine"}, "content": {"rendered": "<p>ok</p>"}}]
    result = read_sources([write(tmp_path, "w.json", json.dumps(posts))])
    assert [p.id for p in result.posts] == ["1", "2"]


def test_lone_surrogates_are_replaced_with_a_warning(tmp_path: Path) -> None:
    result = read_sources([write(tmp_path, "s.jsonl", '{"title": "A \\ud800 B", "body": "x", "tags": ["\\udfff"]}\n')],
                          format="jsonl")
    [post] = result.posts
    assert (post.title, post.tags) == ("A \ufffd B", ("\ufffd",))
    assert [(p.code, p.where) for p in result.problems] == [("surrogates-replaced", "line 1")]


# -- slugs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("hip-flexor-stretch", None),
        ("%e6%97%a5%e6%9c%ac", None),  # WordPress keeps non-ASCII slugs percent-encoded: valid as is
        ("a..b", None),
        ("2019/05/hill-sprints", "2019-05-hill-sprints"),
        ("../../etc/passwd", "etc-passwd"),
        ("a%2Fb", "a-b"),
        ("a%2fb", "a-b"),
        ("a%252Fb", "a-b"),  # encoded twice
        ("..", ""),
        ("knee\\..\\tips", "knee-tips"),
        ("Big Tips/For Knees", "big-tips-for-knees"),
    ],
)
def test_safe_slug(slug: str, expected: str | None) -> None:
    assert safe_slug(slug) == expected


def test_path_slugs_are_normalised_with_a_warning(tmp_path: Path) -> None:
    lines = ['{"id": "1", "title": "Dots", "slug": "../x/y", "body": "b"}',
             '{"id": "2", "title": "Only dots", "slug": "../..", "body": "b"}']
    result = read_sources([write(tmp_path, "s.jsonl", "\n".join(lines) + "\n")])
    assert [(p.slug, p.flags) for p in result.posts] == [("x-y", ("slug-normalised",)),
                                                          ("only-dots", ("slug-normalised",))]
    assert [(p.where, p.code) for p in result.problems] == [("line 1", "slug-normalised"),
                                                            ("line 2", "slug-normalised")]
    assert "'../x/y'" in result.problems[0].reason and "'x-y'" in result.problems[0].reason


def post(post_id: str, slug: str) -> Post:
    return Post(id=post_id, title=post_id, slug=slug, source=SourceRef("f.jsonl", f"line {post_id}"))


def test_unique_slugs_first_keeps_it_and_renames_skip_taken_slugs() -> None:
    posts = [post("1", "a"), post("2", "a"), post("3", "a-2"), post("4", "a"), post("5", ""), post("6", "")]
    renamed, problems = unique_slugs(posts)
    assert [p.slug for p in renamed] == ["a", "a-3", "a-2", "a-4", "", ""]
    assert [(p.where, p.code, p.severity) for p in problems] == [("line 2", "duplicate-slug", "warning"),
                                                                 ("line 4", "duplicate-slug", "warning")]
    assert "'a-3'" in problems[0].reason and "f.jsonl:line 1" in problems[0].reason
    assert unique_slugs(posts) == (renamed, problems)


def test_duplicate_slugs_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\nid: one\ntitle: One\nslug: knee\n---\nBody\n")
    write(tmp_path, "b.jsonl", '{"id": "two", "title": "Two", "slug": "knee", "body": "x"}\n')
    result = read_sources([tmp_path])
    assert {p.id: p.slug for p in result.posts} == {"one": "knee", "two": "knee-2"}
    [problem] = result.problems
    assert (Path(problem.source).name, problem.where, problem.code) == ("b.jsonl", "record 1", "duplicate-slug")

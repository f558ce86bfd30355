"""Bad inputs: unsafe or broken files, guessed fields, duplicates, and detection by content."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from runphys.index.errors import BadRequest
from runphys.index.sources import FORMATS, read_sources
from runphys.index.sources.detect import detect_format

FIXTURES = Path(__file__).parent / "fixtures" / "import"
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
    first = write(tmp_path, "a.jsonl", '{"id": "7", "title": "Old", "body": "x"}\n{"id": "8", "title": "B", "body": "y"}\n')
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

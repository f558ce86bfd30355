"""Importer fuzzing: damaged, hostile, huge and wrongly-encoded files give clear problems, never a hang.

Each run goes through `read_sources` in a subprocess with a timeout, so a hang fails the test
instead of stalling the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runphys.index.sources import read_sources
from tests.paths import IMPORT_FIXTURES, ROOT

FIXTURES = IMPORT_FIXTURES
GOOD_MD = "---\nid: good-1\ntitle: Good knee post\n---\nStep downs for the knee.\n"
SCRIPT = """
import json, sys
from runphys.index.sources import read_sources
r = read_sources(sys.argv[1:])
print(json.dumps({"posts": [p.id for p in r.posts], "titles": [p.title for p in r.posts],
  "problems": [[x.source, x.where, x.reason, x.severity] for x in r.problems]}))
"""


def import_in_subprocess(paths: list[Path], timeout: float = 120) -> tuple[dict, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *map(str, paths)], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout), time.monotonic() - started


def hostile_files(tmp_path: Path) -> dict[str, bytes]:
    wxr = (FIXTURES / "blog.wxr.xml").read_bytes()
    html = (FIXTURES / "genesis.html").read_bytes()
    records = (FIXTURES / "records.json").read_bytes()
    md = (FIXTURES / "001-hip-flexor-stretch.md").read_bytes()
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        + b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        + b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>\n'
        + b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&e;</title></item></channel></rss>'
    )
    huge_entity = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY big "' + b"x" * 5_000_000 + b'">]>\n'
        b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&big;</title></item></channel></rss>'
    )
    return {
        "truncated.wxr.xml": wxr[: len(wxr) // 2],
        "malformed.wxr.xml": wxr.replace(b"</item>", b"</itm>", 1),
        "bomb.xml": bomb,
        "huge-entity.xml": huge_entity,
        "truncated.html": html[: len(html) // 3],
        "tagsoup.html": b"<html><body><div class=entry-content><p><b><i>unclosed" * 200,
        "truncated.json": records[: len(records) // 2],
        "wrong-shape.json": b'{"posts": 12, "title": [1, 2, {"x": null}]}',
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "bad-lines.jsonl": b'{"id": "a", "title": "A", "body": "ok"}\n{broken\n[1,2]\n"str"\n',
        "bad-front-matter.md": b"---\ntitle: [unclosed\nid: {x\n---\nBody\n",
        "truncated.md": md[: len(md) // 4],
        "junk.bin": bytes(range(256)) * 400,
        "nul.md": b"---\x00\x00\ntitle: \x00\n---\n\x00\x00",
        "utf16-bom.md": GOOD_MD.replace("good-1", "u16").encode("utf-16"),
        "utf16-nobom.md": GOOD_MD.replace("good-1", "u16le").encode("utf-16-le"),
        "latin1.md": GOOD_MD.replace("good-1", "latin").replace("Good", "Caf\u00e9").encode("latin-1"),
        "cp1252.md": GOOD_MD.replace("good-1", "cp").replace("Good", "\u201cGood\u201d").encode("cp1252"),
        "empty.md": b"",
    }


@pytest.mark.slow
def test_hostile_files_are_problems_and_the_rest_imports(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in hostile_files(tmp_path).items():
        (folder / name).write_bytes(data)
    (folder / "good.md").write_text(GOOD_MD)
    result, seconds = import_in_subprocess([folder])
    assert seconds < 60
    assert {"good-1", "u16", "u16le", "latin", "cp"} <= set(result["posts"])
    problems = {
        Path(source).name: reason for source, _where, reason, severity in result["problems"] if severity == "error"
    }
    for name in ("bomb.xml", "huge-entity.xml", "junk.bin", "deep.json", "truncated.json"):
        assert name in problems, (name, result["problems"])
    assert "entit" in problems["bomb.xml"].lower() and "entit" in problems["huge-entity.xml"].lower()
    assert all(reason.strip() for _s, _w, reason, _sev in result["problems"])
    # Wrong 8-bit encodings are kept, flagged, and named; UTF-16 is read as what it is.
    warned = {Path(source).name for source, _w, reason, sev in result["problems"] if "not UTF-8" in reason}
    assert {"latin1.md", "cp1252.md"} <= warned and not {"utf16-bom.md", "utf16-nobom.md"} & warned
    assert "Good knee post" in result["titles"]


@pytest.mark.slow
def test_a_50_mb_file_does_not_hang(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    line = json.dumps({"id": "", "title": "Knee drill", "body": "step downs " * 500}) + "\n"
    with path.open("w") as out:
        for number in range(50 * 1024 * 1024 // len(line) + 1):
            out.write(line.replace('"id": ""', f'"id": "p{number}"', 1))
    assert path.stat().st_size >= 50 * 1024 * 1024
    result, seconds = import_in_subprocess([path], timeout=180)
    assert seconds < 120  # a hang guard, not a benchmark
    assert len(result["posts"]) > 9000


@pytest.mark.slow
def test_a_50_mb_binary_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "blob.xml"
    path.write_bytes(b"<?xml version='1.0'?><rss>" + bytes(range(1, 256)) * (50 * 1024 * 1024 // 255))
    result, seconds = import_in_subprocess([path], timeout=180)
    assert seconds < 120
    assert result["posts"] == [] and len(result["problems"]) >= 1


SEEDS = sorted(FIXTURES.iterdir())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.sampled_from(SEEDS),
    cut=st.floats(0, 1),
    noise=st.binary(max_size=64),
    where=st.floats(0, 1),
)
def test_mangled_fixture_files_never_raise(tmp_path_factory, seed, cut, noise, where):
    data = seed.read_bytes()
    data = data[: int(len(data) * cut)]
    at = int(len(data) * where)
    data = data[:at] + noise + data[at:]
    folder = tmp_path_factory.mktemp("mangled")
    path = folder / seed.name
    path.write_bytes(data)
    started = time.monotonic()
    result = read_sources([path])  # must not raise
    assert time.monotonic() - started < 10
    for problem in result.problems:
        assert problem.reason and problem.severity in ("error", "warning")


def pathological_files(repeat: int) -> dict[str, str]:
    """Good posts whose bodies repeat an unclosed construct: each used to cost quadratic regex time."""
    front = "---\ntitle: {title}\n---\nIntro paragraph.\n\n{body}\n"
    markdown = {"emphasis": " **a", "shortcode": "{{<a ", "link": "[", "link-text": "[a](", "comment": "<!--",
                "tag": "<", "underscore": " _a"}
    files = {f"{name}.md": front.format(title=f"Pathological {name}", body=piece * repeat)
             for name, piece in markdown.items()}
    content = "".join(piece * repeat for piece in ("[video ]", "[embed]", "<!-- wp:", "[caption]"))
    files["shortcodes.wxr.xml"] = (
        '<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><title>Pathological shortcodes'
        f"</title><content:encoded><![CDATA[<p>Intro paragraph.</p>{content}]]></content:encoded>"
        "<wp:post_id>9</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"
        "</channel></rss>"
    )
    # Detection reads the first 200,000 characters: the page's real header has to come before that.
    files["headers.txt"] = ("• x\nJanuary 1, 2020 // by A\n" * (repeat // 20)
                            + "Pathological headers\nJanuary 2, 2020 // by Mike\nBody paragraph.\nCategory: Knees\n")
    tags = [f"tag {number}" for number in range(repeat)]
    files["lines.jsonl"] = "\n".join(json.dumps(record, ensure_ascii=False) for record in (
        {"id": "sep", "title": "Pathological\u2028separator", "body": "A raw U+2028 is legal inside JSON text."},
        {"id": "tags", "title": "Pathological tags", "body": "Many tags.", "tags": tags},
    )) + "\n"
    return files


def test_unclosed_markup_in_a_body_costs_linear_time(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in pathological_files(100_000).items():
        (folder / name).write_text(text, encoding="utf-8")
    result, seconds = import_in_subprocess([folder], timeout=120)
    assert seconds < 30  # a hang guard: quadratic matching took hours here; linear takes a few seconds
    titles = set(result["titles"])
    assert {f"Pathological {name}" for name in ("emphasis", "shortcode", "link", "link-text", "comment", "tag",
                                                "underscore", "shortcodes", "headers", "tags")} <= titles
    assert "Pathological separator" in titles  # one record, not two broken halves of a line
    assert not [problem for problem in result["problems"] if problem[3] == "error"], result["problems"]

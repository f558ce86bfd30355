"""The `runphys` command through its runner: flags, JSON fields, exit codes, help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runphys.cli.main import app
from tests.paths import ROOT, SHARED

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


POST_MD = """---
id: "{id}"
title: "{title}"
date: 2017-04-02T08:00:00-04:00
categories: [{category}]
tags: [stretching]
---
{body}
"""


@pytest.fixture
def small_source(tmp_path):
    folder = tmp_path / "posts"
    write(folder / "a.md", POST_MD.format(id="a1", title="Video: Piriformis Stretch", category="Hips",
                                          body="Sit tall and pull the knee across to stretch the piriformis."))
    write(folder / "b.md", POST_MD.format(id="b2", title="Runner's Knee Basics", category="Knees",
                                          body="Patellofemoral pain sits around the kneecap."))
    write(folder / "c.md", POST_MD.format(id="c3", title="Hip Mobility Warm-Up", category="Hips",
                                          body="Leg swings and hip circles before every run."))
    return folder


def test_build_json_summary_and_stats(tmp_path, small_source):
    index = tmp_path / "index"
    result = invoke("build", str(small_source), "--index", str(index), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["posts"] == 3 and summary["skipped"] == 0 and summary["duplicates"] == 0
    assert summary["problems"] == []

    stats = json.loads(invoke("stats", "--index", str(index), "--json").stdout)
    assert stats["posts"] == 3
    assert stats["categories"] == {"Hips": 2, "Knees": 1}
    assert stats["index"] == str(index)
    assert stats["videos"] == 0 and stats["built_at"]


def test_search_json_hits_carry_the_named_fields(tmp_path, small_source):
    index = tmp_path / "index"
    invoke("build", str(small_source), "--index", str(index))
    result = invoke("search", "piriformis", "--index", str(index), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"query", "total", "hits", "facets", "did_you_mean"} <= set(data)
    top = data["hits"][0]
    assert top["id"] == "a1"
    assert {"id", "slug", "title", "url", "date", "categories", "score"} <= set(top)


def test_related_json_shape(tmp_path, small_source):
    index = tmp_path / "index"
    invoke("build", str(small_source), "--index", str(index))
    data = json.loads(invoke("related", "a1", "--index", str(index), "--json").stdout)
    assert data["post"]["id"] == "a1"
    assert data["related"] and all(item["id"] != "a1" for item in data["related"])
    assert {"id", "slug", "title", "url", "score", "why", "fallback"} <= set(data["related"][0])
    text = json.loads(invoke("related", "--text", "hip circles and leg swings", "--index", str(index), "--json").stdout)
    assert text["related"][0]["id"] == "c3"


def test_bad_sources_keep_the_old_index_and_exit_1(tmp_path, small_source):
    index = tmp_path / "index"
    invoke("build", str(small_source), "--index", str(index))
    junk = write(tmp_path / "junk" / "broken.json", "{not json")
    result = invoke("build", str(junk), "--index", str(index), "--json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "import_failed"
    assert any("broken.json" in p["source"] for p in error["detail"]["problems"])
    assert json.loads(invoke("stats", "--index", str(index), "--json").stdout)["posts"] == 3


def test_strict_fails_on_any_problem(tmp_path, small_source):
    write(small_source / "d.json", "[{\"title\": \"ok\", \"body\": \"fine\"}, 42]")
    result = invoke("build", str(small_source), "--index", str(tmp_path / "index"), "--strict", "--json")
    assert result.exit_code == 1
    result = invoke("build", str(small_source), "--index", str(tmp_path / "index"), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["skipped"] >= 1


def test_usage_errors_exit_2(tmp_path):
    assert invoke("build", "x", "--format", "docx").exit_code == 2
    assert invoke("search").exit_code == 2
    assert invoke("related", "--index", str(tmp_path)).exit_code == 2
    assert invoke("no-such-command").exit_code == 2


def test_unknown_post_exits_1(tmp_path, small_source):
    index = tmp_path / "index"
    invoke("build", str(small_source), "--index", str(index))
    result = invoke("related", "nope", "--index", str(index), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "post_not_found"


def registered() -> list[tuple[str, ...]]:
    """Every command the app registers, sub-commands as (group, command)."""
    import typer.main

    root = typer.main.get_command(app)
    out: list[tuple[str, ...]] = []
    for name, command in sorted(root.commands.items()):  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        out += [(name, sub) for sub in sorted(subcommands)] if subcommands else [(name,)]
    return out


def test_the_commands_are_the_documented_ones():
    assert {c[0] for c in registered()} >= {"build", "stats", "search", "related", "gaps", "serve", "pin", "unpin",
                                            "exclude", "unexclude", "curation", "vocabulary"}


@pytest.mark.parametrize("command", registered(), ids=" ".join)
def test_every_command_has_help_index_and_json(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0, result.output
    takes_index = command != ("vocabulary", "check")  # checks a file, whatever the index
    assert ("--index" in result.output) == takes_index
    if command != ("serve",):
        assert "--json" in result.output


@pytest.mark.parametrize("command", registered(), ids=" ".join)
def test_every_command_is_in_the_cli_docs(command):
    # The section is generated from --help (tests/docs checks it matches); a missing one means the
    # page was not regenerated after adding the command: python docs/regenerate.py
    assert f"### `runphys {' '.join(command)}`" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


@pytest.mark.shared
def test_exercises_load_through_a_field_mapping(tmp_path):
    source = SHARED / "data" / "exercises" / "exercises.json"
    if not source.exists():
        pytest.skip("../shared/data/exercises is not present (plain clone without shared data)")
    mapping = "id=id,title=name,body=instructions,categories=category,tags=primaryMuscles+secondaryMuscles+equipment"
    result = invoke("build", str(source), "--index", str(tmp_path / "index"), "--map", mapping, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["posts"] == 873


@pytest.mark.parametrize(
    ("args", "env", "named"),
    [
        (["stats", "--json"], {"RUNPHYS_REMEMBERED_SEARCHES": "-1"}, "RUNPHYS_REMEMBERED_SEARCHES"),
        (["search", "knee"], {"RUNPHYS_COMPRESS_MIN_BYTES": "many"}, "RUNPHYS_COMPRESS_MIN_BYTES"),
        (["serve", "--port", "99999"], {}, "--port"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it_not_a_traceback(tmp_path, args, env, named):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("RUNPHYS_")}
    done = subprocess.run([sys.executable, "-c", "from runphys.cli.main import run; run()", *args,
                           "--index", str(tmp_path / "index")],
                          env={**clean, **env}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    said = json.loads(done.stdout)["error"]["message"] if "--json" in args else done.stderr
    assert f"bad setting: {named}:" in said
    assert not (tmp_path / "index").exists()  # nothing was built or touched

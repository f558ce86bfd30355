"""`runphys gaps` through Typer's runner: terminal summary, --json, --csv, --html."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from runphys.cli.main import app
from runphys.gaps import SECTIONS
from runphys.service.pipeline import ensure_index


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("gaps-cli")
    ensure_index(path)
    return path


def run(*args):
    result = CliRunner().invoke(app, ["gaps", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result


def test_json_has_the_report_keys(index_dir):
    data = json.loads(run("--index", index_dir, "--json").stdout)
    assert tuple(data) == SECTIONS
    assert data["suggestions"][0]["topic"] == "Achilles tendinopathy"


def test_terminal_summary(index_dir):
    out = run("--index", index_dir).stdout
    assert "What to write next" in out and "Achilles tendinopathy" in out
    assert "Near duplicates" in out


def test_csv_writes_one_file_per_section(index_dir, tmp_path):
    run("--index", index_dir, "--csv", tmp_path / "csv", "--since", "2026-01-01", "--until", "2026-12-31")
    names = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert names == sorted(f"{section}.csv" for section in SECTIONS)
    with (tmp_path / "csv" / "injuries.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert "achilles_tendinopathy" in {row["key"] for row in rows}


def test_html_file_is_self_contained(index_dir, tmp_path):
    target = tmp_path / "report.html"
    out = run("--index", index_dir, "--html", target, "--now", "2021-01-01").stdout
    assert f"wrote {target}" in out.replace("\n", "")
    html = target.read_text(encoding="utf-8")
    assert 'id="heatmap"' in html and "Achilles tendinopathy" in html
    assert "<link" not in html and "src=" not in html  # no network assets


def test_bad_date_is_a_usage_error(index_dir):
    result = CliRunner().invoke(app, ["gaps", "--index", str(index_dir), "--since", "last week"])
    assert result.exit_code == 2
    assert "--since must be a date" in result.output


def test_help_documents_every_option():
    out = CliRunner().invoke(app, ["gaps", "--help"]).stdout
    for option in ("--index", "--since", "--until", "--now", "--json", "--html", "--csv", "--silence-days"):
        assert option in out


def test_terminal_summary_counts_junk_apart(tmp_path):
    from datetime import UTC, datetime

    from runphys.index.search_log import SearchLog

    ensure_index(tmp_path / "index")
    log = SearchLog(tmp_path / "index" / "searches")
    when = datetime(2026, 3, 1, tzinfo=UTC)
    for query in ("asdfgh qwerty", "https://example.com/foo", "achilles", "shinsplints"):
        log.record(query, 0, None, when=when)
    log.record("knee", 45, 1.0, when=when)
    out = " ".join(run("--index", tmp_path / "index").stdout.split())
    assert "Missed searches (2 of 3 understood)" in out
    assert "5 searches in range: 3 understood, of which 2 missed; 2 not understood" in out
    assert "asdfgh" not in out and "example.com" not in out
    assert "Injuries with no post or a single post" in out and "1 posts" not in out
    data = json.loads(run("--index", tmp_path / "index", "--json").stdout)["demand"]
    assert data["unrecognised_searches"] == 2 and data["near_miss_max_results"] == 3

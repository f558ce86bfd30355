"""`runphys sync` and the RUNPHYS_SYNC_* settings through the console script: what is refused before
any request, and a site that is not there (no WordPress needed for these)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from runphys.index.sync_state import SyncState, write_sync_state
from runphys.service.settings import Settings
from tests.live_server import clean_env, free_port, runphys


def cli(*args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*runphys(), *args], env=clean_env(**settings), capture_output=True, text=True,
                          check=False, timeout=120)


@pytest.mark.parametrize("url", ["blog.example.com", "ftp://blog.example", "https://blog.example/?p=1",
                                 "https://user:pw@blog.example", "https://blog.example:port"])
def test_a_bad_site_url_is_refused_with_exit_2(tmp_path: Path, url: str) -> None:
    done = cli("sync", url, "--index", str(tmp_path / "index"))
    assert done.returncode == 2 and done.stderr.startswith("error:") and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "index" / "current").exists()


def test_credentials_come_in_pairs_and_drafts_need_them(tmp_path: Path) -> None:
    half = cli("sync", "http://127.0.0.1:9", "--index", str(tmp_path), "--user", "mike")
    assert half.returncode == 2 and "give both --user and --app-password" in half.stderr
    drafts = cli("sync", "http://127.0.0.1:9", "--index", str(tmp_path), "--include-drafts", "--json")
    assert drafts.returncode == 2
    assert json.loads(drafts.stdout)["error"]["message"].startswith("--include-drafts needs --user and --app-password")


def test_an_index_following_one_site_refuses_another_without_full(tmp_path: Path) -> None:
    write_sync_state(tmp_path, SyncState(site="https://blog.example"))
    done = cli("sync", "https://other.example", "--index", str(tmp_path))
    assert done.returncode == 2 and "follows https://blog.example" in done.stderr and "--full" in done.stderr


def test_a_site_where_nothing_listens_is_named_with_exit_3(tmp_path: Path) -> None:
    site = f"http://127.0.0.1:{free_port()}"
    done = cli("sync", site, "--index", str(tmp_path / "index"), "--json")
    assert done.returncode == 3
    error = json.loads(done.stdout)["error"]
    assert error["code"] == "sync_failed" and error["detail"]["reason"] == "unreachable"
    assert f"cannot reach {site}/wp-json/wp/v2/posts" in error["message"] and "discovery" in error["message"]
    assert not (tmp_path / "index" / "current").exists()


@pytest.mark.parametrize(("value", "seconds"), [("30s", 30.0), ("15m", 900.0), ("1h", 3600.0), ("90", 90.0),
                                                ("off", None), ("", None)])
def test_sync_every_reads_durations(value: str, seconds: float | None) -> None:
    assert Settings(sync_every=value).sync_every == seconds


@pytest.mark.parametrize("value", ["soon", "15 minutes", "0.5s", "400h", "-1m", "nan"])
def test_a_bad_sync_every_stops_serve_with_one_line(tmp_path: Path, value: str) -> None:
    done = cli("serve", "--index", str(tmp_path), "--port", str(free_port()), sync_every=value)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "RUNPHYS_SYNC_EVERY" in done.stderr
    assert "30s, 15m or 1h" in done.stderr or "between 1s and 168h" in done.stderr

"""`runphys serve` as a real process: ready, answers a search, every worker follows a new bundle."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.live_server import ServedProcess

TOKEN = "process-test-token"
# Concurrent connections a poll makes, so that both workers get some.
BURST = 8


def get(url: str, timeout: float = 5.0) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.fixture
def served(fresh_index: Path, tmp_path: Path) -> Iterator[Callable[..., str]]:
    servers: list[ServedProcess] = []

    def start(workers: int = 1) -> str:
        server = ServedProcess(fresh_index, tmp_path / f"server-{len(servers)}.log", workers=workers,
                               admin_token=TOKEN, reload_check_seconds="0.2").start()
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.stop()


@pytest.mark.slow
def test_serve_answers_a_search(served):
    base = served()
    status, body = get(base + "/api/v1/search?q=knee")
    assert status == 200 and body["total"] > 0 and body["hits"]
    assert get(base + "/healthz") == (200, {"status": "ok"})


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("runphys", path=str(Path(sys.executable).parent)) is None,
                    reason="needs the runphys CLI")
def test_every_worker_follows_a_new_bundle(served):
    base = served(workers=2)
    post = {"title": "Zebrafish drills", "slug": "zebrafish-drills", "body": "Zebrafish drills for a cranky knee."}
    request = urllib.request.Request(
        base + "/api/v1/admin/posts/zebra-1",
        data=json.dumps(post).encode(),
        method="PUT",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        build_id = json.loads(response.read())["build_id"]
    # Each worker looks at `current` within reload_check_seconds of a request, and its first request
    # after that may still be answered by the old version while the new one opens. Requests one at a
    # time tend to land on the same worker (the one back in accept() first), so each poll is a burst
    # of concurrent connections, which the kernel spreads over both: poll until three bursts in a row
    # come wholly from the new build.
    def burst(path: str) -> list[tuple[int, dict]]:
        with ThreadPoolExecutor(BURST) as pool:
            return list(pool.map(lambda _: get(base + path), range(BURST)))

    deadline, in_a_row = time.monotonic() + 30, 0
    while in_a_row < 3:
        assert time.monotonic() < deadline, "the workers did not all switch to the new build"
        fresh = all(body["build_id"] == build_id for _, body in burst("/readyz"))
        in_a_row = in_a_row + 1 if fresh else 0
    for _ in range(5):
        for status, body in burst("/api/v1/search?q=zebrafish"):
            assert status == 200 and [hit["id"] for hit in body["hits"]] == ["zebra-1"]
        assert all(body["build_id"] == build_id for _, body in burst("/readyz"))


def test_settings_reach_the_workers_through_the_environment(monkeypatch, tmp_path):
    from runphys.api.server import settings_environment
    from runphys.service.settings import Settings

    chosen = Settings(
        index=tmp_path / "idx",
        port=9999,
        workers=3,
        admin_token="tok",
        cors_origins=["https://a.example", "https://b.example"],
        rate_limit_per_minute=0,
        reload_check_seconds=0.5,
        forwarded_allow_ips="10.0.0.1,192.0.2.0/24",
        public_url="https://search.example.com",
        sync_url="https://blog.example.com",
        sync_user="editor",
        sync_app_password="abcd efgh ijkl mnop",
    )
    for key in [k for k in os.environ if k.startswith("RUNPHYS_")]:
        monkeypatch.delenv(key)
    for key, value in settings_environment(chosen).items():
        monkeypatch.setenv(key, value)
    again = Settings()
    secrets = {"admin_token", "sync_app_password"}
    assert again.model_dump(exclude=secrets) == chosen.model_dump(exclude=secrets)
    assert again.admin_token is not None and again.admin_token.get_secret_value() == "tok"
    assert again.sync_app_password is not None and again.sync_app_password.get_secret_value() == "abcd efgh ijkl mnop"


def test_proxy_headers_are_believed_only_from_configured_proxies():
    from runphys.api.server import proxy_options
    from runphys.service.settings import Settings

    assert proxy_options(Settings()) == {"proxy_headers": False, "forwarded_allow_ips": ""}
    assert proxy_options(Settings(forwarded_allow_ips=" , ")) == {"proxy_headers": False, "forwarded_allow_ips": ""}
    assert proxy_options(Settings(forwarded_allow_ips=" 127.0.0.1, 10.0.0.0/8 ")) == {
        "proxy_headers": True, "forwarded_allow_ips": "127.0.0.1,10.0.0.0/8"}

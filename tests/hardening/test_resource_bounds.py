"""No request may grow memory or hog a worker (issue 20): the word cache under 100,000-character
words, oversized request headers on a real `runphys serve`, one client's flood against another
reader's turn, forged author cookies, a token switched back, and the smaller leaks (redirects
naming the Host header, the gap report cached, a bad RUNPHYS_CORS_ORIGINS)."""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import string
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from starlette.types import Receive, Scope, Send

from runphys.api.middleware.work_budget import WorkBudget
from runphys.api.sessions import SessionStore
from runphys.text.analysis import WORD_CACHE_MAX_BYTES, word_cache_bytes
from tests.live_server import ServedProcess, clean_env, runphys

# -- memory --------------------------------------------------------------------------------


def unique_word(rng: random.Random, length: int) -> str:
    return "".join(rng.choices(string.ascii_lowercase, k=length))


def test_unique_huge_words_do_not_grow_the_word_cache(make_client) -> None:
    client = make_client(related_text_max_chars=100_000)  # the whole word reaches the analysis
    rng = random.Random(20)
    client.post("/api/v1/related", json={"text": "knee pain after long runs"})
    before = word_cache_bytes()
    for _ in range(60):
        response = client.post("/api/v1/related", json={"text": unique_word(rng, 99_990)})
        assert response.status_code == 200
    # 60 x 100,000 characters went through; the cache kept none of them (a word that long is no word).
    assert word_cache_bytes() - before < 100_000
    assert word_cache_bytes() <= WORD_CACHE_MAX_BYTES


def test_a_long_draft_is_cut_with_a_notice(make_client) -> None:
    client = make_client(related_text_max_chars=1_000)
    response = client.post("/api/v1/related", json={"text": "calf strain after speed work " * 200})
    assert response.status_code == 200
    assert response.json()["notices"] == ["text cut to 1000 characters"]
    assert client.post("/api/v1/related", json={"text": "calf strain"}).json()["notices"] == []


# -- request headers -------------------------------------------------------------------------


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def send_head(port: int, size: int, *, finish: bool) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * size
    with contextlib.suppress(OSError):  # refused mid-way: the server closed the connection, as it should
        sock.sendall(head + (b"\r\n\r\n" if finish else b""))
    return sock


def answer(sock: socket.socket) -> bytes:
    try:
        return sock.recv(4096)
    except OSError:
        return b""  # reset: refused by closing


@pytest.mark.slow
def test_runphys_serve_refuses_oversized_headers(fresh_index: Path, tmp_path: Path) -> None:
    server = ServedProcess(fresh_index, tmp_path / "server.log", max_header_bytes="65536").start()
    try:
        assert server.process is not None
        started = time.monotonic()
        sock = send_head(server.port, 1_000_000, finish=True)
        reply = answer(sock)
        sock.close()
        assert time.monotonic() - started < 5
        assert reply == b"" or reply.startswith(b"HTTP/1.1 431 ")
        # An ordinary request with headers under the limit is answered.
        assert httpx.get(server.url + "/healthz", headers={"X-Ok": "a" * 30_000}).status_code == 200
        before = rss_kb(server.process.pid)
        unfinished = [send_head(server.port, 1_000_000, finish=False) for _ in range(20)]
        time.sleep(0.5)
        grown = rss_kb(server.process.pid) - before
        for sock in unfinished:
            sock.close()
        assert grown < 20_000, f"20 unfinished 1 MB headers grew the server by {grown} KB"
        assert httpx.get(server.url + "/healthz").status_code == 200
    finally:
        server.stop()


# -- what a client costs ------------------------------------------------------------------------


def busy_app(seconds: float):  # type: ignore[no-untyped-def]
    """A route that awaits once (as FastAPI does before a route runs), then holds the event loop
    as a costly search does."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await asyncio.sleep(0)
        time.sleep(seconds)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": scope["client"][0].encode()})

    return app


def client_at(app, address: str) -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(address, 1234)), base_url="http://t")


def test_a_flood_waits_behind_its_own_requests() -> None:
    budget = WorkBudget(busy_app(0.03), seconds_per_minute=60.0)
    finished: list[str] = []

    async def one(client: httpx.AsyncClient) -> None:
        response = await client.get("/api/v1/search")
        finished.append(response.text)

    async def scenario() -> None:
        flood, reader = client_at(budget, "10.0.0.1"), client_at(budget, "10.0.0.2")
        tasks = [asyncio.create_task(one(flood)) for _ in range(12)]
        await asyncio.sleep(0.01)  # the flood is in: one request runs, eleven wait
        tasks.append(asyncio.create_task(one(reader)))
        await asyncio.gather(*tasks)

    asyncio.run(scenario())
    # Behind the flood request that was running when it came (and the one just given the turn), not
    # behind the ten still waiting: first come, first served would make it 13th.
    assert finished.index("10.0.0.2") <= 3, finished


def test_a_client_over_its_work_budget_waits_and_others_do_not() -> None:
    budget = WorkBudget(busy_app(0.0), seconds_per_minute=1.0, max_wait=0.3)
    budget.charge("10.0.0.1", 5.0)  # five seconds of work in the last minute: far over one

    async def scenario() -> tuple[httpx.Response, httpx.Response, float]:
        over, other = client_at(budget, "10.0.0.1"), client_at(budget, "10.0.0.2")
        started = time.monotonic()
        refused = await over.get("/api/v1/search")
        waited = time.monotonic() - started
        return refused, await other.get("/api/v1/search"), waited

    refused, served, waited = asyncio.run(scenario())
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "too_busy"
    assert int(refused.headers["Retry-After"]) >= 1 and waited >= 0.3
    assert served.status_code == 200


def test_exempt_paths_take_no_turn() -> None:
    budget = WorkBudget(busy_app(0.0), seconds_per_minute=1.0, max_wait=0.1)
    budget.charge("10.0.0.1", 5.0)

    async def scenario() -> int:
        return (await client_at(budget, "10.0.0.1").get("/healthz")).status_code

    assert asyncio.run(scenario()) == 200


# -- author sessions ---------------------------------------------------------------------------


def test_forged_cookies_do_not_read_the_sessions_file_each_time(tmp_path: Path, monkeypatch) -> None:
    store = SessionStore(tmp_path, "token-a", 3600, fingerprint="a")
    real = store.create()
    reads: list[Path] = []
    original = Path.read_text

    def counted(self: Path, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
        reads.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counted)
    assert not any(store.is_valid("F" * 43) for _ in range(200))
    assert store.is_valid(real)
    assert len(reads) <= 1  # one read after the change, then answered from it while the file is unchanged
    store.revoke(real)  # a change (a rename): the next check reads the new file
    assert not store.is_valid(real)


def test_switching_the_token_back_does_not_revive_old_sessions(tmp_path: Path) -> None:
    first = SessionStore(tmp_path, "token-a", 3600, fingerprint="fingerprint-a")
    session = first.create()
    assert first.is_valid(session)
    SessionStore(tmp_path, "token-b", 3600, fingerprint="fingerprint-b")  # a server started with token B
    back = SessionStore(tmp_path, "token-a", 3600, fingerprint="fingerprint-a")  # and with A again
    assert not back.is_valid(session) and back.count() == 0


# -- smaller leaks ---------------------------------------------------------------------------


def test_the_trailing_slash_redirect_never_names_the_host_header(make_client) -> None:
    response = make_client().get("/api/v1/search/?q=knee", headers={"Host": "evil.example"}, follow_redirects=False)
    assert response.status_code in (307, 308)
    assert response.headers["location"] == "/api/v1/search?q=knee"
    public = make_client(public_url="https://search.example.com")
    response = public.get("/api/v1/search/?q=knee", headers={"Host": "evil.example"}, follow_redirects=False)
    assert response.headers["location"] == "https://search.example.com/api/v1/search?q=knee"


@pytest.mark.parametrize("path", ["/api/v1/gaps", "/author/gaps"])
def test_the_gap_report_is_never_stored(client, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/html"} if path.startswith("/author") else {})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"


def test_a_bad_cors_setting_is_one_line_and_exit_2(demo_index: Path) -> None:
    result = subprocess.run([*runphys(), "stats", "--index", str(demo_index)], capture_output=True, text=True,
                            env=clean_env(cors_origins="notjson"), timeout=120)
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "RUNPHYS_CORS_ORIGINS" in lines[0] and "JSON list" in lines[0]
    assert "Traceback" not in result.stderr

"""What each middleware and a worker-thread hop cost per request, so each keeps its place on merit.

Not a test (these machines are shared and noisy): medians of one interleaved run. Usage:

    python benchmarks/middleware.py                 # 873 exercises, 2,000 rounds (~2 min)
    python benchmarks/middleware.py --rounds 500 --out middleware.md

The real app (`create_app`) is called directly over ASGI — no sockets, so the figures are the
server's own work — once whole and once without each of its middleware in turn, all over the
same bundle, request by request in rotation so that machine noise falls on every variant alike.
A middleware's cost is the median of the whole app minus the median without it, on `/healthz`,
the related list the widget fetches and a popular search (answered from memory: the rest of the
request is what is measured). The last row is one `run_in_threadpool` hop, what a plain `def`
dependency or route costs on top.

A second table compares the HTTP parsers `runphys serve` may use, over real loopback sockets
(keep-alive, one request at a time): httptools with no header limit (uvicorn's default),
httptools with our header limit (`api.header_limit`, what `runphys serve` runs) and h11 with its
`h11_max_incomplete_event_size`. The client is the same for all three, so the differences are the
parsers'.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import EXERCISES_MAP, READER_QUERIES, SHARED, clean_env, runphys

from runphys.api.app import create_app
from runphys.service.settings import Settings

# Why each one is there: the benchmark prints it beside the cost.
EARNS = {
    "SecurityHeaders": "CSP, nosniff, frame and referrer policy on every answer (XSS defence in depth)",
    "CORSMiddleware": "lets the configured sites call the API from their pages (the widget)",
    "ErrorBoundary": "any unexpected error becomes the JSON error shape, never a bare 500 page",
    "IndexVersionHeader": "X-Index-Version and the lease that lets an old bundle close when unused",
    "HeadAsGet": "HEAD on every GET route (link checkers, caches)",
    "RateLimit": "600 requests a minute per client: one client cannot take a worker",
    "BodyLimit": "refuses bodies over RUNPHYS_MAX_BODY_BYTES before they are read",
    "GZipMiddleware": "a 5.7 KB search answer travels as 1.5 KB; under 1,400 bytes (a related list) as it is",
    "SlugPaths": "a post key with '/' or '%' reaches its route still encoded (slug safety)",
    "WorkBudget": "fair turns by work time per client: a flood from one address waits behind its own requests",
    "RelativeRedirects": "a redirect's Location never names the Host header a client sent",
}
PARSERS = ("httptools, no header limit", "httptools + header limit (runphys serve)", "h11 + its header limit")
ROUTES = ("healthz", "related", "search")
Call = Callable[[str, bytes], Awaitable[tuple[int, bytes]]]


def asgi_caller(app: Any) -> Call:
    """GET `path?query` on `app` as uvicorn would call it; returns status and body."""

    async def call(path: str, query: bytes = b"") -> tuple[int, bytes]:
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query, "root_path": "",
                 "headers": [(b"host", b"127.0.0.1:8000"), (b"accept", b"*/*"), (b"accept-encoding", b"gzip")],
                 "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000), "state": {}}
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await app(scope, receive, send)
        return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])

    return call


def variants(settings: Settings) -> dict[str, Any]:
    """The whole app, and the app without each of its middleware."""
    names = [m.cls.__name__ for m in create_app(settings).user_middleware]  # type: ignore[attr-defined]
    out = {"whole app": create_app(settings)}
    for name in names:
        app = create_app(settings)
        app.user_middleware = [m for m in app.user_middleware if m.cls.__name__ != name]  # type: ignore[attr-defined]
        out[f"without {name}"] = app
    return out


async def measure(index: Path, rounds: int) -> tuple[dict[str, dict[str, float]], float]:
    # Both limits on (their cost is measured) but never reached by this one busy client.
    settings = Settings(index=index, rate_limit_per_minute=600_000, work_seconds_per_minute=600_000)
    apps = variants(settings)
    async with AsyncExitStack() as stack:
        for app in apps.values():
            await stack.enter_async_context(app.router.lifespan_context(app))
        callers = {name: asgi_caller(app) for name, app in apps.items()}
        status, body = await callers["whole app"]("/api/v1/posts", b"per_page=50")
        ids = [p["id"] for p in json.loads(gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body)["posts"]]
        requests: dict[str, Callable[[int], tuple[str, bytes]]] = {
            "healthz": lambda i: ("/healthz", b""),
            "related": lambda i: (f"/api/v1/posts/{ids[i % len(ids)]}/related", b"limit=5"),
            "search": lambda i: ("/api/v1/search", b"q=" + READER_QUERIES[i % 8].replace(" ", "+").encode()),
        }
        times: dict[str, dict[str, list[float]]] = {name: {r: [] for r in ROUTES} for name in callers}
        hops: list[float] = []
        order = list(callers.items())
        rng = random.Random(5)
        for i in range(rounds + 50):
            rng.shuffle(order)  # whichever runs first after another route pays for cold caches
            for route, request in requests.items():
                path, query = request(i)
                for name, call in order:
                    started = time.perf_counter()
                    status, _ = await call(path, query)
                    elapsed = time.perf_counter() - started
                    if status != 200:
                        raise SystemExit(f"{name} {path}: HTTP {status}")
                    if i >= 50:  # warm-up: first imports, the remembered searches
                        times[name][route].append(elapsed)
            started = time.perf_counter()
            await run_in_threadpool(lambda: None)
            if i >= 50:
                hops.append(time.perf_counter() - started)
    medians = {name: {r: statistics.median(v) * 1e6 for r, v in per.items()} for name, per in times.items()}
    return medians, statistics.median(hops) * 1e6


def report(medians: dict[str, dict[str, float]], hop_us: float) -> str:
    whole = medians["whole app"]
    lines = ["| | /healthz µs | related µs | search µs | what it earns |", "|---|---|---|---|---|",
             "| whole app (median) | " + " | ".join(f"{whole[r]:.0f}" for r in ROUTES) + " | |"]
    for name, per in medians.items():
        if name == "whole app":
            continue
        middleware = name.removeprefix("without ")
        costs = " | ".join(f"{whole[r] - per[r]:+.0f}" for r in ROUTES)
        lines.append(f"| {middleware} | {costs} | {EARNS.get(middleware, '')} |")
    lines.append(f"| one worker-thread hop (`run_in_threadpool`) | {hop_us:+.0f} | {hop_us:+.0f} | {hop_us:+.0f} "
                 "| nothing on a read: routes and dependencies that only read memory are `async def` |")
    return "\n".join(lines)


def parser_servers(index: Path) -> dict[str, Any]:
    """One uvicorn per parser, each in a thread of this process, serving the same app."""
    import threading

    import uvicorn

    from runphys.api.header_limit import HeaderLimitedHttpTools
    from runphys.api.server import protocol_options

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.live_server import free_port

    # Both limits on (their cost is measured) but never reached by this one busy client.
    settings = Settings(index=index, rate_limit_per_minute=600_000, work_seconds_per_minute=600_000)
    limit = protocol_options(settings)["h11_max_incomplete_event_size"]
    options: dict[str, dict[str, Any]] = {
        PARSERS[0]: {"http": "httptools"},
        PARSERS[1]: {"http": HeaderLimitedHttpTools, "h11_max_incomplete_event_size": limit},
        PARSERS[2]: {"http": "h11", "h11_max_incomplete_event_size": limit},
    }
    servers = {}
    for name, extra in options.items():
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                                               ws="none", lifespan="on", **extra))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        servers[name] = (server, port)
    return servers


def measure_parsers(index: Path, rounds: int) -> dict[str, dict[str, float]]:
    """Median µs per keep-alive request through each parser, on /healthz and a remembered search."""
    import http.client

    servers = parser_servers(index)
    paths = {"healthz": "/healthz", "search": "/api/v1/search?q=knee+pain"}
    connections = {name: http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                   for name, (_, port) in servers.items()}
    times: dict[str, dict[str, list[float]]] = {name: {r: [] for r in paths} for name in servers}
    order = list(connections.items())
    rng = random.Random(7)
    try:
        for i in range(rounds + 50):
            rng.shuffle(order)
            for route, path in paths.items():
                for name, connection in order:
                    started = time.perf_counter()
                    connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                    response = connection.getresponse()
                    response.read()
                    if response.status != 200:
                        raise SystemExit(f"{name} {path}: HTTP {response.status}")
                    if i >= 50:
                        times[name][route].append(time.perf_counter() - started)
    finally:
        for connection in connections.values():
            connection.close()
        for server, _ in servers.values():
            server.should_exit = True
    return {name: {r: statistics.median(v) * 1e6 for r, v in per.items()} for name, per in times.items()}


def parser_report(medians: dict[str, dict[str, float]]) -> str:
    base = medians[PARSERS[0]]
    lines = ["| HTTP parser | /healthz µs | vs httptools | search µs | vs httptools | refuses a 1 MB header |",
             "|---|---|---|---|---|---|"]
    for name, per in medians.items():
        refuses = "no (a 128 MB header got a 200)" if name == PARSERS[0] else "yes (431, or closed)"
        lines.append(f"| {name} | {per['healthz']:.0f} | {per['healthz'] - base['healthz']:+.0f} | "
                     f"{per['search']:.0f} | {per['search'] - base['search']:+.0f} | {refuses} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000, help="requests per route and variant")
    parser.add_argument("--out", type=Path, help="also write the table here")
    args = parser.parse_args(argv)
    if not (SHARED / "exercises" / "exercises.json").exists():
        raise SystemExit(f"needs the shared data sets: {SHARED} is missing")
    with tempfile.TemporaryDirectory(prefix="runphys-middleware-") as tmp:
        index = Path(tmp) / "exercises"
        subprocess.run([*runphys(), "build", str(SHARED / "exercises" / "exercises.json"), "--index", str(index),
                        "--map", EXERCISES_MAP, "--json"], env=clean_env(), check=True, capture_output=True)
        medians, hop_us = asyncio.run(measure(index, args.rounds))
        parsers = measure_parsers(index, args.rounds)
    table = report(medians, hop_us) + "\n\n" + parser_report(parsers)
    print(table)
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

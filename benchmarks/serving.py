"""Serving speed, as a reader and the site feel it: one run, one table, every target beside it.

Not a test (these machines are shared and noisy): it prints medians and ratios against baselines
measured in the same run. Usage:

    python benchmarks/serving.py                          # 1k, 10k, 100k posts (~15 min on 2 cores)
    python benchmarks/serving.py --sizes 1000,10000 --out serving.md

What it measures:

* in-process `SearchIndex.search()` p50 / p99 (hits, facets, excerpts: what the API serves) at each
  size, next to SQLite FTS5 and tantivy on the same recombined documents and queries (the
  latency runner of `search_quality.py`);
* in-process `RelatedIndex.related()` p50 and the related precompute (time, peak RSS, in a process
  of its own per size: the cost runner of `related_quality.py`);
* over HTTP, against a real `runphys serve` on the 873 exercises (`../shared/data/exercises`, the
  `--map` of docs/cli.md): `/healthz`, `/api/v1/posts/{id}/related?limit=5` and `/api/v1/search` with
  eight popular reader queries repeated (answered from the service's memory after their first
  time) and with 512 queries each asked once (worked out every time), interleaved request by
  request so that machine noise falls on all alike; related and search are reported as ratios to
  `/healthz`;
* the CLI's wall time: `runphys search QUERY` on the demo blog against `runphys --help`, each a
  fresh process (imports included), interleaved, median of the runs.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
SHARED = ROOT.parent / "shared" / "data"
EXERCISES_MAP = "id=id,title=name,body=instructions,categories=category,tags=primaryMuscles+secondaryMuscles+equipment"
READER_QUERIES = ["calf strengthening", "tight calves", "hamstring flexibility", "rotator cuff",
                  "hip adductor stretch", "quad strengthening", "low back strengthening", "foam roll it band"]
CLI_QUERY = "knee pain running downhill"
# Searches nobody has made before in the run (the service remembers repeated ones): 512 of them.
FIRST_TIME_QUERIES = [
    f"{part} {action} {extra}".strip()
    for part in ("calf", "hamstring", "quad", "glute", "hip", "shoulder", "lower back", "chest", "tricep", "bicep",
                 "abs", "neck", "ankle", "knee", "forearm", "lats")
    for action in ("stretch", "strengthening", "exercise", "mobility", "pain", "tight", "raise", "warm up")
    for extra in ("", "at home", "with a band", "for beginners")
]
random.Random(7).shuffle(FIRST_TIME_QUERIES)


def runphys() -> list[str]:
    script = Path(sys.executable).with_name("runphys")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from runphys.cli.main import run; run()"]


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("RUNPHYS_")}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p99_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000


# -- in-process search and related ----------------------------------------------------------


def search_rows(sizes: list[int]) -> list[tuple[int, str, float, float]]:
    """(posts, engine, p50 ms, p99 ms) from the search benchmark's latency runner."""
    sys.path.insert(0, str(HERE))
    search_quality = importlib.import_module("search_quality")
    from runphys.text.vocabulary_file import package_vocabulary

    rows = search_quality.latency(sizes, package_vocabulary())
    return [(n, engine, p50, p99) for n, engine, p50, p99, _build in rows]


def related_rows(sizes: list[int]) -> list[dict[str, float]]:
    """The related benchmark's cost runner: one process per size, so each peak RSS is its own."""
    rows = []
    for n in sizes:
        done = subprocess.run([sys.executable, str(HERE / "related_quality.py"), "--scale-child", str(n)],
                              capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(f"related precompute at {n} failed:\n{done.stderr[-2000:]}")
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return rows


# -- HTTP ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http_medians(workdir: Path, rounds: int) -> dict[str, float]:
    """Median ms of healthz, related and search against one `runphys serve`, interleaved."""
    import httpx

    index = workdir / "exercises"
    build = [*runphys(), "build", str(SHARED / "exercises" / "exercises.json"), "--index", str(index),
             "--map", EXERCISES_MAP, "--json"]
    subprocess.run(build, env=clean_env(), check=True, capture_output=True)
    port = free_port()
    # One client sends thousands of requests a minute: the per-client limits are off here.
    server = subprocess.Popen([*runphys(), "serve", "--index", str(index), "--port", str(port)],
                              env={**clean_env(), "RUNPHYS_RATE_LIMIT_PER_MINUTE": "0",
                                   "RUNPHYS_WORK_SECONDS_PER_MINUTE": "0"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if client.get("/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("runphys serve did not become ready")
                time.sleep(0.1)
            ids = [p["id"] for p in client.get("/api/v1/posts", params={"per_page": 50}).json()["posts"]]
            calls: dict[str, Callable[[int], object]] = {
                "healthz": lambda i: client.get("/healthz"),
                "related": lambda i: client.get(f"/api/v1/posts/{ids[i % len(ids)]}/related", params={"limit": 5}),
                "search": lambda i: client.get("/api/v1/search", params={"q": READER_QUERIES[i % 8]}),
                "search_first": lambda i: client.get(
                    "/api/v1/search", params={"q": FIRST_TIME_QUERIES[i % len(FIRST_TIME_QUERIES)]}),
            }
            times: dict[str, list[float]] = {name: [] for name in calls}
            for i in range(rounds + 30):
                for name, call in calls.items():
                    started = time.perf_counter()
                    response = call(i)
                    elapsed = time.perf_counter() - started
                    assert response.status_code == 200, (name, response.status_code)  # type: ignore[attr-defined]
                    if i >= 30:  # warm-up: connections, caches, first imports
                        times[name].append(elapsed)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {name: median_ms(samples) for name, samples in times.items()}


# -- CLI -------------------------------------------------------------------------------------


def cli_medians(workdir: Path, runs: int) -> dict[str, float]:
    """Median wall ms of `runphys --help` and `runphys search` on the demo blog, fresh processes."""
    index = workdir / "demo"
    subprocess.run([*runphys(), "stats", "--index", str(index)], env=clean_env(), check=True, capture_output=True)
    commands = {
        "runphys --help": [*runphys(), "--help"],
        f"runphys search {CLI_QUERY!r}": [*runphys(), "search", CLI_QUERY, "--index", str(index)],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(runs + 2):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, env=clean_env(), check=True, capture_output=True)
            if i >= 2:
                times[name].append(time.perf_counter() - started)
    return {name: median_ms(samples) for name, samples in times.items()}


# -- the table -------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(sizes: list[int], search: list[tuple[int, str, float, float]], related: list[dict[str, float]],
           http: dict[str, float], cli: dict[str, float]) -> str:
    rows: list[tuple[str, str, str, str]] = []
    for n in sizes if search else ():
        at = {engine: (p50, p99) for size, engine, p50, p99 in search if size == n}
        ours, fts5, tantivy = at["runphys search()"], at["SQLite FTS5"], at["tantivy"]
        target = "p99 ≤ 20 ms" if n >= 100_000 else "p50 ≤ FTS5"
        ok = ours[1] <= 20 if n >= 100_000 else ours[0] <= fts5[0]
        rows.append((f"search() at {n:,} posts, p50 / p99 ms",
                     f"{ours[0]:.2f} / {ours[1]:.2f}",
                     f"FTS5 {fts5[0]:.2f} / {fts5[1]:.2f} · tantivy {tantivy[0]:.2f} / {tantivy[1]:.2f}",
                     f"{target}: {verdict(ok)} ({ours[0] / fts5[0]:.2f}× FTS5 p50)"))
    for r in related:
        n = int(r["n"])
        rows.append((f"related() at {n:,} posts, p50 ms", f"{r['p50_ms']:.3f}", "—",
                     f"≤ 0.1 ms: {verdict(r['p50_ms'] <= 0.1)}"))
    for r in related:
        n = int(r["n"])
        big = n >= 100_000
        ok = r["build_s"] <= 120 and r["peak_mb"] <= 1024 if big else True
        rows.append((f"related precompute at {n:,} posts", f"{r['build_s']:.1f} s, {r['peak_mb']:.0f} MB peak",
                     f"of it analysis {r['analysis_s']:.1f} s", f"≤ 120 s, ≤ 1 GB: {verdict(ok)}" if big else "—"))
    if http:
        rows.append(("HTTP /healthz p50 ms (873 exercises)", f"{http['healthz']:.2f}", "baseline", "—"))
    for name, label, limit in (("related", "related", 1.3), ("search", "search (8 popular queries, repeated)", 2.0),
                               ("search_first", "search (512 first-time queries)", 2.0)) if http else ():
        ratio = http[name] / http["healthz"]
        rows.append((f"HTTP {label} p50 ms", f"{http[name]:.2f}", f"{ratio:.2f}× healthz",
                     f"≤ {limit}× healthz: {verdict(ratio <= limit)}"))
    if cli:
        help_ms, search_ms = cli.values()
        rows.append(("CLI `runphys --help` wall ms (demo blog)", f"{help_ms:.0f}", "baseline", "—"))
        rows.append(
            (
                f"CLI `runphys search {CLI_QUERY!r}` wall ms",
                f"{search_ms:.0f}",
                f"{search_ms / help_ms:.2f}× --help",
                f"≤ 2× --help: {verdict(search_ms / help_ms <= 2)}",
            )
        )
    lines = ["| what | ours | baseline in the same run | target |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="post counts for the in-process rows")
    parser.add_argument("--http-rounds", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--cli-runs", type=int, default=9, help="runs per CLI command")
    parser.add_argument("--out", type=Path, help="also write the table here")
    parser.add_argument("--skip", default="", help="comma-separated sections to leave out: http,cli,search,related")
    args = parser.parse_args(argv)
    if not (SHARED / "exercises" / "exercises.json").exists():
        raise SystemExit(f"needs the shared data sets: {SHARED} is missing")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    skip = set(filter(None, args.skip.split(",")))
    workdir = Path(tempfile.mkdtemp(prefix="runphys-serving-"))
    http: dict[str, float] = {}
    cli: dict[str, float] = {}
    search: list[tuple[int, str, float, float]] = []
    related: list[dict[str, float]] = []
    try:
        if "http" not in skip:
            print("HTTP …", file=sys.stderr, flush=True)
            http = http_medians(workdir, args.http_rounds)
        if "cli" not in skip:
            print("CLI …", file=sys.stderr, flush=True)
            cli = cli_medians(workdir, args.cli_runs)
        if "related" not in skip:
            print("related precompute …", file=sys.stderr, flush=True)
            related = related_rows(sizes)
        if "search" not in skip:
            print("search latency …", file=sys.stderr, flush=True)
            search = search_rows(sizes)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    table = report(sizes, search, related, http, cli)
    print(table)
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Bounded load test: `runphys serve --workers 2` on 127.0.0.1 over a 1k-post bundle, one rebuild midway.

    .venv/bin/python benchmarks/load.py [--seconds 60] [--clients 32] [--out FILE]

Builds the bundle (873 exercises + medquad topics, recombined to 1,000 posts) in a temporary
folder, starts the server on a free loopback port, measures a short `/healthz` phase (the floor),
then the realistic mix (70% related, 25% search, 5% suggest) while `runphys build` rebuilds the
same index in the middle. Prints a markdown table; exits 1 if any request failed. Loopback only,
stops by itself. The client is one asyncio + httpx process, which tops out near 1.5k req/s here.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
MAP = "id=id,title=title,body=body,categories=categories,tags=tags"
TOKEN = "load-test-token"
NATURAL = [
    "my knee hurts running downhill", "IT band", "hamstirng stretch", "plantar fasciitis stretches",
    "shin splints", "hip flexor stretch", "lower back pain after running", "calf strain", "achilles",
    "glute activation", "foam roller", "runners knee", "ankle sprain rehab", "stretches for tight hips",
]


def corpus(target: int, out: Path) -> Path:
    """Exercises plus health topics, as uniform JSON lines, `target` posts in all."""
    exercises = json.loads((SHARED / "exercises" / "exercises.json").read_text())
    records = [
        {"id": e["id"], "title": e["name"], "body": "\n\n".join(e.get("instructions") or []),
         "categories": [e.get("category") or "exercise"],
         "tags": (e.get("primaryMuscles") or []) + (e.get("secondaryMuscles") or []) + [e.get("equipment") or ""]}
        for e in exercises
    ]
    with (SHARED / "medquad_topics" / "docs.jsonl").open() as lines:
        for line in lines:
            if len(records) >= target:
                break
            topic = json.loads(line)
            records.append({"id": topic["id"], "title": topic["title"], "body": topic["text"],
                            "categories": ["health topics"], "tags": []})
    path = out / "posts.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records[:target]))
    return path


def runphys() -> list[str]:
    script = Path(sys.executable).with_name("runphys")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from cli.main import run; run()"]


def build(source: Path, index: Path) -> subprocess.Popen:
    return subprocess.Popen([*runphys(), "build", str(source), "--map", MAP, "--index", str(index), "--json"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def queries(index: Path, seed: int) -> tuple[list[str], list[str], list[str]]:
    """Post ids, search queries (vocabulary terms, title words, readers' phrasings), suggest prefixes."""
    live = (index / "current").resolve()
    posts = [json.loads(line) for line in (live / "posts.jsonl").read_text().splitlines()]
    vocab = yaml.safe_load((ROOT / "search" / "vocabulary.yaml").read_text())
    terms = [t for group in ("body_parts", "injuries") for item in vocab.get(group, []) for t in item.get("terms", [])]
    rng = random.Random(seed)
    titles = [p["title"] for p in posts if p.get("title")]
    searches = NATURAL + terms + [" ".join(rng.sample(t.split(), min(2, len(t.split())))) for t in titles[:400]]
    prefixes = [w[: rng.randint(2, 5)] for t in titles for w in t.split() if len(w) > 3]
    return [p["id"] for p in posts], searches, prefixes


class Recorder:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()
        self.versions: Counter[str] = Counter()
        self.window: list[float] = []  # latencies while the rebuild ran

    def add(self, kind: str, seconds: float, ok: bool, version: str | None, rebuilding: bool) -> None:
        self.latency[kind].append(seconds)
        if not ok:
            self.errors[kind] += 1
        if version:
            self.versions[version] += 1
        if rebuilding:
            self.window.append(seconds)


async def client_loop(http: httpx.AsyncClient, deadline: float | dict, pick, rec: Recorder, state: dict) -> None:
    while time.monotonic() < (deadline["at"] if isinstance(deadline, dict) else deadline):
        kind, url, params = pick()
        started = time.perf_counter()
        try:
            response = await http.get(url, params=params)
            ok, version = response.status_code == 200, response.headers.get("x-index-version")
        except httpx.HTTPError:
            ok, version = False, None
        rec.add(kind, time.perf_counter() - started, ok, version, state["rebuilding"])


def row(name: str, samples: list[float], errors: int, seconds: float) -> str:
    if not samples:
        return f"| {name} | 0 | 0 | – | – | – | {errors} |"
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return (f"| {name} | {len(samples)} | {len(samples) / seconds:,.0f} | {cuts[49] * 1000:.1f} | "
            f"{cuts[94] * 1000:.1f} | {cuts[98] * 1000:.1f} | {errors} |")


async def run(args: argparse.Namespace, base: str, index: Path, source: Path) -> tuple[list[str], bool]:
    ids, searches, prefixes = queries(index, args.seed)
    rng = random.Random(args.seed)

    def mix():
        roll = rng.random()
        if roll < 0.70:
            return "related", f"/api/v1/posts/{rng.choice(ids)}/related", None
        if roll < 0.95:
            return "search", "/api/v1/search", {"q": rng.choice(searches)}
        return "suggest", "/api/v1/suggest", {"q": rng.choice(prefixes)}

    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        floor, state = Recorder(), {"rebuilding": False}
        deadline = time.monotonic() + args.health_seconds
        await asyncio.gather(*(client_loop(http, deadline, lambda: ("healthz", "/healthz", None), floor, state)
                               for _ in range(args.clients)))
        rec = Recorder()
        started = time.monotonic()
        # Clients stop at the planned end, or 5 s after the rebuild if it runs late (capped at 3x).
        deadline = {"at": started + args.seconds}

        async def rebuild() -> dict:
            await asyncio.sleep(args.seconds / 3)
            state["rebuilding"], began = True, time.monotonic()
            deadline["at"] = started + 3 * args.seconds
            process = build(source, index)
            out, _ = await asyncio.to_thread(process.communicate)
            state["rebuilding"] = False
            deadline["at"] = max(started + args.seconds, time.monotonic() + 5)
            return {"code": process.returncode, "took": time.monotonic() - began,
                    "build": json.loads(out).get("build_id") if process.returncode == 0 else None}

        rebuilt, *_ = await asyncio.gather(rebuild(), *(client_loop(http, deadline, mix, rec, state)
                                                        for _ in range(args.clients)))
        elapsed = time.monotonic() - started
    lines = [
        f"Load: {args.clients} clients, {args.seconds:g} s mix + {args.health_seconds:g} s /healthz floor, "
        f"`runphys serve --workers {args.workers}` on 127.0.0.1, {len(ids)} posts; "
        f"full rebuild from a third of the way in (`runphys build`, exit {rebuilt['code']}, {rebuilt['took']:.1f} s). "
        "Client: one asyncio+httpx process (tops out near 1.5k req/s on this machine).",
        "",
        "| phase | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
        row("/healthz (floor)", floor.latency["healthz"], sum(floor.errors.values()), args.health_seconds),
        row("mix (all)", [s for v in rec.latency.values() for s in v], sum(rec.errors.values()), elapsed),
    ]
    for kind in ("related", "search", "suggest"):
        lines.append(row(f"  {kind}", rec.latency[kind], rec.errors[kind], elapsed))
    lines.append(row("mix while rebuilding", rec.window, 0, max(rebuilt["took"], 1e-9)))
    lines += ["", "Responses per index version (X-Index-Version): "
              + ", ".join(f"`{v}` {n}" for v, n in sorted(rec.versions.items()))]
    new_seen = rebuilt["build"] in rec.versions
    lines.append(f"New build `{rebuilt['build']}` served after the rebuild: {'yes' if new_seen else 'NO'}")
    clean = not rec.errors and not floor.errors and rebuilt["code"] == 0 and new_seen
    return lines, clean


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="Length of the mixed phase (default 60).")
    parser.add_argument("--clients", type=int, default=32, help="Concurrent clients (default 32).")
    parser.add_argument("--health-seconds", type=float, default=10.0, help="Length of the /healthz phase.")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (default 2).")
    parser.add_argument("--posts", type=int, default=1000, help="Posts in the bundle (default 1000).")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="Also write the markdown table to FILE.")
    args = parser.parse_args()
    if args.seconds < 12:
        parser.error("--seconds must be at least 12 (the rebuild starts midway)")

    with tempfile.TemporaryDirectory(prefix="runphys-load-") as tmp:
        work = Path(tmp)
        source, index = corpus(args.posts, work), work / "index"
        print(f"building {args.posts} posts…", file=sys.stderr)
        first = build(source, index)
        first.communicate(timeout=600)
        if first.returncode != 0:
            print("initial build failed", file=sys.stderr)
            return 1
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("RUNPHYS_")}
        env.update(RUNPHYS_RATE_LIMIT_PER_MINUTE="0", RUNPHYS_WORK_SECONDS_PER_MINUTE="0", RUNPHYS_ADMIN_TOKEN=TOKEN,
                   RUNPHYS_RELOAD_CHECK_SECONDS="1")
        log = (work / "server.log").open("wb")
        server = subprocess.Popen(
            [
                *runphys(),
                "serve",
                "--index",
                str(index),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    print("server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
            print(f"load: {args.health_seconds:g} s /healthz, then {args.seconds:g} s mix…", file=sys.stderr)
            lines, clean = asyncio.run(run(args, base, index, source))
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)  # our own session: the server and its workers
                server.wait(timeout=10)
            log.close()
    table = "\n".join(lines)
    print(table)
    if args.out:
        args.out.write_text(table + "\n")
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())

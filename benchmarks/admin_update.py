"""What one admin single-post update costs at blog scale, and what readers see meanwhile.

Not a test; prints one markdown table. Usage:

    python benchmarks/admin_update.py --bundles DIR1,DIR2,DIR3     # index folders built before
    python benchmarks/admin_update.py --posts 1000,10000,24000     # builds them first (minutes)

For each bundle (copied first: an update writes a new version) a real `runphys serve` runs with
an admin token and nothing remembered; a reader searches ordinary queries from 127.0.0.2 every
20 ms, before and while `PUT /api/v1/admin/posts/{id}` replaces one post (built in a niced child
process, `api/build_process.py`). The table gives the PUT's time, the reader's median and worst
before and during it, and the server's memory (RSS) before and after.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from query_cost import ORDINARY
from search_quality import scaled_docs, to_posts

from tests.live_server import clean_env, free_port, runphys, wait_until_ready

TOKEN = "admin-update-benchmark"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reader(port: int, stop: threading.Event, samples: list[tuple[float, float]]) -> None:
    """(when, seconds) of each ordinary search until `stop`."""
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120,
                      transport=httpx.HTTPTransport(local_address="127.0.0.2")) as client:
        i = 0
        while not stop.is_set():
            started = time.monotonic()
            client.get("/api/v1/search", params={"q": ORDINARY[i % len(ORDINARY)], "page": 1 + i % 3})
            samples.append((started, time.monotonic() - started))
            i += 1
            time.sleep(0.02)


def measure(bundle: Path) -> dict[str, float]:
    from runphys.index.bundle import open_bundle

    with tempfile.TemporaryDirectory(prefix="runphys-admin-") as tmp:
        index = Path(tmp) / "index"
        shutil.copytree(bundle, index, symlinks=True)
        live = open_bundle(index)
        posts, post = live.manifest.posts, next(iter(live.posts.values()))
        port = free_port()
        env = clean_env(admin_token=TOKEN, remembered_searches="0", rate_limit_per_minute="0")
        server = subprocess.Popen([*runphys(), "serve", "--index", str(index), "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if not wait_until_ready(f"http://127.0.0.1:{port}", server, 180):
                raise SystemExit("server did not start")
            stop, samples = threading.Event(), []
            thread = threading.Thread(target=reader, args=(port, stop, samples), daemon=True)
            thread.start()
            time.sleep(3)
            rss_before = rss_mb(server.pid)
            started = time.monotonic()
            body = {"title": post.title + " (updated)", "body": post.body, "slug": post.slug}
            response = httpx.put(f"http://127.0.0.1:{port}/api/v1/admin/posts/{post.id}", json=body,
                                 headers={"Authorization": f"Bearer {TOKEN}"}, timeout=600)
            ended = time.monotonic()
            if response.status_code != 200:
                raise SystemExit(f"PUT answered {response.status_code}: {response.text[:300]}")
            time.sleep(1)
            stop.set()
            thread.join(60)
            rss_after = rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(30)
    before = [s for t, s in samples if t < started]
    during = [s for t, s in samples if started <= t <= ended]
    return {"posts": posts, "put": ended - started, "before_p50": statistics.median(before),
            "during_p50": statistics.median(during) if during else float("nan"),
            "during_worst": max(during) if during else float("nan"), "rss_before": rss_before, "rss_after": rss_after}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", help="comma-separated index folders built before")
    parser.add_argument("--posts", default="1000,10000,24000", help="sizes to build when no --bundles")
    args = parser.parse_args(argv)
    print("| posts | PUT one post s | reader p50 before ms | reader p50 during ms | reader worst during ms "
          "| during / before p50 | server RSS before → after MB |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="runphys-admin-build-") as tmp:
        if args.bundles:
            bundles = [Path(b) for b in args.bundles.split(",")]
        else:
            from runphys.service.pipeline import build_posts

            bundles = []
            for n in (int(s) for s in args.posts.split(",")):
                build_posts(to_posts(scaled_docs(n)), Path(tmp) / f"b{n}")
                bundles.append(Path(tmp) / f"b{n}")
        for bundle in bundles:
            r = measure(bundle)
            print(f"| {int(r['posts']):,} | {r['put']:.1f} | {r['before_p50'] * 1000:.1f} "
                  f"| {r['during_p50'] * 1000:.1f} "
                  f"| {r['during_worst'] * 1000:.0f} | {r['during_p50'] / r['before_p50']:.1f}× "
                  f"| {r['rss_before']:.0f} → {r['rss_after']:.0f} |", flush=True)


if __name__ == "__main__":
    main()

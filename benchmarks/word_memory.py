"""A worker's memory under many unique huge words sent to POST /api/v1/related (issue 20).

Not a test; prints one markdown table. Usage:

    python benchmarks/word_memory.py --bundle DIR [--requests 600]

A real `runphys serve` (one worker, rate limit off so the run is short) gets `--requests` drafts,
each one unique 99,990-letter word: before the fix every such word was kept in the word cache
(111 MB -> 569 MB in 600 requests). The table gives the worker's RSS before and after, once with
drafts cut at the default RUNPHYS_RELATED_TEXT_MAX_CHARS and once read whole (100,000), and the
same number of ordinary drafts as the baseline of the same run.
"""

from __future__ import annotations

import argparse
import random
import string
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.live_server import clean_env, free_port, runphys, wait_until_ready


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run(bundle: Path, requests: int, drafts: str, **settings: str) -> tuple[float, float, float]:
    port = free_port()
    server = subprocess.Popen([*runphys(), "serve", "--index", str(bundle), "--port", str(port)],
                              env=clean_env(rate_limit_per_minute="0", work_seconds_per_minute="0", **settings),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rng = random.Random(20)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            if not wait_until_ready(f"http://127.0.0.1:{port}", server, 180):
                raise SystemExit("server did not start")
            client.post("/api/v1/related", json={"text": "knee pain after long runs"})
            before = rss_mb(server.pid)
            started = time.monotonic()
            for n in range(requests):
                text = ("".join(rng.choices(string.ascii_lowercase, k=99_990)) if drafts == "huge"
                        else f"calf strain after speed work, week {n}: " + "easy miles and hill repeats " * 20)
                if client.post("/api/v1/related", json={"text": text}).status_code != 200:
                    raise SystemExit("a draft was refused")
            seconds = time.monotonic() - started
            return before, rss_mb(server.pid), seconds / requests
    finally:
        server.terminate()
        server.wait(30)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=600)
    args = parser.parse_args(argv)
    print("| drafts | requests | worker RSS before MB | after MB | growth MB | ms a request |")
    print("|---|---|---|---|---|---|")
    for label, drafts, settings in (("ordinary drafts (baseline)", "ordinary", {}),
                                    ("unique 99,990-letter words, cut at 20,000 (default)", "huge", {}),
                                    ("unique 99,990-letter words, read whole", "huge",
                                     {"related_text_max_chars": "100000"})):
        before, after, each = run(args.bundle, args.requests, drafts, **settings)
        print(f"| {label} | {args.requests} | {before:.0f} | {after:.0f} | {after - before:+.0f} | {each * 1000:.1f} |",
              flush=True)


if __name__ == "__main__":
    main()

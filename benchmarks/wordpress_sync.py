"""`runphys sync` against a real WordPress (Debian's wordpress 6.1, MariaDB, php -S): full syncs of
240 and 2,000 posts, a sync with nothing to do, and publish → searchable through the single-post
route (POST /api/v1/admin/sync {"post_id"}, the ping the plugin sends).

Baseline in the same run: `runphys build` of the site's own WXR export of the same posts (what an
author did before sync). Not a test; prints one markdown table. Usage:

    python benchmarks/wordpress_sync.py [--pings 10]

Targets (issue 18): 2,000 posts in ≤ 60 s; a sync with no change ≤ 1 s and no new version;
publish → searchable p50 ≤ 5 s. Everything runs in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from runphys.index.demo import POSTS as DEMO_POSTS  # noqa: E402
from runphys.index.sources import read_sources  # noqa: E402
from tests.live_server import ServedProcess, clean_env, runphys  # noqa: E402
from tests.wordpress.site import WordPressSite, missing_packages  # noqa: E402

TOKEN = "benchmark-admin-token-0123456789abcdef"


def generated(count: int, start: int = 0) -> list[dict[str, Any]]:
    """`count` posts for `insert_posts`, cycling the demo blog's 72 (titles numbered after the first round)."""
    demo = read_sources([DEMO_POSTS]).posts
    out = []
    for n in range(start, start + count):
        post = demo[n % len(demo)]
        round_ = n // len(demo)
        paragraphs = "".join(f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->\n\n"
                             for p in post.body.split("\n\n"))
        videos = "".join(f"https://www.youtube.com/watch?v={v.video_id}\n\n" for v in post.videos
                         if v.provider == "youtube")
        out.append({"title": post.title + (f" (part {round_ + 1})" if round_ else ""),
                    "content": paragraphs + videos, "categories": list(post.categories), "tags": list(post.tags),
                    "date_gmt": f"20{15 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d} 08:00:00"})
    return out


def timed(args: list[str], **settings: str) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    done = subprocess.run([*runphys(), *args, "--json"], env=clean_env(**settings), capture_output=True, text=True,
                          check=False, timeout=1800)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{args[0]} failed: {done.stdout[-1500:]} {done.stderr[-1500:]}")
    return seconds, json.loads(done.stdout)


def versions(index: Path) -> int:
    return sum(1 for p in (index / "versions").iterdir() if not p.name.startswith("."))


def sync_args(site: WordPressSite, index: Path, *extra: str) -> list[str]:
    return ["sync", site.url, "--index", str(index), "--user", site.user, "--app-password", site.app_password, *extra]


def full_sync_rows(site: WordPressSite, work: Path, label: str) -> list[list[str]]:
    """Two full syncs of the same posts into new indexes: the first makes WordPress render each post
    for the first time (here its oEmbed lookups of the YouTube links fail, with no route out), the
    second meets a site whose posts have been rendered before, as a live blog's have."""
    index, built = work / f"sync-{label}", work / f"build-{label}"
    export = work / f"{label}.wxr.xml"
    started = time.perf_counter()
    export.write_bytes(site.export_wxr())
    exported = time.perf_counter() - started
    build_seconds, build = timed(["build", str(export), "--index", str(built)])
    baseline = f"export {exported:.1f} s + build {build_seconds:.1f} s ({build['posts']} posts)"
    target = "≤ 60 s for 2,000" if label == "2000" else ""
    rows = []
    for what, folder in (("posts rendered by WordPress for the first time", index),
                         ("posts rendered before", work / f"sync-{label}-again")):
        sync_seconds, sync = timed(sync_args(site, folder))
        rows.append([f"full sync, {label} posts ({what})", f"{sync_seconds:.1f} s ({sync['added']} posts)", baseline,
                     f"{sync_seconds / (exported + build_seconds):.2f}×", target])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pings", type=int, default=10, help="publish → searchable measurements")
    args = parser.parse_args()
    if missing_packages():
        raise SystemExit(f"needs Debian's {', '.join(missing_packages())}")
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="runphys-wp-bench-") as tmp:
        work = Path(tmp)
        site = WordPressSite(work / "wordpress").start_all()
        try:
            site.sql("DELETE FROM wp_posts WHERE post_type IN ('post', 'page');")
            started = time.perf_counter()
            site.insert_posts(generated(240))
            print(f"… 240 posts made in WordPress in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            rows.extend(full_sync_rows(site, work, "240"))

            index = work / "sync-240"
            before = versions(index)
            quiet = []
            for _ in range(5):
                seconds, answer = timed(sync_args(site, index))
                assert answer["added"] + answer["updated"] + answer["removed"] == 0, answer
                quiet.append(seconds)
            # The same command's fixed cost: `runphys stats` starts the same interpreter and opens the index.
            stats = statistics.median(timed(["stats", "--index", str(index)])[0] for _ in range(3))
            rows.append(["sync with no change, 240 posts", f"median {statistics.median(quiet):.2f} s, new "
                         f"versions: {versions(index) - before}", f"`runphys stats` {stats:.2f} s",
                         f"{statistics.median(quiet) / stats:.2f}×", "≤ 1 s, no new version"])

            server = ServedProcess(index, work / "serve.log", admin_token=TOKEN, sync_url=site.url,
                                   sync_user=site.user, sync_app_password=site.app_password).start()
            try:
                waits, pings = [], []
                for n in range(args.pings):
                    made = site.create_post(f"Video: Tempo Run Drill {n} Zebra{n}", f"<p>Tempo drill zebra{n} for "
                                            "half marathon training.</p>")
                    published = time.perf_counter()
                    answer = httpx.post(server.url + "/api/v1/admin/sync", json={"post_id": made["id"]},
                                        headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
                    answer.raise_for_status()
                    pings.append(time.perf_counter() - published)
                    while True:
                        hits = httpx.get(server.url + "/api/v1/search", params={"q": f"zebra{n}"}, timeout=10).json()
                        if any(hit["id"] == str(made["id"]) for hit in hits["hits"]):
                            break
                        time.sleep(0.05)
                    waits.append(time.perf_counter() - published)
                started = time.perf_counter()
                httpx.post(server.url + "/api/v1/admin/sync", headers={"Authorization": f"Bearer {TOKEN}"},
                           timeout=300).raise_for_status()
                whole = time.perf_counter() - started
            finally:
                server.stop()
            rows.append(["publish → searchable (single-post route)",
                         f"p50 {statistics.median(waits):.2f} s, max {max(waits):.2f} s (ping p50 "
                         f"{statistics.median(pings):.2f} s)", f"whole-site sync route {whole:.2f} s",
                         f"{statistics.median(waits) / whole:.2f}×", "p50 ≤ 5 s"])

            started = time.perf_counter()
            site.insert_posts(generated(2000 - 240 - args.pings, start=240))
            print(f"… {2000 - 240 - args.pings} more posts made in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)
            rows.extend(full_sync_rows(site, work, "2000"))
        finally:
            site.close()
    print("| what | runphys sync | baseline (same run) | ratio | target |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print("\nMachine shared with other jobs (2 cores); WordPress served by php -S with 4 workers on the same cores.")


if __name__ == "__main__":
    main()

"""What the WordPress plugin costs a reader, and how fast its pings make a new post searchable.

Not a test (these machines are shared and noisy): medians of one run against a real WordPress
(Debian's wordpress 6.1 on its own MariaDB, php -S with 4 workers) and a real `runphys serve`,
both started here exactly as tests/wordpress/ starts them. Usage:

    python benchmarks/wordpress_plugin.py                  # ~2 min
    python benchmarks/wordpress_plugin.py --views 60 --publishes 20 --out wordpress_plugin.md

Rows:

* a single post page with the plugin inactive: the baseline every other page row is compared to;
* the same page with the plugin active and its related list cached (the usual view). Target:
  adds ≤ 10 ms. Views alternate one by one between inactive (the test must-use plugin drops it
  from the active plugins for that request) and active, so machine noise falls on both alike;
* the service down (connection refused), every view asking it again (its failure forgotten):
  what a down service costs before the failure is remembered;
* the service hung (accepts, never answers), every view asking it again: the worst case, one
  full timeout. Target: adds ≤ 1.1 s. Then a view with that failure remembered (the next minute);
* publish → searchable: a post created through WordPress's REST API until the service's search
  lists it, reached only by the plugin's ping (`POST /api/v1/admin/sync {"post_id": N}`);
  p50 and max. Target: p50 ≤ 5 s.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.wordpress.blog import (  # noqa: E402  (the repository root first)
    FORGET_CACHED_ANSWERS,
    RunphysService,
    blog_posts,
    configure_plugin,
    ids_by_title,
)
from tests.wordpress.site import WordPressSite, missing_packages  # noqa: E402

POST = "Video: Stretches for a Tight IT Band"


class HungService:
    """Accepts connections and never answers: the plugin's worst case."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


def view(url: str, with_plugin: bool = True) -> float:
    """Seconds to fetch the whole page (a new connection each time, as php -S wants).

    Without the plugin: the test must-use plugin takes it out of the active plugins for that one
    request, as if it were deactivated.
    """
    headers = {} if with_plugin else {"X-Runphys-Test-Without-Plugin": "1"}
    start = time.perf_counter()
    page = httpx.get(url, timeout=30, headers=headers)
    took = time.perf_counter() - start
    if page.status_code != 200:
        raise SystemExit(f"{url} answered {page.status_code}")
    return took


def forget(site: WordPressSite) -> None:
    site.sql(FORGET_CACHED_ANSWERS)


class Sample:
    """Page views of one variant: seconds seen by the client, and WordPress's own wall and CPU time."""

    def __init__(self) -> None:
        self.client: list[float] = []
        self.wall: list[float] = []
        self.cpu: list[float] = []



def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--views", type=int, default=40, help="page views per variant (default 40)")
    parser.add_argument("--publishes", type=int, default=10, help="posts published for the ping row (default 10)")
    parser.add_argument("--out", type=Path, help="also write the table (Markdown) to this file")
    args = parser.parse_args()
    missing = missing_packages()
    if missing:
        raise SystemExit(f"needs Debian's {', '.join(missing)} "
                         "(apt install wordpress mariadb-server php-cli php-mysql)")

    with tempfile.TemporaryDirectory(prefix="runphys-wp-bench-") as tmp:
        site = WordPressSite(Path(tmp) / "wordpress").start_all()
        service: RunphysService | None = None
        try:
            site.reset()
            site.insert_posts(blog_posts())
            service = RunphysService(site, Path(tmp) / "service").start()
            configure_plugin(site, service.url)
            link = str(site.rest("GET", f"/wp/v2/posts/{ids_by_title(site)[POST]}").json()["link"])
            rows = measure(site, service, link, args.views, args.publishes)
        finally:
            if service is not None:
                service.stop()
            site.close()

    table = "\n".join([
        "| What | Client median (p95, max) | WordPress wall, median | WordPress CPU, median "
        "| Added (client / wall / CPU) | Target |",
        "|---|---|---|---|---|---|",
        *rows,
    ])
    note = (f"\nOne run on a shared 2-core machine; {args.views} views per page variant. 'Added' compares medians "
            "with the same page without the plugin, viewed in turn with it (same run, same moments); WordPress's "
            "wall and CPU time run from the must-use plugins loading to the end of the request (the client's also "
            "has php -S and the connection).")
    print(table + "\n" + note)
    if args.out:
        args.out.write_text(table + "\n" + note + "\n")


def row(what: str, sample: Sample, base: Sample, target: str) -> str:
    p95 = sorted(sample.client)[max(0, int(len(sample.client) * 0.95) - 1)]
    added = (f"{ms(median(sample.client) - median(base.client))} / {ms(median(sample.wall) - median(base.wall))} / "
             f"{ms(median(sample.cpu) - median(base.cpu))}")
    if sample is base:
        added = "—"
    return (f"| {what} | {ms(median(sample.client))} (p95 {ms(p95)}, max {ms(max(sample.client))}) | "
            f"{ms(median(sample.wall))} | {ms(median(sample.cpu))} | {added} | {target} |")


def paired(site: WordPressSite, link: str, count: int,
           before: Callable[[], None] | None = None) -> tuple[Sample, Sample]:
    """`count` views without the plugin and with it, in turn (`before` runs before each view with it)."""
    without, with_plugin = Sample(), Sample()
    site.page_timings(start=True)
    for _ in range(count):
        without.client.append(view(link, with_plugin=False))
        if before is not None:
            before()
        with_plugin.client.append(view(link))
    for variant, timing in zip((without, with_plugin) * count, site.page_timings(), strict=True):
        variant.wall.append(timing["wall"])
        variant.cpu.append(timing["cpu"])
    return without, with_plugin


def measure(site: WordPressSite, service: RunphysService, link: str, count: int, publishes: int) -> list[str]:
    view(link)  # warm PHP's opcache and the plugin's cache
    view(link, with_plugin=False)
    # View by view, without and with the plugin in turn: the machine's noise falls on both alike.
    inactive, active = paired(site, link, count)
    rows = [row("Post page, plugin inactive (baseline)", inactive, inactive, "—"),
            row("Post page, plugin active, list cached", active, inactive, "≤ 10 ms")]

    service.stop()
    try:
        base, refused = paired(site, link, max(5, count // 4), before=lambda: forget(site))
        rows.append(row("Post page, service down (refused), failure not yet remembered", refused, base, "—"))
        hung = HungService()
        try:
            configure_plugin(site, hung.url)
            base, slow = paired(site, link, 5, before=lambda: forget(site))
            rows.append(row("Post page, service hung, every view asking (worst case)", slow, base, "≤ 1.1 s"))
            base, remembered = paired(site, link, max(5, count // 4))
            rows.append(row("Post page, service hung, failure remembered", remembered, base, "—"))
        finally:
            hung.close()
    finally:
        service.start()
        forget(site)
        configure_plugin(site, service.url)

    delays = []
    for n in range(publishes):
        word = f"zorbulation{n}x"
        start = time.perf_counter()
        post = site.create_post(f"Video: Calf Raise Ladder {word}", f"<p>Calf raises, {word}, for the Achilles.</p>")
        pid = str(post["id"])
        deadline = start + 60
        while True:
            hits = httpx.get(service.url + "/api/v1/search", params={"q": word}, timeout=10).json()["hits"]
            if any(hit["id"] == pid for hit in hits):
                delays.append(time.perf_counter() - start)
                break
            if time.perf_counter() > deadline:
                raise SystemExit(f"post {pid} not searchable within 60 s: is the ping reaching the service?")
            time.sleep(0.05)
    rows.append(f"| Publish → searchable through the ping, p50 of {publishes} (max) | {median(delays):.2f} s "
                f"({max(delays):.2f} s) | — | — | — | p50 ≤ 5 s |")
    return rows


if __name__ == "__main__":
    main()

"""The worst queries a stranger can type, timed against an ordinary one at 1k and 10k posts.

Not a test; prints one markdown table. Usage:

    python benchmarks/query_cost.py                 # 1k and 10k posts
    python benchmarks/query_cost.py --sizes 1000

Every query is built from the query syntax of docs/search.md (words, "quoted phrases", AND / OR / NOT, -word,
parentheses) and fills the 500 characters `search()` accepts: long AND and OR chains, 80
exclusions, nested parentheses, one long random word, long misspelt words that send the speller
looking, a long quoted phrase (the only path that opens the Whoosh text store), every body part
and injury name at once, and the same for a page deep in the results. Each is run through the full
`SearchIndex.search()` (hits, facets, excerpts) on the recombined IR documents that
`search_quality.py` uses; the table shows the median and the worst of 21 runs, and the median as
a multiple of the ordinary reader queries' median in the same run (the bound: within 10×).

At blog scale (issue 20), over a whole bundle (search and related parts) with nothing remembered:

    python benchmarks/query_cost.py --posts 24000              # builds the bundle first (minutes)
    python benchmarks/query_cost.py --bundle DIR               # an index folder built before
    python benchmarks/query_cost.py --bundle DIR --flood       # and the flood over HTTP

adds a chain of the corpus's most common quoted phrases OR'ed together (the costliest query the
syntax allows: every phrase reads positions), the draft to POST /related at 99,000 characters
(cut at RUNPHYS_RELATED_TEXT_MAX_CHARS, and uncut for comparison), and with `--flood` the table
the per-client work budget is judged by: `runphys serve` with the default rate limit, one client
(127.0.0.1) sending the costliest request over 16 connections, and a reader at 127.0.0.2 whose
median is compared with their median without the flood; once with the work budget on (the
default) and once with it off (first come, first served, as before).
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_quality import Ours, scaled_docs, to_posts

from runphys.search.query_parse import MAX_QUERY_CHARS
from runphys.search.results import SearchRequest
from runphys.text.vocabulary_file import package_vocabulary

RUNS = 21
# Seconds the flood runs before the reader is measured: long enough for it to spend the default
# work budget (10 s a minute at 30-40 ms a request over 16 connections takes ~20 s).
FLOOD_WARM_UP = 30
# What readers type: the baseline every hostile query is compared with (median of their medians).
ORDINARY = ["knee", "IT band", "shin splints", "tight hamstrings", "calf strengthening",
            "what causes pain below the kneecap when running downhill"]


def fill(unit: str, joiner: str = " ") -> str:
    """`unit` repeated up to the query length limit."""
    count = max(1, (MAX_QUERY_CHARS + len(joiner)) // (len(unit) + len(joiner)))
    return joiner.join([unit] * count)[:MAX_QUERY_CHARS]


def hostile_queries(vocabulary) -> dict[str, str]:  # type: ignore[no-untyped-def]
    rng = random.Random(3)
    names = [name for c in (*vocabulary.body_parts, *vocabulary.injuries) for name in c.terms[:2]]
    misspelt = " ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(14)) for _ in range(33))
    words = " ".join(rng.choice(["pressure", "flow", "boundary", "layer", "heat", "wing", "patients", "cells",
                                 "growth", "system", "library", "information", "retrieval"]) + str(i)
                     for i in range(60))
    return {
        "knee AND knee AND … (500 chars)": fill("knee", " AND "),
        "a AND b AND … 90 different words": " AND ".join(words.split())[:MAX_QUERY_CHARS],
        "knee OR hip OR … (500 chars)": fill("knee OR hip"),
        "-knee × 80": fill("-knee"),
        "((((knee)))) nested 120 deep": ("(" * 120 + "knee" + ")" * 120)[:MAX_QUERY_CHARS],
        "one 500-character random word": "".join(rng.choice(string.ascii_lowercase) for _ in range(MAX_QUERY_CHARS)),
        "33 misspelt 14-letter words": misspelt[:MAX_QUERY_CHARS],
        "60 words unknown to the index": words[:MAX_QUERY_CHARS],
        "a 500-character quoted phrase": '"' + fill("the pressure of the flow")[: MAX_QUERY_CHARS - 2] + '"',
        "every body part and injury name": " ".join(names)[:MAX_QUERY_CHARS],
        '"knee" -"hip" (knee OR "it band") × n': fill('"knee" -"hip" (knee OR "it band")'),
    }


def timed(index, query: str, page: int = 1) -> list[float]:  # type: ignore[no-untyped-def]
    request = SearchRequest(q=query, per_page=10, page=page)
    index.search(request)  # warm: caches that every later query would share
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        index.search(request)
        samples.append(time.perf_counter() - started)
    return samples


def common_phrases(bodies: list[str], count: int = 60) -> list[str]:
    """The corpus's most frequent pairs of adjacent indexed words, as a reader would quote them."""
    from collections import Counter

    from runphys.text.analysis import STOPWORDS, words

    pairs: Counter[tuple[str, str]] = Counter()
    for body in bodies:
        found = [w for w in words(body) if w not in STOPWORDS and not w.isdigit()]
        pairs.update(itertools.pairwise(found))
    return [f"{a} {b}" for (a, b), _ in pairs.most_common(count)]


def phrase_chain(phrases: list[str]) -> str:
    """`"a b" OR "c d" OR …` up to the query length limit."""
    out = ""
    for phrase in phrases:
        part = f'"{phrase}"' if not out else f' OR "{phrase}"'
        if len(out) + len(part) > MAX_QUERY_CHARS:
            break
        out += part
    return out


def bundle_rows(index: Path) -> tuple[float, list[tuple[str, list[float]]], str]:
    """(ordinary median, rows of (name, samples), the costliest query) over a whole bundle."""
    from runphys.service.live import collector_held_off
    from runphys.service.service import Service
    from runphys.service.settings import Settings

    # Opened as a served worker opens a version (the collector set aside), so a full collection of
    # the benchmark's own making does not land in one sample.
    with collector_held_off():
        service = Service.open(Settings(index=index, remembered_searches=0), verify=True)
        uncut = Service.open(Settings(index=index, remembered_searches=0, related_text_max_chars=100_000),
                             verify=True)
    try:
        posts = [service.post(pid) for pid in list(service._bundle.posts)[:3000]]
        chain = phrase_chain(common_phrases([p.body for p in posts]))
        queries = {**hostile_queries(service.vocabulary), f"{chain.count(' OR ') + 1} common quoted phrases OR'ed":
                   chain, "the issue's phrase chain": phrase_chain(
                       ["the starting position", "your knees", "hold for", "both feet", "each side", "your back",
                        "the floor", "your hips", "this exercise", "the movement", "your body", "the ground"])}

        def timed_searches(named: dict[str, str]) -> dict[str, list[float]]:
            """Every query once per round, the rounds repeated: a shared machine's load falls on all alike."""
            requests = {name: SearchRequest(q=q, per_page=10) for name, q in named.items()}
            for request in requests.values():
                service.search(request, record=False)
            samples: dict[str, list[float]] = {name: [] for name in requests}
            for _ in range(RUNS):
                for name, request in requests.items():
                    started = time.perf_counter()
                    service.search(request, record=False)
                    samples[name].append(time.perf_counter() - started)
            return samples

        def timed_draft(which: Service, text: str) -> list[float]:
            which.related_to_text(text)
            samples = []
            for _ in range(5):
                started = time.perf_counter()
                which.related_to_text(text)
                samples.append(time.perf_counter() - started)
            return samples

        timed = timed_searches({**{f"ordinary {q}": q for q in ORDINARY}, **queries})
        ordinary = [statistics.median(timed[f"ordinary {q}"]) for q in ORDINARY]
        rows = [(name, timed[name]) for name in queries]
        costliest = max(rows, key=lambda row: statistics.median(row[1]))[0]
        draft = " ".join(p.body for p in posts)[:99_000]
        rows.append(("POST /related, a 99,000-character draft, cut at 20,000", timed_draft(service, draft)))
        rows.append(("POST /related, the same draft read whole (before the cut)", timed_draft(uncut, draft)))
        return statistics.median(ordinary), rows, queries[costliest]
    finally:
        service.close()
        uncut.close()


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def flood_rows(index: Path, costly: str, budget: bool) -> dict[str, float]:
    """Reader p50/p95 from 127.0.0.2 alone and under a 16-connection flood from 127.0.0.1."""
    import subprocess
    import threading

    import httpx

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.live_server import clean_env, free_port, runphys, wait_until_ready

    port = free_port()
    env = clean_env(remembered_searches="0", **({} if budget else {"work_seconds_per_minute": "0"}))
    server = subprocess.Popen([*runphys(), "serve", "--index", str(index), "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_ready(url, server, 120):
            raise SystemExit("server did not start")
        reader = httpx.Client(base_url=url, timeout=120,
                              transport=httpx.HTTPTransport(local_address="127.0.0.2"))

        def read(n: int) -> list[float]:
            samples = []
            for i in range(n):
                started = time.perf_counter()
                response = reader.get("/api/v1/search", params={"q": ORDINARY[i % len(ORDINARY)], "page": 1 + i % 3})
                samples.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise SystemExit(f"reader got {response.status_code}")
                time.sleep(0.02)
            return samples

        read(10)
        alone = read(60)
        stop = threading.Event()
        answered = {"200": 0, "other": 0}

        def flood() -> None:
            with httpx.Client(base_url=url, timeout=120) as client:
                while not stop.is_set():
                    status = client.get("/api/v1/search", params={"q": costly}).status_code
                    answered["200" if status == 200 else "other"] += 1

        threads = [threading.Thread(target=flood, daemon=True) for _ in range(16)]
        for thread in threads:
            thread.start()
        time.sleep(FLOOD_WARM_UP)  # the flood fills its connections and uses up its work budget
        started = time.monotonic()
        before = dict(answered)
        flooded = read(60)
        seconds = time.monotonic() - started
        stop.set()
        for thread in threads:
            thread.join(150)
        reader.close()
        return {"alone_p50": statistics.median(alone), "alone_p95": percentile(alone, 0.95),
                "flood_p50": statistics.median(flooded), "flood_p95": percentile(flooded, 0.95),
                "flood_ok_per_s": (answered["200"] - before["200"]) / seconds,
                "flood_refused_per_s": (answered["other"] - before["other"]) / seconds}
    finally:
        server.terminate()
        server.wait(30)


def bundle_main(index: Path, flood: bool) -> None:
    from runphys.index.bundle import open_bundle

    posts = open_bundle(index).manifest.posts
    base, rows, costliest = bundle_rows(index)
    print("| posts | request | median ms | worst ms | median / ordinary | worst / ordinary |")
    print("|---|---|---|---|---|---|")
    print(f"| {posts:,} | ordinary reader queries (median of {len(ORDINARY)}) | {base * 1000:.2f} | | 1.0× | |")
    for name, samples in rows:
        median, worst = statistics.median(samples), max(samples)
        print(f"| {posts:,} | {name} | {median * 1000:.2f} | {worst * 1000:.2f} | {median / base:.1f}× "
              f"| {worst / base:.1f}× |", flush=True)
    if not flood:
        return
    print()
    print(f"Flood of the costliest request ({costliest[:60]}…) from 127.0.0.1 over 16 connections, default rate "
          "limit; reader at 127.0.0.2 (ordinary queries, 60 requests); nothing remembered.")
    print()
    print("| work budget | reader p50 alone ms | p95 alone ms | reader p50 in flood ms | p95 in flood ms "
          "| p50 in flood / p50 alone | flood answered /s | flood refused /s |")
    print("|---|---|---|---|---|---|---|---|")
    for label, budget in (("on (10 s a minute, the default)", True), ("off (first come, first served)", False)):
        r = flood_rows(index, costliest, budget)
        print(f"| {label} | {r['alone_p50'] * 1000:.1f} | {r['alone_p95'] * 1000:.1f} | {r['flood_p50'] * 1000:.1f} "
              f"| {r['flood_p95'] * 1000:.1f} | {r['flood_p50'] / r['alone_p50']:.1f}× | {r['flood_ok_per_s']:.1f} "
              f"| {r['flood_refused_per_s']:.1f} |", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--bundle", type=Path, help="an index folder (built before) to measure at blog scale")
    parser.add_argument("--posts", type=int, help="build a bundle of this many posts first, then measure it")
    parser.add_argument("--flood", action="store_true", help="with --bundle/--posts: the flood over HTTP too")
    args = parser.parse_args(argv)
    if args.bundle or args.posts:
        if args.bundle:
            bundle_main(args.bundle, args.flood)
            return
        from runphys.service.pipeline import build_posts

        with tempfile.TemporaryDirectory() as tmp:
            build_posts(to_posts(scaled_docs(args.posts)), Path(tmp) / "index")
            bundle_main(Path(tmp) / "index", args.flood)
        return
    vocabulary = package_vocabulary()
    queries = hostile_queries(vocabulary)
    print("| posts | query | median ms | worst ms | median / ordinary |")
    print("|---|---|---|---|---|")
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            engine = Ours(scaled_docs(n), Path(tmp), vocabulary)
            ordinary = [statistics.median(timed(engine.index, query)) for query in ORDINARY]
            base = statistics.median(ordinary)
            print(f"| {n:,} | ordinary reader queries (median of {len(ORDINARY)}) | {base * 1000:.2f} "
                  f"| {max(ordinary) * 1000:.2f} | 1.0× |", flush=True)
            rows = [(name, timed(engine.index, query)) for name, query in queries.items()]
            rows.append(("knee AND knee AND …, page 50", timed(engine.index, queries["knee AND knee AND … (500 chars)"],
                                                                page=50)))
            for name, samples in rows:
                median = statistics.median(samples)
                print(f"| {n:,} | {name} | {median * 1000:.2f} | {max(samples) * 1000:.2f} | {median / base:.1f}× |",
                      flush=True)
            engine.close()


if __name__ == "__main__":
    main()

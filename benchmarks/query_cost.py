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
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_quality import Ours, scaled_docs

from runphys.search.query_parse import MAX_QUERY_CHARS
from runphys.search.results import SearchRequest
from runphys.text.vocabulary_file import package_vocabulary

RUNS = 21
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args(argv)
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

"""Search quality and latency: our engine (search.SearchIndex) vs SQLite FTS5 vs tantivy.

Not a test; prints markdown tables.  Usage:

    python benchmarks/search_quality.py                      # quality + latency at 1k, 10k docs
    python benchmarks/search_quality.py --sizes 1000,10000,100000 --out results.md

Quality: nDCG@10, MAP (over the top 100) and Recall@100 on the Glasgow collections in
../shared/data/{cranfield,med,cisi,adi} (queries with judgments only; cranfield source-doc pairs
are not counted) and on an exercises set built from exercises/exercises.json.

Exercises queries/qrels (non-circular): documents are indexed from the exercise *name* and its
*instructions* only; the muscle lists are never indexed.  For each muscle M in primaryMuscles
(17 muscles) the query is the muscle name ("lower back", "hamstrings"), and for each (M, category)
pair with >= 3 exercises the query is "<M> <category>" ("quadriceps stretching").  Relevant =
exercises whose primaryMuscles contain M (and whose category equals the category, for pairs).
The judgments thus come from structured metadata that the engines cannot see.

Fairness: the three engines index the same docs (title + text), get the same query texts and
return their top 100; all are scored against the same qrels (cranfield's source-doc pairs are
not in qrels.tsv, so they count for nobody).  Ours is measured through the product's own query
path, `SearchIndex.ranked_ids(q, 100)`: the ranking `search()` shows (query parsing, vocabulary
concepts, spelling, all-words then any-word, pseudo-relevance feedback for long questions),
continued by the any-word ranking when the all-words results run out; queries are cut at 500
characters as `search()` cuts them (49 CISI questions are longer; the peers see them whole).
FTS5 ranks an OR of the quoted words by bm25(); tantivy runs parse_query over title+body
(default OR, en_stem tokenizer, BM25).

Latency: p50/p99 in-process, top 10, for ours both the full `SearchIndex.search()` (hits, facet
counts, excerpts, did-you-mean: what the API serves) and `ranked_ids(q, 10)` (ids only, what the
peers do), vs FTS5 top-10 with titles and tantivy top-10 with stored titles, over corpora scaled
to 1k/10k/100k docs by recombining the shared docs (doc i = title of doc a + text of doc b + text
of doc c, a,b,c drawn with a fixed seed).  Queries are the collections' query texts cut to their
first 6 words.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tantivy

from runphys.index.post import Post
from runphys.index.sources import parse_mapping, read_sources
from runphys.search.results import SearchRequest
from runphys.search.searcher import SearchIndex
from runphys.text.vocabulary_file import package_vocabulary as load_vocabulary
from tests.search_fixtures import index_posts

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
COLLECTIONS = ("cranfield", "med", "cisi", "adi")
K = 10
DEPTH = 100
_WORD = re.compile(r"[^\W_]+")

Docs = list[dict[str, str]]
Queries = dict[str, str]
Qrels = dict[str, dict[str, int]]


# ---------------------------------------------------------------------------------------- data


def load_collection(name: str) -> tuple[Docs, Queries, Qrels]:
    base = DATA / name
    docs = [json.loads(line) for line in (base / "docs.jsonl").open(encoding="utf-8")]
    queries = {q["id"]: q["text"] for q in map(json.loads, (base / "queries.jsonl").open(encoding="utf-8"))}
    qrels: Qrels = defaultdict(dict)
    for line in (base / "qrels.tsv").open(encoding="utf-8"):
        qid, did, rel = line.split("\t")
        if int(rel) > 0:
            qrels[qid][did] = int(rel)
    return docs, {q: t for q, t in queries.items() if q in qrels}, dict(qrels)


def load_exercises() -> tuple[Docs, Queries, Qrels]:
    items = json.loads((DATA / "exercises" / "exercises.json").read_text(encoding="utf-8"))
    docs = [{"id": e["id"], "title": e["name"], "text": " ".join(e.get("instructions") or [])} for e in items]
    by_muscle: dict[str, set[str]] = defaultdict(set)
    by_pair: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in items:
        for m in e.get("primaryMuscles") or []:
            by_muscle[m].add(e["id"])
            by_pair[(m, e.get("category") or "")].add(e["id"])
    queries: Queries = {}
    qrels: Qrels = {}
    for m, ids in sorted(by_muscle.items()):
        queries[f"m:{m}"], qrels[f"m:{m}"] = m, dict.fromkeys(ids, 1)
    for (m, cat), ids in sorted(by_pair.items()):
        if cat and len(ids) >= 3:
            qid = f"mc:{m}:{cat}"
            queries[qid], qrels[qid] = f"{m} {cat}", dict.fromkeys(ids, 1)
    return docs, queries, qrels


READER_MAP = "id=id,title=name,body=instructions,categories=category,tags=primaryMuscles+secondaryMuscles+equipment"


def load_reader_queries() -> tuple[Docs, Queries, Qrels, list[Post]]:
    """exercise_reader_queries: the exercises loaded with the --map of docs/cli.md (title, body,
    categories, tags), and 40 reader-style queries with graded judgments."""
    posts = read_sources([DATA / "exercises" / "exercises.json"], mapping=parse_mapping(READER_MAP)).posts
    docs = [{"id": p.id, "title": p.title, "text": p.body, "categories": " ".join(p.categories),
             "tags": " ".join(p.tags)} for p in posts]
    base = DATA / "exercise_reader_queries"
    queries = {q["id"]: q["text"] for q in map(json.loads, (base / "queries.jsonl").open(encoding="utf-8"))}
    qrels: Qrels = defaultdict(dict)
    for line in (base / "qrels.tsv").open(encoding="utf-8"):
        qid, did, rel = line.split("\t")
        if int(rel) > 0:
            qrels[qid][did] = int(rel)
    return docs, {q: t for q, t in queries.items() if q in qrels}, dict(qrels), posts


SYMPTOMS = Path(__file__).resolve().parent / "symptom_queries"


def load_symptom_queries(prefix: str = "") -> tuple[Docs, Queries, Qrels, list[Post]]:
    """demo_symptom_queries: the demo blog (index/demo/posts) and 30 readers' descriptions of where
    and when it hurts (benchmarks/symptom_queries), graded 1-3 by hand from the posts' text.
    `prefix` "check_": a second set of 30, written after the first was tuned and scored once as it
    was (a held-out-style check); "third_": a third set of 30 in readers' own varied words (lay
    words, clinical words, typos, two symptoms in one search, the body part only implied), written
    and scored once before the fixes that followed it (see docs/search.md); "lay_": a fourth set of 30,
    written blind from the posts alone (lay words for where and when it hurts), before any scoring;
    "fifth_" ... "ninth_": five more sets of 30, written blind the same way (short, one-sentence and
    messy searches; the sixth and ninth avoiding the posts' phrasing; the eighth short searches),
    each scored once as main stood before the fixes that followed it."""
    from runphys.index.demo import POSTS

    posts = read_sources([POSTS], format="markdown").posts
    docs = [{"id": p.id, "title": p.title, "text": p.body, "categories": " ".join(p.categories),
             "tags": " ".join(p.tags)} for p in posts]
    queries = {q["id"]: q["text"]
               for q in map(json.loads, (SYMPTOMS / f"{prefix}queries.jsonl").open(encoding="utf-8"))}
    qrels: Qrels = defaultdict(dict)
    for line in (SYMPTOMS / f"{prefix}qrels.tsv").open(encoding="utf-8"):
        qid, did, rel = line.split("\t")
        qrels[qid][did] = int(rel)
    return docs, queries, dict(qrels), posts


def right_first(ranked: list[str], rels: dict[str, int]) -> bool:
    """The first result is one of the best-graded posts."""
    return bool(ranked) and rels.get(ranked[0], 0) == max(rels.values())


# The symptom sets after the first (`demo_symptom_queries`), in the order they were written: each
# `demo_symptom_<name>` reads `benchmarks/symptom_queries/<name>_queries.jsonl` and its judgments.
SYMPTOM_SETS = ("check", "third", "lay", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
                "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
                "twentieth", "twentyfirst", "twentysecond", "twentythird", "twentyfourth", "twentyfifth",
                "twentysixth", "twentyseventh", "twentyeighth", "twentyninth", "thirtieth", "thirtyfirst",
                "thirtysecond", "thirtythird", "thirtyfourth", "thirtyfifth", "thirtysixth", "thirtyseventh",
                "thirtyeighth", "thirtyninth", "fortieth", "fortyfirst", "fortysecond", "fortythird", "fortyfourth",
                "fortyfifth", "fortysixth", "fortyseventh", "fortyeighth", "fortyninth", "fiftieth", "fiftyfirst",
                "fiftysecond", "fiftythird", "fiftyfourth", "fiftyfifth", "fiftysixth", "fiftyseventh",
                "fiftyeighth", "fiftyninth", "sixtieth", "sixtyfirst", "sixtysecond", "sixtythird", "sixtyfourth",
                "sixtyfifth", "sixtysixth", "sixtyseventh",
                "sixtyeighth", "sixtyninth", "seventieth", "seventyfirst", "seventysecond",
                "seventythird", "seventyfourth", "seventyfifth", "seventysixth",
                "seventyseventh", "seventyeighth", "seventyninth", "eightieth",
                "eightyfirst", "eightysecond", "eightythird", "eightyfourth", "eightyfifth", "eightysixth",
                "eightyseventh", "eightyeighth", "eightyninth", "ninetieth",
                "ninetyfirst", "ninetysecond", "ninetythird", "ninetyfourth",
                "ninetyfifth", "ninetysixth", "ninetyseventh", "ninetyeighth",
                "ninetyninth", "hundredth", "hundredfirst", "hundredsecond",
                "hundredthird", "hundredfourth", "hundredfifth", "hundredsixth", "hundredseventh", "hundredeighth",
                "hundredninth", "hundredtenth", "hundredeleventh", "hundredtwelfth", "hundredthirteenth",
                "hundredfourteenth", "hundredfifteenth", "hundredsixteenth", "hundredseventeenth",
                "hundredeighteenth", "hundrednineteenth", "hundredtwentieth", "hundredtwentyfirst",
                "hundredtwentysecond", "hundredtwentythird", "hundredtwentyfourth", "hundredtwentyfifth",
                "hundredtwentysixth", "hundredtwentyseventh", "hundredtwentyeighth", "hundredtwentyninth",
                "hundredthirtieth", "hundredthirtyfirst", "hundredthirtysecond", "hundredthirtythird",
                "hundredthirtyfourth", "hundredthirtyfifth", "hundredthirtysixth", "hundredthirtyseventh",
                "hundredthirtyeighth", "hundredthirtyninth", "hundredfortieth", "hundredfortyfirst",
                "hundredfortysecond", "hundredfortythird", "hundredfortyfourth", "hundredfortyfifth",
                "hundredfortysixth", "hundredfortyseventh", "hundredfortyeighth", "hundredfortyninth",
                "hundredfiftieth", "hundredfiftyfirst", "hundredfiftysecond", "hundredfiftythird", "hundredfiftyfourth",
                "hundredfiftyfifth", "hundredfiftysixth", "hundredfiftyseventh", "hundredfiftyeighth",
                "hundredfiftyninth", "hundredsixtieth", "hundredsixtyfirst", "hundredsixtysecond", "hundredsixtythird",
                "hundredsixtyfourth", "hundredsixtyfifth", "hundredsixtysixth", "hundredsixtyseventh",
                "hundredsixtyeighth", "hundredsixtyninth", "hundredseventieth", "hundredseventyfirst",
                "hundredseventysecond", "hundredseventythird", "hundredseventyfourth", "hundredseventyfifth",
                "hundredseventysixth", "hundredseventyseventh", "hundredseventyeighth", "hundredseventyninth",
                "hundredeightieth", "hundredeightyfirst", "hundredeightysecond", "hundredeightythird",
                "hundredeightyfourth", "hundredeightyfifth", "hundredeightysixth", "hundredeightyseventh",
                "hundredeightyeighth", "hundredeightyninth", "hundredninetieth", "hundredninetyfirst",
                "hundredninetysecond", "hundredninetythird", "hundredninetyfourth", "hundredninetyfifth",
                "hundredninetysixth", "hundredninetyseventh", "hundredninetyeighth", "hundredninetyninth",
                "twohundredth", "twohundredfirst", "twohundredsecond", "twohundredthird", "twohundredfourth",
                "twohundredfifth", "twohundredsixth", "twohundredseventh", "twohundredeighth", "twohundredninth",
                "twohundredtenth", "twohundredeleventh", "twohundredtwelfth", "twohundredthirteenth",
                "twohundredfourteenth", "twohundredfifteenth", "twohundredsixteenth", "twohundredseventeenth",
                "twohundredeighteenth", "twohundrednineteenth", "twohundredtwentieth", "twohundredtwentyfirst",
                "twohundredtwentysecond", "twohundredtwentythird", "twohundredtwentyfourth", "twohundredtwentyfifth",
                "twohundredtwentysixth", "twohundredtwentyseventh", "twohundredtwentyeighth", "twohundredtwentyninth",
                "twohundredthirtieth", "twohundredthirtyfirst", "twohundredthirtysecond", "twohundredthirtythird",
                "twohundredthirtyfourth", "twohundredthirtyfifth", "twohundredthirtysixth", "twohundredthirtyseventh",
                "twohundredthirtyeighth", "twohundredthirtyninth", "twohundredfortieth", "twohundredfortyfirst",
                "twohundredfortysecond", "twohundredfortythird", "twohundredfortyfourth",
                "twohundredfortyfifth", "twohundredfortysixth", "twohundredfortyseventh", "twohundredfortyeighth",
                "twohundredfortyninth", "twohundredfiftieth", "twohundredfiftyfirst", "twohundredfiftysecond",
                "twohundredfiftythird", "twohundredfiftyfourth", "twohundredfiftyfifth", "twohundredfiftysixth",
                "twohundredfiftyseventh", "twohundredfiftyeighth", "twohundredfiftyninth", "twohundredsixtieth",
                "twohundredsixtyfirst", "twohundredsixtysecond", "twohundredsixtythird", "twohundredsixtyfourth",
                "twohundredsixtyfifth", "twohundredsixtysixth", "twohundredsixtyseventh", "twohundredsixtyeighth",
                "twohundredsixtyninth", "twohundredseventieth", "twohundredseventyfirst", "twohundredseventysecond",
                "twohundredseventythird", "twohundredseventyfourth", "twohundredseventyfifth", "twohundredseventysixth",
                "twohundredseventyseventh", "twohundredseventyeighth", "twohundredseventyninth", "twohundredeightieth",
                "twohundredeightyfirst", "twohundredeightysecond", "twohundredeightythird", "twohundredeightyfourth",
                "twohundredeightyfifth", "twohundredeightysixth", "twohundredeightyseventh", "twohundredeightyeighth",
                "twohundredeightyninth", "twohundredninetieth", "twohundredninetyfirst", "twohundredninetysecond",
                "twohundredninetythird", "twohundredninetyfourth", "twohundredninetyfifth", "twohundredninetysixth",
                "twohundredninetyseventh", "twohundredninetyeighth", "twohundredninetyninth", "threehundredth",
                "threehundredfirst", "threehundredsecond", "threehundredthird", "threehundredfourth",
                "threehundredfifth", "threehundredsixth", "threehundredseventh", "threehundredeighth",
                "threehundredninth", "threehundredtenth", "threehundredeleventh", "threehundredtwelfth",
                "threehundredthirteenth", "threehundredfourteenth", "threehundredfifteenth", "threehundredsixteenth",
                "threehundredseventeenth", "threehundredeighteenth", "threehundrednineteenth", "threehundredtwentieth",
                "threehundredtwentyfirst", "threehundredtwentysecond", "threehundredtwentythird",
                "threehundredtwentyfourth", "threehundredtwentyfifth", "threehundredtwentysixth",
                "threehundredtwentyseventh", "threehundredtwentyeighth", "threehundredtwentyninth",
                "threehundredthirtieth", "threehundredthirtyfirst", "threehundredthirtysecond",
                "threehundredthirtythird", "threehundredthirtyfourth", "threehundredthirtyfifth",
                "threehundredthirtysixth", "threehundredthirtyseventh", "threehundredthirtyeighth",
                "threehundredthirtyninth", "threehundredfortieth", "threehundredfortyfirst", "threehundredfortysecond",
                "threehundredfortythird", "threehundredfortyfourth", "threehundredfortyfifth", "threehundredfortysixth",
                "threehundredfortyseventh", "threehundredfortyeighth", "threehundredfortyninth", "threehundredfiftieth",
                "threehundredfiftyfirst", "threehundredfiftysecond", "threehundredfiftythird",
                "threehundredfiftyfourth", "threehundredfiftyfifth", "threehundredfiftysixth",
                "threehundredfiftyseventh", "threehundredfiftyeighth", "threehundredfiftyninth", "threehundredsixtieth",
                "threehundredsixtyfirst", "threehundredsixtysecond", "threehundredsixtythird",
                "threehundredsixtyfourth", "threehundredsixtyfifth", "threehundredsixtysixth",
                "threehundredsixtyseventh", "threehundredsixtyeighth", "threehundredsixtyninth",
                "threehundredseventieth", "threehundredseventyfirst", "threehundredseventysecond",
                "threehundredseventythird", "threehundredseventyfourth", "threehundredseventyfifth",
                "threehundredseventysixth", "threehundredseventyseventh", "threehundredseventyeighth",
                "threehundredseventyninth", "threehundredeightieth", "threehundredeightyfirst",
                "threehundredeightysecond", "threehundredeightythird", "threehundredeightyfourth",
                "threehundredeightyfifth", "threehundredeightysixth", "threehundredeightyseventh",
                "threehundredeightyeighth", "threehundredeightyninth", "threehundredninetieth",
                "threehundredninetyfirst", "threehundredninetysecond", "threehundredninetythird",
                "threehundredninetyfourth", "threehundredninetyfifth", "threehundredninetysixth",
                "threehundredninetyseventh", "threehundredninetyeighth", "threehundredninetyninth",
                "fourhundredth", "fourhundredfirst", "fourhundredsecond", "fourhundredthird",
                "fourhundredfourth", "fourhundredfifth", "fourhundredsixth", "fourhundredseventh",
                "fourhundredeighth", "fourhundredninth", "fourhundredtenth", "fourhundredeleventh",
                "fourhundredtwelfth", "fourhundredthirteenth", "fourhundredfourteenth", "fourhundredfifteenth",
                "fourhundredsixteenth", "fourhundredseventeenth", "fourhundredeighteenth", "fourhundrednineteenth",
    "fourhundredtwentieth", "fourhundredtwentyfirst", "fourhundredtwentysecond", "fourhundredtwentythird",
    "fourhundredtwentyfourth", "fourhundredtwentyfifth", "fourhundredtwentysixth", "fourhundredtwentyseventh",
    "fourhundredtwentyeighth", "fourhundredtwentyninth", "fourhundredthirtieth", "fourhundredthirtyfirst",
    "fourhundredthirtysecond", "fourhundredthirtythird", "fourhundredthirtyfourth", "fourhundredthirtyfifth",
    "fourhundredthirtysixth", "fourhundredthirtyseventh", "fourhundredthirtyeighth", "fourhundredthirtyninth",
    "fourhundredfortieth", "fourhundredfortyfirst", "fourhundredfortysecond", "fourhundredfortythird",
    "fourhundredfortyfourth", "fourhundredfortyfifth", "fourhundredfortysixth", "fourhundredfortyseventh",
    "fourhundredfortyeighth", "fourhundredfortyninth", "fourhundredfiftieth",
    "fourhundredfiftyfirst", "fourhundredfiftysecond", "fourhundredfiftythird", "fourhundredfiftyfourth",
    "fourhundredfiftyfifth", "fourhundredfiftysixth", "fourhundredfiftyseventh", "fourhundredfiftyeighth",
    "fourhundredfiftyninth", "fourhundredsixtieth", "fourhundredsixtyfirst", "fourhundredsixtysecond",
    "fourhundredsixtythird", "fourhundredsixtyfourth", "fourhundredsixtyfifth", "fourhundredsixtysixth",
    "fourhundredsixtyseventh", "fourhundredsixtyeighth", "fourhundredsixtyninth",
    "fourhundredseventieth", "fourhundredseventyfirst", "fourhundredseventysecond", "fourhundredseventythird",
    "fourhundredseventyfourth", "fourhundredseventyfifth", "fourhundredseventysixth", "fourhundredseventyseventh",
    "fourhundredseventyeighth", "fourhundredseventyninth", "fourhundredeightieth", "fourhundredeightyfirst",
    "fourhundredeightysecond", "fourhundredeightythird", "fourhundredeightyfourth", "fourhundredeightyfifth",
    "fourhundredeightysixth", "fourhundredeightyseventh", "fourhundredeightyeighth", "fourhundredeightyninth",
    "fourhundredninetieth", "fourhundredninetyfirst", "fourhundredninetysecond", "fourhundredninetythird",
    "fourhundredninetyfourth", "fourhundredninetyfifth", "fourhundredninetysixth", "fourhundredninetyseventh",
    "fourhundredninetyeighth", "fourhundredninetyninth",
    "fivehundredth", "fivehundredfirst", "fivehundredsecond", "fivehundredthird", "fivehundredfourth",
    "fivehundredfifth", "fivehundredsixth", "fivehundredseventh", "fivehundredeighth", "fivehundredninth",
    "fivehundredtenth", "fivehundredeleventh", "fivehundredtwelfth", "fivehundredthirteenth", "fivehundredfourteenth",
    "fivehundredfifteenth", "fivehundredsixteenth", "fivehundredseventeenth", "fivehundredeighteenth",
    "fivehundrednineteenth", "fivehundredtwentieth", "fivehundredtwentyfirst", "fivehundredtwentysecond",
    "fivehundredtwentythird", "fivehundredtwentyfourth",
    "fivehundredtwentyfifth", "fivehundredtwentysixth", "fivehundredtwentyseventh", "fivehundredtwentyeighth",
    "fivehundredtwentyninth", "fivehundredthirtieth", "fivehundredthirtyfirst", "fivehundredthirtysecond",
    "fivehundredthirtythird", "fivehundredthirtyfourth", "fivehundredthirtyfifth", "fivehundredthirtysixth",
    "fivehundredthirtyseventh", "fivehundredthirtyeighth", "fivehundredthirtyninth", "fivehundredfortieth",
    "fivehundredfortyfirst", "fivehundredfortysecond", "fivehundredfortythird", "fivehundredfortyfourth",
    "fivehundredfortyfifth", "fivehundredfortysixth", "fivehundredfortyseventh", "fivehundredfortyeighth",
    "fivehundredfortyninth", "fivehundredfiftieth", "fivehundredfiftyfirst", "fivehundredfiftysecond",
    "fivehundredfiftythird", "fivehundredfiftyfourth", "fivehundredfiftyfifth", "fivehundredfiftysixth",
    "fivehundredfiftyseventh", "fivehundredfiftyeighth", "fivehundredfiftyninth", "fivehundredsixtieth",
    "fivehundredsixtyfirst", "fivehundredsixtysecond", "fivehundredsixtythird", "fivehundredsixtyfourth",
    "fivehundredsixtyfifth", "fivehundredsixtysixth", "fivehundredsixtyseventh", "fivehundredsixtyeighth",
    "fivehundredsixtyninth", "fivehundredseventieth", "fivehundredseventyfirst", "fivehundredseventysecond",
    "fivehundredseventythird", "fivehundredseventyfourth", "fivehundredseventyfifth", "fivehundredseventysixth",
    "fivehundredseventyseventh", "fivehundredseventyeighth", "fivehundredseventyninth", "fivehundredeightieth",
    "fivehundredeightyfirst", "fivehundredeightysecond", "fivehundredeightythird", "fivehundredeightyfourth",
    "fivehundredeightyfifth", "fivehundredeightysixth", "fivehundredeightyseventh", "fivehundredeightyeighth",
    "fivehundredeightyninth", "fivehundredninetieth", "fivehundredninetyfirst", "fivehundredninetysecond",
    "fivehundredninetythird", "fivehundredninetyfourth", "fivehundredninetyfifth", "fivehundredninetysixth",
    "fivehundredninetyseventh", "fivehundredninetyeighth", "fivehundredninetyninth", "sixhundredth",
    "sixhundredfirst", "sixhundredsecond", "sixhundredthird", "sixhundredfourth", "sixhundredfifth", "sixhundredsixth",
    "sixhundredseventh", "sixhundredeighth", "sixhundredninth", "sixhundredtenth", "sixhundredeleventh",
    "sixhundredtwelfth", "sixhundredthirteenth", "sixhundredfourteenth",
    "sixhundredfifteenth", "sixhundredsixteenth", "sixhundredseventeenth", "sixhundredeighteenth",
    "sixhundrednineteenth", "sixhundredtwentieth", "sixhundredtwentyfirst", "sixhundredtwentysecond",
    "sixhundredtwentythird", "sixhundredtwentyfourth", "sixhundredtwentyfifth", "sixhundredtwentysixth",
    "sixhundredtwentyseventh", "sixhundredtwentyeighth", "sixhundredtwentyninth", "sixhundredthirtieth",
    "sixhundredthirtyfirst", "sixhundredthirtysecond", "sixhundredthirtythird", "sixhundredthirtyfourth",
    "sixhundredthirtyfifth", "sixhundredthirtysixth", "sixhundredthirtyseventh", "sixhundredthirtyeighth",
    "sixhundredthirtyninth", "sixhundredfortieth", "sixhundredfortyfirst", "sixhundredfortysecond",
    "sixhundredfortythird", "sixhundredfortyfourth", "sixhundredfortyfifth", "sixhundredfortysixth",
    "sixhundredfortyseventh", "sixhundredfortyeighth", "sixhundredfortyninth",
    "sixhundredfiftieth", "sixhundredfiftyfirst", "sixhundredfiftysecond", "sixhundredfiftythird",
    "sixhundredfiftyfourth", "sixhundredfiftyfifth", "sixhundredfiftysixth", "sixhundredfiftyseventh",
    "sixhundredfiftyeighth", "sixhundredfiftyninth", "sixhundredsixtieth", "sixhundredsixtyfirst",
    "sixhundredsixtysecond", "sixhundredsixtythird", "sixhundredsixtyfourth", "sixhundredsixtyfifth",
    "sixhundredsixtysixth", "sixhundredsixtyseventh", "sixhundredsixtyeighth", "sixhundredsixtyninth",
    "sixhundredseventieth", "sixhundredseventyfirst", "sixhundredseventysecond", "sixhundredseventythird",
    "sixhundredseventyfourth", "sixhundredseventyfifth", "sixhundredseventysixth", "sixhundredseventyseventh",
    "sixhundredseventyeighth", "sixhundredseventyninth", "sixhundredeightieth", "sixhundredeightyfirst",
    "sixhundredeightysecond", "sixhundredeightythird", "sixhundredeightyfourth", "sixhundredeightyfifth",
    "sixhundredeightysixth", "sixhundredeightyseventh", "sixhundredeightyeighth", "sixhundredeightyninth",
    "sixhundredninetieth", "sixhundredninetyfirst", "sixhundredninetysecond", "sixhundredninetythird",
    "sixhundredninetyfourth", "sixhundredninetyfifth", "sixhundredninetysixth", "sixhundredninetyseventh",
    "sixhundredninetyeighth", "sixhundredninetyninth", "sevenhundredth", "sevenhundredfirst", "sevenhundredsecond",
    "sevenhundredthird", "sevenhundredfourth", "sevenhundredfifth", "sevenhundredsixth", "sevenhundredseventh",
    "sevenhundredeighth", "sevenhundredninth", "sevenhundredtenth", "sevenhundredeleventh", "sevenhundredtwelfth",
    "sevenhundredthirteenth", "sevenhundredfourteenth",
    "sevenhundredfifteenth", "sevenhundredsixteenth", "sevenhundredseventeenth", "sevenhundredeighteenth",
    "sevenhundrednineteenth", "sevenhundredtwentieth", "sevenhundredtwentyfirst", "sevenhundredtwentysecond",
    "sevenhundredtwentythird", "sevenhundredtwentyfourth", "sevenhundredtwentyfifth", "sevenhundredtwentysixth",
    "sevenhundredtwentyseventh", "sevenhundredtwentyeighth", "sevenhundredtwentyninth", "sevenhundredthirtieth",
    "sevenhundredthirtyfirst", "sevenhundredthirtysecond", "sevenhundredthirtythird", "sevenhundredthirtyfourth",
    "sevenhundredthirtyfifth", "sevenhundredthirtysixth", "sevenhundredthirtyseventh", "sevenhundredthirtyeighth",
    "sevenhundredthirtyninth",
    "sevenhundredfortieth",
    "sevenhundredfortyfirst",
    "sevenhundredfortysecond",
    "sevenhundredfortythird",
    "sevenhundredfortyfourth",
    "sevenhundredfortyfifth",
    "sevenhundredfortysixth",
    "sevenhundredfortyseventh",
    "sevenhundredfortyeighth",
    "sevenhundredfortyninth",
    "sevenhundredfiftieth",
    "sevenhundredfiftyfirst",
    "sevenhundredfiftysecond",
    "sevenhundredfiftythird",
    "sevenhundredfiftyfourth",
    "sevenhundredfiftyfifth", "sevenhundredfiftysixth", "sevenhundredfiftyseventh", "sevenhundredfiftyeighth",
    "sevenhundredfiftyninth")


# Every red-flag file: the first set's, each later set's (the check set has none), then the files of
# 40 red flags and 40 look-alikes.
RED_FLAG_SETS = ("red_flags.jsonl", *(f"{name}_red_flags.jsonl" for name in SYMPTOM_SETS if name != "check"),
                 "stress_red_flags.jsonl",
                 "more_red_flags.jsonl", "blind_red_flags.jsonl", "voices_red_flags.jsonl", "casual_red_flags.jsonl",
                 "typed_red_flags.jsonl", "described_red_flags.jsonl", "embedded_red_flags.jsonl",
                 "terse_red_flags.jsonl", "asked_red_flags.jsonl", "paired_red_flags.jsonl",
                 "elsewhere_red_flags.jsonl", "registers_red_flags.jsonl",
                 "stories_red_flags.jsonl", "mixed_red_flags.jsonl", "bodypart_red_flags.jsonl",
                 "forum_red_flags.jsonl", "people_red_flags.jsonl",
                 "sports_red_flags.jsonl", "short_red_flags.jsonl", "clinic_red_flags.jsonl",
                 "family_red_flags.jsonl", "masters_red_flags.jsonl", "events_red_flags.jsonl",
                 "plain_red_flags.jsonl", "worried_red_flags.jsonl", "training_red_flags.jsonl",
                 "students_red_flags.jsonl", "outdoors_red_flags.jsonl", "medical_red_flags.jsonl",
                 "understated_red_flags.jsonl", "dictated_red_flags.jsonl", "regional_red_flags.jsonl",
                 "comments_red_flags.jsonl", "crosstrain_red_flags.jsonl", "women_red_flags.jsonl",
                 "listed_red_flags.jsonl", "texting_red_flags.jsonl", "numbers_red_flags.jsonl",
                 "secondlang_red_flags.jsonl", "coach_red_flags.jsonl", "halfmedical_red_flags.jsonl",
                 "gym_red_flags.jsonl", "brief_red_flags.jsonl",
                 "longform_red_flags.jsonl", "beginners_red_flags.jsonl",
                 "teens_red_flags.jsonl", "walkers_red_flags.jsonl", "recruits_red_flags.jsonl",
                 "metaphors_red_flags.jsonl", "conditions_red_flags.jsonl", "marshals_red_flags.jsonl",
                 "wearables_red_flags.jsonl", "adaptive_red_flags.jsonl", "travel_red_flags.jsonl",
                 "postillness_red_flags.jsonl", "nightshift_red_flags.jsonl", "selfdiagnosed_red_flags.jsonl",
                 "midlife_red_flags.jsonl", "buggy_red_flags.jsonl",
                 "anxious_red_flags.jsonl", "track_red_flags.jsonl", "manual_red_flags.jsonl",
                 "weather_red_flags.jsonl", "clubmates_red_flags.jsonl", "returners_red_flags.jsonl",
                 "ultra_red_flags.jsonl", "parents_red_flags.jsonl",
                 "commuters_red_flags.jsonl", "holiday_red_flags.jsonl", "canicross_red_flags.jsonl",
                 "jobs_red_flags.jsonl", "negations_red_flags.jsonl", "medications_red_flags.jsonl",
                 "nightowl_red_flags.jsonl", "hashtags_red_flags.jsonl", "ocr_red_flags.jsonl",
                 "replies_red_flags.jsonl", "timeline_red_flags.jsonl", "insurance_red_flags.jsonl",
                 "sarcasm_red_flags.jsonl", "abbreviations_red_flags.jsonl", "idioms_red_flags.jsonl",
                 "afterdoctor_red_flags.jsonl", "stretchasks_red_flags.jsonl", "comparisons_red_flags.jsonl",
                 "household_red_flags.jsonl", "diet_red_flags.jsonl", "kids_red_flags.jsonl",
                 "nonnative_red_flags.jsonl", "voicenotes_red_flags.jsonl", "threadtitles_red_flags.jsonl",
                 "teenslang_red_flags.jsonl", "lifters_red_flags.jsonl", "rambling_red_flags.jsonl",
                 "elders_red_flags.jsonl", "coachrf_red_flags.jsonl", "marathontent_red_flags.jsonl",
                 "pregnancy_red_flags.jsonl", "typosrf_red_flags.jsonl", "stoic_red_flags.jsonl",
                 "racerecap_red_flags.jsonl", "spouserf_red_flags.jsonl", "comorbid_red_flags.jsonl",
                 "dailyfunction_red_flags.jsonl", "unirf_red_flags.jsonl", "isitnormal_red_flags.jsonl",
                 "olderwomen_red_flags.jsonl", "tripsrf_red_flags.jsonl", "trirf_red_flags.jsonl",
                 "nursesrf_red_flags.jsonl", "newmumsrf_red_flags.jsonl", "remoterf_red_flags.jsonl",
                 "yogarf_red_flags.jsonl", "farmersrf_red_flags.jsonl", "teachersrf_red_flags.jsonl",
                 "dancersrf_red_flags.jsonl", "militaryrf_red_flags.jsonl", "footballrf_red_flags.jsonl",
                 "hikersrf_red_flags.jsonl", "genzrf_red_flags.jsonl", "cyclistsrf_red_flags.jsonl",
                 "gardenersrf_red_flags.jsonl", "truckersrf_red_flags.jsonl", "sprintersrf_red_flags.jsonl",
                 "officerf_red_flags.jsonl", "climbersrf_red_flags.jsonl", "swimmersrf_red_flags.jsonl",
                 "pilgrimsrf_red_flags.jsonl", "collegerf_red_flags.jsonl", "firefightersrf_red_flags.jsonl",
                 "musiciansrf_red_flags.jsonl", "fastingrf_red_flags.jsonl", "oldblokesrf_red_flags.jsonl",
                 "tradesrf_red_flags.jsonl", "dogsrf_red_flags.jsonl", "charitydadsrf_red_flags.jsonl",
                 "wintersportsrf_red_flags.jsonl", "newparentsrf_red_flags.jsonl", "grandparentsrf_red_flags.jsonl",
                 "raceweekrf_red_flags.jsonl", "engineersrf_red_flags.jsonl", "carersrf_red_flags.jsonl",
                 "hospitalityrf_red_flags.jsonl", "secondlanguagerf_red_flags.jsonl", "policerf_red_flags.jsonl",
                 "orienteersrf_red_flags.jsonl", "martialartsrf_red_flags.jsonl", "seafarersrf_red_flags.jsonl",
                 "cabincrewrf_red_flags.jsonl", "retailrf_red_flags.jsonl", "gamersrf_red_flags.jsonl",
                 "hotclimatesrf_red_flags.jsonl", "scoutleadersrf_red_flags.jsonl", "postiesrf_red_flags.jsonl",
                 "festivalrf_red_flags.jsonl", "animalcarerf_red_flags.jsonl", "busdriversrf_red_flags.jsonl",
                 "dialectrf_red_flags.jsonl", "trailrf_red_flags.jsonl", "shiftworkrf_red_flags.jsonl",
                 "rugbyrf_red_flags.jsonl", "januaryrf_red_flags.jsonl", "wearablesrf_red_flags.jsonl",
                 "walkersrf_red_flags.jsonl", "runcommuterrf_red_flags.jsonl", "gymgoersrf_red_flags.jsonl",
                 "beautyrf_red_flags.jsonl", "couriersrf_red_flags.jsonl", "ultrarf_red_flags.jsonl",
                 "anxiousrf_red_flags.jsonl", "stoicrf_red_flags.jsonl", "equestrianrf_red_flags.jsonl",
                 "disabilityrf_red_flags.jsonl", "menopauserf_red_flags.jsonl", "juniorcoachrf_red_flags.jsonl",
                 "doctorsrf_red_flags.jsonl", "farmworkersrf_red_flags.jsonl", "seniorwomenrf_red_flags.jsonl",
                 "paddlerf_red_flags.jsonl", "clubchatrf_red_flags.jsonl", "warehouserf_red_flags.jsonl",
                 "mtbrf_red_flags.jsonl", "chefsrf_red_flags.jsonl", "childmindersrf_red_flags.jsonl",
                 "rowersrf_red_flags.jsonl", "trekkersrf_red_flags.jsonl", "smallbizrf_red_flags.jsonl",
                 "vanliferf_red_flags.jsonl", "callcentrerf_red_flags.jsonl", "securityrf_red_flags.jsonl",
                 "tailwalkersrf_red_flags.jsonl", "charitywalkrf_red_flags.jsonl", "bakersrf_red_flags.jsonl",
                 "golfersrf_red_flags.jsonl", "beekeepersrf_red_flags.jsonl", "taxirf_red_flags.jsonl",
                 "lifeguardsrf_red_flags.jsonl", "removalsrf_red_flags.jsonl", "phdrf_red_flags.jsonl",
                 "hairdressersrf_red_flags.jsonl", "portersrf_red_flags.jsonl", "choirrf_red_flags.jsonl",
                 "nightshiftnursesrf_red_flags.jsonl", "allotmentrf_red_flags.jsonl", "esportsrf_red_flags.jsonl",
                 "cruiserf_red_flags.jsonl", "vetsrf_red_flags.jsonl", "librariansrf_red_flags.jsonl",
                 "theatrerf_red_flags.jsonl", "plumbersrf_red_flags.jsonl", "dentalrf_red_flags.jsonl",
                 "fishermenrf_red_flags.jsonl", "partnersrf_red_flags.jsonl", "freshersrf_red_flags.jsonl",
                 "brewersrf_red_flags.jsonl", "nurseryrf_red_flags.jsonl", "drivinginstructorsrf_red_flags.jsonl",
                 "pastoralrf_red_flags.jsonl", "cleanersrf_red_flags.jsonl", "logisticsrf_red_flags.jsonl",
                 "groundsrf_red_flags.jsonl", "carpentersrf_red_flags.jsonl", "spinrf_red_flags.jsonl",
                 "journalistsrf_red_flags.jsonl", "baggagerf_red_flags.jsonl", "photographersrf_red_flags.jsonl",
                 "refuserf_red_flags.jsonl", "pharmacistsrf_red_flags.jsonl", "accountantsrf_red_flags.jsonl",
                 "estateagentsrf_red_flags.jsonl", "scaffoldersrf_red_flags.jsonl", "tattoorf_red_flags.jsonl",
                 "windowcleanersrf_red_flags.jsonl", "winetraderf_red_flags.jsonl", "markettradersrf_red_flags.jsonl",
                 "lifeboatrf_red_flags.jsonl", "floristsrf_red_flags.jsonl", "mechanicsrf_red_flags.jsonl",
                 "electriciansrf_red_flags.jsonl", "bricklayersrf_red_flags.jsonl", "lawyersrf_red_flags.jsonl",
                 "dockersrf_red_flags.jsonl", "surveyorsrf_red_flags.jsonl", "midwivesrf_red_flags.jsonl",
                 "butchersrf_red_flags.jsonl", "operasingersrf_red_flags.jsonl", "joinersrf_red_flags.jsonl",
                 "arboristsrf_red_flags.jsonl", "barbersrf_red_flags.jsonl", "signwritersrf_red_flags.jsonl",
                 "firecrewsrf_red_flags.jsonl", "postalrf_red_flags.jsonl", "stagedancersrf_red_flags.jsonl",
                 "minersrf_red_flags.jsonl", "factoryrf_red_flags.jsonl", "surfersrf_red_flags.jsonl",
                 "pilotsrf_red_flags.jsonl", "groomersrf_red_flags.jsonl", "refereesrf_red_flags.jsonl",
                 "funeralrf_red_flags.jsonl", "circusrf_red_flags.jsonl", "guidesrf_red_flags.jsonl",
                 "railrf_red_flags.jsonl", "sweepsrf_red_flags.jsonl", "labrf_red_flags.jsonl",
                 "magiciansrf_red_flags.jsonl", "astronomersrf_red_flags.jsonl", "locksmithsrf_red_flags.jsonl",
                 "pottersrf_red_flags.jsonl", "kitchenfittersrf_red_flags.jsonl", "diversrf_red_flags.jsonl",
                 "roofersrf_red_flags.jsonl", "skatersrf_red_flags.jsonl", "diaryrf_red_flags.jsonl",
                 "bikersrf_red_flags.jsonl", "doorstaffrf_red_flags.jsonl", "foodtrucksrf_red_flags.jsonl",
                 "zookeepersrf_red_flags.jsonl", "quarryrf_red_flags.jsonl", "weddingrf_red_flags.jsonl",
                 "roadiesrf_red_flags.jsonl", "glaziersrf_red_flags.jsonl", "rangersrf_red_flags.jsonl",
    "ferryrf_red_flags.jsonl", "jockeysrf_red_flags.jsonl", "dentistsrf_red_flags.jsonl",
    "bellringersrf_red_flags.jsonl", "tailorsrf_red_flags.jsonl", "sailingrf_red_flags.jsonl",
    "glassblowersrf_red_flags.jsonl", "organistsrf_red_flags.jsonl", "falconersrf_red_flags.jsonl",
    "thatchersrf_red_flags.jsonl", "blacksmithsrf_red_flags.jsonl", "bookbindersrf_red_flags.jsonl",
    "stonemasonsrf_red_flags.jsonl", "clockmakersrf_red_flags.jsonl", "coopersrf_red_flags.jsonl",
    "saddlersrf_red_flags.jsonl", "weaversrf_red_flags.jsonl", "millinersrf_red_flags.jsonl",
    "upholsterersrf_red_flags.jsonl", "bargeesrf_red_flags.jsonl", "cartographersrf_red_flags.jsonl",
    "puppeteersrf_red_flags.jsonl", "archaeologistsrf_red_flags.jsonl", "shearersrf_red_flags.jsonl",
    "hedgelayersrf_red_flags.jsonl", "laundryrf_red_flags.jsonl", "boatbuildersrf_red_flags.jsonl",
    "wheelwrightsrf_red_flags.jsonl", "chocolatiersrf_red_flags.jsonl", "pianomoversrf_red_flags.jsonl",
    "cranedriversrf_red_flags.jsonl", "cheesemakersrf_red_flags.jsonl", "interpretersrf_red_flags.jsonl",
    "fishmongersrf_red_flags.jsonl", "tilersrf_red_flags.jsonl", "trafficwardensrf_red_flags.jsonl",
    "pestcontrolrf_red_flags.jsonl", "caretakersrf_red_flags.jsonl", "ushersrf_red_flags.jsonl",
    "crossingpatrolrf_red_flags.jsonl", "ropeaccessrf_red_flags.jsonl", "caddiesrf_red_flags.jsonl",
    "funfairrf_red_flags.jsonl", "roadsweepersrf_red_flags.jsonl", "telecomrf_red_flags.jsonl",
    "scrapyardrf_red_flags.jsonl", "orchardrf_red_flags.jsonl", "brewdrayrf_red_flags.jsonl",
    "farriersrf_red_flags.jsonl", "auctioneersrf_red_flags.jsonl", "liftengineersrf_red_flags.jsonl",
    "turbinetechsrf_red_flags.jsonl", "pianotunersrf_red_flags.jsonl", "drystonewallersrf_red_flags.jsonl",
    "housekeepersrf_red_flags.jsonl", "valetersrf_red_flags.jsonl", "prisonofficersrf_red_flags.jsonl",
    "carpetfittersrf_red_flags.jsonl", "airtrafficrf_red_flags.jsonl", "stuntsrf_red_flags.jsonl",
    "treeplantersrf_red_flags.jsonl", "skiliftrf_red_flags.jsonl", "dinnerladiesrf_red_flags.jsonl",
    "offshorerf_red_flags.jsonl", "buskersrf_red_flags.jsonl", "mountainrescuerf_red_flags.jsonl",
    "paramedicsrf_red_flags.jsonl", "weldersrf_red_flags.jsonl", "cobblersrf_red_flags.jsonl",
    "shepherdsrf_red_flags.jsonl", "printworkersrf_red_flags.jsonl", "lockkeepersrf_red_flags.jsonl",
    "gravediggersrf_red_flags.jsonl", "fishfarmrf_red_flags.jsonl", "tyrefittersrf_red_flags.jsonl",
    "steeplejacksrf_red_flags.jsonl", "mushroompickersrf_red_flags.jsonl", "lighthousekeepersrf_red_flags.jsonl",
    "sewerworkersrf_red_flags.jsonl", "vineyardrf_red_flags.jsonl", "poolstaffrf_red_flags.jsonl",
    "cocklepickersrf_red_flags.jsonl", "roadworkersrf_red_flags.jsonl", "fitnessinstructorsrf_red_flags.jsonl",
    "recyclingrf_red_flags.jsonl", "solarinstallersrf_red_flags.jsonl", "radiographersrf_red_flags.jsonl",
    "greenhousegrowersrf_red_flags.jsonl", "hostelstaffrf_red_flags.jsonl", "skydivingrf_red_flags.jsonl",
    "dairyrf_red_flags.jsonl", "bingocallersrf_red_flags.jsonl", "shipwrightsrf_red_flags.jsonl",
    "zumbarf_red_flags.jsonl", "icerinkrf_red_flags.jsonl", "snookerrf_red_flags.jsonl",
    "gondoliersrf_red_flags.jsonl", "museumguardsrf_red_flags.jsonl", "escaperoomsrf_red_flags.jsonl",
    "parkingattendantsrf_red_flags.jsonl", "cheerleadersrf_red_flags.jsonl", "rodeorf_red_flags.jsonl",
    "lumberjacksrf_red_flags.jsonl", "bartendersrf_red_flags.jsonl", "filmcrewrf_red_flags.jsonl",
    "garagerf_red_flags.jsonl", "linecooksrf_red_flags.jsonl", "conventrf_red_flags.jsonl",
    "casinorf_red_flags.jsonl", "stewardsrf_red_flags.jsonl", "chessrf_red_flags.jsonl",
    "tennisrf_red_flags.jsonl", "brassbandrf_red_flags.jsonl", "icecreamvanrf_red_flags.jsonl",
    "trampolinerf_red_flags.jsonl", "ziplinerf_red_flags.jsonl", "bowlsrf_red_flags.jsonl",
    "cricketrf_red_flags.jsonl", "pickleballrf_red_flags.jsonl", "wrestlingrf_red_flags.jsonl",
    "kartingandmotocrossrf_red_flags.jsonl", "footballfansrf_red_flags.jsonl", "rowingclubrf_red_flags.jsonl",
    "beachvolleyballrf_red_flags.jsonl", "hurlingrf_red_flags.jsonl", "airsoftrf_red_flags.jsonl",
    "crossfitrf_red_flags.jsonl", "pilatesrf_red_flags.jsonl", "ultimatefrisbeerf_red_flags.jsonl",
    "rollerderbyrf_red_flags.jsonl", "parkourrf_red_flags.jsonl", "morrisdancingrf_red_flags.jsonl",
    "skateboardrf_red_flags.jsonl", "dragonboatrf_red_flags.jsonl", "lacrosserf_red_flags.jsonl",
    "waterpolorf_red_flags.jsonl", "boulderingrf_red_flags.jsonl", "cavingrf_red_flags.jsonl",
    "courtsportsrf_red_flags.jsonl", "fencingrf_red_flags.jsonl", "gymnasticsrf_red_flags.jsonl",
    "racketsportsrf_red_flags.jsonl", "archeryrf_red_flags.jsonl", "drumcorpsrf_red_flags.jsonl",
    "hockeyrf_red_flags.jsonl", "strongmanrf_red_flags.jsonl", "kitesurfrf_red_flags.jsonl",
    "paraglidersrf_red_flags.jsonl", "mushersrf_red_flags.jsonl", "canyoningrf_red_flags.jsonl",
    "bmxrf_red_flags.jsonl", "bobsleighrf_red_flags.jsonl", "sumorf_red_flags.jsonl", "polorf_red_flags.jsonl",
    "biathlonrf_red_flags.jsonl", "mastersathleticsrf_red_flags.jsonl", "kabaddirf_red_flags.jsonl",
    "capoeirarf_red_flags.jsonl", "poledancerf_red_flags.jsonl", "sepaktakrawrf_red_flags.jsonl",
    "highlandgamesrf_red_flags.jsonl", "freedivingrf_red_flags.jsonl", "ballroomrf_red_flags.jsonl",
    "wheelchairracingrf_red_flags.jsonl", "skijumpingrf_red_flags.jsonl", "handballrf_red_flags.jsonl",
    "netballrf_red_flags.jsonl", "kayakslalomrf_red_flags.jsonl", "dodgeballrf_red_flags.jsonl",
    "curlingrf_red_flags.jsonl", "obstaclecourserf_red_flags.jsonl", "lugerf_red_flags.jsonl",
    "racewalkingrf_red_flags.jsonl", "gaelicfootballrf_red_flags.jsonl", "artisticswimmingrf_red_flags.jsonl",
    "dartsrf_red_flags.jsonl", "javelinrf_red_flags.jsonl",
    "korfballrf_red_flags.jsonl", "canoepolorf_red_flags.jsonl", "powerliftingrf_red_flags.jsonl",
    "goalballrf_red_flags.jsonl", "bandyrf_red_flags.jsonl", "sledhockeyrf_red_flags.jsonl",
    "tchoukballrf_red_flags.jsonl", "underwaterhockeyrf_red_flags.jsonl", "cyclocrossrf_red_flags.jsonl",
    "fistballrf_red_flags.jsonl", "floorballrf_red_flags.jsonl", "speedskatingrf_red_flags.jsonl",
    "ringetterf_red_flags.jsonl", "pesapallorf_red_flags.jsonl", "rhythmicgymnasticsrf_red_flags.jsonl",
    "teqballrf_red_flags.jsonl", "roundnetrf_red_flags.jsonl", "kendorf_red_flags.jsonl",
    "padelrf_red_flags.jsonl", "footvolleyrf_red_flags.jsonl", "samborf_red_flags.jsonl",
    "francophonerf_red_flags.jsonl", "hispanohablanterf_red_flags.jsonl", "lusofonorf_red_flags.jsonl",
    "deutschrf_red_flags.jsonl", "italianorf_red_flags.jsonl", "nederlandsrf_red_flags.jsonl")


def red_flag_check(flagged_by: Callable[[str], bool],
                   name: str = "red_flags.jsonl") -> tuple[int, int, int, int, list[str]]:
    """(red flags noticed, red flags, false alarms, ordinary queries, the misses and false alarms)."""
    cases = [json.loads(line) for line in (SYMPTOMS / name).open(encoding="utf-8")]
    noticed = alarms = 0
    wrong = []
    for case in cases:
        flagged = flagged_by(case["text"])
        if case["red_flag"] and flagged:
            noticed += 1
        elif not case["red_flag"] and flagged:
            alarms += 1
        if flagged != case["red_flag"]:
            wrong.append(case["text"])
    flags = sum(c["red_flag"] for c in cases)
    return noticed, flags, alarms, len(cases) - flags, wrong


def symptom_alarms(flagged_by: Callable[[str], bool]) -> tuple[int, int, list[str]]:
    """Red flags raised on the graded symptom searches, which are all ordinary: (flagged, searches, which)."""
    texts = [json.loads(line)["text"] for path in sorted(SYMPTOMS.glob("*queries.jsonl"))
             for line in path.open(encoding="utf-8")]
    flagged = [t for t in texts if flagged_by(t)]
    return len(flagged), len(texts), flagged


def flagged_on_the_demo(vocab, tmp: Path) -> tuple[Callable[[str], bool], Callable[[], None]]:  # type: ignore[no-untyped-def]
    """Whether a search of the demo blog carries a red-flag notice, as a reader sees it (a typo in
    the symptom corrected first), and a function that closes the index."""
    docs, _, _, posts = load_symptom_queries()
    engine = Ours(docs, tmp, vocab, posts)
    return (lambda text: bool(engine.index.search(SearchRequest(q=text, per_page=K)).red_flags)), engine.close


def to_posts(docs: Docs) -> list[Post]:
    return [Post(id=d["id"], title=d.get("title") or "", body=d.get("text") or "", slug=d["id"]) for d in docs]


# ------------------------------------------------------------------------------------- metrics


def ndcg(ranked: list[str], rels: dict[str, int], k: int = K) -> float:
    dcg = sum((2 ** rels.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(rels.values(), reverse=True)[:k]
    idcg = sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def average_precision(ranked: list[str], rels: dict[str, int]) -> float:
    hits, total = 0, 0.0
    for i, d in enumerate(ranked[:DEPTH]):
        if d in rels:
            hits += 1
            total += hits / (i + 1)
    return total / len(rels) if rels else 0.0


def recall(ranked: list[str], rels: dict[str, int]) -> float:
    return len(set(ranked[:DEPTH]) & set(rels)) / len(rels) if rels else 0.0


# ------------------------------------------------------------------------------------- engines


class Ours:
    name = "runphys"
    latency_name = "runphys search()"

    def __init__(self, docs: Docs, workdir: Path, vocab, posts: list[Post] | None = None) -> None:  # type: ignore[no-untyped-def]
        self.vocab = vocab
        tagged = index_posts(posts or to_posts(docs), workdir / "ours", vocab)
        # Nothing remembered: every timed search is worked out, as a first-time search is.
        self.index = SearchIndex.open(workdir / "ours", {p.id: p for p in tagged}, vocab, remember=0)

    def rank(self, text: str) -> list[str]:
        """What a reader pages through: `search()` page after page, 10 at a time, up to DEPTH."""
        out: list[str] = []
        for page in range(1, DEPTH // K + 1):
            result = self.index.search(SearchRequest(q=text, per_page=K, page=page))
            out += [hit.id for hit in result.hits]
            if len(out) >= result.total or not result.hits:
                break
        return out

    def latency_query(self, text: str) -> None:
        self.index.search(SearchRequest(q=text, per_page=K))

    def close(self) -> None:
        self.index.close()


class OursRanked(Ours):
    """Latency only: the same open index, `ranked_ids(q, 10)` (no facets, no excerpts)."""

    name = latency_name = "runphys ranked_ids()"

    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    def latency_query(self, text: str) -> None:
        self.index.ranked_ids(text, K)

    def close(self) -> None:
        pass  # Ours closes the shared index


class Fts5:
    name = "SQLite FTS5"

    def __init__(self, docs: Docs, workdir: Path) -> None:
        self.db = sqlite3.connect(str(workdir / "fts.db"), check_same_thread=False)
        self.db.execute("CREATE VIRTUAL TABLE d USING fts5(id UNINDEXED, title, body, categories, tags, "
                        "tokenize='porter unicode61')")
        self.db.executemany("INSERT INTO d VALUES (?,?,?,?,?)", [
            (x["id"], x.get("title", ""), x.get("text", ""), x.get("categories", ""), x.get("tags", "")) for x in docs])
        self.db.commit()

    @staticmethod
    def match(text: str) -> str:
        words = list(dict.fromkeys(w.lower() for w in _WORD.findall(text)))
        return " OR ".join(f'"{w}"' for w in words)

    def rank(self, text: str, limit: int = DEPTH) -> list[str]:
        expr = self.match(text)
        if not expr:
            return []
        rows = self.db.execute("SELECT id, title FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT ?", (expr, limit))
        return [r[0] for r in rows]

    def latency_query(self, text: str) -> None:
        self.rank(text, K)

    def close(self) -> None:
        self.db.close()


class Tantivy:
    name = "tantivy"

    def __init__(self, docs: Docs, workdir: Path) -> None:
        b = tantivy.SchemaBuilder()
        b.add_text_field("id", stored=True, tokenizer_name="raw")
        b.add_text_field("title", stored=True, tokenizer_name="en_stem")
        b.add_text_field("body", stored=False, tokenizer_name="en_stem")
        # The mapped categories and tags, where a collection has them (the reader queries).
        self.fields = ["title", "body"] + [f for f in ("categories", "tags") if any(x.get(f) for x in docs)]
        for extra in self.fields[2:]:
            b.add_text_field(extra, stored=False, tokenizer_name="en_stem")
        self.index = tantivy.Index(b.build(), path=None)
        writer = self.index.writer(heap_size=100_000_000, num_threads=1)
        for x in docs:
            extra = {f: x.get(f, "") for f in self.fields[2:]}
            writer.add_document(tantivy.Document(id=x["id"], title=x.get("title", ""), body=x.get("text", ""), **extra))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def rank(self, text: str, limit: int = DEPTH) -> list[str]:
        # Lower case: a reader's "CAVES IN" or "OR" is words, not tantivy's operators.
        words = " ".join(_WORD.findall(text)).lower()
        if not words:
            return []
        q = self.index.parse_query(words, self.fields)
        hits = self.searcher.search(q, limit).hits
        return [self.searcher.doc(addr)["id"][0] for _, addr in hits]

    def latency_query(self, text: str) -> None:
        self.rank(text, K)

    def close(self) -> None:
        pass


# ------------------------------------------------------------------------------------ runners


FIRSTS: dict[tuple[str, str], tuple[int, int]] = {}  # (collection, engine) -> (right post first, queries)


def quality(vocab, only: tuple[str, ...] = ()) -> list[tuple[str, str, float, float, float]]:  # type: ignore[no-untyped-def]
    rows = []
    sets: dict[str, Callable[[], tuple[Docs, Queries, Qrels, list[Post] | None]]] = {
        c: (lambda c=c: (*load_collection(c), None)) for c in COLLECTIONS}
    sets["exercises"] = lambda: (*load_exercises(), None)
    sets["exercise_reader_queries"] = load_reader_queries
    sets["demo_symptom_queries"] = load_symptom_queries
    for name in SYMPTOM_SETS:
        sets[f"demo_symptom_{name}"] = lambda name=name: load_symptom_queries(f"{name}_")
    for name, loader in sets.items():
        if only and not name.startswith(only):
            continue
        docs, queries, qrels, posts = loader()
        with tempfile.TemporaryDirectory() as tmp:
            engines = [Ours(docs, Path(tmp), vocab, posts), Fts5(docs, Path(tmp)), Tantivy(docs, Path(tmp))]
            for engine in engines:
                ranked = {q: engine.rank(text) for q, text in queries.items()}
                scores = [(ndcg(r, qrels[q]), average_precision(r, qrels[q]), recall(r, qrels[q]))
                          for q, r in ranked.items()]
                rows.append((name, engine.name, *(statistics.fmean(s[i] for s in scores) for i in range(3))))
                FIRSTS[(name, engine.name)] = (sum(right_first(r, qrels[q]) for q, r in ranked.items()), len(ranked))
                engine.close()
    return rows


def scaled_docs(n: int, seed: int = 7) -> Docs:
    pool: Docs = []
    for c in COLLECTIONS:
        pool.extend(d for d in load_collection(c)[0] if d.get("text"))
    rng = random.Random(seed)
    out = []
    for i in range(n):
        a, b, c = rng.choice(pool), rng.choice(pool), rng.choice(pool)
        out.append({"id": f"s{i}", "title": a.get("title") or a["text"][:80], "text": f"{b['text']} {c['text']}"})
    return out


def latency(sizes: list[int], vocab) -> list[tuple[int, str, float, float, float]]:  # type: ignore[no-untyped-def]
    queries: list[str] = []
    for c in COLLECTIONS:
        queries.extend(" ".join(t.split()[:6]) for t in load_collection(c)[1].values())
    queries = queries[:200]
    rows = []
    for n in sizes:
        docs = scaled_docs(n)
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            ours = Ours(docs, Path(tmp), vocab)
            build_ours = time.perf_counter() - started
            engines = [OursRanked(ours.index), ours, Fts5(docs, Path(tmp)), Tantivy(docs, Path(tmp))]
            for engine in engines:
                for q in queries[:10]:
                    engine.latency_query(q)  # warm-up
                times = []
                for q in queries:
                    t0 = time.perf_counter()
                    engine.latency_query(q)
                    times.append((time.perf_counter() - t0) * 1000)
                times.sort()
                p50 = times[len(times) // 2]
                p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
                rows.append(
                    (
                        n,
                        getattr(engine, "latency_name", engine.name),
                        p50,
                        p99,
                        build_ours if isinstance(engine, Ours) else float("nan"),
                    )
                )
                engine.close()
    return rows


def tables(qrows: list, lrows: list) -> str:  # type: ignore[type-arg]
    out = [
        "## Quality (top 100 per query)",
        "",
        "| collection | engine | nDCG@10 | MAP | Recall@100 |",
        "|---|---|---|---|---|",
    ]
    out += [f"| {c} | {e} | {a:.3f} | {b:.3f} | {r:.3f} |" for c, e, a, b, r in qrows]
    out += ["", "### Mean over collections", "", "| engine | nDCG@10 | MAP | Recall@100 |", "|---|---|---|---|"]
    by_engine: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for _c, e, a, b, r in qrows:
        by_engine[e].append((a, b, r))
    for e, vals in by_engine.items():
        out.append(f"| {e} | " + " | ".join(f"{statistics.fmean(v[i] for v in vals):.3f}" for i in range(3)) + " |")
    symptom = [(c, e, n) for (c, e), n in FIRSTS.items() if c.startswith("demo_symptom")]
    if symptom:
        out += ["", "### Demo symptom queries: the right post first", "", "| collection | engine | right post first |",
                "|---|---|---|"]
        out += [f"| {c} | {e} | {hits} of {total} |" for c, e, (hits, total) in symptom]
    if lrows:
        out += ["", "## Latency (in-process, top 10)", "",
                "| docs | engine | p50 ms | p99 ms | p50 vs best peer | p99 vs best peer | p50 vs FTS5 |",
                "|---|---|---|---|---|---|---|"]
        for n in sorted({r[0] for r in lrows}):
            rs = [r for r in lrows if r[0] == n]
            peers = [r for r in rs if not r[1].startswith("runphys")]
            best50, best99 = min(r[2] for r in peers), min(r[3] for r in peers)
            fts50 = next(r[2] for r in rs if r[1] == Fts5.name)
            for _, e, p50, p99, _b in rs:
                out.append(f"| {n} | {e} | {p50:.3f} | {p99:.3f} | {p50 / best50:.1f}× | {p99 / best99:.1f}× "
                           f"| {p50 / fts50:.2f}× |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="doc counts for latency, e.g. 1000,10000,100000")
    parser.add_argument("--out", type=Path, help="also write the tables to this file")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--only", default="", help="quality of these collections only, by name prefix, comma-separated "
                        "(e.g. demo_symptom,cranfield)")
    args = parser.parse_args(argv)
    vocab = load_vocabulary()
    only = tuple(c.strip() for c in args.only.split(",") if c.strip())
    qrows = [] if args.skip_quality else quality(vocab, only)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    text = tables(qrows, latency(sizes, vocab) if sizes else [])
    text += "\n\n### Red flags (benchmarks/symptom_queries/*red_flags.jsonl)\n"
    with tempfile.TemporaryDirectory() as tmp:
        flagged_by, close = flagged_on_the_demo(vocab, Path(tmp))
        for name in RED_FLAG_SETS:
            noticed, flags, alarms, ordinary, wrong = red_flag_check(flagged_by, name)
            text += (f"\n{name}: noticed {noticed} of {flags} red flags; false alarms {alarms} of {ordinary} ordinary "
                     "queries" + (f"; wrong: {wrong}" if wrong else ""))
        flagged, searches, which = symptom_alarms(flagged_by)
        close()
    text += (f"\n\nGraded symptom searches (all ordinary) flagged: {flagged} of {searches}"
             + (f": {which}" if which else ""))
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

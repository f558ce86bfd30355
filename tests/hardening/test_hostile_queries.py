"""Queries built to cost the most, sent to a live server: each is answered (200, the usual shape)
with its excess dropped and said so, and the work it can cause is bounded by construction (the
clause cap, the words the speller looks at). Their time is measured in benchmarks/query_cost.py."""

from __future__ import annotations

import random
import string
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from runphys.search.query_parse import MAX_CLAUSES, MAX_QUERY_CHARS, plan, sanitize
from runphys.search.spelling import MAX_CORRECTIONS, corrected_text
from runphys.text.vocabulary_file import package_vocabulary

RNG = random.Random(5)
HOSTILE = {
    "and_chain": " AND ".join(["knee"] * 120),
    "or_chain": " OR ".join(f"word{i}" for i in range(200)),
    "exclusions": " ".join(["-knee"] * 120),
    "nested": "(" * 300 + "knee" + ")" * 300,
    "one_long_word": "".join(RNG.choice(string.ascii_lowercase) for _ in range(2000)),
    "misspelt": " ".join("".join(RNG.choice(string.ascii_lowercase) for _ in range(12)) for _ in range(40)),
    "long_phrase": '"' + " ".join(["the pressure of the flow"] * 40) + '"',
    "unbalanced": "((( \"knee AND -(( OR NOT )))) \" ((",
}


def test_hostile_queries_are_capped_by_construction() -> None:
    vocabulary = package_vocabulary()
    for name, query in HOSTILE.items():
        text, notices = sanitize(query)
        assert len(text) <= MAX_QUERY_CHARS, name
        if len(query) > MAX_QUERY_CHARS:
            assert notices == (f"query cut to {MAX_QUERY_CHARS} characters",)
        assert plan(text, vocabulary).clause_count <= MAX_CLAUSES, name
    many = plan(" ".join(f"w{i}x" for i in range(200)), vocabulary)
    assert many.clause_count == MAX_CLAUSES and any("left out" in n for n in many.notices)


def test_the_speller_looks_at_a_few_words_only() -> None:
    vocabulary = package_vocabulary()
    asked: list[str] = []

    class Counting:
        def known(self, word: str) -> bool:
            return False

        def everyday(self, word: str) -> bool:
            return False

        def suggest(self, word: str) -> str | None:
            asked.append(word)
            return None

        def split(self, word: str) -> str | None:
            return None  # a joined word: bounded by the word's length, at most MAX_WORD splits

        def g_dropped(self, word: str) -> str | None:
            return None  # one lookup of the word with its g put back

    corrected_text(plan(HOSTILE["misspelt"], vocabulary), Counting(), vocabulary)  # type: ignore[arg-type]
    assert len(asked) == MAX_CORRECTIONS


@pytest.mark.slow
def test_a_live_server_answers_every_hostile_query_and_keeps_serving(serve_app) -> None:
    server = serve_app(rate_limit_per_minute=100_000)
    with httpx.Client(base_url=server.url, timeout=30) as client:
        def ask(query: str) -> httpx.Response:
            return client.get("/api/v1/search", params={"q": query, "per_page": 10})

        with ThreadPoolExecutor(4) as pool:  # four clients at once, as in the attack
            answers = list(pool.map(ask, [q for q in HOSTILE.values() for _ in range(3)]))
        for answer in answers:
            assert answer.status_code == 200, answer.text
            body = answer.json()
            assert set(body) >= {"query", "total", "hits", "notices", "match"}
            assert len(body["query"]) <= MAX_QUERY_CHARS
        cut = ask(HOSTILE["or_chain"]).json()
        assert any("cut to" in n or "left out" in n for n in cut["notices"])
        ordinary = ask("knee")
        assert ordinary.status_code == 200 and ordinary.json()["total"] > 0

"""What the search index holds and how it weighs it: fields, boosts and the BM25F parameters.

Scores are per-field BM25 summed over the fields (Whoosh's BM25F), with the standard BM25 idf:
for a term t and a post d,

    impact(t, d) = sum over fields f of
                   BOOST[f] * idf_f(t) * tf * (K1 + 1) / (tf + K1 * (1 - B[f] + B[f] * len_f(d) / avg_f))

computed once at build for every (term, post) pair, so a search only adds stored numbers up.
"""

from __future__ import annotations

import math

# Query-time boosts per field: a title match counts more than a tag/category/body-part match,
# which counts more than a body mention. Title 1.2 with title B 0.5 measured best over the IR
# collections (2.0 and 1.5 lost 1-5% nDCG and recall on cisi/adi; benchmarks/search_quality.py).
FIELD_BOOSTS: dict[str, float] = {"title": 1.2, "tags": 1.1, "topics": 1.1, "body": 1.0}
TEXT_FIELDS: tuple[str, ...] = tuple(FIELD_BOOSTS)

# BM25 parameters. Body B close to 1 so a very long post's many mentions are normalised away;
# short fields (title, tags) barely depend on length.
K1 = 1.2
FIELD_B: dict[str, float] = {"title": 0.5, "tags": 0.3, "topics": 0.3, "body": 0.75}

# Vocabulary concepts and kinds of post are indexed as terms of their own; so are stop words
# (never part of a match, but a post that shares "have" with a question outranks one that does
# not, as in the peers: it matters in small collections, where such words are not in every post).
CONCEPT = "concept:"
KIND = "kind:"
STOP = "stop:"
PLACE = "place:"  # a region of a body part a post mentions ("place:knee.outside"), see text/symptoms.py
WHEN = "when:"  # when it hurts, as a post says it ("when:first_steps": "out of bed", "first thing")
# Stop words are counted against every word of a post (title, tags and body together).
STOP_FIELD, STOP_BOOST, STOP_B = "words", 1.0, 0.75
# A post's kinds (stretch, strength, ...) count as one short field of their own.
KIND_BOOST = 1.0


def bm25_idf(doc_frequency: int, doc_count: int) -> float:
    """Robertson-Sparck Jones IDF as Lucene, tantivy and FTS5 use it: near 0 for common words."""
    return math.log(1.0 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5))


def concept_term(key: str) -> str:
    return CONCEPT + key


def kind_term(key: str) -> str:
    return KIND + key


def place_term(key: str) -> str:
    return PLACE + key


def when_term(key: str) -> str:
    return WHEN + key


def stop_term(word: str) -> str:
    return STOP + word

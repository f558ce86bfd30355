"""The Whoosh schema of the search index, its field boosts and its BM25F weighting."""

from __future__ import annotations

import math
from typing import Any

from whoosh import scoring
from whoosh.analysis import Analyzer, LowercaseFilter, RegexTokenizer
from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import analyzer

SCHEMA_VERSION = 1

# Query-time boosts per field (multiplied into each clause's score): a title match counts more
# than a tag/category/body-part match, which counts more than a body mention. Tags and topics
# sit just under the title: the IR collections have neither, so only the title was tuned there.
# Title 1.2 with title B 0.5 measured best over the IR collections (2.0 and 1.5 lost 1-5% nDCG
# and recall on cisi/adi; benchmarks/search_quality.py).
FIELD_BOOSTS: dict[str, float] = {
    "title": 1.2,
    "tags": 1.1,
    "topics": 1.1,
    "body": 1.0,
}
# Fields searched for plain words and phrases (all TEXT with positions).
TEXT_FIELDS: tuple[str, ...] = tuple(FIELD_BOOSTS)
# Keyword fields holding vocabulary keys, matched by a concept expansion.
CONCEPT_FIELDS: dict[str, float] = {"concepts": 1.2, "body_parts": 0.6, "injuries": 0.6}

# BM25 parameters. Body B close to 1 so a very long post's many mentions are normalised away;
# short fields (title, tags) barely depend on length.
K1 = 1.2
FIELD_B: dict[str, float] = {"title": 0.5, "tags": 0.3, "topics": 0.3, "body": 0.75}


def bm25_idf(doc_frequency: int, doc_count: int) -> float:
    """Robertson-Sparck Jones IDF as Lucene, tantivy and FTS5 use it: near 0 for common words."""
    return math.log(1.0 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5))


class _BM25F(scoring.BM25F):
    """Whoosh's BM25F with the standard BM25 IDF.

    Whoosh's own IDF, log(N / (df + 1)) + 1, never drops below ~1, so a common word weighed
    almost half as much as a rare one and long questions ranked posts by their common words.
    """

    def idf(self, searcher: Any, fieldname: str, text: str) -> float:
        parent = searcher.get_parent()
        return bm25_idf(parent.doc_frequency(fieldname, text), parent.doc_count_all())


def weighting() -> scoring.WeightingModel:
    """BM25F with the per-field B values above and the standard BM25 IDF."""
    return _BM25F(B=0.75, K1=K1, **{f"{name}_B": b for name, b in FIELD_B.items()})


def _words_analyzer() -> Analyzer:
    # Unstemmed, already-folded words: the dictionary for spelling corrections.
    return RegexTokenizer(r"[^\W_]+") | LowercaseFilter()


def build_schema() -> Schema:
    """A fresh schema instance (the analyzer is shared; it holds no state)."""
    text = analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        slug=ID(stored=True),
        title=TEXT(analyzer=text, stored=True, phrase=True),
        body=TEXT(analyzer=text, stored=True, phrase=True),
        # Category and tag display names as searchable text.
        tags=TEXT(analyzer=text, phrase=True),
        # Display names and surface terms of the post's body parts and injuries.
        topics=TEXT(analyzer=text, phrase=True),
        # Facet / filter values (lowercased category names, vocabulary keys).
        categories=KEYWORD(commas=True, lowercase=True, stored=True),
        body_parts=KEYWORD(commas=True, stored=True),
        injuries=KEYWORD(commas=True, stored=True),
        concepts=KEYWORD(commas=True, scorable=True),
        words=TEXT(analyzer=_words_analyzer(), phrase=False),
        author=ID(stored=True),
        date=DATETIME(stored=True, sortable=True),
        year=NUMERIC(int, stored=True),
        has_video=BOOLEAN(stored=True),
        # Display data for hits: url, excerpt, thumbnail, category names, date ISO string.
        meta=STORED(),
    )

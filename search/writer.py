"""Writes the search part of a bundle version from posts analysed once (`tagging.AnalysedPost`):
the impact matrix, facets, filters, sentences, feedback counts, spelling words, type-ahead and the
Whoosh text store. Everything a search needs that does not depend on the search is made here.

Posts arrive one at a time (`SearchPartWriter.add`) and only compact arrays are kept of each, so
a build's memory grows with the index, not with the text it read.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..index.post import Post
from ..text.analysis import STOPWORDS, analyse
from ..text.tagging import AnalysedPost
from ..text.vocabulary import Vocabulary
from .excerpts import Sentences, sentences_of
from .facets import FacetTable, category_key, make_facet
from .feedback import FEEDBACK_CHARS
from .impact import ImpactMatrix
from .part import NO_DATE, Feedback, SearchPart, save
from .schema import (
    FIELD_B,
    FIELD_BOOSTS,
    K1,
    KIND_BOOST,
    STOP_B,
    STOP_BOOST,
    STOP_FIELD,
    concept_term,
    kind_term,
    place_term,
    stop_term,
    when_term,
)
from .suggest import entries
from .text_store import TextStoreWriter

# Every field the impact matrix scores, with its boost and length normalisation.
SCORED = (*((f, FIELD_BOOSTS[f], FIELD_B[f]) for f in FIELD_BOOSTS), ("kinds", KIND_BOOST, 0.3),
          (STOP_FIELD, STOP_BOOST, STOP_B))


def topics_text(keys: Sequence[str], vocabulary: Vocabulary) -> str:
    """The names of a post's body parts and injuries, as text (the `topics` field)."""
    parts: list[str] = []
    for key in keys:
        if vocabulary.has_concept(key):
            parts.append(vocabulary.label(key))
            parts.extend(vocabulary.expansions(key))
        else:
            parts.append(key.replace("_", " "))
    return " . ".join(parts)


class SearchPartWriter:
    """Collects what the search part needs from each post, then writes it (`finish`)."""

    def __init__(self, directory: Path, vocabulary: Vocabulary) -> None:
        self.directory = directory
        self.vocabulary = vocabulary
        self.term_ids: dict[str, int] = {}
        # Per scored field: (term id, post, term count) of each distinct term of each post.
        self._fields = {name: (array("i"), array("i"), array("i")) for name, _, _ in SCORED}
        self._lengths = {name: array("i") for name, _, _ in SCORED}
        self._feedback = (array("q", [0]), array("i"), array("H"))
        self._sentences = (array("q", [0]), array("i"), array("q", [0]), array("i"))
        self._words: Counter[str] = Counter()
        self._posts: list[Post] = []
        self._text = TextStoreWriter(directory / "text")

    def add(self, doc: AnalysedPost) -> None:
        """Take what the index needs of one post (in bundle order)."""
        post = doc.post
        number = len(self._posts)
        self._posts.append(post)
        tagged = tuple(dict.fromkeys((*post.body_parts, *post.injuries)))
        fields = {
            "title": doc.title.indexed(),
            "tags": doc.tags.indexed(),
            "topics": analyse(topics_text(tagged, self.vocabulary)).indexed(),
            "body": doc.body.indexed(),
        }
        counts: dict[str, Counter[str]] = {name: Counter(terms) for name, terms in fields.items()}
        for name in ("title", "tags", "body"):
            counts[name].update({concept_term(key): n for key, n in doc.concepts[name].items()})
            # An injury's name is a mention of its body part too: "Runner's Knee" in a title is about the knee.
            counts[name].update({concept_term(part): n for key, n in doc.concepts[name].items()
                                 if (part := self._part_of(key)) is not None})
        for name, places in doc.places.items():
            counts[name].update({place_term(key): n for key, n in places.items()})
        for name, triggers in doc.triggers.items():
            counts[name].update({when_term(key): n for key, n in triggers.items()})
        counts["topics"].update({concept_term(key): 1 for key in tagged})
        counts["kinds"] = Counter(kind_term(k) for k in post.kinds)
        every = (*doc.title.words, *doc.tags.words, *doc.body.words)
        counts[STOP_FIELD] = Counter(stop_term(w) for w in every if w in STOPWORDS)
        lengths = {name: len(terms) for name, terms in fields.items()}
        lengths["kinds"], lengths[STOP_FIELD] = len(post.kinds), len(every)
        for name, _, _ in SCORED:
            terms_, owners, tfs = self._fields[name]
            for term, tf in counts[name].items():
                terms_.append(self._id(term))
                owners.append(number)
                tfs.append(tf)
            self._lengths[name].append(lengths[name])
        self._add_feedback(doc)
        self._add_sentences(doc)
        self._words.update(set(doc.title.words) | set(doc.tags.words) | set(doc.body.words))
        self._text.add(number, fields)

    def finish(self) -> dict[str, int]:
        """Score, pack and write the part; the text store is closed."""
        self._text.close()
        posts = self._posts
        impact = self._impact()
        body_terms, _body_owners, _ = self._fields["body"]
        body_df = np.bincount(np.asarray(body_terms, dtype=np.int64), minlength=len(self.term_ids)).astype(np.int32)
        fb_ptr, fb_terms, fb_counts = self._feedback
        s_ptr, s_spans, s_term_ptr, s_terms = self._sentences
        part = SearchPart(
            ids=[p.id for p in posts],
            impact=impact,
            feedback=Feedback(np.asarray(fb_ptr, dtype=np.int64), np.asarray(fb_terms, dtype=np.int32),
                              np.asarray(fb_counts, dtype=np.uint16)),
            body_df=body_df,
            facets=_facets(posts),
            video=np.asarray([p.has_video for p in posts], dtype=bool),
            year=np.asarray([p.date.year if p.date else 0 for p in posts], dtype=np.int32),
            date=np.asarray([_epoch(p) for p in posts], dtype=np.int64),
            date_order=_date_order(posts),
            sentences=Sentences(np.asarray(s_ptr, dtype=np.int64), np.asarray(s_spans, dtype=np.int32).reshape(-1, 2),
                                np.asarray(s_term_ptr, dtype=np.int64), np.asarray(s_terms, dtype=np.int32)),
            words=dict(self._words),
            suggest=_suggest(posts, self.vocabulary),
        )
        save(self.directory, part)
        return {"posts": len(posts), "terms": len(impact.terms)}

    # -- per post ------------------------------------------------------------------------------

    def _part_of(self, key: str) -> str | None:
        if not self.vocabulary.has_concept(key):
            return None
        concept = self.vocabulary.concept(key)
        return concept.body_part if concept.kind == "injury" else None

    def _id(self, term: str) -> int:
        found = self.term_ids.get(term)
        if found is None:
            found = self.term_ids[term] = len(self.term_ids)
        return found

    def _add_feedback(self, doc: AnalysedPost) -> None:
        """Counts of the title's and the body start's terms (what RM3 reads of a top post)."""
        ptr, terms, counts = self._feedback
        body = [
            t for t, s in zip(doc.body.terms, doc.body.starts, strict=False) if t is not None and s < FEEDBACK_CHARS
        ]
        for term, n in sorted(Counter([*doc.title.indexed(), *body]).items()):
            terms.append(self._id(term))
            counts.append(min(n, 65_535))
        ptr.append(len(terms))

    def _add_sentences(self, doc: AnalysedPost) -> None:
        """The body start's sentences, each with the ids of the terms in it."""
        ptr, spans, term_ptr, terms = self._sentences
        for s, e, found in sentences_of(doc.post.body, doc.body):
            spans.extend((s, e))
            terms.extend(sorted({self._id(t) for t in found}))
            term_ptr.append(len(terms))
        ptr.append(len(spans) // 2)

    # -- the matrix ----------------------------------------------------------------------------

    def _impact(self) -> ImpactMatrix:
        """Per field BM25 of every (term, post), summed over the fields, packed by term."""
        import scipy.sparse as sp  # build time only

        n = len(self._posts)
        size = len(self.term_ids)
        total: Any = sp.csr_matrix((size, n), dtype=np.float64)
        for name, boost, b in SCORED:
            terms_, owners, tfs = (np.asarray(a, dtype=np.int64) for a in self._fields[name])
            if not len(terms_):
                continue
            lengths = np.asarray(self._lengths[name], dtype=np.float64)
            df = np.bincount(terms_, minlength=size).astype(np.float64)
            idf = np.log1p((n - df + 0.5) / (df + 0.5))  # schema.bm25_idf, for every term at once
            norm = K1 * ((1.0 - b) + b * lengths[owners] / (lengths.mean() or 1.0))
            tf = tfs.astype(np.float64)
            scores = boost * idf[terms_] * tf * (K1 + 1.0) / (tf + norm)
            total = total + sp.csr_matrix((scores, (terms_, owners)), shape=(size, n))
        total = sp.csr_matrix(total)
        total.sort_indices()
        terms = [""] * size
        for term, i in self.term_ids.items():
            terms[i] = term
        return ImpactMatrix(terms, total.indptr.astype(np.int64), total.indices.astype(np.int32),
                            total.data.astype(np.float32))


def _epoch(post: Post) -> int:
    if post.date is None:
        return int(NO_DATE)
    try:
        return int(post.date.astimezone(UTC).timestamp())
    except (OverflowError, ValueError, OSError):
        # The importers drop dates outside 1900..2199, but a post can also come from an admin edit;
        # a date UTC cannot hold (year 1 at +05:00) must not fail the build: it sorts as undated.
        return int(NO_DATE)


def _date_order(posts: Sequence[Post]) -> npt.NDArray[np.int32]:
    """Docnums newest first; undated last; ties by docnum."""
    keys = [(0, -_epoch(p), i) if p.date else (1, 0, i) for i, p in enumerate(posts)]
    return np.asarray([i for *_, i in sorted(keys)], dtype=np.int32)


def _facets(posts: Sequence[Post]) -> FacetTable:
    labels: dict[str, str] = {}
    for post in posts:
        for name in post.categories:
            labels.setdefault(category_key(name), name)
    facets = {
        "category": make_facet([tuple(category_key(c) for c in p.categories) for p in posts]),
        "body_part": make_facet([p.body_parts for p in posts]),
        "injury": make_facet([p.injuries for p in posts]),
        "video": make_facet([(p.has_video,) for p in posts]),
        "year": make_facet([(p.date.year,) if p.date else () for p in posts]),
    }
    return FacetTable(len(posts), facets, labels)


def _suggest(posts: Sequence[Post], vocabulary: Vocabulary) -> list[list[object]]:
    counts = Counter(k for p in posts for k in (*p.body_parts, *p.injuries))
    concepts = []
    for surface, key in vocabulary.prefix_terms():
        concept = vocabulary.concept(key)
        concepts.append((surface, key, concept.kind, counts.get(key, 0), surface == concept.name))
    return entries([(p.title, p.slug or p.id) for p in posts], concepts)

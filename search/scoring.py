"""Clauses to scores: sparse sums over impact-matrix rows, numpy only.

A clause evaluates to the posts it reaches (ascending docnums) and each one's score. Rows are
already BM25F scores, so scoring is gathering, adding and taking maxima.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .impact import ImpactMatrix
from .query_compile import TIEBREAK, Clause

Docs = npt.NDArray[np.int32]
Scores = npt.NDArray[np.float32]
Sparse = tuple[Docs, Scores]

# A quoted phrase is first answered from the impact rows (the posts holding all its words); only
# the best of those are then read for positions, within these bounds and the search's deadline.
# Reading one post's positions costs Whoosh ~0.1-0.3 ms at 24,000 posts (a posting block
# decompressed and walked per word), so a whole search reads at most PHRASE_DOCS posts, whatever
# its phrases: the costliest query stays within a few ordinary ones (benchmarks/query_cost.py).
PHRASE_DOCS = 32  # posts whose positions one search reads, over all its phrases
PHRASE_DOCS_EACH = 16  # ... and one phrase, best-scoring first (more than a page of results)
PHRASE_POSITIONS = 10_000  # positions one search reads at most
# Time one search may spend reading positions (an ordinary search takes ~1.5 ms at 24,000 posts):
# past it the phrases' other candidates are kept unread, however few posts were read.
PHRASE_WORK_SECONDS = 0.005
PHRASE_SECONDS = 0.25  # the search's deadline when no search gives one


@dataclass
class PhraseBudget:
    """What the quoted phrases of one search may still cost; `cut` once one was checked in part
    (the posts left unchecked hold all the phrase's words, and are kept as matching them)."""

    deadline: float  # time.monotonic() past which no more positions are read
    docs_left: int = PHRASE_DOCS
    docs_per_phrase: int = PHRASE_DOCS_EACH
    positions_left: int = PHRASE_POSITIONS
    work_seconds: float = PHRASE_WORK_SECONDS  # left for reading positions, over all phrases
    cut: bool = False


# (phrase terms, candidate posts ascending, their scores, budget) -> which candidates hold the phrase.
PhraseCheck = Callable[[Sequence[str], Docs, Scores, PhraseBudget], npt.NDArray[np.bool_]]

# Rows longer than this in all are intersected through per-post counts (linear) instead of sorting.
DENSE_FROM = 2_048
EMPTY: Sparse = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))


def evaluate(clause: Clause, impact: ImpactMatrix, size: int, phrase_check: PhraseCheck,
             budget: PhraseBudget | None = None) -> Sparse:
    """The posts `clause` reaches and their scores."""
    if budget is None:
        budget = PhraseBudget(time.monotonic() + PHRASE_SECONDS)
    if clause.kind == "rows":
        parts = []
        for term_id, weight in clause.rows:
            docs, data = impact.row(term_id)
            parts.append((docs, (data * np.float32(weight)).astype(np.float32)))
        return _best(parts)
    children = [evaluate(c, impact, size, phrase_check, budget) for c in clause.children]
    if clause.kind in ("all", "phrase"):
        found = _intersection(children)
        if clause.kind == "phrase" and len(found[0]):
            cut = budget.cut
            keep = phrase_check(clause.phrase, found[0], found[1], budget)
            # Only a phrase the reader quoted gets the notice: a name of several words ("runner's
            # knee") is its concept first, and its unread posts hold both words.
            budget.cut = budget.cut if clause.quoted else cut
            found = (found[0][keep], found[1][keep])
        return found
    if clause.kind == "any":
        return _sum(children)
    if clause.kind == "best":
        return _best(children)
    if clause.kind == "not":
        inside = np.zeros(size, dtype=bool)
        inside[children[0][0]] = True
        docs = np.flatnonzero(~inside).astype(np.int32)
        return docs, np.zeros(len(docs), dtype=np.float32)
    raise ValueError(clause.kind)


def _concat(parts: Sequence[Sparse]) -> tuple[Docs, Scores, npt.NDArray[np.intp]]:
    """All (doc, score) pairs sorted by doc, and where each run of one doc starts."""
    docs = np.concatenate([p[0] for p in parts])
    scores = np.concatenate([p[1] for p in parts])
    order = np.argsort(docs, kind="stable")
    docs, scores = docs[order], scores[order]
    starts = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]]) if len(docs) else np.zeros(0, dtype=np.intp)
    return docs, scores, starts


def _sum(parts: Sequence[Sparse]) -> Sparse:
    parts = [p for p in parts if len(p[0])]
    if len(parts) <= 1:
        return parts[0] if parts else EMPTY
    docs, scores, starts = _concat(parts)
    return docs[starts], np.add.reduceat(scores, starts).astype(np.float32)


def _best(parts: Sequence[Sparse]) -> Sparse:
    """Each post's best score plus TIEBREAK x the others (a post matching three ways counts once)."""
    parts = [p for p in parts if len(p[0])]
    if len(parts) <= 1:
        return parts[0] if parts else EMPTY
    docs, scores, starts = _concat(parts)
    best = np.maximum.reduceat(scores, starts)
    total = np.add.reduceat(scores, starts)
    return docs[starts], (best + np.float32(TIEBREAK) * (total - best)).astype(np.float32)


def _intersection(parts: Sequence[Sparse]) -> Sparse:
    if not parts:
        return EMPTY
    if len(parts) > 1 and all(len(p[0]) for p in parts) and sum(len(p[0]) for p in parts) > DENSE_FROM:
        return _dense_intersection(parts)
    docs, scores = parts[0]
    for other_docs, other_scores in parts[1:]:
        docs, here, there = np.intersect1d(docs, other_docs, assume_unique=True, return_indices=True)
        scores = scores[here] + other_scores[there]
    return docs.astype(np.int32), scores.astype(np.float32)


def _dense_intersection(parts: Sequence[Sparse]) -> Sparse:
    """The same answer for long rows without sorting them: counts and sums per post, in the same
    float32 order (each part lists a post once), then the posts every part reached."""
    size = max(int(p[0][-1]) for p in parts) + 1
    count = np.zeros(size, dtype=np.int32)
    total = np.zeros(size, dtype=np.float32)
    for docs, scores in parts:
        count[docs] += 1
        total[docs] += scores
    found = np.flatnonzero(count == len(parts)).astype(np.int32)
    return found, total[found]

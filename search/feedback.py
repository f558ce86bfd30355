"""Pseudo-relevance feedback (RM3-style) for long natural-language questions.

A reader's question ("what stretches help tight hamstrings after long runs ...") rarely uses the
words of the post that answers it. RM3 takes the top `FEEDBACK_DOCS` posts of the first ranking,
estimates a relevance model P(w|R) = sum_d P(w|d) P(d|q) from their words, and adds the
`FEEDBACK_TERMS` most likely new words to the query at `FEEDBACK_WEIGHT` times the weight of an
original word. Only queries with at least `MIN_QUERY_TERMS` distinct content terms get it: on
short queries feedback drifts more than it helps. Each feedback post is weighted by its score and by
how much it adds to the posts above it (`novelty`), so near-identical posts vote about once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

FEEDBACK_DOCS = 10
FEEDBACK_TERMS = 10
FEEDBACK_WEIGHT = 0.3
MIN_QUERY_TERMS = 5
FEEDBACK_CHARS = 5_000  # only the start of a long post is read for feedback words
MAX_DF_RATIO = 0.2  # words in more than this share of posts say nothing about the question
# How hard a feedback post is discounted for repeating the posts above it. 1: on the symptom sets
# +8 right first net, CISI 0.334 -> 0.339, ADI 0.471 -> 0.474; 2 and 3 gain more (+14, +17; CISI
# 0.345) but let a lone first post unlike the rest pull the expansion its own way ("calves tight
# even after a proper warm up": the warm-up post first, the calf posts no longer outvoting it).
FEEDBACK_NOVELTY = 1


def relevance_model(
    docs: Sequence[tuple[float, Counter[str]]],
    query_terms: set[str],
    doc_frequency: Callable[[str], int],
    doc_count: int,
    n_terms: int = FEEDBACK_TERMS,
) -> list[tuple[str, float]]:
    """The `n_terms` best new terms with weights in (0, 1] (the best term has 1).

    `docs` are (retrieval score, term counts) of the feedback documents, best first.
    """
    if not docs or doc_count <= 0:
        return []
    # P(d|q) proportional to the retrieval score (as Anserini's RM3 does).
    weights = [max(score, 0.0) for score, _ in docs]
    total_weight = sum(weights) or 1.0
    model: dict[str, float] = {}
    for weight, (_, counts) in zip(weights, docs, strict=False):
        length = sum(counts.values())
        if not length:
            continue
        for term, tf in counts.items():
            model[term] = model.get(term, 0.0) + (weight / total_weight) * tf / length
    limit = MAX_DF_RATIO * doc_count
    ranked: list[tuple[str, float]] = []
    for t, p in sorted(
        model.items(), key=lambda item: -item[1]
    ):  # document frequencies only for the candidates examined
        if t not in query_terms and len(t) > 2 and not t.isdigit() and doc_frequency(t) <= limit:
            ranked.append((t, p))
            if len(ranked) == n_terms:
                break
    if not ranked:
        return []
    best = ranked[0][1]
    return [(t, p / best) for t, p in ranked]


def relevance_model_arrays(
    docs: Sequence[tuple[float, npt.NDArray[np.int32], npt.NDArray[np.uint16]]],
    eligible: npt.NDArray[np.bool_],
    query_terms: npt.NDArray[np.int32],
    n_terms: int = FEEDBACK_TERMS,
) -> list[tuple[int, float]]:
    """`relevance_model` over term ids, each post's weight times its `novelty`: `docs` are
    (retrieval score, term ids, counts), best first; `eligible[id]` says a term may be added (a
    real word, not too common)."""
    weights = [max(score, 0.0) * novel for (score, _, _), novel in zip(docs, novelty(docs), strict=True)]
    total_weight = sum(weights) or 1.0
    ids: list[npt.NDArray[np.int32]] = []
    shares: list[npt.NDArray[np.float64]] = []
    for weight, (_, terms, counts) in zip(weights, docs, strict=False):
        length = float(counts.sum())
        if length:
            ids.append(terms)
            shares.append((weight / total_weight) * counts.astype(np.float64) / length)
    if not ids:
        return []
    found, where = np.unique(np.concatenate(ids), return_inverse=True)
    model = np.bincount(where, weights=np.concatenate(shares))
    keep = eligible[found] & ~np.isin(found, query_terms)
    found, model = found[keep], model[keep]
    if not len(found):
        return []
    top = np.argsort(-model, kind="stable")[:n_terms]
    best = float(model[top[0]])
    return [(int(found[i]), float(model[i]) / best) for i in top]


def novelty(docs: Sequence[tuple[float, npt.NDArray[np.int32], npt.NDArray[np.uint16]]]) -> list[float]:
    """How much each feedback post adds to the posts above it: (1 - its greatest cosine similarity
    to one of them) ** FEEDBACK_NOVELTY. Two near-identical posts in the top ten would otherwise vote
    twice for their own words and pull the expansion away from a lone post the question's words put
    first; a cluster of near-copies counts about once (diversity-aware feedback)."""
    if len(docs) < 2:
        return [1.0] * len(docs)
    found, where = np.unique(np.concatenate([terms for _, terms, _ in docs]), return_inverse=True)
    vectors = np.zeros((len(docs), len(found)))
    start = 0
    for row, (_, terms, counts) in enumerate(docs):
        vectors[row, where[start:start + len(terms)]] = counts
        start += len(terms)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    similar = vectors @ vectors.T
    return [1.0] + [max(0.0, 1.0 - float(similar[row, :row].max())) ** FEEDBACK_NOVELTY
                    for row in range(1, len(docs))]

"""How near each post is to a question's best answer.

A question ("foot lands way out in front of me, how do I fix it") usually finds its best answer,
then ranks the rest by the few words each post happens to share with it ("long runs", "foot").
The reader's next posts are the ones on the same problem as that answer: the cadence post after
the overstriding one. So a question's posts are raised by their likeness to the best one: the
cosine of their TF-IDF vectors over the title and body start (the counts RM3 reads, `Feedback`),
as a multiple of their own score, so a post the question hardly reaches is not pulled up by
likeness alone. Short searches keep their tiers: the best post of "foam roll hamstrings" is alike
other foam-rolling posts more than the hamstring ones the reader wants.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .part import Feedback

# A post's score is multiplied by 1 + NEAR_LIFT * its likeness (0 to 1) to the best answer; the best
# answer, alike itself, keeps its place. (1.0: on the symptom sets nDCG@10 0.902 -> 0.907, no right
# first post lost; cranfield 0.376 -> 0.389, med 0.717 -> 0.725, cisi 0.315 -> 0.334, adi 0.472 ->
# 0.471. 1.5 and 2.0 gain more on the symptom sets and lose adi 1%.)
NEAR_LIFT = 1.0
# Only the best-scoring posts are compared: the work per question stays bounded on a large blog.
NEAR_DOCS = 200


@dataclass(frozen=True)
class TermWeights:
    """Inverse document frequency per term id and each post's vector length, read once per index."""

    idf: npt.NDArray[np.float64]
    norms: npt.NDArray[np.float64]


def term_weights(feedback: Feedback, n_terms: int) -> TermWeights:
    n = len(feedback.ptr) - 1
    df = np.bincount(feedback.terms, minlength=n_terms)
    idf = np.log((n + 1) / (df + 1)) + 1.0  # smoothed, as scikit-learn's TfidfVectorizer
    weight = feedback.counts * idf[feedback.terms]
    rows = np.repeat(np.arange(n), np.diff(feedback.ptr))
    return TermWeights(idf, np.sqrt(np.bincount(rows, weights=weight * weight, minlength=n)))


def likeness(feedback: Feedback, weights: TermWeights, best: int, docs: npt.NDArray[np.int64]
             ) -> npt.NDArray[np.float64]:
    """The cosine of each of `docs` with post `best` (0 for a post with no words)."""
    ptr, idf = feedback.ptr, weights.idf
    own_terms = feedback.terms[ptr[best]:ptr[best + 1]]
    own = np.zeros(len(idf))  # the best post's vector, looked up by term id
    own[own_terms] = feedback.counts[ptr[best]:ptr[best + 1]] * idf[own_terms]
    spans = list(zip(ptr[docs].tolist(), ptr[docs + 1].tolist(), strict=True))
    terms = np.concatenate([feedback.terms[a:b] for a, b in spans])
    counts = np.concatenate([feedback.counts[a:b] for a, b in spans])
    rows = np.repeat(np.arange(len(docs)), [b - a for a, b in spans])
    dot = np.bincount(rows, weights=counts * idf[terms] * own[terms], minlength=len(docs))
    length = weights.norms[docs] * weights.norms[best]
    cosine: npt.NDArray[np.float64] = np.divide(dot, length, out=np.zeros(len(docs)), where=length > 0)
    return cosine


def near_the_best(score: npt.NDArray[np.float64], candidates: npt.NDArray[np.bool_], feedback: Feedback,
                  weights: TermWeights) -> npt.NDArray[np.float64]:
    """`score` with the NEAR_DOCS best candidates raised by their likeness to the best one."""
    docs = np.flatnonzero(candidates)
    if len(docs) < 2:
        return score
    top = docs[np.lexsort((docs, -score[docs]))][:NEAR_DOCS]
    out = score.copy()
    out[top] *= 1.0 + NEAR_LIFT * likeness(feedback, weights, int(top[0]), top)
    return out

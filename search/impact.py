"""The impact matrix: every (term, post) BM25F score computed at build, one sparse row per term.

A search adds a few rows together (any word), or keeps the posts every group of rows reaches
(all words), then takes the top k with one `argpartition`: no posting lists are decoded and no
formula runs at query time. Rows are stored as three plain arrays (CSR: `indptr`, `indices`,
`data`), read with numpy alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .schema import FIELD_B, FIELD_BOOSTS, K1, KIND_BOOST, STOP_B, STOP_BOOST, STOP_FIELD, bm25_idf, kind_term

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class FieldCounts:
    """One post as the index sees it: term counts and word length per field, and its kinds."""

    counts: Mapping[str, Counter[str]]  # field -> term -> tf
    lengths: Mapping[str, int]  # field -> number of words (stop words left out)
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImpactMatrix:
    """term x post scores (CSR); `terms[i]` is the text of row i."""

    terms: list[str]
    indptr: npt.NDArray[np.int64]
    indices: IntArray
    data: FloatArray

    def row(self, term_id: int) -> tuple[IntArray, FloatArray]:
        """The posts a term reaches (ascending) and its score in each."""
        start, end = int(self.indptr[term_id]), int(self.indptr[term_id + 1])
        return self.indices[start:end], self.data[start:end]

    def df(self, term_id: int) -> int:
        return int(self.indptr[term_id + 1] - self.indptr[term_id])


def build(posts: Sequence[FieldCounts]) -> ImpactMatrix:
    """Score every (term, post) pair with the BM25F of `schema` and pack the rows."""
    n = len(posts)
    term_ids: dict[str, int] = {}
    pieces_t: list[npt.NDArray[np.int64]] = []
    pieces_d: list[npt.NDArray[np.int64]] = []
    pieces_v: list[npt.NDArray[np.float64]] = []
    for field, boost in (*FIELD_BOOSTS.items(), ("kinds", KIND_BOOST), (STOP_FIELD, STOP_BOOST)):
        t_list: list[int] = []
        d_list: list[int] = []
        tf_list: list[int] = []
        lengths = np.zeros(n, dtype=np.float64)
        for doc, post in enumerate(posts):
            counts = Counter({kind_term(k): 1 for k in post.kinds}) if field == "kinds" else post.counts.get(field)
            lengths[doc] = len(post.kinds) if field == "kinds" else post.lengths.get(field, 0)
            for term, tf in (counts or {}).items():
                t_list.append(term_ids.setdefault(term, len(term_ids)))
                d_list.append(doc)
                tf_list.append(tf)
        if not t_list:
            continue
        t = np.asarray(t_list, dtype=np.int64)
        d = np.asarray(d_list, dtype=np.int64)
        freqs = np.asarray(tf_list, dtype=np.float64)
        doc_freq = np.bincount(t, minlength=len(term_ids)).astype(np.float64)
        idf = np.log1p((n - doc_freq + 0.5) / (doc_freq + 0.5))  # bm25_idf, vectorised
        b = FIELD_B.get(field, STOP_B if field == STOP_FIELD else 0.3)
        avg = lengths.mean() or 1.0
        norm = K1 * ((1.0 - b) + b * lengths[d] / avg)
        pieces_t.append(t)
        pieces_d.append(d)
        pieces_v.append(boost * idf[t] * freqs * (K1 + 1.0) / (freqs + norm))
    return _pack(list(term_ids), pieces_t, pieces_d, pieces_v, n)


def _pack(terms: list[str], ts: list[npt.NDArray[np.int64]], ds: list[npt.NDArray[np.int64]],
          vs: list[npt.NDArray[np.float64]], n: int) -> ImpactMatrix:
    """Sum each (term, post) over the fields and sort into rows of ascending posts."""
    import scipy.sparse as sp  # build time only: serving reads the arrays with numpy

    if not ts:
        return ImpactMatrix(terms, np.zeros(len(terms) + 1, dtype=np.int64), np.zeros(0, np.int32),
                            np.zeros(0, np.float32))
    matrix = sp.csr_matrix(
        (np.concatenate(vs), (np.concatenate(ts), np.concatenate(ds))), shape=(len(terms), n), dtype=np.float64
    )
    matrix.sum_duplicates()
    matrix.sort_indices()
    return ImpactMatrix(terms, matrix.indptr.astype(np.int64), matrix.indices.astype(np.int32),
                        matrix.data.astype(np.float32))


__all__ = ["FieldCounts", "ImpactMatrix", "bm25_idf", "build"]

"""Top-k cosine neighbours of every post, found by sparse products that keep only each row's top
(`sparse_dot_topn`, built for exactly this), so memory never holds a dense block.

Rows are l2-normalised, so X @ X.T holds cosines. Up to `prune_from` posts the lists are exact.
Above it, terms in more than `prune_max_df` of the posts and each post's weights beyond its top
`prune_top_terms` are left out of the search: a shared common word adds little to a cosine, and
the stored scores then count only what was kept. Ties break by row, so a full build and an
incremental update choose the same neighbours.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from .config import RelatedConfig
from .vectors import Rows

NO_NEIGHBOUR = -1
Ids = npt.NDArray[np.int32]
Scores = npt.NDArray[np.float32]


def to_scipy(rows: Rows) -> sp.csr_matrix:
    return sp.csr_matrix((rows.data, rows.indices, rows.indptr), shape=rows.shape, dtype=np.float32)


def searchable(matrix: sp.csr_matrix, config: RelatedConfig) -> sp.csr_matrix:
    """The matrix the neighbour search multiplies: the whole of it, or pruned above `prune_from`."""
    n = matrix.shape[0]
    if n < config.prune_from or not matrix.nnz:
        return matrix
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    keep = df[matrix.indices] <= config.prune_max_df * n
    owner = np.repeat(np.arange(n), np.diff(matrix.indptr))
    order = np.lexsort((-matrix.data, owner))
    rank = np.arange(len(order)) - matrix.indptr[owner[order]]
    top = np.zeros(len(order), dtype=bool)
    top[order[rank < config.prune_top_terms]] = True
    keep &= top
    counts = np.bincount(owner[keep], minlength=n)
    return sp.csr_matrix((matrix.data[keep], matrix.indices[keep], np.r_[0, np.cumsum(counts)]),
                         shape=matrix.shape, dtype=np.float32)


def neighbours(matrix: sp.csr_matrix, k: int, rows: Iterable[int] | None = None,
               among: npt.NDArray[np.intp] | None = None) -> tuple[Ids, Scores]:
    """Top-k neighbours (int32 [m, k], -1 padded) and cosines (float32 [m, k], descending) of `rows`
    (all rows by default), chosen `among` some rows only (all by default); never a row itself."""
    from sparse_dot_topn import sp_matmul_topn  # build time only

    wanted = np.arange(matrix.shape[0]) if rows is None else np.asarray(list(rows), dtype=np.int64)
    out_ids = np.full((len(wanted), k), NO_NEIGHBOUR, dtype=np.int32)
    out_scores = np.zeros((len(wanted), k), dtype=np.float32)
    if k <= 0 or not len(wanted) or not matrix.nnz:
        return out_ids, out_scores
    pool = np.arange(matrix.shape[0]) if among is None else np.asarray(among, dtype=np.int64)
    if not len(pool):
        return out_ids, out_scores
    product = sp_matmul_topn(matrix[wanted], matrix[pool].T.tocsr(), top_n=k + 1, threshold=0.0,
                             sort=True, n_threads=_threads()).tocsr()
    owner = np.repeat(np.arange(len(wanted)), np.diff(product.indptr))
    cols = pool[product.indices]
    values = product.data.astype(np.float32)
    keep = (cols != wanted[owner]) & (values > 0)
    owner, cols, values = owner[keep], cols[keep], values[keep]
    order = np.lexsort((cols, -values, owner))  # by row, score descending, then row number
    owner, cols, values = owner[order], cols[order], values[order]
    rank = np.arange(len(owner)) - np.searchsorted(owner, owner)
    take = rank < k
    out_ids[owner[take], rank[take]] = cols[take]
    out_scores[owner[take], rank[take]] = values[take]
    return out_ids, out_scores


def _threads() -> int | None:
    cores = os.cpu_count() or 1
    return min(cores, 4) if cores > 1 else None


def rows_entered(matrix: sp.csr_matrix, sources: npt.NDArray[np.int64], kth: Scores) -> set[int]:
    """Rows j where a source row now scores at least j's k-th stored score (j's list may change)."""
    if not len(sources):
        return set()
    product = sp.csr_matrix(matrix[sources] @ matrix.T)
    found: set[int] = set()
    for r, own in enumerate(sources):
        start, end = product.indptr[r], product.indptr[r + 1]
        cols, vals = product.indices[start:end], product.data[start:end]
        hit = (vals > 0) & (vals >= kth[cols]) & (cols != own)
        found.update(int(c) for c in cols[hit])
    return found


def rows_pointing_to(ids: Ids, targets: Iterable[int]) -> set[int]:
    """Rows whose stored neighbour list contains any of `targets`."""
    wanted = np.asarray(list(targets), dtype=ids.dtype)
    if not len(wanted) or not ids.size:
        return set()
    return {int(r) for r in np.flatnonzero(np.isin(ids, wanted).any(axis=1))}

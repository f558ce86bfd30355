"""Top-k cosine neighbours by chunked sparse products: memory bounded by chunk_rows x n_posts.

Each chunk's product is made dense (chunk_rows x n float32, at most chunk_cells values) so the
top-k is one vectorised partition per chunk rather than a Python loop per row.

Rows of the TF-IDF matrix are l2-normalised, so X[chunk] @ X.T holds cosines. Ties are broken by
row index so a full build and an incremental update choose the same neighbours.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp

NO_NEIGHBOUR = -1


def chunk_size(n_rows: int, chunk_rows: int, chunk_cells: int) -> int:
    """Rows per product so that one chunk's result holds at most ~chunk_cells scores."""
    return max(1, min(chunk_rows, chunk_cells // max(n_rows, 1)))


def select_top(indices: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best (index, score) pairs with score > 0, by score desc then index asc."""
    keep = scores > 0
    indices, scores = indices[keep], scores[keep]
    if len(scores) > k:
        part = np.argpartition(-scores, k - 1)[:k]
        kth = scores[part].min()
        above = scores > kth
        tied = np.flatnonzero(scores == kth)
        tied = tied[np.argsort(indices[tied], kind="stable")][: k - int(above.sum())]
        chosen = np.concatenate([np.flatnonzero(above), tied])
        indices, scores = indices[chosen], scores[chosen]
    order = np.lexsort((indices, -scores))
    return indices[order], scores[order]


def empty_rows(n: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    return np.full((n, k), NO_NEIGHBOUR, dtype=np.int32), np.zeros((n, k), dtype=np.float32)


def dense_neighbours(scores: np.ndarray, rows: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top-k of each row of a dense (len(rows) x n) block of cosines, excluding each row's own column.

    One np.partition finds each row's k-th best score; everything at or above it (ties included)
    is sorted by (row, score desc, column), so ties break by index exactly as in `select_top`.
    """
    m, n = scores.shape
    out_ids, out_scores = empty_rows(m, k)
    if not m or not n:
        return out_ids, out_scores
    scores[np.arange(m), rows] = 0.0  # never its own neighbour
    kth = np.partition(scores, n - k, axis=1)[:, n - k] if n > k else np.zeros(m, dtype=scores.dtype)
    r, c = np.nonzero((scores >= kth[:, None]) & (scores > 0))
    v = scores[r, c]
    order = np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    rank = np.arange(len(r)) - np.searchsorted(r, r)  # position within its row
    keep = rank < k
    out_ids[r[keep], rank[keep]] = c[keep]
    out_scores[r[keep], rank[keep]] = v[keep]
    return out_ids, out_scores


def neighbours(
    matrix: sp.csr_matrix, k: int, chunk_rows: int = 1024, chunk_cells: int = 20_000_000,
    rows: Iterable[int] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Top-k neighbours (int32 [m, k], -1 padded) and cosines (float32 [m, k]) of `rows` (all)."""
    matrix = sp.csr_matrix(matrix)
    wanted = np.arange(matrix.shape[0]) if rows is None else np.asarray(list(rows), dtype=np.int64)
    ids, scores = empty_rows(len(wanted), k)
    if k <= 0 or not len(wanted):
        return ids, scores
    transposed = matrix.T.tocsr()
    step = chunk_size(matrix.shape[0], chunk_rows, chunk_cells)
    for start in range(0, len(wanted), step):
        block = wanted[start:start + step]
        dense = np.asarray((matrix[block] @ transposed).toarray(), dtype=np.float32)
        ids[start:start + len(block)], scores[start:start + len(block)] = dense_neighbours(dense, block, k)
    return ids, scores


def rows_entered(product: sp.csr_matrix, sources: np.ndarray, kth: np.ndarray) -> set[int]:
    """Rows j where a source row's score reaches j's k-th stored score (so j's list may change)."""
    found: set[int] = set()
    for r, own in enumerate(sources):
        start, end = product.indptr[r], product.indptr[r + 1]
        cols, vals = product.indices[start:end], product.data[start:end]
        hit = (vals > 0) & (vals >= kth[cols]) & (cols != own)
        found.update(int(c) for c in cols[hit])
    return found


def rows_pointing_to(ids: np.ndarray, targets: Iterable[int]) -> set[int]:
    """Rows whose stored neighbour list contains any of `targets`."""
    targets = np.asarray(list(targets), dtype=ids.dtype)
    if not len(targets) or not ids.size:
        return set()
    return {int(r) for r in np.flatnonzero(np.isin(ids, targets).any(axis=1))}

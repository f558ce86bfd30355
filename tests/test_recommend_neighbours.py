"""Chunked top-k neighbours against brute-force numpy cosine."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from runphys.recommend.diversity import mmr
from runphys.recommend.neighbours import chunk_size, neighbours, select_top


def brute_force(matrix: sp.csr_matrix, k: int) -> tuple[np.ndarray, np.ndarray]:
    dense = matrix.toarray().astype(np.float64)
    sims = dense @ dense.T
    np.fill_diagonal(sims, 0.0)
    ids = np.full((len(dense), k), -1)
    scores = np.zeros((len(dense), k))
    for i, row in enumerate(sims):
        order = np.lexsort((np.arange(len(row)), -row))
        order = [j for j in order if row[j] > 1e-9][:k]
        ids[i, : len(order)] = order
        scores[i, : len(order)] = row[order]
    return ids, scores


def random_matrix(n: int, terms: int, density: float, seed: int) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    matrix = sp.random(n, terms, density=density, random_state=rng, dtype=np.float64)
    return sp.csr_matrix(normalize(matrix), dtype=np.float32)


@pytest.mark.parametrize(("n", "k", "chunk"), [(50, 5, 7), (120, 10, 16), (30, 40, 1024)])
def test_chunked_neighbours_equal_brute_force(n: int, k: int, chunk: int) -> None:
    matrix = random_matrix(n, 80, 0.08, seed=n)
    ids, scores = neighbours(matrix, k, chunk_rows=chunk)
    want_ids, want_scores = brute_force(matrix, k)
    np.testing.assert_allclose(scores, want_scores, atol=1e-5)
    assert (ids == want_ids).mean() > 0.99  # only float near-ties may swap
    assert ids.dtype == np.int32 and scores.dtype == np.float32


def test_never_self_and_sorted() -> None:
    matrix = random_matrix(60, 40, 0.15, seed=3)
    ids, scores = neighbours(matrix, 8, chunk_rows=9)
    assert not (ids == np.arange(60)[:, None]).any()
    assert (np.diff(scores, axis=1) <= 1e-7).all()
    assert ((ids == -1) == (scores == 0)).all()


def test_subset_of_rows_equals_full() -> None:
    matrix = random_matrix(40, 30, 0.2, seed=5)
    full_ids, full_scores = neighbours(matrix, 6, chunk_rows=4)
    rows = [3, 17, 39]
    ids, scores = neighbours(matrix, 6, chunk_rows=2, rows=rows)
    assert (ids == full_ids[rows]).all() and (scores == full_scores[rows]).all()


def test_chunk_size_bounds_memory() -> None:
    assert chunk_size(100_000, 1024, 20_000_000) == 200
    assert chunk_size(10, 1024, 20_000_000) == 1024
    assert chunk_size(10**9, 1024, 10) == 1


def test_select_top_breaks_ties_by_index() -> None:
    idx, sc = select_top(np.array([9, 4, 7, 2]), np.array([0.5, 0.5, 0.9, 0.5], dtype=np.float32), 3)
    assert idx.tolist() == [7, 2, 4]
    assert select_top(np.array([1]), np.array([0.0], dtype=np.float32), 3)[0].tolist() == []


def test_mmr_prefers_a_different_post_over_a_copy() -> None:
    relevance = np.array([0.9, 0.89, 0.88, 0.6])
    similarity = np.array([[1, 0.99, 0.98, 0.2], [0.99, 1, 0.99, 0.2], [0.98, 0.99, 1, 0.2], [0.2, 0.2, 0.2, 1]])
    assert mmr(relevance, similarity, 2, 0.7)[:2] == [0, 3]
    assert mmr(relevance, similarity, 4, 1.0, near_duplicate=0.95) == [0, 3, 1, 2]

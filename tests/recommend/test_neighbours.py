"""Top-k neighbours against brute-force numpy cosine; pruning at scale; MMR."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from runphys.recommend.config import RelatedConfig
from runphys.recommend.diversity import mmr
from runphys.recommend.lists import pair_similarity
from runphys.recommend.neighbours import neighbours, searchable


def brute_force(matrix: sp.csr_matrix, k: int, among: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    dense = matrix.toarray().astype(np.float64)
    sims = dense @ dense.T
    np.fill_diagonal(sims, 0.0)
    if among is not None:
        outside = np.setdiff1d(np.arange(len(dense)), among)
        sims[:, outside] = 0.0
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


@pytest.mark.parametrize(("n", "k"), [(50, 5), (120, 10), (30, 40)])
def test_neighbours_equal_brute_force(n: int, k: int) -> None:
    matrix = random_matrix(n, 80, 0.08, seed=n)
    ids, scores = neighbours(matrix, k)
    want_ids, want_scores = brute_force(matrix, k)
    np.testing.assert_allclose(scores, want_scores, atol=1e-5)
    assert (ids == want_ids).mean() > 0.99  # only float near-ties may swap
    assert ids.dtype == np.int32 and scores.dtype == np.float32


def test_neighbours_among_a_subset_equal_brute_force() -> None:
    matrix = random_matrix(80, 60, 0.1, seed=11)
    among = np.arange(0, 80, 3)
    ids, scores = neighbours(matrix, 6, among=among)
    _want_ids, want_scores = brute_force(matrix, 6, among)
    np.testing.assert_allclose(scores, want_scores, atol=1e-5)
    assert set(ids[ids >= 0].tolist()) <= set(among.tolist())


def test_never_self_and_sorted() -> None:
    matrix = random_matrix(60, 40, 0.15, seed=3)
    ids, scores = neighbours(matrix, 8)
    assert not (ids == np.arange(60)[:, None]).any()
    assert (np.diff(scores, axis=1) <= 1e-7).all()
    assert ((ids == -1) == (scores == 0)).all()


def test_subset_of_rows_equals_full() -> None:
    matrix = random_matrix(40, 30, 0.2, seed=5)
    full_ids, full_scores = neighbours(matrix, 6)
    rows = [3, 17, 39]
    ids, scores = neighbours(matrix, 6, rows=rows)
    assert (ids == full_ids[rows]).all() and (scores == full_scores[rows]).all()


def test_pruning_applies_only_above_the_size_and_keeps_most_neighbours() -> None:
    matrix = random_matrix(300, 400, 0.05, seed=7)
    assert searchable(matrix, RelatedConfig(prune_from=1000)) is matrix  # exact below the size
    pruned = searchable(matrix, RelatedConfig(prune_from=100, prune_max_df=0.2, prune_top_terms=16))
    assert pruned.nnz < matrix.nnz and (np.diff(pruned.indptr) <= 16).all()
    exact, exact_scores = neighbours(matrix, 5)
    near, near_scores = neighbours(pruned, 5)
    overlap = np.mean([len(set(a) & set(b)) / 5 for a, b in zip(exact.tolist(), near.tolist(), strict=False)])
    assert overlap > 0.8  # 16 of ~20 weights per row kept: most lists stay as they were
    assert (near_scores <= exact_scores[:, :1] + 1e-6).all()  # what is left out only lowers a score


def test_mmr_prefers_a_different_post_over_a_copy() -> None:
    relevance = np.array([0.9, 0.89, 0.88, 0.6])
    similarity = np.array([[1, 0.99, 0.98, 0.2], [0.99, 1, 0.99, 0.2], [0.98, 0.99, 1, 0.2], [0.2, 0.2, 0.2, 1]])
    assert mmr(relevance, similarity, 2, 0.7)[:2] == [0, 3]
    assert mmr(relevance, similarity, 4, 1.0, near_duplicate=0.95) == [0, 3, 1, 2]


def test_pair_similarity_reads_either_direction_of_the_stored_lists() -> None:
    ids = np.array([[1, 2, -1], [0, 3, 2], [0, 1, 3], [2, 0, 1]], dtype=np.int32)
    scores = np.array([[.9, .5, 0], [.9, .4, .3], [.5, .3, .2], [.6, .1, .05]], dtype=np.float32)
    got = pair_similarity([2, 0, 3], (ids, scores))
    np.testing.assert_allclose(got, [[0, .5, .6], [.5, 0, .1], [.6, .1, 0]], atol=1e-6)

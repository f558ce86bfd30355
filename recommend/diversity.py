"""Maximal marginal relevance: relevant, but not five copies of the same post."""

from __future__ import annotations

import numpy as np


def mmr(relevance: np.ndarray, similarity: np.ndarray, limit: int, lam: float,
        near_duplicate: float = 1.01) -> list[int]:
    """Order candidate positions by MMR, lam * relevance - (1 - lam) * max similarity to chosen.

    A candidate at least `near_duplicate` similar to one already chosen is held back and only
    used after every other candidate (a list that must be full takes copies last).
    """
    n = len(relevance)
    chosen: list[int] = []
    held: list[int] = []
    left = list(range(n))
    closest = np.zeros(n, dtype=np.float64)
    while left and len(chosen) < limit:
        values = lam * relevance[left] - (1.0 - lam) * closest[left]
        best = left.pop(int(np.argmax(values)))
        if chosen and closest[best] >= near_duplicate:
            held.append(best)
            continue
        chosen.append(best)
        closest = np.maximum(closest, similarity[best])
    return (chosen + held)[:limit]

"""Maximal marginal relevance: relevant, but not five copies of the same post."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def mmr(relevance: npt.NDArray[np.float64], similarity: npt.NDArray[np.float64], limit: int, lam: float,
        near_duplicate: float = 1.01) -> list[int]:
    """Order candidate positions by MMR, lam * relevance - (1 - lam) * max similarity to chosen.

    A candidate at least `near_duplicate` similar to one already chosen is held back and only
    used after every other candidate (a list that must be full takes copies last).
    """
    n = len(relevance)
    chosen: list[int] = []
    held: list[int] = []
    left = np.ones(n, dtype=bool)
    closest = np.zeros(n, dtype=np.float64)
    gain = lam * relevance
    while len(chosen) < limit and left.any():
        values = np.where(left, gain - (1.0 - lam) * closest, -np.inf)
        best = int(np.argmax(values))
        left[best] = False
        if chosen and closest[best] >= near_duplicate:
            held.append(best)
            continue
        chosen.append(best)
        np.maximum(closest, similarity[best], out=closest)
    return (chosen + held)[:limit]

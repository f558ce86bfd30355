"""Maximal marginal relevance: relevant, but not five copies of the same post."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def mmr(relevance: npt.ArrayLike, similarity: npt.ArrayLike, limit: int, lam: float,
        near_duplicate: float = 1.01) -> list[int]:
    """Order candidate positions by MMR, lam * relevance - (1 - lam) * max similarity to chosen.

    A candidate at least `near_duplicate` similar to one already chosen is held back and only
    used after every other candidate (a list that must be full takes copies last).
    """
    gain = lam * np.asarray(relevance, dtype=np.float64)
    sims = np.asarray(similarity, dtype=np.float64)
    n = len(gain)
    closest = np.zeros(n, dtype=np.float64)
    score = gain.copy()
    taken = np.zeros(n, dtype=bool)
    chosen: list[int] = []
    held: list[int] = []
    for _ in range(n):
        if len(chosen) >= limit:
            break
        best = int(np.argmax(score))  # the first of equal scores: the better-ranked candidate
        taken[best] = True
        if chosen and closest[best] >= near_duplicate:
            held.append(best)
            score[best] = -np.inf
            continue
        chosen.append(best)
        np.maximum(closest, sims[best], out=closest)
        score = gain - (1.0 - lam) * closest
        score[taken] = -np.inf
    return (chosen + held)[:limit]

"""Pure ranking steps: filters, boosts, recency, fallback order. No I/O, no index state."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from ..index.post import Post


@dataclass(frozen=True)
class Filters:
    """What may be shown: not excluded, not in an excluded category, a video if asked."""

    exclude: frozenset[str] = frozenset()
    exclude_categories: frozenset[str] = frozenset()  # casefolded
    videos_only: bool = False

    @classmethod
    def of(cls, exclude: Iterable[str], exclude_categories: Iterable[str], videos_only: bool) -> Filters:
        return cls(frozenset(exclude), frozenset(c.casefold() for c in exclude_categories), videos_only)

    def allows(self, post: Post) -> bool:
        if post.id in self.exclude or (self.videos_only and not post.has_video):
            return False
        return not any(c.casefold() in self.exclude_categories for c in post.categories)


def body_part_factor(post: Post, body_parts: Collection[str], boost: float) -> float:
    """1 + boost when the post shares a body part with the query, else 1."""
    return 1.0 + boost if body_parts and not set(post.body_parts).isdisjoint(body_parts) else 1.0


def recency_factor(post: Post, newest: datetime | None, weight: float, half_life_days: float) -> float:
    """1 + weight for the newest post, decaying by half every `half_life_days` (undated: 1)."""
    if post.date is None or newest is None or weight <= 0:
        return 1.0
    age = max((newest - post.date).total_seconds() / 86400.0, 0.0)
    return 1.0 + weight * 0.5 ** (age / max(half_life_days, 1e-9))


def by_recency(posts: Sequence[Post]) -> list[int]:
    """Positions of posts, newest first; undated last; ties by id (stable across runs)."""
    def key(i: int) -> tuple[int, float, str]:
        date = posts[i].date
        return (0, -date.timestamp(), posts[i].id) if date else (1, 0.0, posts[i].id)

    return sorted(range(len(posts)), key=key)


def fallback_order(posts: Sequence[Post], cosine: np.ndarray, recency: Sequence[int],
                   body_parts: Collection[str], categories: Collection[str],
                   allowed: Callable[[Post], bool], limit: int) -> list[int]:
    """Closest posts on the same body part, then in the same category, then the most recent."""
    rank = np.empty(len(posts), dtype=np.int64)
    rank[np.asarray(recency, dtype=np.int64)] = np.arange(len(posts))
    folded = {c.casefold() for c in categories}
    tiers = [
        lambda p: bool(body_parts) and not set(p.body_parts).isdisjoint(body_parts),
        lambda p: bool(folded) and any(c.casefold() in folded for c in p.categories),
    ]
    chosen: list[int] = []
    seen: set[int] = set()
    for tier in tiers:
        members = [i for i, p in enumerate(posts) if i not in seen and tier(p) and allowed(p)]
        members.sort(key=lambda i: (-float(cosine[i]), int(rank[i])))
        for i in members[: limit - len(chosen)]:
            chosen.append(i)
            seen.add(i)
        if len(chosen) >= limit:
            return chosen
    for i in recency:
        if len(chosen) >= limit:
            break
        if i not in seen and allowed(posts[i]):
            chosen.append(i)
            seen.add(i)
    return chosen

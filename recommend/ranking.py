"""Pure ranking steps: the body-part boost and the recency factor. No I/O, no index state."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from ..index.post import Post


def body_part_factor(post: Post, body_parts: Collection[str], boost: float) -> float:
    """1 + boost when the post shares a body part with the query, else 1."""
    return 1.0 + boost if body_parts and not set(post.body_parts).isdisjoint(body_parts) else 1.0


def recency_factor(post: Post, newest: datetime | None, weight: float, half_life_days: float) -> float:
    """1 + weight for the newest post, decaying by half every `half_life_days` (undated: 1)."""
    if post.date is None or newest is None or weight <= 0:
        return 1.0
    age = max((newest - post.date).total_seconds() / 86400.0, 0.0)
    return 1.0 + weight * float(0.5 ** (age / max(half_life_days, 1e-9)))

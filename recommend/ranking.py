"""Pure ranking steps: the topic boost and the recency factor. No I/O, no index state."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from ..index.post import Post
from .topics import on_topic


def topic_factor(post: Post, own_topics: Collection[str], body_parts: Collection[str], topic_boost: float,
                 body_part_boost: float) -> float:
    """The ranking factor of a candidate `post` for a list whose post has these own topics and body
    parts: 1 + body_part_boost when it shares any body part, times 1 + topic_boost when it is
    tagged with one of the own topics (an injury, the injury's body part: see `topics`). So a
    shared injury counts for more than a shared neighbouring body part."""
    factor = 1.0 + body_part_boost if body_parts and not set(post.body_parts).isdisjoint(body_parts) else 1.0
    return factor * (1.0 + topic_boost) if on_topic(post, own_topics) else factor


def recency_factor(post: Post, newest: datetime | None, weight: float, half_life_days: float) -> float:
    """1 + weight for the newest post, decaying by half every `half_life_days` (undated: 1)."""
    if post.date is None or newest is None or weight <= 0:
        return 1.0
    age = max((newest - post.date).total_seconds() / 86400.0, 0.0)
    return 1.0 + weight * float(0.5 ** (age / max(half_life_days, 1e-9)))

"""One topic per gap: a body part with no post at all and its missing injury are one topic.

Readers who search "Achilles" and "Achilles tendinopathy" want the same post written, so the
demand rows, the suggestions and their reasons all land on the injury ("Achilles tendinopathy").
When the body part has several missing injuries, its first one in the vocabulary is the topic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .records import InjuryGap, Matrix


def merged_topics(matrix: Matrix, injuries: Sequence[InjuryGap]) -> dict[str, InjuryGap]:
    """Body part key -> the missing injury whose topic it shares (body parts with no post only)."""
    out: dict[str, InjuryGap] = {}
    for row in matrix.rows:
        if row.status != "empty":
            continue
        missing = [gap for gap in injuries if gap.body_part == row.key and not gap.posts]
        if missing:
            out[row.key] = missing[0]
    return out


def topic_key(key: str, merged: Mapping[str, InjuryGap]) -> str:
    """The key a concept's gap is reported under."""
    gap = merged.get(key)
    return gap.key if gap is not None else key

"""Settings of the related-posts recommender: one frozen record, defaults with the reason for each."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

FORMAT_VERSION = 2


@dataclass(frozen=True)
class RelatedConfig:
    """Weights and thresholds of the recommender (configuration, not code).

    Weights multiply how often a field's term counts before sublinear tf (see `vectors`). The
    weights were chosen on benchmarks/related_experiments.py (exercises, precision@5 of sharing a
    primary muscle, and the same category): whole labels and the tagged body parts are the
    strongest signal, then the title; stop words and numbers are never terms.
    """

    title_weight: int = 3  # a title word counts as three body mentions
    taxonomy_weight: int = 8  # words of the categories and tags
    label_weight: int = 10  # each category and tag as a whole ("label:lower back")
    concept_weight: int = 3  # "concept:it_band": a body part or injury named any way, once per post
    tagged_weight: int = 4  # the body parts and injuries the post is tagged with (its topic)
    kind_weight: int = 4  # the kinds of post (stretch, strength, ...)
    body_weight: int = 1
    sublinear_tf: bool = True  # tf = 1 + log(count): repetition helps, with diminishing returns
    max_df: float = 0.9  # terms in more than 90% of posts say nothing about relatedness
    k: int = 20  # neighbours stored per post (and the depth of the stored related lists)
    # Above this many posts, the neighbour search leaves out what cannot change a top k much:
    # terms in more than PRUNE_MAX_DF of the posts, and each post's weights beyond its top
    # PRUNE_TOP_TERMS. Below it, the lists are exact.
    prune_from: int = 20_000
    prune_max_df: float = 0.05
    prune_top_terms: int = 64
    # Cosine below this is "not related". Exercises benchmark: <1% of top-5 neighbours fall under
    # 0.15 and those at 0.10-0.15 still share a muscle ~5x as often as random pairs; medquad: 99.9%
    # of topics keep a top-1 >= 0.12. So it trims only the junk tail of short or odd posts.
    min_score: float = 0.12
    same_body_part_boost: float = 0.15  # ranking score *= 1 + boost when body parts are shared
    # Ranking score *= 1 + this instead when the post is on the listed post's own topic (its
    # injury, the injury's body part, its first body part: `topics`).
    same_topic_boost: float = 2.0
    recency_weight: float = 0.2  # prefer_recent: score *= 1 + weight * 0.5 ** (age / half-life)
    recency_half_life_days: float = 365.0
    # 1.0 = pure relevance, lower = more diversity; a candidate this similar to one already chosen
    # is held back to the end of the list. 0.95 / 0.9 keep five versions of one exercise from
    # filling a list at 0.65 precision (benchmarks/related_experiments.py: 0.9 costs 0.003 of
    # precision for diversity the threshold already gives); the gap report calls pairs at or
    # above the same threshold near duplicates.
    mmr_lambda: float = 0.95
    near_duplicate_threshold: float = 0.9
    why_terms: int = 4

    def to_dict(self) -> dict[str, Any]:
        return {"format_version": FORMAT_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelatedConfig:
        """Inverse of `to_dict`; unknown keys are ignored (written by a newer version)."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    def with_changes(self, **changes: Any) -> RelatedConfig:
        return replace(self, **changes)

"""Settings of the related-posts recommender: one frozen record, defaults with help."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

FORMAT_VERSION = 1


@dataclass(frozen=True)
class RelatedConfig:
    """Weights and thresholds of the recommender (configuration, not code).

    Field weights multiply a field's term counts before sublinear tf (see `recommend.vectors`).
    The build-time fields (weights, df limits, k) are saved in `config.json`; the query-time
    fields (thresholds, boosts, MMR) can be overridden when the index is loaded or per call.
    """

    title_weight: int = 3  # a term in the title counts as three body occurrences
    taxonomy_weight: int = 2  # categories and tags
    concept_weight: int = 3  # "concept:it_band" tokens from the vocabulary (phrases, synonyms)
    body_weight: int = 1
    sublinear_tf: bool = True  # tf = 1 + log(count): repetition helps, but with diminishing returns
    min_df: int = 1  # a rare injury named in one post must still count
    max_df: float = 0.9  # terms in more than 90% of posts say nothing about relatedness
    norm: str = "l2"
    k: int = 20  # neighbours stored per post
    chunk_rows: int = 1024  # rows per sparse product; lowered automatically for big corpora
    chunk_cells: int = 20_000_000  # bound on chunk_rows * n_posts (memory of one product)
    # Cosine below this is "not related". Exercises benchmark: <1% of top-5 neighbours fall under
    # 0.15 and those at 0.10-0.15 still share a muscle ~5x as often as random pairs; medquad: 99.9%
    # of topics keep a top-1 >= 0.12. So it trims only the junk tail of short or odd posts.
    min_score: float = 0.12
    same_body_part_boost: float = 0.15  # ranking score *= 1 + boost when body parts are shared
    recency_weight: float = 0.2  # prefer_recent: score *= 1 + weight * 0.5 ** (age / half-life)
    recency_half_life_days: float = 365.0
    # 1.0 = pure relevance, lower = more diversity. 0.85 scored 1.5-2 points higher P@5 than 0.7
    # on the exercises benchmark and cleaner medquad lists; the near-copy hold-back in
    # diversity.py already keeps duplicates from filling the list.
    mmr_lambda: float = 0.85
    near_duplicate_threshold: float = 0.8
    wide_search_candidates: int = 200  # candidates when the stored row runs out after filtering
    why_terms: int = 5

    def to_dict(self) -> dict[str, Any]:
        return {"format_version": FORMAT_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelatedConfig:
        """Inverse of `to_dict`; unknown keys are ignored (written by a newer version)."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    def with_changes(self, **changes: Any) -> RelatedConfig:
        return replace(self, **changes)

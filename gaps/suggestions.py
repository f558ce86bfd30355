"""The ranked list of what to write next, combining every section of the report."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..index.post import Post
from ..text.analysis import words
from ..text.vocabulary import Vocabulary
from .freshness import DAYS_PER_YEAR
from .records import Area, Axis, Demand, DemandItem, Freshness, InjuryGap, JsonDoc, Matrix, PostRef, Suggestion
from .topics import merged_topics
from .wording import counted

MISSING_INJURY = 2.0
SINGLE_INJURY = 1.0
UNCOVERED_WEIGHT = 1.5  # × (1 - similarity of the closest existing post)
EMPTY_BODY_PART = 2.5
THIN_BODY_PART = 1.5
DEMAND_WEIGHT = 2.0
NO_RESULTS_BONUS = 1.0
ANSWERED_FACTOR = 0.25
SILENCE_BASE = 1.5
SILENCE_PER_YEAR = 0.5
SILENCE_MAX_YEARS = 4.0
TOP_SUGGESTIONS = 25


@dataclass
class _Draft:
    """One topic's suggestion while the sections add to it."""

    key: str
    topic: str
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    evidence: dict[str, object] = field(default_factory=dict)

    def add(self, points: float, reason: str, **evidence: object) -> None:
        self.score += points
        self.reasons.append(reason)
        self.evidence.update({k: v for k, v in evidence.items() if k not in self.evidence})


def suggestions(
    posts: Sequence[Post],
    vocabulary: Vocabulary,
    matrix: Matrix,
    injuries: Sequence[InjuryGap],
    demand: Demand,
    freshness: Freshness,
    *,
    limit: int = TOP_SUGGESTIONS,
) -> tuple[Suggestion, ...]:
    """The top gaps, best first. A topic's score is the sum of what each section says about it:

    * injury with no post: +2.0, with a single post: +1.0; either way +1.5 × (1 - similarity of
      the closest existing post), so an injury no post comes near (Achilles) outranks one that
      a neighbouring post half covers (piriformis syndrome next to the piriformis stretches);
    * body part with no post: +2.5; thin (fewer posts than half the median body part): +1.5;
    * reader demand: +2.0 × log2(1 + missed searches), +1.0 more when some found nothing at all;
      the demand part counts a quarter when its most asked query is answered by the current index;
    * silence (an area written about, but not within `silence_days` of "now"):
      +1.5 + 0.5 per year beyond the limit, counting at most 4 years. A category silence counts
      for its body part when the vocabulary maps the category to exactly one body part.

    So a missing injury that nothing covers and that readers searched for 3 times (no results
    each time) scores 2 + 1.5 + 4 + 1 = 8.5, far above a body part quiet for 13 months (1.5).
    Ties break on the topic name.
    """
    drafts: dict[str, _Draft] = {}
    # A body part with no post at all is one topic with its missing injury (Achilles and Achilles
    # tendinopathy): whatever a section says about either lands on that one topic.
    same_topic = merged_topics(matrix, injuries)

    def draft(key: str, topic: str) -> _Draft:
        if key in same_topic:
            key, topic = same_topic[key].key, same_topic[key].name
        if key not in drafts:
            drafts[key] = _Draft(key, topic, evidence={"post_count": _post_count(posts, key)})
        return drafts[key]

    for gap in injuries:
        _injury(draft(gap.key, gap.name), gap)
    for row in matrix.rows:
        if row.status != "ok":
            _body_part(draft(row.key, row.name), row, matrix)
    for item in demand.items:
        _demand(draft(item.key, item.topic), item)
    for area in freshness.silent():
        key, topic = _area_topic(area, vocabulary)
        _silence(draft(key, topic), area, freshness.silence_days)
    ranked = sorted(drafts.values(), key=lambda d: (-d.score, d.topic))
    return tuple(Suggestion(d.key, d.topic, round(d.score, 3), tuple(d.reasons), d.evidence) for d in ranked[:limit])


def _post_count(posts: Sequence[Post], key: str) -> int:
    return sum(1 for p in posts if key in p.body_parts or key in p.injuries)


def _refs(refs: Sequence[PostRef]) -> list[JsonDoc]:
    return [r.to_dict() for r in refs]


def _injury(d: _Draft, gap: InjuryGap) -> None:
    closest = _refs(gap.closest)
    nearest = max((ref.score or 0.0 for ref in gap.closest if ref.id not in {p.id for p in gap.posts}), default=0.0)
    uncovered = UNCOVERED_WEIGHT * (1.0 - min(nearest, 1.0))
    if not gap.posts:
        reason = (f"no post about {gap.name}; the closest, {gap.closest[0].title!r}, is {nearest:.0%} similar"
                  if gap.closest else f"no post about {gap.name}, and no post comes close")
        d.add(MISSING_INJURY + uncovered, reason, closest_posts=closest)
    else:
        d.add(SINGLE_INJURY + uncovered, f"only one post about {gap.name}: {gap.posts[0].title!r}",
              posts=_refs(gap.posts), closest_posts=closest)


def _body_part(d: _Draft, row: Axis, matrix: Matrix) -> None:
    empty_kinds = [c.kind for c in matrix.cells if c.body_part == row.key and c.posts == 0]
    if row.status == "empty":
        d.add(EMPTY_BODY_PART, f"no post about the body part {row.name} at all")
    else:
        d.add(THIN_BODY_PART,
              f"only {counted(row.posts, 'post')} about {row.name} "
              f"(a typical body part has {counted(matrix.row_median, 'post')})",
              kinds_missing=[k for k in empty_kinds if k != "other"])


def _demand(d: _Draft, item: DemandItem) -> None:
    points = DEMAND_WEIGHT * math.log2(1 + item.searches) + (NO_RESULTS_BONUS if item.no_results else 0.0)
    examples = [q for q, _ in item.queries]
    reason = (
        f"readers searched {counted(item.searches, 'time')} without a good answer"
        f" ({item.no_results} with no results), e.g. " + ", ".join(repr(q) for q in examples[:3])
    )
    if item.recheck is not None and item.recheck.answered:
        points *= ANSWERED_FACTOR
        reason += f"; the index now answers {item.recheck.query!r}"
    tagged = d.evidence.get("post_count")
    if item.concept_kind is not None and isinstance(tagged, int) and tagged > 1:
        # Posts exist, yet readers' words missed them: the fix may be a term in the vocabulary.
        reason += (f"; {counted(tagged, 'post')} about it exist, so readers' words may be missing "
                   "from the vocabulary")
    d.add(points, reason, searches=item.searches, no_results=item.no_results,
          example_queries=examples, closest_posts=_refs(item.closest))


def _area_topic(area: Area, vocabulary: Vocabulary) -> tuple[str, str]:
    if area.type != "category":
        return area.key, area.name
    parts = vocabulary.categories.get(" ".join(words(area.key)), ())
    if len(parts) == 1:
        return parts[0], vocabulary.label(parts[0])
    return f"category:{area.key}", area.name


def _silence(d: _Draft, area: Area, silence_days: int) -> None:
    days = area.days_silent or 0
    over = min(max(days - silence_days, 0) / DAYS_PER_YEAR, SILENCE_MAX_YEARS)
    label = {"category": "category", "body_part": "body part", "injury": "injury"}[area.type]
    # A body part and its category are one silence: only the first one found scores.
    points = 0.0 if "days_silent" in d.evidence else SILENCE_BASE + SILENCE_PER_YEAR * over
    d.add(points,
          f"{label} {area.name!r}: nothing new since {(area.last_post or '')[:10]} "
          f"({counted(round(days / DAYS_PER_YEAR, 1), 'year')} before the report date)",
          last_post=area.last_post, days_silent=days)

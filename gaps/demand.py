"""Reader demand from the search log: searches that found nothing (or little), grouped by concept."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..text.analysis import fold, terms
from .coverage import CLOSEST_POSTS, closest_posts, concept_text
from .records import Demand, DemandItem, Recheck, iso

# A search with results is a "near miss" when its top score is below this fraction of the median
# top score of all searches with results in the range: it found something, but nothing close.
NEAR_MISS_FRACTION = 0.5
EXAMPLE_QUERIES = 5

# query -> (total hits, top score or None, top hits: RelatedItem/SearchHit-like objects or dicts)
SearchFn = Callable[[str], tuple[int, float | None, Sequence[Any]]]


@dataclass(frozen=True)
class Miss:
    time: datetime
    query: str
    no_results: bool


def in_range(entries: Iterable[Any], since: datetime | None, until: datetime | None) -> list[Any]:
    """Log entries with since <= time < until."""
    return [
        e for e in entries
        if (since is None or e.time >= since) and (until is None or e.time < until)
    ]


def near_miss_threshold(
    entries: Sequence[Any], fraction: float = NEAR_MISS_FRACTION
) -> tuple[float | None, float | None]:
    """(median top score of searches with results, the near-miss threshold); Nones without data."""
    scores = [e.top_score for e in entries if e.results > 0 and e.top_score is not None]
    if not scores:
        return None, None
    median = float(statistics.median(scores))
    return round(median, 4), round(median * fraction, 4)


def misses(entries: Sequence[Any], threshold: float | None) -> list[Miss]:
    """Searches with no results, or with results whose top score is below `threshold`."""
    out = []
    for e in entries:
        if e.results <= 0:
            out.append(Miss(e.time, e.query, True))
        elif threshold is not None and e.top_score is not None and e.top_score < threshold:
            out.append(Miss(e.time, e.query, False))
    return out


def group_key(query: str, vocabulary: Any) -> tuple[str, tuple[str, ...]] | None:
    """The key a query is grouped under, and the other concepts it names.

    A query naming concepts goes under its main concept (the first injury, else the first body
    part): "it band", "ITB" and "illiotibial band" all become `it_band`. Other queries go under
    their sorted stemmed words ("words:marathon taper"); a query of stop words only is dropped.
    """
    keys = vocabulary.concepts_in(query)
    if keys:
        injuries = [k for k in keys if vocabulary.concept(k).kind == "injury"]
        main = (injuries or keys)[0]
        return main, tuple(k for k in keys if k != main)
    stems = sorted(set(terms(query)))
    return ("words:" + " ".join(stems), ()) if stems else None


def _display(query: str) -> str:
    return " ".join(fold(query).split())


def demand(
    entries: Iterable[Any],
    vocabulary: Any,
    related: Any,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    fraction: float = NEAR_MISS_FRACTION,
    search: SearchFn | None = None,
) -> Demand:
    """The demand section: missed searches grouped by concept, most missed first."""
    chosen = in_range(entries, since, until)
    median, threshold = near_miss_threshold(chosen, fraction)
    missed = misses(chosen, threshold)
    groups: dict[str, list[Miss]] = {}
    others: dict[str, Counter[str]] = {}
    for miss in missed:
        found = group_key(miss.query, vocabulary)
        if found is None:
            continue
        key, also = found
        groups.setdefault(key, []).append(miss)
        others.setdefault(key, Counter()).update(also)
    items = [
        _item(key, group, others[key], vocabulary, related, threshold, search)
        for key, group in groups.items()
    ]
    items.sort(key=lambda i: (-i.searches, -i.no_results, i.topic))
    return Demand(
        since=iso(since), until=iso(until), entries=len(chosen), misses=len(missed),
        median_top_score=median, near_miss_fraction=fraction, near_miss_below=threshold,
        items=tuple(items),
    )


def _item(key: str, group: list[Miss], also: Counter[str], vocabulary: Any, related: Any,
          threshold: float | None, search: SearchFn | None) -> DemandItem:
    queries = Counter(_display(m.query) for m in group).most_common()
    examples = tuple(queries[:EXAMPLE_QUERIES])
    if key.startswith("words:"):
        topic, kind = examples[0][0], None
        about = " ".join(q for q, _ in examples)
    else:
        concept = vocabulary.concept(key)
        topic, kind = concept.name, concept.kind
        about = concept_text(concept) + " " + " ".join(q for q, _ in examples)
    return DemandItem(
        key=key, topic=topic, concept_kind=kind, searches=len(group),
        no_results=sum(1 for m in group if m.no_results),
        weak_results=sum(1 for m in group if not m.no_results),
        queries=examples,
        last_searched=iso(max(m.time for m in group)),
        also_mentions=tuple(k for k, _ in also.most_common()),
        closest=closest_posts(related, about, CLOSEST_POSTS),
        recheck=recheck(examples[0][0], threshold, search) if search else None,
    )


def recheck(query: str, threshold: float | None, search: SearchFn) -> Recheck:
    """Run the most asked query again: is it answered now (results, and a top score not weak)?"""
    total, top, _hits = search(query)
    answered = total > 0 and top is not None and (threshold is None or top >= threshold)
    return Recheck(query, int(total), None if top is None else round(float(top), 4), answered)


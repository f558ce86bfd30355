"""Reader demand from the search log: understood searches that found nothing (or little), by topic."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from ..index.search_log import LogEntry
from ..search.results import SearchHit
from ..text.analysis import fold
from ..text.vocabulary import Vocabulary
from .coverage import CLOSEST_POSTS, closest_posts, concept_text
from .reading import WORDS_PREFIX, Reader
from .records import Demand, DemandItem, InjuryGap, Recheck, iso
from .related_posts import RelatedPosts
from .topics import topic_key

# A search with results is a "near miss" when it found only a few posts (NEAR_MISS_MAX_RESULTS at
# most) and the best of them scored below this fraction of the median top score of the understood
# searches with results in the range: it found something, but nothing close. A search that found
# more posts was answered, however broad: "knee" finding 45 posts is never a miss.
NEAR_MISS_FRACTION = 0.5
NEAR_MISS_MAX_RESULTS = 3
EXAMPLE_QUERIES = 5

# query -> (total hits, top score or None, the top hits)
SearchFn = Callable[[str], tuple[int, float | None, Sequence[SearchHit]]]


@dataclass(frozen=True)
class Miss:
    time: datetime
    query: str
    no_results: bool


def in_range(entries: Iterable[LogEntry], since: datetime | None, until: datetime | None) -> list[LogEntry]:
    """Log entries with since <= time < until."""
    return [
        e for e in entries
        if (since is None or e.time >= since) and (until is None or e.time < until)
    ]


def near_miss_threshold(
    entries: Sequence[LogEntry], fraction: float = NEAR_MISS_FRACTION
) -> tuple[float | None, float | None]:
    """(median top score of searches with results, the near-miss threshold); Nones without data."""
    scores = [e.top_score for e in entries if e.results > 0 and e.top_score is not None]
    if not scores:
        return None, None
    median = float(statistics.median(scores))
    return round(median, 4), round(median * fraction, 4)


def is_near_miss(entry: LogEntry, threshold: float | None) -> bool:
    """Found a few posts (at most NEAR_MISS_MAX_RESULTS), none of them scoring up to `threshold`."""
    return (
        threshold is not None and 0 < entry.results <= NEAR_MISS_MAX_RESULTS
        and entry.top_score is not None and entry.top_score < threshold
    )


def misses(entries: Sequence[LogEntry], threshold: float | None) -> list[Miss]:
    """Searches with no results, or near misses (see `is_near_miss`)."""
    out = []
    for e in entries:
        if e.results <= 0:
            out.append(Miss(e.time, e.query, True))
        elif is_near_miss(e, threshold):
            out.append(Miss(e.time, e.query, False))
    return out


def _display(query: str) -> str:
    return " ".join(fold(query).split())


def demand(
    entries: Iterable[LogEntry],
    vocabulary: Vocabulary,
    related: RelatedPosts | None,
    reader: Reader,
    *,
    merged: Mapping[str, InjuryGap] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    fraction: float = NEAR_MISS_FRACTION,
    search: SearchFn | None = None,
) -> Demand:
    """The demand section: understood missed searches grouped by topic, most missed first.

    `merged` maps a body part with no post to the missing injury it shares a topic with."""
    chosen = in_range(entries, since, until)
    understood = [e for e in chosen if reader.read(e.query).recognised]
    unrecognised = [e for e in chosen if not reader.read(e.query).recognised]
    median, threshold = near_miss_threshold(understood, fraction)
    missed = misses(understood, threshold)
    groups: dict[str, list[Miss]] = {}
    others: dict[str, Counter[str]] = {}
    for miss in missed:
        reading = reader.read(miss.query)
        if reading.key is None:  # never: only understood searches are here
            continue
        key = topic_key(reading.key, merged or {})
        groups.setdefault(key, []).append(miss)
        others.setdefault(key, Counter()).update(k for k in (reading.key, *reading.also) if k != key)
    items = [
        _item(key, group, others[key], vocabulary, related, reader, threshold, search)
        for key, group in groups.items()
    ]
    items.sort(key=lambda i: (-i.searches, -i.no_results, i.topic))
    return Demand(
        since=iso(since), until=iso(until), entries=len(chosen), misses=len(missed),
        unrecognised_searches=len(unrecognised),
        unrecognised_no_results=sum(1 for e in unrecognised if e.results <= 0),
        median_top_score=median, near_miss_fraction=fraction, near_miss_below=threshold,
        near_miss_max_results=NEAR_MISS_MAX_RESULTS, items=tuple(items),
    )


def _item(key: str, group: list[Miss], also: Counter[str], vocabulary: Vocabulary, related: RelatedPosts | None,
          reader: Reader, threshold: float | None, search: SearchFn | None) -> DemandItem:
    queries = Counter(_display(m.query) for m in group).most_common()
    examples = tuple(queries[:EXAMPLE_QUERIES])
    if key.startswith(WORDS_PREFIX):
        topic, kind = reader.read(examples[0][0]).read_as or examples[0][0], None
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
    """Run the most asked query again: is it answered now (results, and no near miss)?"""
    total, top, _hits = search(query)
    weak = threshold is not None and top is not None and total <= NEAR_MISS_MAX_RESULTS and top < threshold
    answered = total > 0 and top is not None and not weak
    return Recheck(query, int(total), None if top is None else round(float(top), 4), answered)

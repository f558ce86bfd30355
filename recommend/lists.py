"""The related list of a post, as readers see it: the author's pins, then neighbours above the
threshold in maximal-marginal-relevance order (posts on the post's own injury ranked up: see
`topics`), then marked fallbacks, so a list is never short.

Built for every post at build time (all posts, and videos only) and stored; a request reads a
slice. The same function serves the rare request with options of its own (another threshold,
extra exclusions, preferring recent posts).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import numpy.typing as npt

from ..index.post import Post
from .config import RelatedConfig
from .curation import Curation
from .diversity import mmr
from .ranking import recency_factor, topic_factor
from .topics import on_topic, own_topics

PINNED, FALLBACK = 1, 2  # flags of a list entry


@dataclass(frozen=True)
class Options:
    """What shapes one list (the stored lists use the defaults and the author's curation)."""

    limit: int
    videos_only: bool = False
    min_score: float | None = None
    exclude: frozenset[str] = frozenset()
    exclude_categories: frozenset[str] = frozenset()  # casefolded
    pins: tuple[str, ...] = ()
    same_body_part_boost: float | None = None
    prefer_recent: bool = False
    same_topic_boost: float | None = None


@dataclass
class Catalogue:
    """The posts as the lists see them, with lookups built once."""

    posts: Sequence[Post]
    # Injury -> its body part (the vocabulary's), for each post's own topics (see `topics`).
    body_part_of: Mapping[str, str] = field(default_factory=dict)
    # Row -> the injuries its title, categories or tags name (None: every injury it is tagged with).
    named_injuries: Sequence[Sequence[str]] | None = None
    row: dict[str, int] = field(init=False)
    topics: list[frozenset[str]] = field(init=False)  # row -> its own topics
    rank: list[int] = field(init=False)  # row -> its place, newest first, undated last
    # Per kind of list (every post / videos only): rows newest first, overall, by body part or
    # injury, and by (casefolded) category. A fallback walks these and stops once it has enough.
    recency: dict[bool, list[int]] = field(init=False)
    by_topic: dict[bool, dict[str, list[int]]] = field(init=False)
    by_category: dict[bool, dict[str, list[int]]] = field(init=False)
    newest: datetime | None = field(init=False)

    def __post_init__(self) -> None:
        self.row = {post.id: i for i, post in enumerate(self.posts)}
        named = self.named_injuries or [post.injuries for post in self.posts]
        self.topics = [own_topics(keys, self.body_part_of) for keys in named]
        order = sorted(range(len(self.posts)), key=self._recency_key)
        self.rank = [0] * len(self.posts)
        for place, i in enumerate(order):
            self.rank[i] = place
        self.recency, self.by_topic, self.by_category = {}, {}, {}
        for videos_only in (False, True):
            rows = [i for i in order if self.posts[i].has_video or not videos_only]
            topics: dict[str, list[int]] = {}
            categories: dict[str, list[int]] = {}
            for i in rows:
                post = self.posts[i]
                for key in dict.fromkeys((*post.body_parts, *post.injuries)):
                    topics.setdefault(key, []).append(i)
                for name in dict.fromkeys(c.casefold() for c in post.categories):
                    categories.setdefault(name, []).append(i)
            self.recency[videos_only], self.by_topic[videos_only], self.by_category[videos_only] = (
                rows,
                topics,
                categories,
            )
        self.newest = max((p.date for p in self.posts if p.date), default=None)

    def _recency_key(self, i: int) -> tuple[int, float, str]:  # newest first, undated last, then id
        post = self.posts[i]
        return (0, -post.date.timestamp(), post.id) if post.date else (1, 0.0, post.id)


Entry = tuple[int, float, int]  # (row, cosine, flags)


def related_list(
    i: int,
    options: Options,
    catalogue: Catalogue,
    neighbours: tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]],
    curation: Mapping[str, Curation],
    config: RelatedConfig,
) -> list[Entry]:
    """The related entries of row `i`: pins, then MMR-ordered neighbours, then fallbacks."""
    posts = catalogue.posts
    post = posts[i]
    manual = curation.get(post.id, Curation())
    excluded_ids = {post.id, *manual.exclude, *options.exclude}
    excluded_categories = {c.casefold() for c in manual.exclude_categories} | set(options.exclude_categories)

    def allowed(j: int) -> bool:
        other = posts[j]
        if other.id in excluded_ids or (options.videos_only and not other.has_video):
            return False
        return not any(c.casefold() in excluded_categories for c in other.categories)

    ids, scores = neighbours
    cosine = {int(j): float(s) for j, s in zip(ids[i], scores[i], strict=False) if j >= 0}
    chosen: list[Entry] = []
    taken: set[int] = {i}
    for pid in dict.fromkeys((*manual.pin, *options.pins)):
        j = catalogue.row.get(pid)
        if j is not None and j not in taken and allowed(j) and len(chosen) < options.limit:
            chosen.append((j, cosine.get(j, 0.0), PINNED))
            taken.add(j)
    threshold = config.min_score if options.min_score is None else options.min_score
    candidates = [(int(j), float(s)) for j, s in zip(ids[i], scores[i], strict=False)
                  if j >= 0 and s >= threshold and int(j) not in taken and allowed(int(j))]
    return _completed(post, catalogue.topics[i], chosen, taken, candidates, cosine, allowed, options, catalogue,
                      neighbours, config)


def draft_list(about: Post, cosine: npt.NDArray[np.float64], options: Options, catalogue: Catalogue,
               neighbours: tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]], config: RelatedConfig,
               breadth: int = 200) -> list[Entry]:
    """The related entries of a text that is not a post (a draft): its closest posts above the
    threshold in MMR order, then fallbacks by the body parts and injuries it names."""
    posts = catalogue.posts

    def allowed(j: int) -> bool:
        other = posts[j]
        if other.id in options.exclude or (options.videos_only and not other.has_video):
            return False
        return not any(c.casefold() in options.exclude_categories for c in other.categories)

    threshold = config.min_score if options.min_score is None else options.min_score
    above = np.flatnonzero(cosine >= max(threshold, 1e-12))
    above = above[np.lexsort((above, -cosine[above]))]
    candidates = list(itertools.islice(((int(j), float(cosine[j])) for j in above if allowed(int(j))), breadth))
    near = dict(candidates)
    own = own_topics(about.injuries, catalogue.body_part_of)
    return _completed(about, own, [], set(), candidates, near, allowed, options, catalogue, neighbours, config)


def _completed(about: Post, own: frozenset[str], chosen: list[Entry], taken: set[int],
               candidates: list[tuple[int, float]], cosine: Mapping[int, float], allowed: Callable[[int], bool],
               options: Options, catalogue: Catalogue,
               neighbours: tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]], config: RelatedConfig
               ) -> list[Entry]:
    """`chosen` (pins) followed by the candidates in MMR order, then fallbacks up to the limit;
    `own`: the listed post's own topics (see `topics`)."""
    wanted = options.limit - len(chosen)
    if candidates and wanted > 0:
        for p in _diversified(about, own, candidates, options, catalogue, neighbours, config, wanted):
            j, s = candidates[p]
            chosen.append((j, s, 0))
            taken.add(j)
    if len(chosen) < options.limit:
        chosen.extend(_fallback(about, own, options.limit - len(chosen), cosine, taken, allowed, catalogue,
                                options.videos_only))
    return chosen


def _diversified(about: Post, own: frozenset[str], candidates: list[tuple[int, float]], options: Options,
                 catalogue: Catalogue,
                 neighbours: tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]], config: RelatedConfig,
                 limit: int) -> list[int]:
    """Candidate positions in maximal-marginal-relevance order (topic and body-part boosts, recency)."""
    posts = catalogue.posts
    parts = set(about.body_parts)
    boost = config.same_body_part_boost if options.same_body_part_boost is None else options.same_body_part_boost
    topic_boost = config.same_topic_boost if options.same_topic_boost is None else options.same_topic_boost
    weight = config.recency_weight if options.prefer_recent else 0.0
    relevance = [
        s * topic_factor(posts[j], own, parts, topic_boost, boost)
        * recency_factor(posts[j], catalogue.newest, weight, config.recency_half_life_days)
        for j, s in candidates]
    rows = [j for j, _ in candidates]
    return mmr(relevance, pair_similarity(rows, neighbours), limit, config.mmr_lambda, config.near_duplicate_threshold)


def pair_similarity(rows: Sequence[int], neighbours: tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]
                    ) -> npt.NDArray[np.float64]:
    """Cosines among candidates, as the stored neighbour lists know them (either direction); a
    pair in neither list is no closer than either post's k-th neighbour, so it counts as 0."""
    ids, scores = neighbours
    chosen = np.asarray(rows, dtype=np.int64)
    # Where each listed neighbour sits among the candidates (-1: not a candidate).
    place = np.searchsorted(np.sort(chosen), ids[chosen])
    order = np.argsort(chosen)
    inside = (place < len(chosen)) & (np.sort(chosen)[np.minimum(place, len(chosen) - 1)] == ids[chosen])
    out = np.zeros((len(chosen), len(chosen)), dtype=np.float64)
    p, slot = np.nonzero(inside)
    out[p, order[place[p, slot]]] = scores[chosen][p, slot]
    return np.maximum(out, out.T)


def _fallback(post: Post, own: frozenset[str], limit: int, cosine: Mapping[int, float], taken: set[int],
              allowed: Callable[[int], bool], catalogue: Catalogue, videos_only: bool) -> list[Entry]:
    """Closest posts on the post's own topics (its injury and the injury's body part), then
    sharing any body part or injury, then the same category, then the newest; within a tier, the
    neighbours first (by cosine), then the newest."""
    posts = catalogue.posts
    topics = {*post.body_parts, *post.injuries}
    categories = {c.casefold() for c in post.categories}
    by_topic, by_category = catalogue.by_topic[videos_only], catalogue.by_category[videos_only]
    tiers: list[tuple[Callable[[int], bool], Iterable[int]]] = [
        (lambda j: on_topic(posts[j], own),
         heapq.merge(*(by_topic.get(k, []) for k in own), key=catalogue.rank.__getitem__)),
        (lambda j: not topics.isdisjoint((*posts[j].body_parts, *posts[j].injuries)),
         heapq.merge(*(by_topic.get(k, []) for k in topics), key=catalogue.rank.__getitem__)),
        (lambda j: any(c.casefold() in categories for c in posts[j].categories),
         heapq.merge(*(by_category.get(c, []) for c in categories), key=catalogue.rank.__getitem__)),
        (lambda j: True, catalogue.recency[videos_only]),
    ]
    out: list[Entry] = []
    for member, newest_first in tiers:
        near = sorted((j for j in cosine if member(j)), key=lambda j: (-cosine[j], catalogue.rank[j]))
        for j in itertools.chain(near, newest_first):
            if len(out) >= limit:
                return out
            if j not in taken and allowed(j):
                out.append((j, cosine.get(j, 0.0), FALLBACK))
                taken.add(j)
    return out

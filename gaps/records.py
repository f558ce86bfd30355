"""The gap report's records: small frozen dataclasses, each with a JSON-ready `to_dict()`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..index.post import Post
from ..recommend.items import RelatedItem
from ..search.results import SearchHit
from .wording import counted

# A JSON document as `to_dict()` writes it and json, csv and Jinja read it. Its values are JSON of
# every shape, which only the json library's own `Any` describes: this is the report's one edge.
JsonDoc = dict[str, Any]

SECTIONS = ("matrix", "injuries", "demand", "freshness", "orphans", "near_duplicates", "suggestions")


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


@dataclass(frozen=True)
class PostRef:
    """A post as the report names it; `score` is set when it was found by similarity or search."""

    id: str
    slug: str
    title: str
    url: str = ""
    date: str | None = None
    score: float | None = None

    @classmethod
    def of(cls, post: Post, score: float | None = None) -> PostRef:
        return cls(post.id, post.slug, post.title, post.url, iso(post.date), score)

    @classmethod
    def of_related(cls, item: RelatedItem) -> PostRef:
        """A post the recommender found near a text, with its similarity."""
        return cls(item.id, item.slug, item.title, item.url, None, round(float(item.score), 4))

    @classmethod
    def of_search_hit(cls, hit: SearchHit) -> PostRef:
        """A post a search found, with its score (None when nothing was scored)."""
        score = None if hit.score is None else round(float(hit.score), 4)
        return cls(hit.id, hit.slug, hit.title, hit.url, hit.date, score)

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class Cell:
    """One body part × kind of post: how many posts, how many of them with a video, its status."""

    body_part: str
    kind: str
    posts: int
    videos: int
    status: str  # "empty" | "thin" | "ok"

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class Axis:
    """A row (body part) or column (kind of post) of the matrix with its totals."""

    key: str
    name: str
    posts: int
    videos: int
    status: str = "ok"

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class Matrix:
    """Coverage of body part × kind of post; thin and empty judged against the median cell."""

    rows: tuple[Axis, ...]
    columns: tuple[Axis, ...]
    cells: tuple[Cell, ...]
    median: float
    thin_below: float
    row_median: float
    row_thin_below: float
    posts_total: int
    unassigned: int  # posts that name no body part (not in any row)

    def cell(self, body_part: str, kind: str) -> Cell:
        return next(c for c in self.cells if c.body_part == body_part and c.kind == kind)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": [row.to_dict() for row in self.rows],
            "columns": [column.to_dict() for column in self.columns],
            "cells": [cell.to_dict() for cell in self.cells],
            "max": max((cell.posts for cell in self.cells), default=0),
            "median": self.median,
            "thin_below": self.thin_below,
            "row_median": self.row_median,
            "row_thin_below": self.row_thin_below,
            "posts_total": self.posts_total,
            "unassigned": self.unassigned,
            "rule": (
                f"A cell is empty with no posts and thin with fewer than {counted(self.thin_below, 'post')} (half "
                f"the typical cell's {self.median:g}); a body part is thin with fewer than "
                f"{counted(self.row_thin_below, 'post')} (half the typical body part's {self.row_median:g}). "
                "Videos count the posts with a video."
            ),
        }


@dataclass(frozen=True)
class InjuryGap:
    """An injury in the vocabulary with no post or a single one, and what we have near it."""

    key: str
    name: str
    body_part: str | None
    posts: tuple[PostRef, ...]
    closest: tuple[PostRef, ...]

    @property
    def status(self) -> str:
        return "missing" if not self.posts else "single"

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "name": self.name, "body_part": self.body_part, "status": self.status,
            "post_count": len(self.posts), "posts": [p.to_dict() for p in self.posts],
            "closest_posts": [p.to_dict() for p in self.closest],
        }


@dataclass(frozen=True)
class Recheck:
    """A demand item's example query run again against the current index."""

    query: str
    total: int
    top_score: float | None
    answered: bool

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class DemandItem:
    """Missed searches about one concept (or one set of words), most asked first."""

    key: str  # concept key, or "words:<stems>" when the queries name no concept
    topic: str
    concept_kind: str | None  # "body_part" | "injury" | None
    searches: int
    no_results: int
    weak_results: int
    queries: tuple[tuple[str, int], ...]  # distinct queries with their counts, most frequent first
    last_searched: str | None
    also_mentions: tuple[str, ...] = ()
    closest: tuple[PostRef, ...] = ()
    recheck: Recheck | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "topic": self.topic, "concept_kind": self.concept_kind,
            "searches": self.searches, "no_results": self.no_results, "weak_results": self.weak_results,
            "queries": [{"query": q, "count": n} for q, n in self.queries],
            "last_searched": self.last_searched, "also_mentions": list(self.also_mentions),
            "closest_posts": [p.to_dict() for p in self.closest],
            "recheck": self.recheck.to_dict() if self.recheck else None,
        }


@dataclass(frozen=True)
class Demand:
    """The demand section: what readers searched for and did not find (well).

    `entries` counts every search in the range; `unrecognised_searches` those the blog's language
    does not understand (nonsense, another language, an address), counted apart and never
    grouped into items; `misses` the understood searches that missed."""

    since: str | None
    until: str | None
    entries: int
    misses: int
    unrecognised_searches: int
    unrecognised_no_results: int
    median_top_score: float | None
    near_miss_fraction: float
    near_miss_below: float | None
    near_miss_max_results: int
    items: tuple[DemandItem, ...]

    @property
    def rule(self) -> str:
        return (
            "Only searches the blog understands count: they name a body part or injury (misspellings and "
            "joined words included), or mostly use words the posts use. A missed search found nothing, or found "
            f"at most {counted(self.near_miss_max_results, 'post')} with the best scoring under "
            f"{self.near_miss_fraction:.0%} of a typical search's best match; a search that found more posts "
            "was answered, however broad. Misses are grouped by the body part or injury they name (a body "
            "part with no post goes with its missing injury), else by their words, most missed first."
        )

    @property
    def summary(self) -> str:
        """One line: how many searches, how many missed, how many were not understood."""
        if not self.entries:
            return "No searches in range."
        understood = self.entries - self.unrecognised_searches
        return (
            f"{counted(self.entries, 'search')} in range: {understood} understood, of which "
            f"{self.misses} missed; {self.unrecognised_searches} not understood (nonsense, another language "
            "or a web address), counted apart and never suggested."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since, "until": self.until, "entries": self.entries, "misses": self.misses,
            "unrecognised_searches": self.unrecognised_searches,
            "unrecognised_no_results": self.unrecognised_no_results,
            "median_top_score": self.median_top_score, "near_miss_fraction": self.near_miss_fraction,
            "near_miss_below": self.near_miss_below, "near_miss_max_results": self.near_miss_max_results,
            "rule": self.rule,
            "summary": self.summary,
            "items": [item.to_dict() for item in self.items],
        }


@dataclass(frozen=True)
class Area:
    """Freshness of one category, body part or injury."""

    type: str  # "category" | "body_part" | "injury"
    key: str
    name: str
    posts: int
    first_post: str | None
    last_post: str | None
    per_year: dict[int, int]
    posts_per_year: float
    days_silent: int | None  # None when there was never a post
    silent: bool

    def to_dict(self) -> dict[str, Any]:
        out = dict(vars(self))
        out["per_year"] = {str(year): n for year, n in self.per_year.items()}
        return out


@dataclass(frozen=True)
class Freshness:
    now: str
    now_source: str  # "newest post" | "given"
    silence_days: int
    categories: tuple[Area, ...]
    body_parts: tuple[Area, ...]
    injuries: tuple[Area, ...]

    def silent(self) -> list[Area]:
        return [a for a in (*self.categories, *self.body_parts, *self.injuries) if a.silent and a.posts]

    def to_dict(self) -> dict[str, Any]:
        return {
            "now": self.now, "now_source": self.now_source, "silence_days": self.silence_days,
            "rule": (
                f"An area is quiet when its last post is more than {counted(self.silence_days, 'day')} before "
                f"{self.now[:10]} ({'the newest post' if self.now_source == 'newest post' else 'the date asked for'}). "
                "Posts per year count from the area's first post."
            ),
            "categories": [a.to_dict() for a in self.categories],
            "body_parts": [a.to_dict() for a in self.body_parts],
            "injuries": [a.to_dict() for a in self.injuries],
            "silent": [{"type": a.type, "key": a.key, "name": a.name, "last_post": a.last_post,
                        "days_silent": a.days_silent} for a in self.silent()],
        }


@dataclass(frozen=True)
class NearDuplicate:
    a: PostRef
    b: PostRef
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "score": round(self.score, 4)}


@dataclass(frozen=True)
class Suggestion:
    key: str
    topic: str
    score: float
    reasons: tuple[str, ...]
    evidence: JsonDoc = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "topic": self.topic, "score": round(self.score, 3),
                "reasons": list(self.reasons), "evidence": self.evidence}


@dataclass(frozen=True)
class GapReport:
    """Everything the report found; `to_dict()` is the JSON of the CLI and of GET /api/v1/gaps."""

    matrix: Matrix
    injuries: tuple[InjuryGap, ...]
    demand: Demand
    freshness: Freshness
    orphans: tuple[PostRef, ...]
    near_duplicates: tuple[NearDuplicate, ...]
    suggestions: tuple[Suggestion, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "matrix": self.matrix.to_dict(),
            "injuries": [gap.to_dict() for gap in self.injuries],
            "demand": self.demand.to_dict(),
            "freshness": self.freshness.to_dict(),
            "orphans": [ref.to_dict() for ref in self.orphans],
            "near_duplicates": [pair.to_dict() for pair in self.near_duplicates],
            "suggestions": [dict(rank=i, **s.to_dict()) for i, s in enumerate(self.suggestions, 1)],
        }

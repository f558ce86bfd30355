"""The search package's own result records (no Whoosh object ever leaves `search/`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from ..index.errors import BadQuery

SORTS = ("relevance", "date")
Match = Literal["all", "any", "none"]
SuggestionKind = Literal["post", "body_part", "injury"]


@dataclass(frozen=True)
class SearchRequest:
    """What the reader asked for: text, filters, sort and page."""

    q: str = ""
    category: str | None = None
    body_part: str | None = None
    injury: str | None = None
    video: bool | None = None
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: Literal["relevance", "date"] = "relevance"
    page: int = 1
    per_page: int = 10

    def validate(self) -> None:
        """Raise BadQuery when paging or sort values are out of range."""
        if not isinstance(self.page, int) or self.page < 1:
            raise BadQuery(f"page must be an integer >= 1 (got {self.page!r})")
        # The largest page is a setting, checked by the service that serves the request.
        if not isinstance(self.per_page, int) or self.per_page < 1:
            raise BadQuery(f"per_page must be an integer >= 1 (got {self.per_page!r})")
        if self.sort not in SORTS:
            raise BadQuery(f"sort must be one of {', '.join(SORTS)} (got {self.sort!r})")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadQuery("date_from must not be after date_to")

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("date_from", "date_to"):
            out[key] = out[key].isoformat() if out[key] else None
        return out


@dataclass(frozen=True)
class SearchHit:
    """One post in a result page; `excerpt` is safe HTML (only <mark> tags).

    `score` is None when nothing was scored (an empty query lists recent posts); `match` says
    whether the post matched every word of the query ("all") or some of them ("any")."""

    id: str
    slug: str
    title: str
    url: str
    date: str | None
    score: float | None
    excerpt: str
    categories: tuple[str, ...] = ()
    body_parts: tuple[str, ...] = ()
    injuries: tuple[str, ...] = ()
    has_video: bool = False
    thumbnail_url: str = ""
    match: Match = "all"

    def to_dict(self) -> dict[str, Any]:
        # Built by hand: `asdict` deep-copies every value, a tenth of a search's time.
        return {
            "id": self.id, "slug": self.slug, "title": self.title, "url": self.url, "date": self.date,
            "score": self.score, "excerpt": self.excerpt, "categories": list(self.categories),
            "body_parts": list(self.body_parts), "injuries": list(self.injuries), "has_video": self.has_video,
            "thumbnail_url": self.thumbnail_url, "match": self.match,
        }


@dataclass(frozen=True)
class SearchResult:
    """One page of results plus facet counts over the whole result set."""

    query: str
    total: int
    page: int
    per_page: int
    hits: tuple[SearchHit, ...] = ()
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    did_you_mean: str | None = None
    notices: tuple[str, ...] = ()
    match: Match = "all"
    # How many of `total` match every word of the query (they come first).
    total_all_words: int = 0
    # Nothing found on a topic nobody has written about yet: posts on its nearest body parts,
    # offered apart from the results (the notice says which).
    nearby: tuple[SearchHit, ...] = ()
    # The search describes a symptom that needs a clinician: the advice (also first in `notices`).
    red_flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "total_all_words": self.total_all_words,
            "page": self.page,
            "per_page": self.per_page,
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": {name: [dict(v) for v in values] for name, values in self.facets.items()},
            "did_you_mean": self.did_you_mean,
            "notices": list(self.notices),
            "match": self.match,
            "nearby": [hit.to_dict() for hit in self.nearby],
            "red_flags": list(self.red_flags),
        }


@dataclass(frozen=True)
class Suggestion:
    """One type-ahead suggestion: a post title or a vocabulary term."""

    text: str
    kind: SuggestionKind
    slug: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

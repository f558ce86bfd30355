"""Request and response models of the HTTP API (kept apart from the library's records)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from ..index.post import Link, Post, Video
from ..index.search_log import LogEntry
from ..recommend.items import RelatedItem
from ..search.results import Suggestion

# Every day the API takes or stores lies in this range: a blog's dates do, and date arithmetic
# (the day after `until`, a post's age) can then never run off the calendar's ends.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)
EARLIEST_TIME = datetime.combine(EARLIEST_DAY, time(), tzinfo=UTC)
LATEST_TIME = datetime.combine(LATEST_DAY, time.max, tzinfo=UTC)

# -- errors ----------------------------------------------------------------------------------


class ErrorInfo(BaseModel):
    code: str
    message: str
    detail: Any = None


class ErrorResponse(BaseModel):
    error: ErrorInfo


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse} for status in (400, 404, 422, 429, 500, 503)
}

# -- search ----------------------------------------------------------------------------------
# Search results, hits, suggestions and related items are the library's own records
# (search.results, recommend.items), used as response models as they are: nothing to keep in step.


class SuggestResponse(BaseModel):
    query: str
    suggestions: list[Suggestion]


# -- posts -----------------------------------------------------------------------------------


class VideoModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider: str = Field(min_length=1, max_length=40)
    video_id: str = Field("", max_length=200)
    url: str = Field(max_length=2000)
    thumbnail_url: str = Field("", max_length=2000)


class LinkModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rel: str = Field(max_length=40)
    title: str = Field(max_length=500)
    url: str = Field("", max_length=2000)


class PostOut(BaseModel):
    """A whole post as stored (the importer's source reference left out)."""

    id: str
    title: str
    slug: str
    url: str
    date: str | None
    author: str
    categories: list[str]
    tags: list[str]
    body: str
    excerpt: str
    videos: list[VideoModel]
    links: list[LinkModel]
    body_parts: list[str]
    injuries: list[str]
    kinds: list[str]
    has_video: bool
    thumbnail_url: str

    @classmethod
    def of(cls, post: Post) -> PostOut:
        data = post.to_dict()
        data.pop("source", None)
        data.pop("flags", None)
        return cls(**data, has_video=post.has_video, thumbnail_url=post.thumbnail_url)


class PostSummary(BaseModel):
    id: str
    slug: str
    title: str
    url: str
    date: str | None
    categories: list[str]
    body_parts: list[str]
    injuries: list[str]
    excerpt: str
    has_video: bool
    thumbnail_url: str

    @classmethod
    def of(cls, post: Post) -> PostSummary:
        return cls(
            id=post.id,
            slug=post.slug,
            title=post.title,
            url=post.url,
            date=post.date.isoformat() if post.date else None,
            categories=list(post.categories),
            body_parts=list(post.body_parts),
            injuries=list(post.injuries),
            excerpt=post.excerpt,
            has_video=post.has_video,
            thumbnail_url=post.thumbnail_url,
        )


class PostPageOut(BaseModel):
    total: int
    page: int
    per_page: int
    posts: list[PostSummary]


# -- related ---------------------------------------------------------------------------------


class PostRef(BaseModel):
    id: str
    slug: str
    title: str
    url: str

    @classmethod
    def of(cls, post: Post) -> PostRef:
        return cls(id=post.id, slug=post.slug, title=post.title, url=post.url)


class RelatedResponse(BaseModel):
    post: PostRef
    related: list[RelatedItem]


class RelatedTextRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=100_000, description="Draft text to find related posts for.")
    limit: int = Field(5, ge=1, description="How many related posts (at most the server's max_related).")
    videos_only: bool = False


class RelatedTextResponse(BaseModel):
    related: list[RelatedItem]
    notices: list[str] = Field(default_factory=list, description="E.g. that a long draft was cut.")


# -- operations ------------------------------------------------------------------------------


class StatsResponse(BaseModel):
    """The live bundle's counts and build; where the index lives on disk is not told over HTTP."""

    posts: int
    categories: dict[str, int]
    videos: int
    version: str
    format_version: int
    built_at: str


class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"


class ReadyResponse(BaseModel):
    status: Literal["ready"] = "ready"
    build_id: str
    posts: int
    warning: str | None = None
    search_log: str | None = Field(
        None, description='Null while the search log is written; else "failing since <time>: <reason> (<n> failed '
        'writes)". Searches keep working: the server stays ready, only readers\' searches go unlogged.'
    )
    search_log_failures: int = Field(0, description="Search log writes that failed in this worker since it started.")


# -- admin -----------------------------------------------------------------------------------


class PostIn(BaseModel):
    """A post sent by the author; derived fields (body parts, injuries, kinds) are computed again."""

    model_config = ConfigDict(extra="ignore")

    id: str | None = Field(None, min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=1000)
    slug: str = Field("", max_length=300, pattern=r"^[^/\s?#]*$")
    url: str = Field("", max_length=2000)
    date: AwareDatetime | None = None
    author: str = Field("", max_length=300)
    categories: list[str] = Field([], max_length=100)
    tags: list[str] = Field([], max_length=200)
    body: str = ""
    excerpt: str = Field("", max_length=10_000)
    videos: list[VideoModel] = Field([], max_length=100)
    links: list[LinkModel] = Field([], max_length=500)

    @field_validator("date")
    @classmethod
    def _date_in_range(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return value
        try:
            inside = EARLIEST_TIME <= value <= LATEST_TIME
        except OverflowError:  # an offset pushing year 1 or 9999 past the calendar's end
            inside = False
        if not inside:
            raise ValueError(f"date must be between {EARLIEST_DAY} and {LATEST_DAY} (UTC)")
        return value

    def to_post(self, post_id: str) -> Post:
        return Post(
            id=post_id,
            title=self.title,
            slug=self.slug,
            url=self.url,
            date=self.date,
            author=self.author,
            categories=tuple(self.categories),
            tags=tuple(self.tags),
            body=self.body,
            excerpt=self.excerpt,
            videos=tuple(Video(**v.model_dump()) for v in self.videos),
            links=tuple(Link(**link.model_dump()) for link in self.links),
        )


class AdminChange(BaseModel):
    id: str
    action: Literal["upserted", "deleted"]
    build_id: str
    posts: int


class ReindexResponse(BaseModel):
    index: str
    posts: int
    skipped: int
    duplicates: int
    problems: list[dict[str, Any]]
    build_id: str | None
    built_at: str | None


class QueryCount(BaseModel):
    query: str
    count: int


class SearchReport(BaseModel):
    since: str | None
    until: str | None
    searches: int
    zero_result_searches: int
    distinct_queries: int
    top_queries: list[QueryCount]
    zero_result_queries: list[QueryCount]

    @classmethod
    def of(
        cls, entries: Iterable[LogEntry], since: datetime | None, until: datetime | None, limit: int
    ) -> SearchReport:
        """Count the log: searches, zero-result searches, the most frequent queries of each."""
        queries: Counter[str] = Counter()
        empty: Counter[str] = Counter()
        for entry in entries:
            queries[entry.query] += 1
            if entry.results == 0:
                empty[entry.query] += 1

        def top(counter: Counter[str]) -> list[QueryCount]:
            ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
            return [QueryCount(query=q, count=n) for q, n in ordered]

        return cls(
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            searches=sum(queries.values()),
            zero_result_searches=sum(empty.values()),
            distinct_queries=len(queries),
            top_queries=top(queries),
            zero_result_queries=top(empty),
        )

    def to_csv(self) -> str:
        """Rows of (list, query, count): the top queries, then the zero-result ones."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["list", "query", "count"])
        for name, rows in (("top", self.top_queries), ("zero_results", self.zero_result_queries)):
            for row in rows:
                writer.writerow([name, _cell(row.query), row.count])
        return out.getvalue()


def _cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

"""The Post record: the one shape every package reads and writes."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Video:
    """A video embedded in a post (YouTube, Vimeo, Facebook or a file)."""

    provider: str
    video_id: str
    url: str
    thumbnail_url: str = ""


@dataclass(frozen=True)
class Link:
    """A link to another post: `previous`, `next` or `internal`."""

    rel: str
    title: str
    url: str = ""


@dataclass(frozen=True)
class SourceRef:
    """Where a post came from: the file and the position inside it (item, line, record)."""

    file: str
    position: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.position}" if self.position else self.file


@dataclass(frozen=True)
class Post:
    """One blog post, as imported and as indexed.

    `body_parts`, `injuries` and `kinds` are derived at build time from the vocabulary;
    `flags` records what the importer had to guess (e.g. `title-from-slug`).
    """

    id: str
    title: str
    slug: str = ""
    url: str = ""
    date: datetime | None = None
    author: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    body: str = ""
    excerpt: str = ""
    videos: tuple[Video, ...] = ()
    links: tuple[Link, ...] = ()
    source: SourceRef | None = None
    body_parts: tuple[str, ...] = ()
    injuries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    flags: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.date is not None and self.date.tzinfo is None:
            raise ValueError(f"post {self.id!r}: date must be timezone-aware")

    @property
    def has_video(self) -> bool:
        return bool(self.videos)

    @property
    def thumbnail_url(self) -> str:
        return next((v.thumbnail_url for v in self.videos if v.thumbnail_url), "")

    def with_changes(self, **changes: Any) -> Post:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (dates as ISO 8601)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "date":
                out[f.name] = value.isoformat() if value else None
            elif f.name in ("videos", "links"):
                out[f.name] = [vars(item).copy() for item in value]
            elif f.name == "source":
                out[f.name] = vars(value).copy() if value else None
            elif isinstance(value, tuple):
                out[f.name] = list(value)
            else:
                out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Post:
        """Inverse of `to_dict`; raises ValueError/TypeError/KeyError on a malformed dict."""
        date = data.get("date")
        if isinstance(date, str) and date:
            date = datetime.fromisoformat(date)
        source = data.get("source")
        return cls(
            id=str(data["id"]),
            title=str(data.get("title") or ""),
            slug=str(data.get("slug") or ""),
            url=str(data.get("url") or ""),
            date=date or None,
            author=str(data.get("author") or ""),
            categories=tuple(data.get("categories") or ()),
            tags=tuple(data.get("tags") or ()),
            body=str(data.get("body") or ""),
            excerpt=str(data.get("excerpt") or ""),
            videos=tuple(Video(**v) for v in data.get("videos") or ()),
            links=tuple(Link(**link) for link in data.get("links") or ()),
            source=SourceRef(**source) if source else None,
            body_parts=tuple(data.get("body_parts") or ()),
            injuries=tuple(data.get("injuries") or ()),
            kinds=tuple(data.get("kinds") or ()),
            flags=tuple(data.get("flags") or ()),
        )

"""Shared clean-up for every reader: slugs, dates, excerpts, and turning raw fields into a `Post`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ..post import Link, Post, SourceRef, Video
from .problems import Problem

_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%Y/%m/%d %H:%M",
                 "%Y/%m/%d %H:%M:%S", "%m/%d/%Y")
EXCERPT_CHARS = 200


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Don't stop!" -> "dont-stop")."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['\u2019]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def title_from_slug(slug: str) -> str:
    """A readable title from a slug ("hip-flexor-stretch" -> "Hip flexor stretch")."""
    words = re.sub(r"[-_]+", " ", slug).strip()
    return words[:1].upper() + words[1:]


def _aware(value: datetime) -> datetime:
    # Naive dates carry no zone at all: UTC is the documented assumption.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _parse_text_date(text: str) -> datetime | None:
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def parse_date(value: Any) -> datetime | None:
    """A timezone-aware datetime from ISO/RFC 2822/"Month d, yyyy" text or a date; None if unparseable."""
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    parsed = _parse_text_date(value)
    return _aware(parsed) if parsed else None


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each with its whitespace collapsed."""
    parts = (re.sub(r"\s+", " ", part).strip() for part in re.split(r"\n\s*\n", text))
    return [part for part in parts if part]


def make_excerpt(body: str, limit: int = EXCERPT_CHARS) -> str:
    """The first paragraph, cut at a word boundary near `limit` characters."""
    first = next(iter(paragraphs(body)), "")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:.-–— ")
    return cut + "…"


def _clean_names(values: Iterable[Any]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        name = re.sub(r"\s+", " ", str(value)).strip()
        if name and name not in out:
            out.append(name)
    return tuple(out)


def assemble(
    source: SourceRef,
    *,
    id: Any = "",
    title: str = "",
    slug: str = "",
    url: str = "",
    date: Any = None,
    author: str = "",
    categories: Iterable[Any] = (),
    tags: Iterable[Any] = (),
    body: str = "",
    excerpt: str = "",
    videos: Iterable[Video] = (),
    links: Iterable[Link] = (),
) -> Iterator[Post | Problem]:
    """Yield one `Post` (plus a warning per guess) or one error `Problem` when nothing is usable."""
    title, slug, url = (title or "").strip(), (slug or "").strip(), (url or "").strip()
    body = "\n\n".join(paragraphs(body or ""))
    where = (source.file, source.position)
    if not title and not slug and not body:
        yield Problem(*where, "nothing usable: no title, no slug and no body")
        return
    flags: list[str] = []
    if not title:
        if slug:
            title = title_from_slug(slug)
            flags.append("title-from-slug")
            yield Problem(*where, f"title missing; made from slug {slug!r}", "warning")
        else:
            title = make_excerpt(body, 80)
            flags.append("title-from-body")
            yield Problem(*where, "title missing; made from the body's first words", "warning")
    slug = slug or slugify(title)
    parsed = parse_date(date)
    if parsed is None and date not in (None, ""):
        flags.append("date-unparseable")
        yield Problem(*where, f"date {str(date)[:60]!r} could not be parsed; left empty", "warning")
    if not body:
        flags.append("empty-body")
        yield Problem(*where, "body is empty", "warning")
    yield Post(
        id=str(id).strip() if id not in (None, "") else (slug or url),
        title=re.sub(r"\s+", " ", title),
        slug=slug,
        url=url,
        date=parsed,
        author=re.sub(r"\s+", " ", author or "").strip(),
        categories=_clean_names(categories),
        tags=_clean_names(tags),
        body=body,
        excerpt=re.sub(r"\s+", " ", excerpt or "").strip() or make_excerpt(body),
        videos=tuple(videos),
        links=tuple(links),
        source=source,
        flags=tuple(flags),
    )

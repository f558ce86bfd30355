"""Shared clean-up for every reader: slugs, dates, excerpts, and turning raw fields into a `Post`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ..post import Link, Post, SourceRef, Video
from .problems import Problem
from .slugs import safe_slug, slugify

_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%Y/%m/%d %H:%M",
                 "%Y/%m/%d %H:%M:%S", "%m/%d/%Y")
EXCERPT_CHARS = 200
# Dates a running blog can have; outside them a date is a typo or a hostile value, and years
# 1 and 9999 with an offset cannot even be converted to UTC (OverflowError).
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2199, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
DATE_RANGE = "1900-01-01..2199-12-31 (UTC)"
# JSON "\ud800" and YAML "\ud800" escapes decode to lone surrogates, which no UTF-8 file can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")


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
    except (TypeError, ValueError, IndexError, OverflowError):
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


def in_range(value: datetime) -> bool:
    """True when an aware datetime lies within EARLIEST..LATEST once in UTC."""
    try:
        return EARLIEST <= value.astimezone(UTC) <= LATEST
    except (OverflowError, ValueError):
        return False


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
    out: dict[str, None] = {}  # ordered and de-duplicated in linear time (a list lookup was quadratic)
    for value in values:
        name = re.sub(r"\s+", " ", str(value)).strip()
        if name:
            out.setdefault(name)
    return tuple(out)


def _without_surrogates(value: Any) -> Any:
    """`value` (text, a tuple or a record of them) with lone surrogates replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, tuple):
        return tuple(_without_surrogates(item) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _without_surrogates(getattr(value, f.name)) for f in fields(value)})
    return value


def _title_slug(source: SourceRef, title: str, slug: str, body: str,
                flags: list[str]) -> tuple[str, str, list[Problem]]:
    """The title and slug to use, and a warning for each guess or repair made."""
    problems: list[Problem] = []
    safe = safe_slug(slug)
    if safe is not None:
        flags.append("slug-normalised")
        final = safe or slugify(title)
        problems.append(Problem.at(
            source, f"slug {slug[:120]!r} holds a path ('/', '%2f' or '..'); normalised to {final!r}", "warning",
            code="slug-normalised"))
        slug = final
    if not title and slug:
        title = title_from_slug(slug)
        flags.append("title-from-slug")
        problems.append(Problem.at(source, f"title missing; made from slug {slug!r}", "warning",
                                   code="title-from-slug"))
    elif not title:
        title = make_excerpt(body, 80)
        flags.append("title-from-body")
        problems.append(Problem.at(source, "title missing; made from the body's first words", "warning",
                                   code="title-from-body"))
    return title, slug or slugify(title), problems


def _date(source: SourceRef, date: Any, flags: list[str]) -> tuple[datetime | None, list[Problem]]:
    """The date to keep (None when unusable), and a warning when it was unusable."""
    parsed = parse_date(date)
    if parsed is None and date not in (None, ""):
        flags.append("date-unparseable")
        return None, [Problem.at(source, f"date {str(date)[:60]!r} could not be parsed; left empty", "warning",
                                 code="date-unparseable")]
    if parsed is not None and not in_range(parsed):
        # The post is still worth finding: only its date is dropped.
        flags.append("date-out-of-range")
        return None, [Problem.at(source, f"date {str(date)[:60]!r} is outside {DATE_RANGE}; the post is kept "
                                 "without a date", "warning", code="date-out-of-range")]
    return parsed, []


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
    if not title and not slug and not body:
        yield Problem.at(source, "nothing usable: no title, no slug and no body", code="nothing-usable")
        return
    flags: list[str] = []
    title, slug, problems = _title_slug(source, title, slug, body, flags)
    parsed, date_problems = _date(source, date, flags)
    yield from problems + date_problems
    if not body:
        flags.append("empty-body")
        yield Problem.at(source, "body is empty", "warning", code="empty-body")
    post = Post(
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
    clean = _without_surrogates(post)
    if clean != post:
        yield Problem.at(source, "lone UTF-16 surrogates (e.g. a JSON \\ud800 escape) replaced with U+FFFD", "warning",
                         code="surrogates-replaced")
        clean = clean.with_changes(flags=(*clean.flags, "surrogates-replaced"))
    yield clean

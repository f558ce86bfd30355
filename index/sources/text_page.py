"""Scraped text pages of the blog (see ../shared/seed): keep the post, drop menus, sidebar and footer.

Layout: a title line, then "<Month> <d>, <yyyy> // by <Author> // Leave a Comment" (NBSPs around
the slashes), the body paragraphs, "Category: a, b", optional "Tags: ...", then "Previous Post: « t"
and "Next Post: t »". The page gives a date only: it is read as midnight UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..post import Link, Post, SourceRef
from .html_text import split_videos
from .normalize import assemble, parse_date
from .problems import Problem, guarded

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_LINE = re.compile(rf"^\s*(?P<date>(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}})\s*//\s*by\s+(?P<author>.+?)\s*(?://.*)?$")
_CATEGORY = re.compile(r"^\s*Categor(?:y|ies)\s*:\s*(.*)$")
_TAGS = re.compile(r"^\s*Tag(?:s|ged)?(?:\s+With)?\s*:\s*(.*)$", re.I)
_LINK = re.compile(r"^\s*(Previous|Next)\s+Post\s*:\s*(.*)$")
# Lines that end the post when no "Category:" line came first.
_END = re.compile(r"^\s*(Reader Interactions|Leave a Reply|Primary Sidebar|Previous Post:|Next Post:)")


def _clean(line: str) -> str:
    return re.sub(r"\s+", " ", line.replace("\u00a0", " ")).strip()


def find_header(lines: list[str]) -> int | None:
    """Index of the date/author line that follows a title line, or None."""
    previous = ""  # the last non-blank line so far: gathering all of them per date line was quadratic
    for index, line in enumerate(lines):
        text = _clean(line)
        if previous and not previous.startswith("•") and DATE_LINE.match(text):
            return index
        previous = text or previous
    return None


def _title(lines: list[str], header: int) -> str:
    return next(_clean(text) for text in reversed(lines[:header]) if _clean(text))


def _body_end(lines: list[str], start: int) -> int:
    for index in range(start, len(lines)):
        text = _clean(lines[index])
        if _CATEGORY.match(text) or _TAGS.match(text) or _END.match(text):
            return index
    return len(lines)


def _split_names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def _footer(lines: list[str]) -> tuple[list[str], list[str], list[Link]]:
    categories: list[str] = []
    tags: list[str] = []
    links: list[Link] = []
    for text in map(_clean, lines):
        if _END.match(text) and not _LINK.match(text):
            break
        if match := _CATEGORY.match(text):
            categories = _split_names(match.group(1))
        elif match := _TAGS.match(text):
            tags = _split_names(match.group(1))
        elif match := _LINK.match(text):
            title = match.group(2).strip("«»‹› ").strip()
            if title:
                links.append(Link(match.group(1).lower(), title))
    return categories, tags, links


def _page_post(path: str, lines: list[str], header: int) -> Iterator[Post | Problem]:
    match = DATE_LINE.match(_clean(lines[header]))
    assert match is not None  # find_header matched this line
    end = _body_end(lines, header + 1)
    body, videos = split_videos("\n".join(lines[header + 1:end]))
    categories, tags, links = _footer(lines[end:])
    yield from assemble(
        SourceRef(path, f"line {header + 1}"),
        title=_title(lines, header),
        date=parse_date(match.group("date")) or match.group("date"),
        author=match.group("author"),
        categories=categories,
        tags=tags,
        body=body,
        videos=videos,
        links=links,
    )


def read_text_page(path: str, text: str, **_: object) -> Iterator[Post | Problem]:
    """The one post of a scraped text page, or a Problem when the layout is not found."""
    lines = text.splitlines()
    header = find_header(lines)
    if header is None:
        yield Problem(path, "", "no '<Month> <d>, <yyyy> // by <Author>' line after a title line", code="no-header")
        return
    yield from guarded(SourceRef(path, f"line {header + 1}"), _page_post, path, lines, header)

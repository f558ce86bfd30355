"""Saved HTML pages: WordPress/Genesis markup read directly, any other page through trafilatura."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TypeAlias

import lxml.etree
import lxml.html
import trafilatura

from ..post import Link, Post, SourceRef, Video
from .html_text import element_to_text
from .normalize import assemble
from .problems import Problem, guarded
from .videos import unique_videos

# lxml ships no type information: its elements are Any at this boundary (the tests pin the behaviour).
_Element: TypeAlias = Any


def by_class(root: _Element, name: str, tag: str = "*") -> list[_Element]:
    """Elements whose class list contains `name` (no cssselect needed)."""
    return list(root.xpath(f"//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"))


def _first_text(root: _Element, name: str, tag: str = "*") -> str:
    found = by_class(root, name, tag)
    return re.sub(r"\s+", " ", found[0].text_content()).strip() if found else ""


def _names(root: _Element, name: str) -> list[str]:
    return [a.text_content().strip() for box in by_class(root, name) for a in box.iter("a")]


def _url(root: _Element) -> str:
    canonical = root.xpath("//link[@rel='canonical']/@href") or root.xpath("//meta[@property='og:url']/@content")
    return str(canonical[0]).strip() if canonical else ""


def _links(root: _Element) -> list[Link]:
    links: list[Link] = []
    for rel in ("previous", "next"):
        for a in (a for box in by_class(root, f"pagination-{rel}") for a in box.iter("a")):
            title = re.sub(r"^\s*(Previous|Next) Post:\s*", "", a.text_content())
            links.append(Link(rel, title.strip().strip("«»‹› ").strip(), a.get("href") or ""))
    return links


def _post_id(root: _Element) -> str:
    for article in root.iter("article"):
        match = re.fullmatch(r"post-(\d+)", article.get("id") or "")
        if match:
            return match.group(1)
    return ""


def _date(root: _Element) -> str:
    times = by_class(root, "entry-time", "time")
    return (times[0].get("datetime") or times[0].text_content()).strip() if times else ""


def read_genesis(path: str, root: _Element) -> Iterator[Post | Problem]:
    """A WordPress (Genesis-style) post page: entry-title, entry-content, entry meta."""
    content = by_class(root, "entry-content")[0]
    body, videos = element_to_text(content)
    yield from assemble(
        SourceRef(path, "article"),
        id=_post_id(root),
        title=_first_text(root, "entry-title"),
        url=_url(root),
        date=_date(root),
        author=_first_text(root, "entry-author-name"),
        categories=_names(root, "entry-categories"),
        tags=_names(root, "entry-tags"),
        body=body,
        videos=videos,
        links=_links(root),
    )


def _page_videos(root: _Element) -> tuple[Video, ...]:
    # trafilatura drops iframes: collect the embedded players from the raw page instead.
    found: list[Video] = []
    for el in root.iter("iframe", "embed", "video", "figure"):
        _, videos = element_to_text(el)
        found.extend(videos)
    return unique_videos(found)


def read_generic(path: str, html: str, root: _Element) -> Iterator[Post | Problem]:
    """Any other page: title, date, author, categories, tags and main text via trafilatura."""
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                        no_fallback=False, favor_precision=True)
    # trafilatura 1.x answers a dict, 2.x a Document: read both as a dict.
    doc: dict[str, Any] = found if isinstance(found, dict) else found.as_dict() if found is not None else {}
    if not doc:
        yield Problem(path, "", "no main text found in the HTML page", code="no-main-text")
        return
    title = str(doc.get("title") or "")
    lines = [line for line in str(doc.get("text") or "").splitlines() if line.strip()]
    if lines and title and lines[0].strip() == title.strip():
        lines = lines[1:]  # the page's <h1> repeats the title
    text = "\n\n".join(lines)
    yield from assemble(
        SourceRef(path, "page"),
        title=title,
        url=_url(root) or str(doc.get("url") or ""),
        date=str(doc.get("date") or ""),
        author=str(doc.get("author") or ""),
        categories=[str(c) for c in (doc.get("categories") or []) if c],
        tags=[str(t) for t in (doc.get("tags") or []) if t],
        body=text,
        excerpt=str(doc.get("description") or ""),
        videos=_page_videos(root),
    )


def read_html_page(path: str, text: str, **_: object) -> Iterator[Post | Problem]:
    """One post from a saved HTML page."""
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        yield Problem(path, "", f"unreadable HTML: {exc}", code="invalid-html")
        return
    for junk in root.xpath("//script|//style|//noscript"):
        junk.drop_tree()
    if by_class(root, "entry-content"):
        yield from guarded(SourceRef(path, "article"), read_genesis, path, root)
    else:
        yield from guarded(SourceRef(path, "page"), read_generic, path, text, root)

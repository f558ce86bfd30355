"""Saved WordPress REST API responses (/wp-json/wp/v2/posts): a list, one post, or a list of pages."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from ..post import Post, SourceRef
from .html_text import html_to_text, inline_text
from .json_text import load_json, long_number_reason, long_numbers
from .normalize import assemble
from .problems import Problem, guarded
from .shortcodes import expand_video_shortcodes

NO_TERMS = "term names unavailable (save with ?_embed)"


def is_wp_post(value: Any) -> bool:
    """True for a REST API post object (title/content given as {"rendered": ...})."""
    return isinstance(value, dict) and any(
        isinstance(value.get(key), dict) and "rendered" in value[key] for key in ("title", "content")
    )


def flatten(value: Any) -> list[Any]:
    """The post objects of one response: a post, a list of posts, or a list of such lists (pages)."""
    if isinstance(value, list):
        return [post for element in value for post in flatten(element)] if any(
            isinstance(e, list) for e in value) else value
    return [value]


def _rendered(post: dict[str, Any], key: str) -> str:
    value = post.get(key)
    return str(value.get("rendered") or "") if isinstance(value, dict) else str(value or "")


def embedded(post: Mapping[str, Any], key: str) -> Any:
    """A post's `_embedded` entry (saved with `?_embed`), or None."""
    embedded = post.get("_embedded")
    return embedded.get(key) if isinstance(embedded, dict) else None


def embedded_terms(post: Mapping[str, Any]) -> tuple[list[str], list[str]] | None:
    """The embedded categories and tags, as readers see their names; None when not embedded."""
    groups = embedded(post, "wp:term")
    if not isinstance(groups, list):
        return None
    categories: list[str] = []
    tags: list[str] = []
    for term in (t for group in groups if isinstance(group, list) for t in group):
        if isinstance(term, dict) and term.get("taxonomy") == "category":
            categories.append(inline_text(str(term.get("name") or "")))
        elif isinstance(term, dict) and term.get("taxonomy") == "post_tag":
            tags.append(inline_text(str(term.get("name") or "")))
    return categories, tags


def embedded_author(post: Mapping[str, Any]) -> str:
    authors = embedded(post, "author")
    first = authors[0] if isinstance(authors, list) and authors else {}
    return str(first.get("name") or "") if isinstance(first, dict) else ""


def _post(post: dict[str, Any], source: SourceRef) -> Iterator[Post | Problem]:
    terms = embedded_terms(post)
    has_ids = bool(post.get("categories") or post.get("tags"))
    if terms is None and has_ids:
        yield Problem.at(source, NO_TERMS, "warning", code="no-terms")
    numbers = long_numbers(post)
    if numbers:
        yield Problem.at(source, long_number_reason(numbers), "warning", code="number-too-long")
    # Rendered content still holds [video] when the site's shortcode handler was off at export.
    body, videos = html_to_text(expand_video_shortcodes(_rendered(post, "content")))
    yield from assemble(
        source,
        id=post.get("id", ""),
        title=inline_text(_rendered(post, "title")),
        slug=str(post.get("slug") or ""),
        url=str(post.get("link") or ""),
        date=post.get("date_gmt") or post.get("date"),
        author=embedded_author(post),
        categories=terms[0] if terms else (),
        tags=terms[1] if terms else (),
        body=body,
        excerpt=inline_text(_rendered(post, "excerpt")),
        videos=videos,
    )


def read_wp_json(path: str, text: str, *, include_drafts: bool = False, **_: object) -> Iterator[Post | Problem]:
    """Posts of one saved REST API response; published only unless `include_drafts`."""
    try:
        data = load_json(text)
    except json.JSONDecodeError as exc:
        yield Problem(path, f"line {exc.lineno}", f"invalid JSON: {exc.msg}", code="invalid-json")
        return
    for number, post in enumerate(flatten(data), start=1):
        where = f"item {number}"
        if not is_wp_post(post):
            yield Problem(path, where, "not a WordPress REST API post object", code="not-a-wp-post")
        elif post.get("type", "post") != "post":
            continue  # pages and custom types are not blog posts
        elif post.get("status", "publish") == "publish" or include_drafts:
            ref = SourceRef(path, where)
            yield from guarded(ref, _post, post, ref)

"""Markdown files with YAML front matter (Hugo/Jekyll style, and the demo corpus)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from ..post import Post, SourceRef, Video
from .markdown_text import markdown_to_text
from .normalize import assemble
from .problems import Problem
from .videos import unique_videos, video_from_url

_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2}-|\d+-)")


def slug_from_filename(path: str) -> str:
    """File stem without Jekyll `YYYY-MM-DD-` or `NNN-` prefixes."""
    return _PREFIX.sub("", Path(path).stem)


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return [part.strip() for part in str(value).split(",")]


def _video(entry: Any) -> Video | None:
    if isinstance(entry, str):
        return video_from_url(entry)
    if not isinstance(entry, dict):
        return None
    found = video_from_url(str(entry.get("url") or ""))
    if found or not entry.get("id"):
        return found
    return Video(str(entry.get("provider") or "youtube"), str(entry["id"]), str(entry.get("url") or ""),
                 str(entry.get("thumbnail") or entry.get("thumbnail_url") or ""))


def meta_videos(meta: dict[str, Any]) -> list[Video]:
    """Videos named in front matter (`video`: URL, `videos`: URLs or dicts)."""
    entries = [meta.get("video"), *list(meta.get("videos") or [])]
    return [video for video in map(_video, entries) if video]


def _author(meta: dict[str, Any]) -> str:
    authors = meta.get("authors")
    if isinstance(authors, list) and authors:
        return ", ".join(str(a) for a in authors)
    return str(meta.get("author") or authors or "")


def read_markdown(path: str, text: str, *, include_drafts: bool = False, **_: object) -> Iterator[Post | Problem]:
    """The post of one Markdown file; drafts skipped unless `include_drafts`."""
    try:
        doc = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError) as exc:
        yield Problem(path, "front matter", f"invalid YAML front matter: {exc}".splitlines()[0])
        return
    meta = doc.metadata
    if meta.get("draft") is True and not include_drafts:
        return
    body, videos = markdown_to_text(doc.content)
    yield from assemble(
        SourceRef(path, "front matter"),
        id=meta.get("id", ""),
        title=str(meta.get("title") or ""),
        slug=str(meta.get("slug") or slug_from_filename(path)),
        url=str(meta.get("url") or meta.get("permalink") or ""),
        date=meta.get("date"),
        author=_author(meta),
        categories=_names(meta.get("categories")),
        tags=_names(meta.get("tags")),
        body=body,
        excerpt=str(meta.get("excerpt") or meta.get("summary") or meta.get("description") or ""),
        videos=unique_videos([*meta_videos(meta), *videos]),
    )

"""Markdown files with YAML front matter (Hugo/Jekyll style, and the demo corpus)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frontmatter
from frontmatter.default_handlers import BaseHandler, JSONHandler, TOMLHandler, YAMLHandler

from ..post import Post, SourceRef, Video
from ..yaml_text import YamlRefused, load_yaml
from .json_text import load_json
from .markdown_text import markdown_to_text
from .normalize import assemble
from .problems import Problem, guarded
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
    """Videos named in front matter (`video`: URL, `videos`: URLs or dicts, or a single one)."""
    listed = meta.get("videos") or []
    entries = [meta.get("video"), *(listed if isinstance(listed, list) else [listed])]
    return [video for video in map(_video, entries) if video]


def _author(meta: dict[str, Any]) -> str:
    authors = meta.get("authors")
    if isinstance(authors, list) and authors:
        return ", ".join(str(a) for a in authors)
    return str(meta.get("author") or authors or "")


class _YamlHandler(YAMLHandler):
    """YAML front matter through `load_yaml`: plain data only, anchors and aliases refused."""

    def load(self, fm: str, **_: object) -> Any:
        return load_yaml(fm).data


class _JsonHandler(JSONHandler):
    """JSON front matter with bounded integers."""

    def load(self, fm: str, **_: object) -> Any:
        return load_json(fm)


def _handlers() -> list[BaseHandler]:
    found: list[BaseHandler] = [_YamlHandler(), _JsonHandler()]
    return [*found, TOMLHandler()] if TOMLHandler is not None else found


def _front_matter_problem(path: str, text: str, exc: Exception) -> Problem:
    if not isinstance(exc, YamlRefused):
        return Problem(path, "front matter", f"invalid front matter: {type(exc).__name__}: {exc}".splitlines()[0],
                       code="invalid-front-matter")
    # frontmatter strips leading blank lines before splitting; the YAML starts on the '---' line.
    line = exc.line + text[: len(text) - len(text.lstrip())].count("\n") if exc.line else 0
    where = f"line {line}" if line else "front matter"
    code = "invalid-front-matter" if exc.code == "yaml-syntax" else exc.code
    return Problem(path, where, f"invalid YAML front matter: {exc}".splitlines()[0], code=code)


def _markdown_post(path: str, text: str, include_drafts: bool) -> Iterator[Post | Problem]:
    handler = frontmatter.detect_format(text.strip(), _handlers())
    try:
        meta, content = frontmatter.parse(text, handler=handler) if handler else ({}, text.strip())
    except (ValueError, RecursionError) as exc:  # YAML, JSON and TOML errors are all ValueErrors here
        yield _front_matter_problem(path, text, exc)
        return
    if meta.get("draft") is True and not include_drafts:
        return
    body, videos = markdown_to_text(content)
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


def read_markdown(path: str, text: str, *, include_drafts: bool = False, **_: object) -> Iterator[Post | Problem]:
    """The post of one Markdown file; drafts skipped unless `include_drafts`."""
    yield from guarded(SourceRef(path, "front matter"), _markdown_post, path, text, include_drafts)

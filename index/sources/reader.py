"""`read_sources`: expand paths, detect formats, run the readers, resolve duplicate ids."""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..errors import BadRequest
from ..post import Post, SourceRef
from .detect import detect_format
from .encoding import decode
from .html_page import read_html_page
from .markdown import read_markdown
from .problems import ImportResult, Problem
from .records import read_json, read_jsonl
from .slugs import unique_slugs
from .text_page import read_text_page
from .wp_json import read_wp_json
from .wxr import read_wxr

FORMATS = ("auto", "wxr", "wp-json", "html", "text", "markdown", "json", "jsonl")
Reader = Callable[..., Iterator[Post | Problem]]
READERS: dict[str, Reader] = {
    "wxr": read_wxr, "wp-json": read_wp_json, "html": read_html_page, "text": read_text_page,
    "markdown": read_markdown, "json": read_json, "jsonl": read_jsonl,
}
_GLOB_CHARS = frozenset("*?[")


def _visible(path: Path, root: Path) -> bool:
    return path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)


def expand(sources: Sequence[str | Path]) -> tuple[list[str], list[Problem]]:
    """Files named by the sources (folders recursive and sorted, globs expanded), plus missing ones."""
    files: list[str] = []
    problems: list[Problem] = []
    for source in map(str, sources):
        if _GLOB_CHARS & set(source):
            matches = sorted(m for m in glob.glob(source, recursive=True) if Path(m).is_file())
            files.extend(matches)
            if not matches:
                problems.append(Problem(source, "", "no file matches", code="no-match"))
        elif Path(source).is_dir():
            root = Path(source)
            inside = [str(p) for p in sorted(root.rglob("*")) if _visible(p, root)]
            files.extend(inside)
            if not inside:
                problems.append(Problem(source, "", "the folder is empty (no files to import, hidden ones aside)",
                                        code="empty-folder"))
        elif Path(source).is_file():
            files.append(source)
        else:
            problems.append(Problem(source, "", "no such file or folder", code="no-such-file"))
    return list(dict.fromkeys(files)), problems


def _flagged(items: Iterator[Post | Problem], path: str) -> Iterator[Post | Problem]:
    yield Problem(path, "", "undecodable bytes replaced with U+FFFD (file is not UTF-8)", "warning",
                  code="bytes-replaced")
    for item in items:
        yield item.with_changes(flags=(*item.flags, "bytes-replaced")) if isinstance(item, Post) else item


def read_file(path: str, data: bytes, fmt: str, **options: object) -> Iterator[Post | Problem]:
    """Posts and problems of one file's bytes."""
    text, replaced = decode(data)
    chosen = detect_format(path, text) if fmt == "auto" else fmt
    if chosen is None:
        yield Problem(path, "", "could not detect format (use --format)", code="format-unknown")
        return
    items = READERS[chosen](path, text, **options)
    yield from _flagged(items, path) if replaced else items


class _Collector:
    """Accumulates the result, resolving duplicate ids (later wins) and then duplicate slugs (first keeps it)."""

    def __init__(self) -> None:
        self.result = ImportResult(posts=[], problems=[], skipped=0, duplicates=0, files={})
        self.by_id: dict[str, Post] = {}

    def add(self, item: Post | Problem) -> None:
        """Record one post or problem."""
        if isinstance(item, Problem):
            self.result.problems.append(item)
            self.result.skipped += item.severity == "error"
            return
        earlier = self.by_id.pop(item.id, None)
        if earlier is not None:
            self.result.duplicates += 1
            self.result.problems.append(Problem.at(
                item.source or SourceRef(""), f"duplicate id {item.id!r}: replaces the post from {earlier.source}",
                "warning", code="duplicate-id"))
        self.by_id[item.id] = item

    def finish(self) -> ImportResult:
        """The result with posts in order of (last) appearance."""
        self.result.posts, renamed = unique_slugs(list(self.by_id.values()))
        self.result.problems.extend(renamed)
        return self.result


def read_sources(
    sources: Sequence[str | Path],
    *,
    format: str = "auto",
    mapping: dict[str, list[str]] | None = None,
    include_drafts: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Read every source into posts; problems are collected, never raised (except a bad `format`)."""
    if format not in FORMATS:
        raise BadRequest(f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
    files, missing = expand(sources)
    collector = _Collector()
    for problem in missing:
        collector.add(problem)
    for done, path in enumerate(files, start=1):
        _read_one(collector, path, format, mapping=mapping, include_drafts=include_drafts)
        if progress:
            progress(done, len(files))
    return collector.finish()


def _read_one(collector: _Collector, path: str, fmt: str, **options: object) -> None:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        collector.add(Problem(path, "", f"cannot read file: {exc.strerror or exc}", code="unreadable-file"))
        return
    collector.result.files[path] = hashlib.sha256(data).hexdigest()
    try:
        for item in read_file(path, data, fmt, **options):
            collector.add(item)
    except (RecursionError, MemoryError) as exc:  # pathological nesting in a JSON/XML file
        collector.add(Problem(path, "", f"file too deeply nested or too large: {type(exc).__name__}",
                              code="too-deep"))
    except Exception as exc:  # readers guard each record; this is the last net for one file
        collector.add(Problem(path, "", f"rest of the file skipped: {type(exc).__name__}: {exc}"[:300],
                              code="file-failed"))

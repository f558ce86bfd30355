"""Generic JSON and JSON Lines records, read through a field mapping (given or guessed)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..post import Post, SourceRef
from .html_text import html_to_text
from .json_text import json_lines, load_json, long_number_reason, long_numbers
from .mapping import guess_mapping, values
from .markdown import meta_videos
from .normalize import assemble
from .problems import Problem, guarded
from .videos import unique_videos

CONTAINER_KEYS = ("posts", "items", "data", "records", "results")
NO_MAPPING = "no --map given and the record has no title/body-like keys (title, name, body, content, text)"


def _scalar(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("rendered") or value.get("name") or ""
    return str(value).strip()


def _text(record: dict[str, Any], keys: list[str], joiner: str = " ") -> str:
    return joiner.join(_scalar(v) for v in values(record, keys))


def _body(record: dict[str, Any], keys: list[str]) -> tuple[str, tuple[Any, ...]]:
    text = _text(record, keys, "\n\n")
    # HTML bodies (e.g. CMS exports) are cleaned the same way as WordPress content.
    return html_to_text(text) if "<" in text and ">" in text else (text, ())


def record_posts(record: Any, mapping: dict[str, list[str]] | None, source: SourceRef) -> Iterator[Post | Problem]:
    """One record → Post, through `mapping` or guessed keys; whatever it holds, never an exception."""
    yield from guarded(source, _record_posts, record, mapping, source)


def _record_posts(record: Any, mapping: dict[str, list[str]] | None, source: SourceRef) -> Iterator[Post | Problem]:
    if not isinstance(record, dict):
        yield Problem.at(source, f"record is a {type(record).__name__}, not an object", code="not-an-object")
        return
    fields = mapping or guess_mapping(record)
    if not mapping and not ({"title", "body"} & fields.keys()):
        yield Problem.at(source, NO_MAPPING, code="no-mapping")
        return
    numbers = long_numbers(record)
    if numbers:
        yield Problem.at(source, long_number_reason(numbers), "warning", code="number-too-long")
    body, videos = _body(record, fields.get("body", []))
    linked = meta_videos({"videos": values(record, fields.get("videos", []))})
    dates = values(record, fields.get("date", []))
    yield from assemble(
        source,
        id=_text(record, fields.get("id", []), "-"),
        title=_text(record, fields.get("title", [])),
        slug=_text(record, fields.get("slug", []), "-"),
        url=_text(record, fields.get("url", []), ""),
        date=dates[0] if dates else None,
        author=_text(record, fields.get("author", []), ", "),
        categories=[_scalar(v) for v in values(record, fields.get("categories", []))],
        tags=[_scalar(v) for v in values(record, fields.get("tags", []))],
        body=body,
        excerpt=_text(record, fields.get("excerpt", [])),
        videos=unique_videos([*linked, *videos]),
    )


def _records(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        inner = next((data[k] for k in CONTAINER_KEYS if isinstance(data.get(k), list)), None)
        return inner if inner is not None else [data]
    return None


def read_json(
    path: str, text: str, *, mapping: dict[str, list[str]] | None = None, **_: object
) -> Iterator[Post | Problem]:
    """Posts from a JSON list of records (or {"posts"|"items"|"data": [...]}, or one record)."""
    try:
        data = load_json(text)
    except json.JSONDecodeError as exc:
        yield Problem(path, f"line {exc.lineno}", f"invalid JSON: {exc.msg} (column {exc.colno})",
                      code="invalid-json")
        return
    records = _records(data)
    if records is None:
        yield Problem(path, "", "JSON is neither a list of records nor an object", code="not-an-object")
        return
    for number, record in enumerate(records, start=1):
        yield from record_posts(record, mapping, SourceRef(path, f"record {number}"))


def read_jsonl(
    path: str, text: str, *, mapping: dict[str, list[str]] | None = None, **_: object
) -> Iterator[Post | Problem]:
    """Posts from JSON Lines: one record per line; a bad line is a Problem, the rest continue."""
    for number, line in enumerate(json_lines(text), start=1):
        if not line.strip():
            continue
        try:
            record = load_json(line)
        except json.JSONDecodeError as exc:
            yield Problem(path, f"line {number}", f"invalid JSON: {exc.msg} (column {exc.colno})",
                          code="invalid-json")
            continue
        except RecursionError:
            yield Problem(path, f"line {number}", "JSON nested too deeply", code="too-deep")
            continue
        yield from record_posts(record, mapping, SourceRef(path, f"line {number}"))

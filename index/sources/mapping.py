"""Field mappings for JSON records: "title=name,tags=primaryMuscles+equipment" → {"title": [...]}."""

from __future__ import annotations

import re
from typing import Any

from ..errors import BadRequest

MAPPABLE = ("id", "title", "slug", "url", "date", "author", "categories", "tags", "body", "excerpt",
            "videos")
# Keys tried, in order, when no mapping is given.
GUESSES: dict[str, list[str]] = {
    "id": ["id", "_id", "ID", "uuid"],
    "title": ["title", "name", "headline"],
    "slug": ["slug"],
    "url": ["url", "link", "permalink"],
    "date": ["date", "published", "date_published", "created", "created_at"],
    "author": ["author", "authors", "creator"],
    "categories": ["categories", "category"],
    "tags": ["tags", "keywords"],
    "body": ["body", "content", "text", "description", "instructions"],
    "excerpt": ["excerpt", "summary"],
    "videos": ["videos", "video"],
}
_KEY = re.compile(r"^[^\s=,+]+$")


def parse_mapping(spec: str) -> dict[str, list[str]]:
    """Parse "field=key[+key...],..."; raises BadRequest on bad syntax or an unknown Post field."""
    mapping: dict[str, list[str]] = {}
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        field, sep, keys = (s.strip() for s in part.partition("="))
        if not sep:
            raise BadRequest(f"bad mapping {part!r}: expected FIELD=KEY (e.g. title=name)", detail=spec)
        if field not in MAPPABLE:
            raise BadRequest(f"unknown Post field {field!r} in mapping; use one of: {', '.join(MAPPABLE)}",
                             detail=spec)
        names = [k.strip() for k in keys.split("+")]
        if not all(_KEY.match(k) for k in names):
            raise BadRequest(f"bad mapping {part!r}: keys are non-empty names joined by '+'", detail=spec)
        if field in mapping:
            raise BadRequest(f"field {field!r} mapped twice", detail=spec)
        mapping[field] = names
    if not mapping:
        raise BadRequest("empty mapping: expected FIELD=KEY pairs separated by commas", detail=spec)
    return mapping


def lookup(record: Any, path: str) -> Any:
    """Value at a dotted path ("title.rendered"), or None when any step is missing."""
    value = record
    for step in path.split("."):
        if isinstance(value, dict) and step in value:
            value = value[step]
        elif isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        else:
            return None
    return value


def values(record: dict[str, Any], keys: list[str]) -> list[Any]:
    """All non-empty values under `keys`, lists flattened one level, in key order."""
    out: list[Any] = []
    for key in keys:
        value = lookup(record, key)
        items = value if isinstance(value, list) else [value]
        out.extend(item for item in items if item not in (None, "", [], {}))
    return out


def guess_mapping(record: dict[str, Any]) -> dict[str, list[str]]:
    """For each Post field, the first common key the record has."""
    found: dict[str, list[str]] = {}
    for field, keys in GUESSES.items():
        key = next((k for k in keys if record.get(k) not in (None, "", [])), None)
        if key:
            found[field] = [key]
    return found

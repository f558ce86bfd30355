"""The author's manual control over related lists, per post.

Format (`related/curation.json`, or a dict passed to `RelatedIndex.load(..., curation=...)`)::

    {
      "<post id>": {
        "pin": ["<post id>", ...],             # shown first, in this order, even below threshold
        "exclude": ["<post id>", ...],         # never shown under this post
        "exclude_categories": ["<category>"]   # posts in these categories never shown here
      }
    }

Every key is optional. Unknown post ids are ignored (a pinned post may since have been deleted).
A passed dict replaces the file's entry for the same post. Per-call arguments add to these.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..index.errors import BadRequest

FILE = "curation.json"
KEYS = ("pin", "exclude", "exclude_categories")


@dataclass(frozen=True)
class Curation:
    """One post's manual settings."""

    pin: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    exclude_categories: tuple[str, ...] = ()


def parse(data: Mapping[str, Any], where: str = "curation") -> dict[str, Curation]:
    """Validate the format above; BadRequest names the offending entry."""
    if not isinstance(data, Mapping):
        raise BadRequest(f"{where}: expected an object of post id -> settings")
    out: dict[str, Curation] = {}
    for post_id, entry in data.items():
        if not isinstance(entry, Mapping) or set(entry) - set(KEYS):
            raise BadRequest(f"{where}: entry {post_id!r} must be an object with keys {', '.join(KEYS)}")
        values = {}
        for key in KEYS:
            value = entry.get(key, ())
            if isinstance(value, str) or not all(isinstance(item, str) for item in value):
                raise BadRequest(f"{where}: {post_id!r}.{key} must be a list of strings")
            values[key] = tuple(value)
        out[str(post_id)] = Curation(**values)
    return out


def read(directory: Path, passed: Mapping[str, Any] | None = None) -> dict[str, Curation]:
    """The folder's curation.json (if any) overlaid with the passed dict."""
    path = Path(directory) / FILE
    found: dict[str, Curation] = {}
    if path.is_file():
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise BadRequest(f"{path}: not valid JSON ({exc})") from exc
        found = parse(raw, str(path))
    if passed:
        found.update(parse(passed))
    return found

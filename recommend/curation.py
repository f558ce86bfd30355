"""The author's own say over related lists, per post: pins, excludes, excluded categories.

It is the author's state, kept at the index root (`INDEX_DIR/curation.json`, see
`index.author_state`) and replayed by every build; each version keeps a copy of what it was built
with. The format::

    {
      "<post id>": {
        "pin": ["<post id>", ...],             # shown first, in this order, even below threshold
        "exclude": ["<post id>", ...],         # never shown under this post
        "exclude_categories": ["<category>"]   # posts in these categories never shown here
      }
    }

Every key is optional. Unknown post ids are ignored (a pinned post may since have been deleted).
A post named twice in a list is kept once. A post both pinned and excluded (or filed under an
excluded category) is never shown: an exclusion wins. `runphys pin` and the admin API refuse to
make such a pair; only a file edited by hand can hold one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..index.errors import BadRequest

KEYS = ("pin", "exclude", "exclude_categories")
Field = Literal["pin", "exclude", "exclude_categories"]
MAX_ENTRIES = 200  # per post and key: a list, not a database


@dataclass(frozen=True)
class Curation:
    """One post's manual settings."""

    pin: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    exclude_categories: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.pin or self.exclude or self.exclude_categories)


@dataclass(frozen=True)
class ListChange:
    """Posts (or categories) to add to and take from one of a post's lists; `clear` empties it first."""

    key: Field
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    clear: bool = False


def parse(data: Any, where: str = "curation") -> dict[str, Curation]:
    """Check the format above; BadRequest names the offending entry."""
    if not isinstance(data, Mapping):
        raise BadRequest(f"{where}: expected an object of post id -> settings")
    out: dict[str, Curation] = {}
    for post_id, entry in data.items():
        if not isinstance(entry, Mapping) or set(entry) - set(KEYS):
            raise BadRequest(f"{where}: entry {str(post_id)[:200]!r} must be an object with keys {', '.join(KEYS)}")
        values: dict[str, tuple[str, ...]] = {}
        for key in KEYS:
            value = entry.get(key, ())
            if isinstance(value, str) or not isinstance(value, list | tuple) or not all(
                    isinstance(item, str) for item in value):
                raise BadRequest(f"{where}: {str(post_id)[:200]!r}.{key} must be a list of strings")
            if len(value) > MAX_ENTRIES:
                raise BadRequest(f"{where}: {str(post_id)[:200]!r}.{key} has more than {MAX_ENTRIES} entries")
            values[key] = tuple(dict.fromkeys(value))
        out[str(post_id)] = Curation(**values)
    return out


def dump(curation: Mapping[str, Curation]) -> dict[str, dict[str, list[str]]]:
    """The JSON form, post ids sorted, empty settings left out."""
    out: dict[str, dict[str, list[str]]] = {}
    for post_id in sorted(curation):
        entry = curation[post_id]
        values = {key: list(getattr(entry, key)) for key in KEYS if getattr(entry, key)}
        if values:
            out[post_id] = values
    return out


def changed(curation: Mapping[str, Curation], post_id: str, key: Field, add: Iterable[str] = (),
            remove: Iterable[str] = ()) -> dict[str, Curation]:
    """A copy with `add` appended to (and `remove` taken from) one post's `key` list."""
    out = dict(curation)
    entry = out.get(post_id, Curation())
    current = list(dict.fromkeys(v for v in getattr(entry, key) if v not in set(remove)))
    current += [v for v in dict.fromkeys(add) if v not in current]  # a post named twice is kept once
    if len(current) > MAX_ENTRIES:
        raise BadRequest(f"{post_id[:200]!r}.{key} would have more than {MAX_ENTRIES} entries")
    entry = replace(entry, **{key: tuple(current)})
    if entry.empty:
        out.pop(post_id, None)
    else:
        out[post_id] = entry
    return out

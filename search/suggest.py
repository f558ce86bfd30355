"""Type-ahead: prefix suggestions over post titles and vocabulary names, made at build and
searched in memory (a sorted list and `bisect`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

from ..text.analysis import fold
from .results import Suggestion, SuggestionKind

MAX_PREFIX_CHARS = 100
_SCAN_LIMIT = 400  # entries examined per keystroke, at most
_NON_WORD = re.compile(r"[^\w']+")

# One entry: [folded key, rank 1, rank 2, rank 3, rank 4, text, kind, slug]; lower ranks first.
Entry = list[Any]


def normalise_prefix(text: str) -> str:
    """Folded, punctuation-free, single-spaced prefix ('' for junk)."""
    return " ".join(_NON_WORD.sub(" ", fold(text[:MAX_PREFIX_CHARS]).replace("_", " ")).split())


def entries(titles: Iterable[tuple[str, str]], concepts: Iterable[tuple[str, str, str, int, bool]]) -> list[Entry]:
    """`titles`: (title, slug); `concepts`: (surface, key, kind, post count, is its name).

    A concept is offered only when at least one post carries it: a suggestion must lead somewhere.
    """
    out: list[Entry] = []
    for surface, key, kind, count, is_name in concepts:
        folded = normalise_prefix(surface)
        if folded and count > 0 and kind in ("body_part", "injury"):
            # Most-posted concept first; within one concept its display name, then short forms.
            out.append([folded, 0, -count, 0 if is_name else 1, len(folded), surface, kind, key])
    for title, slug in titles:
        folded = normalise_prefix(title)
        words = folded.split(" ")
        for i in range(len(words)):
            # Whole-title prefix ranks above a later word's prefix.
            out.append([" ".join(words[i:]), 1 if i == 0 else 2, 0, 0, len(folded), title, "post", slug])
    out.sort(key=lambda e: e[0])
    return out


class Suggester:
    """Sorted (folded key, entry) pairs searched with bisect: microseconds per keystroke."""

    def __init__(self, items: Sequence[Entry]) -> None:
        self._entries = list(items)
        self._keys = [str(e[0]) for e in self._entries]

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Up to `limit` suggestions whose folded text (or a word in it) starts with `prefix`."""
        wanted = normalise_prefix(prefix)
        if not wanted or limit < 1:
            return []
        start = bisect_left(self._keys, wanted)
        found = []
        for i in range(start, min(start + _SCAN_LIMIT, len(self._keys))):
            if not self._keys[i].startswith(wanted):
                break
            found.append(self._entries[i])
        found.sort(key=lambda e: (e[1], e[2], e[3], e[4], e[0]))
        out: list[Suggestion] = []
        seen: set[tuple[str, str | None]] = set()
        for entry in found:
            text, kind, slug = str(entry[5]), _kind(entry[6]), entry[7]
            ident, text_key = (kind, slug), (fold(text), None)
            if ident in seen or text_key in seen:
                continue
            seen.update((ident, text_key))
            out.append(Suggestion(text, kind, slug))
            if len(out) >= limit:
                break
        return out


def _kind(value: object) -> SuggestionKind:
    if value == "body_part":
        return "body_part"
    if value == "injury":
        return "injury"
    return "post"

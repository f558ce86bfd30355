"""Type-ahead: prefix suggestions over post titles and vocabulary terms, all in memory."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from .analysis import fold
from .results import Suggestion

MAX_PREFIX_CHARS = 100
_SCAN_LIMIT = 400  # entries examined per keystroke, at most
_NON_WORD = re.compile(r"[^\w']+")


def normalise_prefix(text: str) -> str:
    """Folded, punctuation-free, single-spaced prefix ('' for junk)."""
    return " ".join(_NON_WORD.sub(" ", fold(text[:MAX_PREFIX_CHARS]).replace("_", " ")).split())


@dataclass(frozen=True)
class _Entry:
    key: str  # folded text from a word start to the end
    rank: tuple[int, int, object]  # lower is better
    suggestion: Suggestion


class Suggester:
    """Sorted list of (folded key, entry) searched with bisect: microseconds per keystroke."""

    def __init__(self, entries: Iterable[_Entry]) -> None:
        self._entries = sorted(entries, key=lambda e: e.key)
        self._keys = [e.key for e in self._entries]

    @classmethod
    def build(
        cls,
        titles: Iterable[tuple[str, str]],
        concepts: Iterable[tuple[str, str, str, int, bool]],
    ) -> Suggester:
        """`titles`: (title, slug); `concepts`: (surface, key, kind, post count, is its name)."""
        entries: list[_Entry] = []
        for surface, key, kind, count, is_name in concepts:
            folded = normalise_prefix(surface)
            if folded and kind in ("body_part", "injury"):
                # Most-posted concept first; within one concept its display name, then short forms.
                rank = (0, -count, (0 if is_name else 1, len(folded), folded))
                entries.append(_Entry(folded, rank, Suggestion(surface, kind, key)))  # type: ignore[arg-type]
        for title, slug in titles:
            folded = normalise_prefix(title)
            words = folded.split(" ")
            for i in range(len(words)):
                # Whole-title prefix ranks above a later word's prefix.
                key = " ".join(words[i:])
                entries.append(_Entry(key, (1 if i == 0 else 2, 0, (0, len(folded), folded)), Suggestion(title, "post", slug)))
        return cls(entries)

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Up to `limit` suggestions whose folded text (or a word in it) starts with `prefix`."""
        wanted = normalise_prefix(prefix)
        if not wanted or limit < 1:
            return []
        start = bisect_left(self._keys, wanted)
        found: list[_Entry] = []
        for i in range(start, min(start + _SCAN_LIMIT, len(self._keys))):
            if not self._keys[i].startswith(wanted):
                break
            found.append(self._entries[i])
        found.sort(key=lambda e: e.rank)
        out: list[Suggestion] = []
        seen: set[tuple[str, str | None]] = set()
        for entry in found:
            ident = (entry.suggestion.kind, entry.suggestion.slug)
            text_key = (fold(entry.suggestion.text), None)
            if ident in seen or text_key in seen:
                continue
            seen.update((ident, text_key))
            out.append(entry.suggestion)
            if len(out) >= limit:
                break
        return out

"""Longest, non-overlapping phrase matching over analysed words, in time linear in the text.

A phrase matches a run of adjacent words either exactly or after stemming ("runner's knees" =
"runners knee" = "runner knee"); the longest phrase wins, and an exact match beats a stemmed one
of the same length ("ITBS" is the syndrome, though it stems to "itb"). A phrase never spans
clause punctuation or a blank line ("do it. Band practice" is no IT band).

Each position looks only at the phrases that start with its word (a dictionary lookup), and each
of those is compared word by word: the work per word is bounded by the vocabulary, never by how
many matches the text holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .analysis import Analysed, stem

_Phrase = tuple[str, ...]
# Clause punctuation or a blank line between two words: a phrase may not span it.
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}<>\"|]|\n\s*\n")


@dataclass(frozen=True)
class Match:
    """A phrase found in text: word positions [start, end) of the analysed text, and its key."""

    key: str
    start: int
    end: int
    surface: str


class PhraseMatcher:
    """Phrases (as folded words) -> keys, indexed by each phrase's first word and first stem."""

    def __init__(self, phrases: Iterable[tuple[str, _Phrase]]) -> None:
        self._exact: dict[str, list[tuple[_Phrase, str]]] = {}
        self._stemmed: dict[str, list[tuple[_Phrase, str]]] = {}
        for key, words in phrases:
            if words:
                _add(self._exact, words, key)
                _add(self._stemmed, tuple(map(stem, words)), key)
        for table in (self._exact, self._stemmed):
            for candidates in table.values():
                candidates.sort(key=lambda item: -len(item[0]))  # stable: first defined wins

    def find(self, text: str, analysed: Analysed) -> list[Match]:
        """Every match in `analysed` (the analysis of `text`), left to right."""
        words, stems = analysed.words, analysed.stems
        exact_table, stemmed_table = self._exact, self._stemmed
        clause: list[int] | None = None  # worked out on the first phrase of several words
        out: list[Match] = []
        i, n = 0, len(words)
        while i < n:
            exact_candidates = exact_table.get(words[i])
            stemmed_candidates = stemmed_table.get(stems[i])
            if exact_candidates is None and stemmed_candidates is None:
                i += 1
                continue
            if clause is None:
                clause = clauses(text, analysed)
            exact = _longest(exact_candidates, words, clause, i) if exact_candidates else None
            stemmed = _longest(stemmed_candidates, stems, clause, i) if stemmed_candidates else None
            best = exact if exact and (not stemmed or exact[0] >= stemmed[0]) else stemmed
            if best is None:
                i += 1
                continue
            length, key = best
            out.append(Match(key, i, i + length, " ".join(words[i : i + length])))
            i += length
        return out


def clauses(text: str, analysed: Analysed) -> list[int]:
    """For each word, the number of the clause it is in (a phrase must stay inside one)."""
    starts, ends = analysed.starts, analysed.ends
    out = [0] * len(starts)
    for i in range(1, len(starts)):
        gap = text[ends[i - 1] : starts[i]]
        out[i] = out[i - 1] + (1 if gap != " " and _CLAUSE_BREAK.search(gap) else 0)
    return out


def _add(table: dict[str, list[tuple[_Phrase, str]]], words: _Phrase, key: str) -> None:
    candidates = table.setdefault(words[0], [])
    if all(existing != words for existing, _ in candidates):
        candidates.append((words, key))


def _longest(
    candidates: Iterable[tuple[_Phrase, str]], words: Sequence[str], clause: Sequence[int], i: int
) -> tuple[int, str] | None:
    for phrase, key in candidates:  # sorted longest first
        end = i + len(phrase)
        if end <= len(words) and clause[end - 1] == clause[i] and tuple(words[i:end]) == phrase:
            return len(phrase), key
    return None

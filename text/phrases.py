"""Longest, non-overlapping phrase matching over analysed words, in time linear in the text.

A phrase matches a run of adjacent words either exactly or after stemming ("runner's knees" =
"runners knee" = "runner knee"); the longest phrase wins, and an exact match beats a stemmed one
of the same length ("ITBS" is the syndrome, though it stems to "itb"). A phrase given as written
matches exactly only: English stems mean nothing to another language's word, and the French
"pied" stems to "pie". A phrase never spans clause punctuation or a blank line ("do it. Band
practice" is no IT band).

Each position looks only at the phrases that start with its word (a dictionary lookup), and each
of those is compared word by word: the work per word is bounded by the vocabulary, never by how
many matches the text holds.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from .analysis import Analysed, stem

_Phrase = tuple[str, ...]
# Clause punctuation or a blank line between two words: a phrase may not span it.
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}<>\"|]|\n\s*\n")
# The end of a sentence: a list of old injuries runs to one, and a year dates only what stands in its sentence.
_SENTENCE_BREAK = re.compile(r"[.!?;]|\n")


@dataclass(frozen=True)
class Match:
    """A phrase found in text: word positions [start, end) of the analysed text, and its key."""

    key: str
    start: int
    end: int
    surface: str


class PhraseMatcher:
    """Phrases (as folded words) -> keys, indexed by each phrase's first word and first stem."""

    def __init__(self, phrases: Iterable[tuple[str, _Phrase]], as_written: Collection[_Phrase] = ()) -> None:
        exact: dict[str, dict[int, dict[str | _Phrase, str]]] = {}
        stemmed: dict[str, dict[int, dict[str | _Phrase, str]]] = {}
        for key, words in phrases:
            if words:
                _add(exact, words, key)
                if words not in as_written:
                    _add(stemmed, tuple(map(stem, words)), key)
        # Per first word: (length, phrases of that length), longest first, so that one dict
        # lookup per length finds the longest phrase starting at a word, whatever the text holds.
        self._exact = {w: _longest_first(by_length) for w, by_length in exact.items()}
        self._stemmed = {w: _longest_first(by_length) for w, by_length in stemmed.items()}
        # A text with none of the first words is passed over in one C-level scan: most matchers
        # (a red flag's lists, say) find nothing in most texts.
        self._first_words = frozenset(self._exact)
        self._first_stems = frozenset(self._stemmed)

    def find(self, text: str, analysed: Analysed) -> list[Match]:
        """Every match in `analysed` (the analysis of `text`), left to right."""
        words, stems = analysed.words, analysed.stems
        if self._first_words.isdisjoint(words) and self._first_stems.isdisjoint(stems):
            return []
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
                clause = _clauses_of(text, analysed)
            exact = _longest(exact_candidates, words, clause, i, 1) if exact_candidates else None
            # The exact spelling wins a tie: a stemmed match counts only when it is longer.
            stemmed = (_longest(stemmed_candidates, stems, clause, i, exact[0] + 1 if exact else 1)
                       if stemmed_candidates else None)
            best = stemmed or exact
            if best is None:
                i += 1
                continue
            length, key = best
            out.append(Match(key, i, i + length, " ".join(words[i : i + length])))
            i += length
        return out


# The clauses of the last text matched: a post's body is matched for concepts and then for cues.
_last: tuple[Analysed, list[int]] | None = None


def _clauses_of(text: str, analysed: Analysed) -> list[int]:
    global _last
    last = _last
    if last is not None and last[0] is analysed:
        return last[1]
    found = clauses(text, analysed)
    _last = (analysed, found)
    return found


def same_sentence(text: str, analysed: Analysed, first: int, last: int) -> bool:
    """Whether no sentence ends between word `first` and word `last` of the analysed text."""
    return not _SENTENCE_BREAK.search(text[analysed.ends[first] : analysed.starts[last]])


def clauses(text: str, analysed: Analysed) -> list[int]:
    """For each word, the number of the clause it is in (a phrase must stay inside one)."""
    starts, ends = analysed.starts, analysed.ends
    out = [0] * len(starts)
    for i in range(1, len(starts)):
        gap = text[ends[i - 1] : starts[i]]
        out[i] = out[i - 1] + (1 if gap != " " and _CLAUSE_BREAK.search(gap) else 0)
    return out


def _longest_first(by_length: dict[int, dict[str | _Phrase, str]]) -> list[tuple[int, dict[str | _Phrase, str]]]:
    # Most first words start phrases of one length: nothing to sort.
    return list(by_length.items()) if len(by_length) == 1 else sorted(by_length.items(), reverse=True)


def _add(table: dict[str, dict[int, dict[str | _Phrase, str]]], words: _Phrase, key: str) -> None:
    # The first definition of a phrase wins; one-word phrases are keyed by the word itself (no tuple).
    table.setdefault(words[0], {}).setdefault(len(words), {}).setdefault(words[0] if len(words) == 1 else words, key)


def _longest(
    candidates: Sequence[tuple[int, dict[str | _Phrase, str]]], words: Sequence[str], clause: Sequence[int], i: int,
    shortest: int,
) -> tuple[int, str] | None:
    n = len(words)
    for length, phrases in candidates:  # longest first
        if length < shortest:
            return None
        end = i + length
        if end <= n and clause[end - 1] == clause[i]:
            key = phrases.get(words[i] if length == 1 else tuple(words[i:end]))
            if key is not None:
                return length, key
    return None

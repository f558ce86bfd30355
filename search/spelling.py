"""Spelling: which query words the index knows and the closest known word for the others."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from whoosh.spelling import ListCorrector

from .analysis import terms, words
from .schema import TEXT_FIELDS


class Speller:
    """Built once per searcher (at open time, not on the first unknown word)."""

    def __init__(self, reader: Any, vocabulary_words: Iterable[str]) -> None:
        self._reader = reader
        freq: dict[str, int] = {}
        for w in reader.lexicon("words"):
            word = w if isinstance(w, str) else w.decode()
            freq[word] = reader.doc_frequency("words", w)
        self._indexed = frozenset(freq)
        for w in vocabulary_words:
            freq[w] = freq.get(w, 0) + 1
        self._freq = freq
        self._corrector = ListCorrector(sorted(freq))

    def known(self, word: str) -> bool:
        """True for stop words, words of the index and words whose terms are indexed."""
        ts = terms(word)
        if not ts:
            return True  # stop words are never "misspelled"
        if any(w in self._indexed for w in words(word)):
            return True
        reader = self._reader
        return all(any((f, t) in reader for f in TEXT_FIELDS) for t in ts)

    def suggest(self, word: str) -> str | None:
        """The closest known word (edit distance 1, or 2 from six letters), most common first."""
        folded = "".join(words(word))
        if len(folded) < 4 or not folded.isalpha():
            return None
        maxdist = 1 if len(folded) < 6 else 2
        best: tuple[int, int, str] | None = None
        for score, candidate in self._corrector._suggestions(folded, maxdist, 1):
            key = (int(-score), -self._freq.get(candidate, 0), candidate)
            if candidate != folded and (best is None or key < best):
                best = key
        return best[2] if best else None

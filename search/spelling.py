"""Spelling: which query words the index knows, the closest known word for the others, and the
query with its mistakes corrected ("hamstirng stretch" -> "hamstring stretch")."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any

from .analysis import fold, terms, words
from .query_parse import QueryPlan
from .vocabulary import Vocabulary

MIN_WORD = 4  # shorter words are not corrected (too many neighbours one letter away)
MAX_WORD = 30  # longer "words" are not words; correcting them would only cost time


class Speller:
    """Built from the index's own words (with how many posts use each) and the vocabulary's."""

    def __init__(self, indexed: Mapping[str, int], known_term: Callable[[str], bool],
                 vocabulary_words: Sequence[str] = ()) -> None:
        self._indexed = indexed
        self._known_term = known_term
        self._freq = dict(indexed)
        for w in vocabulary_words:
            self._freq[w] = self._freq.get(w, 0) + 1
        self._corrector: Any = None

    def known(self, word: str) -> bool:
        """True for stop words, words of the index and words whose terms are indexed."""
        ts = terms(word)
        if not ts:
            return True  # stop words are never "misspelled"
        if any(w in self._indexed for w in words(word)):
            return True
        return all(self._known_term(t) for t in ts)

    def suggest(self, word: str) -> str | None:
        """The closest known word (edit distance 1, or 2 from six letters), most common first."""
        folded = "".join(words(word))
        if not MIN_WORD <= len(folded) <= MAX_WORD or not folded.isalpha():
            return None
        maxdist = 1 if len(folded) < 6 else 2
        best: tuple[int, int, str] | None = None
        for score, candidate in self._list()._suggestions(folded, maxdist, 1):
            key = (int(-score), -self._freq.get(candidate, 0), candidate)
            if candidate != folded and (best is None or key < best):
                best = key
        return best[2] if best else None

    def _list(self) -> Any:
        # Whoosh's corrector is imported and built on the first unknown word only.
        if self._corrector is None:
            from whoosh.spelling import ListCorrector

            self._corrector = ListCorrector(sorted(self._freq))
        return self._corrector


def _closest(surface: str, forms: Sequence[str]) -> str:
    folded = fold(surface)
    return max(forms, key=lambda f: SequenceMatcher(None, folded, fold(f)).ratio())


def corrected_text(query_plan: QueryPlan, speller: Speller, vocabulary: Vocabulary | None = None) -> str | None:
    """The query with unknown words (and misspelled concept names) corrected, or None."""
    text = query_plan.text
    edits: list[tuple[int, int, str]] = []
    for t in query_plan.tokens:
        if t.kind == "concept" and vocabulary is not None and vocabulary.has_concept(t.key):
            forms = list(vocabulary.expansions(t.key))
            if forms and fold(t.text) not in {fold(f) for f in forms}:
                edits.append((t.start, t.end, _closest(t.text, forms)))
        elif t.kind == "word" and not speller.known(t.text):
            fix = speller.suggest(t.text)
            if fix and fix != fold(t.text):
                edits.append((t.start, t.end, fix))
    if not edits:
        return None
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text

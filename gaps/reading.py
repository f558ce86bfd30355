"""How the gap report reads a reader's search: the concept or words it is about, or "not understood".

Demand counts only searches the blog's language understands. A search is understood when

1. it names a body part or injury of the vocabulary, read as search reads it: by any of its names,
   listed misspellings, reader's words or names in other languages ("it band", "ITB", "illiotibial
   band", "the back of my thigh", "rodilla"), or does so once its joined words are split and its
   misspelt words corrected ("shinsplints" -> "shin splints", "hamstrng" -> "hamstring"); or
2. of the words in it that are not stop words, at least half are words the posts use as typed
   ("marathon taper", "shoe advice"), or more than half once corrected ("marathn tapr").

Everything else is unrecognised: nonsense ("asdfgh qwerty"), another language ("laufen
knieschmerzen"), a web or e-mail address, stop words alone. The report counts those apart and
never suggests a topic from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..search.spelling import MAX_CORRECTIONS, Speller
from ..text.analysis import STOPWORDS, fold, terms, words
from ..text.vocabulary import Vocabulary
from .lexicon import Lexicon, vocabulary_words

# An address is not a search the blog's language can answer, whatever words it holds.
ADDRESS = re.compile(
    r"[a-z][a-z0-9+.-]*://|\bwww\.|[^\s@]+@[^\s@]+\.[a-z]{2,}"
    r"|\b[a-z0-9-]+\.(?:com|org|net|edu|gov|io|co|uk|de|fr|nl|au|ca|info|html?|php|aspx?)\b",
    re.IGNORECASE,
)
MIN_SPLIT_PART = 2  # "it" + "band": the shortest part a joined word is split into
# Correcting a word scans the word list: a log of hostile searches must not make the report slow,
# so one report corrects at most this many distinct words (the rest stay as typed).
MAX_SPELLING_LOOKUPS = 2000
WORDS_PREFIX = "words:"


@dataclass(frozen=True)
class Reading:
    """What a search is about: `key` is a concept key, "words:<terms>", or None (not understood).

    `also` holds the other concepts it names; `read_as` the search as understood (joined words
    split, misspellings corrected), for the author to see why it was grouped where it was."""

    key: str | None
    also: tuple[str, ...] = ()
    read_as: str = ""

    @property
    def recognised(self) -> bool:
        return self.key is not None


class Reader:
    """Reads searches against one vocabulary and the posts' own words; remembers what it read."""

    def __init__(self, vocabulary: Vocabulary, lexicon: Lexicon) -> None:
        self._vocabulary = vocabulary
        self._lexicon = lexicon
        vocab_words = vocabulary_words(vocabulary)
        self._known_words = frozenset(lexicon.words) | frozenset(vocab_words)
        self._speller = Speller(lexicon.words, lexicon.terms.__contains__, vocab_words)
        self._readings: dict[str, Reading] = {}
        self._fixes: dict[str, str | None] = {}

    def read(self, query: str) -> Reading:
        found = self._readings.get(query)
        if found is None:
            found = self._read(query)
            self._readings[query] = found
        return found

    def _read(self, query: str) -> Reading:
        if ADDRESS.search(query):
            return Reading(None)
        typed = words(query)
        named = self._vocabulary.find(query, reader=True)
        as_typed = self._concepts(query, query)
        # Words inside a concept name are understood already ("achillies" is a listed misspelling).
        inside = {i for m in named for i in range(m.start, m.end)}
        unknown = list(dict.fromkeys(
            w for i, w in enumerate(typed) if i not in inside and w not in STOPWORDS and not self._speller.known(w)
        ))
        if len(unknown) > MAX_CORRECTIONS:
            return as_typed or Reading(None)  # a paste, another language or noise, not typos
        fixes = {w: self._fix(w) for w in unknown}
        read_as = " ".join(w if i in inside else fixes.get(w) or w for i, w in enumerate(typed))
        if unknown:
            # "shin splnts" names the shin as typed, shin splints once corrected: the fuller reading wins.
            by_fix = self._concepts(read_as, read_as)
            if by_fix is not None:
                return by_fix
        if as_typed is not None:
            return as_typed
        content = [w for w in typed if w not in STOPWORDS]
        as_typed_known = sum(1 for w in content if w not in fixes)
        read = sum(1 for w in content if w not in fixes or fixes[w] is not None)
        # Half the blog's words as typed ("shoe advice"), or most of them once corrected ("marathn
        # tapr"); never noise in which one word corrects to a real one by chance ("pamnty yawoixz").
        if not content or (as_typed_known * 2 < len(content) and read * 2 <= len(content)):
            return Reading(None)
        stems = sorted(set(terms(self._main_synonyms(read_as))))
        return Reading(WORDS_PREFIX + " ".join(stems), (), read_as) if stems else Reading(None)

    def _concepts(self, text: str, read_as: str) -> Reading | None:
        keys = self._vocabulary.concepts_in(text, reader=True)
        if not keys:
            return None
        # A search naming an injury is about the injury, whatever else it names ("knee pain
        # with patellar tendonitis"); otherwise about the first body part it names.
        injuries = [k for k in keys if self._vocabulary.concept(k).kind == "injury"]
        main = (injuries or keys)[0]
        return Reading(main, tuple(k for k in keys if k != main), " ".join(fold(read_as).split()))

    def _fix(self, word: str) -> str | None:
        """A word the posts do not use, as the reader probably meant it: split into two words that
        name a concept, else corrected to a known word, else split into two known words."""
        if word in self._fixes:
            return self._fixes[word]
        fix: str | None = None
        splits = self._splits(word)
        naming = [s for s in splits if self._vocabulary.concepts_in(s, reader=True)]
        if naming:
            fix = naming[0]
        elif len(self._fixes) < MAX_SPELLING_LOOKUPS and not self._speller.everyday(word):
            # A word of everyday English is no typo: "concert" is not read as "cancer".
            fix = self._speller.suggest(word)
            if fix is None:
                fix = next((s for s in splits if not set(s.split()) & STOPWORDS), None)
        self._fixes[word] = fix
        return fix

    def _splits(self, word: str) -> list[str]:
        """Ways to read a joined word as two known words ("shinsplints" -> "shin splints")."""
        if not word.isalpha():
            return []
        out = []
        for cut in range(MIN_SPLIT_PART, len(word) - MIN_SPLIT_PART + 1):
            left, right = word[:cut], word[cut:]
            if left in self._known_words and right in self._known_words:
                out.append(f"{left} {right}")
        return out

    def _main_synonyms(self, text: str) -> str:
        """`text` with every synonym written as its group's first member ("sore calf" = "calf pain")."""
        found = self._vocabulary.synonym_matches(text)
        if not found:
            return text
        folded = words(text)
        for match in sorted(found, key=lambda m: -m.start):
            main = self._vocabulary.synonym_group(int(match.key)).members[0]
            folded[match.start:match.end] = [main]
        return " ".join(folded)

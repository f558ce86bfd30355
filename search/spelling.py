"""Spelling: which query words the index knows, the closest known word for the others, and the
query with its mistakes corrected ("hamstirng stretch" -> "hamstring stretch")."""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib.resources import files

from ..text.analysis import STOPWORDS, fold, terms, words
from ..text.vocabulary import Vocabulary
from .query_parse import QueryPlan

MIN_WORD = 4  # shorter words are not corrected (too many neighbours one letter away)
MAX_WORD = 30  # longer "words" are not words; correcting them would only cost time
# A reader's query has a typo or two; past this many unknown words it is not a query with typos
# (a paste, a foreign language, an attack), and each correction costs a scan of the word list.
MAX_CORRECTIONS = 3
# A word of everyday English the blog never uses ("concert", "school", "cheek") is no typo: corrected,
# it lands on a blog word that only looks like it ("cancer", "stool", "check"). Everyday English is
# pyspellchecker's English word list (counts from film subtitles): a word seen this often there.
# ("planter" is seen 428 times and is still read as "plantar".)
COMMON_WORD_COUNT = 500
# A French or Italian elision ("c'est", "j'ai", "l'intérieur", "qu'il") is a word of another language,
# no typo: corrected, "c'est" became "chest" and a Québécois runner's race-week search a chest pain.
_ELIDED = re.compile(r"^(?:[cdjlmnst]|qu)['’]\w", re.IGNORECASE)


class Speller:
    """Built from the index's own words (with how many posts use each) and the vocabulary's."""

    def __init__(self, indexed: Mapping[str, int], known_term: Callable[[str], bool],
                 vocabulary_words: Sequence[str] = (), vague_words: Collection[str] = ()) -> None:
        self._indexed = indexed
        self._known_term = known_term
        self._freq = dict(indexed)
        self._vocabulary = frozenset(vocabulary_words)
        for w in vocabulary_words:
            self._freq[w] = self._freq.get(w, 0) + 1
        # A correction never lands on a stop word or a vague word ("twinge" is not "things").
        for w in (*STOPWORDS, *vague_words):
            self._freq.pop(w, None)
        self._by_length: dict[int, list[str]] | None = None

    def split(self, word: str) -> str | None:
        """A joined word as the two known words it is made of ("shinsplints" -> "shin splints",
        "infront" -> "in front"), the most common pair first; None when no split gives two known words."""
        folded = "".join(words(word))
        if not MIN_WORD <= len(folded) <= MAX_WORD or not folded.isalpha():
            return None
        best: tuple[int, str] | None = None
        for i in range(2, len(folded) - 1):
            left, right = folded[:i], folded[i:]
            known = [self._freq[half] for half in (left, right) if half in self._freq]
            # One half may be a stop word the speller never lands on ("infront", "ontop"), not both.
            if len(known) == 2 or (known and (left in STOPWORDS or right in STOPWORDS)):
                score = min(known)
                if best is None or score > best[0]:
                    best = (score, f"{left} {right}")
        return best[1] if best else None

    def g_dropped(self, word: str) -> str | None:
        """A word written as it is said, as its -ing form (`ing_form`) where that is known: read
        before any split or edit ("poppin" is not "pop pin")."""
        spelled = ing_form("".join(words(word)))
        return spelled if spelled is not None and spelled in self._freq else None

    def known(self, word: str) -> bool:
        """True for stop words, words of the index and words whose terms are indexed."""
        ts = terms(word)
        if not ts or _ELIDED.match(word):
            return True  # stop words and another language's elisions are never "misspelled"
        if all(w in self._vocabulary for w in words(word)):
            return True  # the vocabulary's own words ("twinge") are never "corrected" to another
        if any(w in self._indexed for w in words(word)):
            return True
        return all(self._known_term(t) for t in ts)

    def everyday(self, word: str) -> bool:
        """A word of everyday English (see COMMON_WORD_COUNT): unknown to the blog, perhaps, but no typo."""
        ws = words(word)
        return bool(ws) and all(w in everyday_english() for w in ws)

    def suggest(self, word: str) -> str | None:
        """The closest known word with the same first letter (edit distance 1, or 2 from six
        letters), most common first. Two letters swapped count as one edit ("ankel" -> "ankle",
        "strenghten" -> "strengthen"): the commonest typo of all."""
        folded = "".join(words(word))
        if not MIN_WORD <= len(folded) <= MAX_WORD or not folded.isalpha():
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        maxdist = 1 if len(folded) < 6 else 2
        best: tuple[int, int, str] | None = None
        by_length = self._lengths()
        # Only words within `maxdist` letters of its length can be within `maxdist` edits.
        for length in range(len(folded) - maxdist, len(folded) + maxdist + 1):
            found = process.extract(folded, by_length.get(length, ()), scorer=OSA.distance,
                                    score_cutoff=maxdist, limit=None)
            for candidate, distance, _ in found:
                # A typo seldom touches the first letter: a word that differs there is another word
                # ("blocked" is not "locked", "pain" is not "rain").
                if candidate[0] != folded[0]:
                    continue
                key = (int(distance), -self._freq.get(candidate, 0), candidate)
                if candidate != folded and (best is None or key < best):
                    best = key
        return best[2] if best else None

    def _lengths(self) -> dict[int, list[str]]:
        # Built on the first unknown word only: most searches never need it.
        if self._by_length is None:
            by_length: dict[int, list[str]] = {}
            for word in sorted(self._freq):
                by_length.setdefault(len(word), []).append(word)
            self._by_length = by_length
        return self._by_length


def ing_form(word: str) -> str | None:
    """A word written as it is said, its -ing cut short ("poppin", "achin", "shufflin"), with its g
    put back; None for a word that does not end so."""
    return word + "g" if word.endswith("in") else None


@functools.cache
def everyday_english() -> frozenset[str]:
    """The words of everyday English (see COMMON_WORD_COUNT), read once per process: on the first
    word the index does not know, or when the HTTP service starts (about 70 ms; 3.6 MB kept). Empty
    when the list cannot be read, so that spelling works as before rather than failing a search."""
    try:
        counts = json.loads(gzip.decompress((files("spellchecker") / "resources" / "en.json.gz").read_bytes()))
    except (OSError, ValueError, ModuleNotFoundError):
        return frozenset()
    if not isinstance(counts, dict):
        return frozenset()
    return frozenset(w for w, n in counts.items() if isinstance(n, int) and n >= COMMON_WORD_COUNT)


def _closest(surface: str, forms: Sequence[str]) -> str:
    folded = fold(surface)
    return max(forms, key=lambda f: SequenceMatcher(None, folded, fold(f)).ratio())


@dataclass(frozen=True)
class Correction:
    """One word of a query put right: its span, the word put in its place, and whether it is
    surely a typo (`sure`: a misspelling the vocabulary lists, one edit, a word split in two or an
    -ing's g put back; not "caster" put right as "cancer", nor "busking" as "buckling")."""

    start: int
    end: int
    replacement: str
    sure: bool


def corrections(query_plan: QueryPlan, speller: Speller, vocabulary: Vocabulary | None = None) -> list[Correction]:
    """The query's unknown words (and misspelled concept names), each with its correction."""
    out: list[Correction] = []
    looked_up = 0
    for t in query_plan.tokens:
        if t.kind == "concept" and vocabulary is not None and vocabulary.has_concept(t.key):
            # A reader's own wording is no misspelling: "sitting cross-legged" stays, so a red flag
            # read in the corrected text keeps the harmless cause it names.
            written = vocabulary.written_forms(t.key)
            if (fold(t.text) not in written and not _cut_short(t.text, written)
                    and not vocabulary.reader_term(t.key, t.text) and (forms := vocabulary.expansions(t.key))):
                # a misspelling the vocabulary lists: a typo by the author's word
                out.append(Correction(t.start, t.end, _closest(t.text, forms), True))
        elif (t.kind == "word" and looked_up < MAX_CORRECTIONS and not speller.known(t.text)
              and not speller.everyday(t.text) and _english_letters(t.text)):
            looked_up += 1
            whole = speller.g_dropped(t.text) or speller.split(t.text)
            fix = whole or speller.suggest(t.text)
            if fix and fix != fold(t.text):
                out.append(Correction(t.start, t.end, fix, bool(whole) or _one_edit(t.text, fix)))
    return out


def _english_letters(text: str) -> bool:
    """Whether `text` is written in the letters English uses: a word with others ("zápas", "zæng")
    is another language's, no typo of an English word ("zaps", "zing") to put right."""
    return all(c.isascii() for c in text if c.isalpha())


def _cut_short(text: str, written: Collection[str]) -> bool:
    """Whether `text` is a name's first words, the rest read as another token ("Low" of "Low back
    pain" where "back pain" is a place): a name cut short, no misspelling to put right."""
    said = words(text)
    return any(len(w := words(form)) > len(said) and w[: len(said)] == said for form in written)


def put_right(text: str, found: Sequence[Correction]) -> str | None:
    """`text` with `found` put right, or None when there is nothing to put right."""
    if not found:
        return None
    for c in sorted(found, key=lambda c: c.start, reverse=True):
        text = text[: c.start] + c.replacement + text[c.end :]
    return text


def corrected_text(query_plan: QueryPlan, speller: Speller, vocabulary: Vocabulary | None = None) -> str | None:
    """The query with unknown words (and misspelled concept names) corrected, or None."""
    return put_right(query_plan.text, corrections(query_plan, speller, vocabulary))


def _one_edit(surface: str, fix: str) -> bool:
    from rapidfuzz.distance import OSA

    return OSA.distance(fold(surface), fold(fix)) <= 1

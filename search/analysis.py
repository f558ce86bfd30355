"""The one analyzer: folding, tokenizing, stop words and stemming, shared by search and recommend.

Chain (Whoosh): WordTokenizer | FoldFilter | StopFilter | IrregularFilter | StemFilter.

* `FoldFilter` applies `fold()` to each token (NFKC, lowercase, Whoosh's `accent_map`, curly
  apostrophes), then drops a possessive `'s` and any other apostrophe ("runner's" -> "runner",
  "don't" -> "dont"). Folding per token keeps Whoosh's character offsets pointing at the original
  text, so highlighting still works.
* Stop words are Whoosh's `STOP_WORDS` minus "it": "IT band" must stay searchable as a phrase,
  and one very common indexed word costs little. Single letters are kept ("T-spine" -> t, spine).
* Stemming is Snowball English (porter2) through `StemFilter`; the older `whoosh.lang.porter`
  turns "running" into "runn". `IRREGULAR` is applied first so calves/calf, feet/foot,
  glutes/gluteus, quads/quadriceps and tendonitis/tendinitis end up on the same term.

All filter classes live at module level and hold no state, so a schema using `analyzer()`
pickles and unpickles (Whoosh stores the schema in the index).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import (
    Analyzer,
    Filter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)
from whoosh.analysis.filters import STOP_WORDS
from whoosh.lang.porter2 import stem as _porter2
from whoosh.support.charset import accent_map

__all__ = [
    "IRREGULAR",
    "STOPWORDS",
    "WORD_PATTERN",
    "FoldFilter",
    "IrregularFilter",
    "analyzer",
    "fold",
    "stem",
    "term_spans",
    "token_term",
    "terms",
    "word_spans",
    "words",
]

# Letters and digits (no underscore), optionally joined by apostrophes ("runner's", "don’t") or
# by invisible characters that `fold()` deletes (soft hyphen, zero-width joiners, BOM).
WORD_PATTERN = re.compile("[^\\W_]+(?:['’‘ʼ\xad\u200c\u200d\u2060\ufeff]+[^\\W_]+)*")
_NON_WORD = re.compile(r"[\W_]+")

STOPWORDS: frozenset[str] = frozenset(STOP_WORDS) - {"it"}

# Folded, unstemmed word -> the word the stemmer should see instead. Inflections the stemmer
# misses and spelling variants a runner types; synonyms belong in vocabulary.yaml, not here.
IRREGULAR: dict[str, str] = {
    "calves": "calf",
    "feet": "foot",
    "glutes": "glute",
    "gluteus": "glute",
    "glutei": "glute",
    "quads": "quad",
    "quadricep": "quad",
    "quadriceps": "quad",
    "ran": "run",
    "tendonitis": "tendinitis",
}

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'"})


# Control and format characters (Unicode Cc, Cf, Zl, Zp) and lone surrogates become spaces;
# the invisible in-word ones (soft hyphen, zero-width (non-)joiner, word joiner, BOM) vanish.
_INVISIBLE_RE = re.compile("[\xad\u200c\u200d\u2060\ufeff]")
_CONTROL_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)


def fold(text: str) -> str:
    """NFKC, lowercase, accents folded, curly apostrophes to ', control characters to spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL_RE.sub(" ", _INVISIBLE_RE.sub("", text).translate(_APOSTROPHES))
    return text.lower().translate(accent_map)


def _fold_word(raw: str) -> str:
    """One token as indexed before stop words: folded, possessive and apostrophes dropped."""
    word = fold(raw)
    if word.endswith("'s"):
        word = word[:-2]
    # NFKC can add punctuation ("½" -> "1⁄2"): keep one token per token, letters and digits only.
    return _NON_WORD.sub("", word)


def words(text: str) -> list[str]:
    """Folded word tokens without stop words or stemming (what the vocabulary matches on)."""
    # Same tokens, in the same order, as the analyzer produces before stop words and stemming.
    return [word for word in map(_fold_word, WORD_PATTERN.findall(text)) if word]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """`words(text)` with each word's start and end character offsets in `text`."""
    spans = []
    for match in WORD_PATTERN.finditer(text):
        if word := _fold_word(match.group()):
            spans.append((word, match.start(), match.end()))
    return spans


class FoldFilter(Filter):
    """Folds each token with `fold()` and drops apostrophes / possessive 's."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            text = _fold_word(t.text)
            if text:
                t.text = text
                yield t


class IrregularFilter(Filter):
    """Replaces words in `IRREGULAR` before stemming (calves -> calf, feet -> foot)."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if not t.stopped:
                t.text = IRREGULAR.get(t.text, t.text)
            yield t


def _stem_one(word: str) -> str:
    return _porter2(IRREGULAR.get(word, word))


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    """The Whoosh analyzer for every TEXT field (cached; Whoosh analyzers are re-entrant)."""
    return (
        RegexTokenizer(WORD_PATTERN)
        | FoldFilter()
        | StopFilter(stoplist=STOPWORDS, minsize=1)
        | IrregularFilter()
        | StemFilter(stemfn=_porter2)
    )


def terms(text: str) -> list[str]:
    """The terms Whoosh indexes for `text`, as plain strings (same chain as `analyzer()`)."""
    # Whoosh reuses one Token per call: copy each text out before the next token arrives.
    return [token.text for token in analyzer()(text)]


@lru_cache(maxsize=262144)
def token_term(raw: str) -> str | None:
    """What `analyzer()` makes of one raw token: its term, or None (stop word / punctuation)."""
    word = _fold_word(raw)
    if not word or word in STOPWORDS:
        return None
    return _stem_one(word)


def term_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, term) of each indexed token of `text`: the same terms as `terms()`, much
    faster on long text (each distinct word is analysed once per process, not once per use)."""
    out = []
    for m in WORD_PATTERN.finditer(text):
        term = token_term(m.group())
        if term is not None:
            out.append((m.start(), m.end(), term))
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """One word through the same folding, irregular table and stemmer (no stop words)."""
    folded = _fold_word(word.strip())
    return _stem_one(folded) if folded else ""

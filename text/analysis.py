"""The one analysis of text, shared by tagging, the search index, queries and related posts.

A text is split once into words (`WORD_PATTERN`); each word is folded (NFKC, lowercase, accents,
curly apostrophes, a possessive 's dropped: "Runner's" -> "runner"), mapped through `IRREGULAR`
(calves -> calf, feet -> foot) and stemmed with the Snowball English stemmer (porter2): stretch,
stretches and stretching are one term. Stop words are kept as words (vocabulary phrases such as
"back of the thigh" contain them) but are not terms. Each distinct word is analysed once per
process (a cache), so a long text costs one regex pass and a dictionary lookup per word.

Stop words are Whoosh's list minus "it": "IT band" must stay searchable. Single letters are kept
("T-spine" -> t, spine).
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from whoosh.lang.porter2 import stem as _whoosh_porter2
from whoosh.support.charset import accent_map as _whoosh_accent_map

# Whoosh's stemmer and accent table carry no type information; typed once here.
_porter2: Callable[[str], str] = _whoosh_porter2
accent_map: dict[int, str] = {int(k): v for k, v in _whoosh_accent_map.items()}  # code points, whatever its hint

__all__ = [
    "IRREGULAR",
    "STOPWORDS",
    "WORD_PATTERN",
    "Analysed",
    "analyse",
    "analysis_fingerprint",
    "fold",
    "remember_words",
    "stem",
    "term_spans",
    "terms",
    "token_term",
    "word_analyses",
    "word_spans",
    "words",
]

# Letters and digits (no underscore), optionally joined by apostrophes ("runner's", "don’t") or
# by invisible characters that `fold()` deletes (soft hyphen, zero-width joiners, BOM).
WORD_PATTERN = re.compile("[^\\W_]+(?:['’‘ʼ\xad\u200c\u200d\u2060\ufeff]+[^\\W_]+)*")
_NON_WORD = re.compile(r"[\W_]+")

# Whoosh's English stop words (whoosh.analysis.filters.STOP_WORDS), minus "it".
STOPWORDS: frozenset[str] = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "for",
        "from",
        "have",
        "if",
        "in",
        "is",
        "may",
        "not",
        "of",
        "on",
        "or",
        "tbd",
        "that",
        "the",
        "this",
        "to",
        "us",
        "we",
        "when",
        "will",
        "with",
        "yet",
        "you",
        "your",
    ]
)

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
    "lunges": "lunge",
    "lunging": "lunge",
    "lunged": "lunge",
    # (the stemmer makes "tingly" "ting", a dialect "thing": "same ting every run" is no tingling)
    "tingly": "tingle",
    # Geordie and Scots spellings of everyday words, read as the words they are: "went ower on me
    # ankle" is "went over on", "done nowt" is "done nothing". Only spellings that are no English
    # word ("lang" is Tagalog's "only", "wee" is small or urine, "fit" is fit).
    "oot": "out",
    "doon": "down",
    "ower": "over",
    "aboot": "about",
    "roond": "round",
    "roon": "round",
    "gaun": "going",
    "dae": "do",
    "nae": "no",
    "noo": "now",
    "cannae": "cant",
    "couldnae": "couldnt",
    "mair": "more",
    "nowt": "nothing",
    "owt": "anything",
    "summat": "something",
    "neet": "night",
    "nee": "no",
    "mesel": "myself",
    "meself": "myself",
    "masel": "myself",
    "efter": "after",
    "heid": "head",
    "gannin": "going",
    "dee": "do",
    "deein": "doing",
    "divvnt": "dont",
    "divnt": "dont",
    "divvent": "dont",
    "dinnae": "dont",
    "didnae": "didnt",
    "disnae": "doesnt",
    "isnae": "isnt",
    "wisnae": "wasnt",
    # Yorkshire and Scots "o'" ("the back o' me ankle") is "of"; not "t'", which is the T of "T-spine".
    "o": "of",
    # Cockney drops the h: "me 'eel's killin' me", "tight in the 'ips" (an eel is no runner's word).
    "eel": "heel",
    "eels": "heels",
    "ip": "hip",
    "ips": "hips",
    "amstring": "hamstring",
    "amstrings": "hamstrings",
    # Jamaican and Trinidadian spellings, the same way: "mi cyaan hop pon it" is "can't hop on it",
    # "one likkle spot" a little spot. Not "mi" (miles after a number) nor "fi" ("wi-fi").
    "cyaan": "cant",
    "caan": "cant",
    "likkle": "little",
    "pon": "on",
    "di": "the",
    "dat": "that",
    "dem": "them",
    "wid": "with",
    "inna": "in",
    "nuh": "not",
    "nuttin": "nothing",
    "deh": "there",
    # (kept apart from "later", as "lateral" is: see `_UNSTEMMED`)
    "laterally": "lateral",
    "laterals": "lateral",
}

# "it's" is "it is", not a possessive: it must never be the "IT" of "IT band" (nor be marked as it).
CONTRACTIONS: dict[str, str] = {"it's": "its"}
# Words the stemmer would merge with another word: "its" with the "it" of "IT band", "lunge" with
# "lung" (a lunge is an exercise, the lungs are breathing in the cold), "lateral" with "later" ("3
# days later, front of my thighs" is no outside of the thigh), and clothes with what they cover or
# how it feels: "leggings" are no leg, running "tights" are not tight.
_UNSTEMMED = frozenset({"its", "lunge", "lateral", "legging", "leggings", "tights"})

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
# Words longer than this are not words a reader means (hashes, base64, keyboard mashing): they
# are cut, so no later step (stemming, spelling) ever works on a 500-letter "word".
MAX_WORD_CHARS = 64


def fold(text: str) -> str:
    """NFKC, lowercase, accents folded, curly apostrophes to ', control characters to spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL_RE.sub(" ", _INVISIBLE_RE.sub("", text).translate(_APOSTROPHES))
    return text.lower().translate(accent_map)


def _fold_word(raw: str) -> str:
    """One token as indexed before stop words: folded, possessive and apostrophes dropped."""
    word = fold(raw[: MAX_WORD_CHARS * 2])
    if word in CONTRACTIONS:
        return CONTRACTIONS[word]
    if word.endswith("'s"):
        word = word[:-2]
    # NFKC can add punctuation ("½" -> "1⁄2"): keep one token per token, letters and digits only.
    return _NON_WORD.sub("", word)[:MAX_WORD_CHARS]


_WORDS: dict[str, tuple[str, str, str | None]] = {}
_WORDS_LIMIT = 262_144  # distinct raw words remembered (the cache starts again past it)
# Longer tokens are analysed every time they occur and never kept: `_fold_word` reads only the
# first 2 x MAX_WORD_CHARS characters anyway, so analysing them again costs what a short word does.
CACHED_WORD_CHARS = MAX_WORD_CHARS * 2
# What the cache may hold, by its own accounting (str and tuple sizes plus a dict slot each);
# 262,144 words of ordinary length take about 40 MB.
WORD_CACHE_MAX_BYTES = 64 * 1024 * 1024
_DICT_SLOT = 3 * 8 * 2  # a dict entry's hash, key and value pointers, with the table's spare room
_words_bytes = 0


def _entry_bytes(raw: str, found: tuple[str, str, str | None]) -> int:
    word, stemmed, _ = found
    # The term is the stem or None; folded word and stem are often the raw word's own objects, but
    # are charged in full: the bound errs on the safe side.
    return sys.getsizeof(raw) + sys.getsizeof(found) + sys.getsizeof(word) + sys.getsizeof(stemmed) + _DICT_SLOT


def word_cache_bytes() -> int:
    """The bytes the word cache holds now, by its own accounting (at most WORD_CACHE_MAX_BYTES)."""
    return _words_bytes


def _word(raw: str) -> tuple[str, str, str | None]:
    """(folded word, its stem, its term or None for a stop word); "" word for punctuation."""
    global _words_bytes
    found = _WORDS.get(raw)
    if found is None:
        word = _fold_word(raw)
        if not word:
            found = ("", "", None)
        else:
            mapped = IRREGULAR.get(word, word)
            stemmed = mapped if mapped in _UNSTEMMED else _porter2(mapped)
            found = (word, stemmed, None if word in STOPWORDS else stemmed)
        if len(raw) > CACHED_WORD_CHARS:
            return found
        size = _entry_bytes(raw, found)
        if len(_WORDS) >= _WORDS_LIMIT or _words_bytes + size > WORD_CACHE_MAX_BYTES:
            _WORDS.clear()
            _words_bytes = 0
        _WORDS[raw] = found
        _words_bytes += size
    return found


@dataclass(frozen=True)
class Analysed:
    """One text, analysed once: its words in order with their spans, stems and terms."""

    words: tuple[str, ...]  # folded, unstemmed, stop words included
    stems: tuple[str, ...]  # one per word (what vocabulary phrases are matched on)
    terms: tuple[str | None, ...]  # one per word; None for a stop word
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def indexed(self) -> list[str]:
        """The terms of the text in order, stop words left out (what the search index holds)."""
        return [t for t in self.terms if t is not None]


def analyse(text: str) -> Analysed:
    """Words, stems, terms and character spans of `text`, in one regex pass."""
    cache = _WORDS
    found = [(cache.get(g) or _word(g), m.start(), m.end()) for m in WORD_PATTERN.finditer(text) if (g := m.group())]
    kept = [item for item in found if item[0][0]]
    if not kept:
        return Analysed((), (), (), (), ())
    analysed, starts, ends = zip(*kept, strict=False)
    ws, ss, ts = zip(*analysed, strict=False)
    return Analysed(ws, ss, ts, starts, ends)


# The foldings `words` made of words never analysed: a vocabulary being read splits each of its
# phrases more than once. Bounded: 16,384 words of at most 128 characters, under 7 MB.
_folded = lru_cache(maxsize=16_384)(_fold_word)


def words(text: str) -> list[str]:
    """Folded word tokens without stop words removed or stemming (what the vocabulary matches on)."""
    # A word not yet analysed is only folded: stemming it would be wasted on the thousands of
    # other languages' words a vocabulary lists, matched as written (most of a large file's check).
    cache = _WORDS
    out = []
    for m in WORD_PATTERN.finditer(text):
        raw = m.group()
        found = cache.get(raw)
        word = found[0] if found is not None else _folded(raw[:CACHED_WORD_CHARS])
        if word:
            out.append(word)
    return out


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """`words(text)` with each word's start and end character offsets in `text`."""
    out = []
    for m in WORD_PATTERN.finditer(text):
        word = _word(m.group())[0]
        if word:
            out.append((word, m.start(), m.end()))
    return out


def terms(text: str) -> list[str]:
    """The indexed terms of `text`, in order (stop words and punctuation left out)."""
    return [t for t in (_word(m.group())[2] for m in WORD_PATTERN.finditer(text)) if t is not None]


def token_term(raw: str) -> str | None:
    """What one raw token is indexed as: its term, or None (stop word / punctuation)."""
    return _word(raw)[2]


def term_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, term) of each indexed token of `text`."""
    out = []
    for m in WORD_PATTERN.finditer(text):
        term = _word(m.group())[2]
        if term is not None:
            out.append((m.start(), m.end(), term))
    return out


def stem(word: str) -> str:
    """One word through the same folding, irregular table and stemmer (no stop words)."""
    return _word(word.strip())[1]


# Words whose stems pin down the stemmer's behaviour in `analysis_fingerprint` (its rules and
# exceptions: a stemmer of another version stems some of them differently).
_PROBES = ("running", "runner's", "stretches", "stretching", "hamstrings", "tendinopathy", "generously",
           "skies", "dying", "succeeded", "news", "knees", "calves", "feet", "its", "achilles", "plantar",
           "fasciitis", "inflammation", "ﬁbula", "crédit", "ITBS", "don’t")


@lru_cache(maxsize=1)
def analysis_fingerprint() -> str:
    """A digest of how this program analyses words (tables and stemmer): a stored word analysis made
    by another is not reused (see `remember_words`)."""
    tables = (sorted(STOPWORDS), sorted(IRREGULAR.items()), sorted(CONTRACTIONS.items()), sorted(_UNSTEMMED),
              MAX_WORD_CHARS, [_porter2(p) for p in _PROBES], [_fold_word(p) for p in _PROBES])
    return hashlib.sha256(repr(tables).encode("utf-8")).hexdigest()


def word_analyses(texts: Iterable[str]) -> dict[str, tuple[str, str, str | None]]:
    """The analysis of every word of `texts`, keyed by the raw word and by its folded form (what
    `stem` is asked for): what a loading vocabulary hands to `remember_words`."""
    out: dict[str, tuple[str, str, str | None]] = {}
    for text in texts:
        for m in WORD_PATTERN.finditer(text):
            raw = m.group()
            if raw not in out:
                found = out[raw] = _word(raw)
                if found[0] and found[0] not in out:
                    out[found[0]] = _word(found[0])
    return out


def remember_words(analyses: Mapping[str, tuple[str, str, str | None]]) -> None:
    """Add analyses made by `word_analyses` (in this program: same `analysis_fingerprint`) to the
    per-process cache, so the words are not stemmed again; words already analysed keep theirs."""
    if len(analyses) > _WORDS_LIMIT:
        return  # more than the cache holds: the words are analysed as they come
    if len(_WORDS) + len(analyses) > _WORDS_LIMIT:
        _WORDS.clear()
    for raw, found in analyses.items():
        _WORDS.setdefault(raw, found)

"""Result excerpts from sentences stored at build: the best one or two sentences of a post for the
query's words, the words `<mark>`ed and everything else escaped.

At build, the start of each post's body (`EXCERPT_SOURCE_CHARS`) is cut into sentences, and each
sentence's distinct terms are stored. A search picks the sentences holding the most query terms
(no sentence twice), and analyses only those few sentences again to place the marks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from html import escape

import numpy as np
import numpy.typing as npt

from ..text.analysis import IRREGULAR, WORD_PATTERN, Analysed, stem, token_term

EXCERPT_CHARS = 240
EXCERPT_SOURCE_CHARS = 5_000  # excerpts come from the start of the body: long posts cost no more
SENTENCES = 2
JOINER = " … "
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+|\n\s*\n")


@dataclass(frozen=True)
class Sentences:
    """Sentence spans and their term ids for every post (CSR-style arrays)."""

    post_ptr: npt.NDArray[np.int64]  # post i owns sentences post_ptr[i]:post_ptr[i+1]
    spans: npt.NDArray[np.int32]  # [sentences, 2]: start, end character offsets in the body
    term_ptr: npt.NDArray[np.int64]  # sentence j holds terms terms[term_ptr[j]:term_ptr[j+1]]
    terms: npt.NDArray[np.int32]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, whitespace trimmed, empty ones left out."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentences_of(text: str, analysed: Analysed) -> Iterator[tuple[int, int, list[str]]]:
    """(start, end, terms) of each sentence of the start of a post's body (`analysed` is its analysis)."""
    starts = analysed.starts
    position = 0
    for s, e in sentence_spans(text[:EXCERPT_SOURCE_CHARS]):
        while position < len(starts) and starts[position] < s:
            position += 1
        first = position
        while position < len(starts) and starts[position] < e:
            position += 1
        yield s, e, [t for t in analysed.terms[first:position] if t is not None]


def excerpt(body: str, fallback: str, post: int, wanted: npt.NDArray[np.bool_] | None, marks: Collection[str],
            sentences: Sentences, phrases: frozenset[tuple[str, ...]] = frozenset()) -> str:
    """Safe HTML: the sentences of `post` richest in wanted terms (`wanted[term id]` is True),
    `marks` terms marked, and each of `phrases` (runs of terms) marked only where its terms stand
    together ("low back", never "back" in "back off"); the start of `fallback` (or the body) when
    no sentence holds one."""
    chosen = _best_sentences(post, wanted, sentences) if wanted is not None else []
    if chosen:
        return _render(body, chosen, marks, phrases)
    plain = fallback or body
    if len(plain) > EXCERPT_CHARS:
        plain = plain[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
    return escape(plain, quote=False)


def _best_sentences(post: int, wanted: npt.NDArray[np.bool_], s: Sentences) -> list[tuple[int, int]]:
    """The sentences with the most distinct wanted terms (earlier first on ties), up to SENTENCES
    and about EXCERPT_CHARS, in text order."""
    first, last = int(s.post_ptr[post]), int(s.post_ptr[post + 1])
    lo, hi = int(s.term_ptr[first]), int(s.term_ptr[last])
    if hi == lo:
        return []
    held = wanted[s.terms[lo:hi]]
    if not held.any():
        return []
    # Distinct wanted terms per sentence: a cumulative count read at each sentence's bounds. A
    # post has tens of sentences, so past this one numpy pass plain Python is the faster tool.
    running = np.cumsum(held).tolist()
    bounds = (s.term_ptr[first : last + 1] - lo).tolist()
    hits = [(running[b - 1] if b else 0) - (running[a - 1] if a else 0) for a, b in itertools.pairwise(bounds)]
    spans = s.spans[first:last].tolist()
    chosen: list[int] = []
    length = 0
    for j in sorted(range(len(hits)), key=lambda j: -hits[j]):
        if hits[j] == 0:
            break
        start, end = spans[j]
        if chosen and length + (end - start) > EXCERPT_CHARS:
            continue
        chosen.append(j)
        length += end - start
        if len(chosen) == SENTENCES or length >= EXCERPT_CHARS:
            break
    return [(spans[j][0], spans[j][1]) for j in sorted(chosen)]


def _render(body: str, spans: list[tuple[int, int]], marks: Collection[str],
            phrases: frozenset[tuple[str, ...]] = frozenset()) -> str:
    """The sentences in order: adjacent ones joined by a space, "…" only where text was left out."""
    parts: list[str] = []
    previous_end = 0
    for start, end in spans:
        text, cut_before, cut_after = _clip(body[start:end], marks, phrases)
        left_out = cut_before or bool(body[previous_end:start].strip())
        if parts:
            parts.append(JOINER if left_out else " ")
        elif left_out:
            parts.append("… ")
        parts.append(text)
        previous_end = len(body) if cut_after else end
    return "".join(parts).strip()


@lru_cache(maxsize=1024)
def _heads(marks: frozenset[str]) -> frozenset[str]:
    """How a marked word may begin: like a mark (a stem starts like its words) or like a word the
    irregular table maps to one ("feet" -> foot). Only such words are analysed again."""
    heads = {t[:3] for t in marks}
    heads |= {raw[:3].lower() for raw, base in IRREGULAR.items() if stem(base) in marks}
    heads.discard("")
    return frozenset(heads)


def _marked_words(sentence: str, marks: frozenset[str]) -> list[tuple[int, int]]:
    # A set lookup per word: a search's marks differ from the last one's nearly every time, so a
    # pattern built from them would be compiled for every search (the slowest step of a hit).
    heads = _heads(marks)
    found = []
    for word in WORD_PATTERN.finditer(sentence):
        text = word.group()
        head = text[:3].lower()
        if (head in heads or head[:2] in heads or head[:1] in heads) and token_term(text) in marks:
            found.append(word.span())
    return found


@lru_cache(maxsize=1024)
def _by_first(phrases: frozenset[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """A search's phrases by their first term, longest first (read once a search, as _heads)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):  # the longest name that stands here first
        by_first.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(found) for first, found in by_first.items()}


def _marked_phrases(sentence: str, phrases: frozenset[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Spans of each phrase's terms standing together (stop words between them allowed)."""
    if not phrases:
        return []
    by_first = _by_first(phrases)
    tokens = [(m.span(), t) for m in WORD_PATTERN.finditer(sentence) if (t := token_term(m.group())) is not None]
    found = []
    for i, (_span, term) in enumerate(tokens):
        for phrase in by_first.get(term, ()):
            n = len(phrase)
            if tuple(t for _, t in tokens[i : i + n]) == phrase:
                found.append((tokens[i][0][0], tokens[i + n - 1][0][1]))
                break
    return found


def _clip(sentence: str, marks: Collection[str],
          phrases: frozenset[tuple[str, ...]] = frozenset()) -> tuple[str, bool, bool]:
    """One sentence, marked; a very long one is cut around its first mark at word boundaries.
    Also whether text was cut before and after it."""
    found = _marked_words(sentence, marks if isinstance(marks, frozenset) else frozenset(marks))
    if phrases:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(found + _marked_phrases(sentence, phrases)):
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        found = merged
    lo, hi = 0, len(sentence)
    if hi > EXCERPT_CHARS:
        centre = found[0][0] if found else 0
        lo = max(0, centre - EXCERPT_CHARS // 3)
        hi = min(len(sentence), lo + EXCERPT_CHARS)
        if lo > 0 and " " in sentence[lo:centre]:
            lo = sentence.index(" ", lo, centre) + 1
        if hi < len(sentence) and " " in sentence[max(lo, hi - 40) : hi]:
            hi = sentence.rindex(" ", max(lo, hi - 40), hi)
    out = []
    pos = lo
    for s, e in found:
        if s < lo or e > hi:
            continue
        out.append(escape(sentence[pos:s], quote=False))
        out.append(f"<mark>{escape(sentence[s:e], quote=False)}</mark>")
        pos = e
    out.append(escape(sentence[pos:hi], quote=False))
    text = "".join(out)
    return (text + " …" if hi < len(sentence) else text), lo > 0, hi < len(sentence)

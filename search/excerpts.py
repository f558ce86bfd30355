"""Result excerpts: up to two windows of the body around matched terms, `<mark>`ed, HTML-safe.

Replaces Whoosh's highlighter, which re-ran the full analyzer chain over every hit's body on
every search (most of a search's time). Here the body's start (`HIGHLIGHT_CHARS`) is split into
words whose analysis is cached (`analysis.token_term`), until `ENOUGH_HITS` matches are found;
a regex jumps to words that start like a query term, so the rest of the text costs no Python.
(A word whose folded form starts differently, "Éclair" for "eclair", is not marked.)
"""

from __future__ import annotations

import re
from collections.abc import Collection
from html import escape

from .analysis import IRREGULAR, WORD_PATTERN, stem, token_term

EXCERPT_CHARS = 240
HIGHLIGHT_CHARS = 5_000  # excerpts come from the start of the body: long posts cost no more
SURROUND = 60  # characters of context before the first and after the last match of a window
FRAGMENTS = 2
JOINER = " … "
ENOUGH_HITS = 16
_JOINERS = "'’‘ʼ\xad\u200c\u200d\u2060\ufeff"


def excerpt(body: str, fallback: str, body_terms: Collection[str]) -> str:
    """A marked excerpt of `body` around `body_terms`, else the start of `fallback` (or body)."""
    if body_terms and body:
        marked = _marked(body[:HIGHLIGHT_CHARS], body_terms)
        if marked:
            return marked
    plain = fallback or body
    if len(plain) > EXCERPT_CHARS:
        plain = plain[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
    return escape(plain, quote=False)


def _candidates(body_terms: Collection[str]) -> re.Pattern[str]:
    """Words that may analyse to one of `body_terms`: those starting like a term (a stem starts
    like its words) or like a word the irregular table maps to one ("feet" -> foot)."""
    heads = {t[:3] for t in body_terms}
    heads |= {raw[:3] for raw, base in IRREGULAR.items() if stem(base) in body_terms}
    alternatives = "|".join(sorted(re.escape(h) for h in heads if h))
    # At a word start only: not after a letter, digit or an in-word joiner ("don't", soft hyphen).
    return re.compile(rf"(?<![^\W_])(?<![{_JOINERS}])(?:{alternatives})", re.IGNORECASE)


def _marked(text: str, body_terms: Collection[str]) -> str:
    hits = []
    starts = _candidates(body_terms)
    pos = 0
    while (found := starts.search(text, pos)) is not None:
        m = WORD_PATTERN.match(text, found.start())
        if m is None:
            pos = found.end()
            continue
        pos = m.end()
        term = token_term(m.group())
        if term is not None and term in body_terms:
            hits.append((m.start(), m.end(), term))
            if len(hits) == ENOUGH_HITS:
                break  # enough to choose two windows from; the rest of the post is not read
    if not hits:
        return ""
    windows = _windows(hits)
    best = sorted(windows, key=lambda w: (-len({t for _, _, t in w}), -len(w), w[0][0]))[:FRAGMENTS]
    return JOINER.join(_render(text, w) for w in sorted(best, key=lambda w: w[0][0]))


def _windows(hits: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Runs of matches that fit in one excerpt (first match start to last match end)."""
    windows: list[list[tuple[int, int, str]]] = []
    for hit in hits:
        if windows and hit[1] - windows[-1][0][0] <= EXCERPT_CHARS - 2 * SURROUND:
            windows[-1].append(hit)
        else:
            windows.append([hit])
    return windows


def _render(text: str, window: list[tuple[int, int, str]]) -> str:
    start = max(0, window[0][0] - SURROUND)
    end = min(len(text), window[-1][1] + SURROUND)
    # Cut at spaces so no word is split (unless the window reaches the text's edge).
    if start > 0 and " " in text[start : window[0][0]]:
        start = text.index(" ", start, window[0][0]) + 1
    if end < len(text) and " " in text[window[-1][1] : end]:
        end = text.rindex(" ", window[-1][1], end)
    parts, pos = [], start
    for s, e, _ in window:
        parts.append(escape(text[pos:s], quote=False))
        parts.append(f"<mark>{escape(text[s:e], quote=False)}</mark>")
        pos = e
    parts.append(escape(text[pos:end], quote=False))
    return "".join(parts).strip()

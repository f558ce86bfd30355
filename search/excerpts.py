"""Result excerpts: up to two windows of the body around matched terms, `<mark>`ed, HTML-safe.

Replaces Whoosh's highlighter, which re-ran the full analyzer chain over every hit's body on
every search (most of a search's time). Here the body's start (`HIGHLIGHT_CHARS`) is split with
`analysis.term_spans()`, whose per-word analysis is cached.
"""

from __future__ import annotations

from collections.abc import Collection
from html import escape

from search.analysis import term_spans

EXCERPT_CHARS = 240
HIGHLIGHT_CHARS = 5_000  # excerpts come from the start of the body: long posts cost no more
SURROUND = 60  # characters of context before the first and after the last match of a window
FRAGMENTS = 2
JOINER = " … "


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


def _marked(text: str, body_terms: Collection[str]) -> str:
    hits = [(start, end, term) for start, end, term in term_spans(text) if term in body_terms]
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

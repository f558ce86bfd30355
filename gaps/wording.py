"""Counts in words: "1 post", "2 posts", "1 search", "3 searches" (never "1 posts")."""

from __future__ import annotations


def plural(noun: str) -> str:
    """The English plural of the report's nouns (post, search, query, day, body part, injury)."""
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def counted(count: float, noun: str) -> str:
    """`count` and `noun`, singular only for exactly one ("1 post", "0 posts", "1.5 posts")."""
    number = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{number} {noun if count == 1 else plural(noun)}"

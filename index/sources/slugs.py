"""Slugs: made from titles, made safe when a source puts a path in one, and made unique in a build."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import unquote

from ..post import Post, SourceRef
from .problems import Problem

_SEPARATOR = re.compile(r"[/\\]")
_DECODE_ROUNDS = 3


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Don't stop!" -> "dont-stop")."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['\u2019]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _decoded(slug: str) -> str:
    # "%252f" is "%2f" after one decoding and "/" after two: a slug is used in URLs and as a key,
    # so whatever it turns into after any decoding is what counts.
    for _ in range(_DECODE_ROUNDS):
        plain = unquote(slug)
        if plain == slug:
            break
        slug = plain
    return slug


def _path_parts(slug: str) -> list[str] | None:
    """The parts of a slug that holds a path ("/", "\\", "%2f", "." or ".."), else None."""
    plain = _decoded(slug)
    parts = _SEPARATOR.split(plain)
    if len(parts) == 1 and plain not in (".", ".."):
        return None
    return [part for part in parts if part not in ("", ".", "..")]


def safe_slug(slug: str) -> str | None:
    """The slug a path-like slug becomes ("../a/b%2Fc" -> "a-b-c", possibly ""), or None when it is fine.

    Only path-like slugs are touched: WordPress keeps non-ASCII slugs percent-encoded, and those
    are valid as they are.
    """
    parts = _path_parts(slug)
    return None if parts is None else slugify("-".join(parts))


def unique_slugs(posts: Sequence[Post]) -> tuple[list[Post], list[Problem]]:
    """Posts with duplicate slugs renamed ("-2", "-3", ... never a slug another post has); the first keeps it.

    Posts are taken in input order, so the same sources always give the same slugs.
    """
    taken = {post.slug for post in posts if post.slug}
    owners: dict[str, Post] = {}
    next_number: dict[str, int] = {}
    out: list[Post] = []
    problems: list[Problem] = []
    for post in posts:
        owner = owners.setdefault(post.slug, post) if post.slug else post
        if owner is post:
            out.append(post)
            continue
        number = next_number.get(post.slug, 2)
        while f"{post.slug}-{number}" in taken:
            number += 1
        new = f"{post.slug}-{number}"
        next_number[post.slug] = number + 1
        taken.add(new)
        problems.append(Problem.at(
            post.source or SourceRef(""),
            f"duplicate slug {post.slug!r} (first used by {owner.source}): renamed to {new!r}",
            "warning", code="duplicate-slug"))
        out.append(post.with_changes(slug=new, flags=(*post.flags, "duplicate-slug")))
    return out, problems

"""What a related-posts call returns: small frozen records, with the reason each was chosen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..index.post import Post
from .vectors import CONCEPT_PREFIX, TermSpace, readable


@dataclass(frozen=True)
class RelatedItem:
    """One related post. `fallback`: chosen by body part/category/recency, not similarity."""

    id: str
    slug: str
    title: str
    url: str
    score: float
    has_video: bool
    thumbnail_url: str
    why: dict[str, list[str]] = field(default_factory=dict)
    fallback: bool = False
    pinned: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "slug": self.slug, "title": self.title, "url": self.url,
            "score": self.score, "has_video": self.has_video, "thumbnail_url": self.thumbnail_url,
            "why": {key: list(value) for key, value in self.why.items()},
            "fallback": self.fallback, "pinned": self.pinned,
        }


def shared_terms(a: sp.csr_matrix, b: sp.csr_matrix, space: TermSpace, vocabulary: Any, limit: int) -> list[str]:
    """The terms contributing most to the cosine of two rows, as readable words.

    Words already said by a shared concept's label ("it", "band" under "IT band") are dropped.
    """
    product = a.multiply(b).tocsr()
    if not product.nnz:
        return []
    order = np.argsort(-product.data, kind="stable")
    terms = [space.term(int(product.indices[p])) for p in order]
    labels = [readable(t, space, vocabulary) for t in terms if t.startswith(CONCEPT_PREFIX)]
    covered = {word.casefold() for label in labels for word in label.replace("-", " ").split()}
    out: list[str] = []
    seen: set[str] = set()
    for term in terms:
        word = readable(term, space, vocabulary)
        if word.casefold() in seen or (not term.startswith(CONCEPT_PREFIX) and word.casefold() in covered):
            continue
        seen.add(word.casefold())
        out.append(word)
        if len(out) == limit:
            break
    return out


def body_part_labels(keys: list[str], vocabulary: Any) -> list[str]:
    out = []
    for key in keys:
        try:
            out.append(str(vocabulary.label(key)) if vocabulary is not None else key.replace("_", " "))
        except (KeyError, LookupError):
            out.append(key.replace("_", " "))
    return out


def make_item(post: Post, score: float, why: dict[str, list[str]], *, fallback: bool = False,
              pinned: bool = False) -> RelatedItem:
    return RelatedItem(
        id=post.id, slug=post.slug, title=post.title, url=post.url, score=round(float(score), 4),
        has_video=post.has_video, thumbnail_url=post.thumbnail_url, why=why, fallback=fallback,
        pinned=pinned,
    )

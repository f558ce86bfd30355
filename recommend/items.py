"""What a related-posts call returns: small frozen records, with the reason each was chosen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..index.post import Post
from ..text.vocabulary import Vocabulary


@dataclass(frozen=True)
class RelatedItem:
    """One related post. `why`: the body parts and injuries both posts are about (by label), then a
    few words they share. `fallback`: chosen by topic, category or recency, not by similarity.
    `pinned`: placed by the author."""

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


def shared_labels(keys_a: tuple[str, ...], keys_b: tuple[str, ...], vocabulary: Vocabulary | None) -> list[str]:
    """Labels of the keys both posts carry, in the first post's order."""
    shared = [k for k in dict.fromkeys(keys_a) if k in set(keys_b)]
    if vocabulary is None:
        return [k.replace("_", " ") for k in shared]
    return [vocabulary.label(k) if vocabulary.has_concept(k) else k.replace("_", " ") for k in shared]


def make_item(about: Post, post: Post, score: float, terms: tuple[str, ...], vocabulary: Vocabulary | None, *,
              fallback: bool = False, pinned: bool = False) -> RelatedItem:
    why = {
        "body_parts": shared_labels(about.body_parts, post.body_parts, vocabulary),
        "injuries": shared_labels(about.injuries, post.injuries, vocabulary),
        "terms": list(terms),
    }
    return RelatedItem(
        id=post.id, slug=post.slug, title=post.title, url=post.url, score=round(float(score), 4),
        has_video=post.has_video, thumbnail_url=post.thumbnail_url, why=why, fallback=fallback, pinned=pinned,
    )

"""A post's own topics: what it is about first, as opposed to the body parts it also touches.

A post on IT band syndrome is also tagged with the knee and the hip (the pain shows at the knee,
the fix is at the hip), but its own topics are the injury and the injury's body part (the IT
band). A related list ranks posts on those above posts that share only a neighbouring body part:
a reader of the ITB post wants the IT band posts before the runner's-knee posts.

Own topics are every injury the post is tagged with and the body part each injury belongs to
(from the vocabulary). A post without an injury has none: its body parts all weigh the same.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from ..index.post import Post
from ..text.vocabulary import Vocabulary


def injury_body_parts(vocabulary: Vocabulary | None) -> dict[str, str]:
    """Injury key -> the key of the body part it belongs to (empty without a vocabulary)."""
    if vocabulary is None:
        return {}
    return {injury.key: injury.body_part for injury in vocabulary.injuries if injury.body_part}


def own_topics(post: Post, body_part_of: Mapping[str, str]) -> frozenset[str]:
    """The injuries and body parts `post` is about first (see the module's docstring)."""
    parts = [body_part_of[key] for key in post.injuries if key in body_part_of]
    return frozenset((*post.injuries, *parts))


def on_topic(post: Post, topics: Collection[str]) -> bool:
    """Whether `post` is tagged with any of `topics` (one of another post's own topics)."""
    return bool(topics) and not (set(post.injuries).isdisjoint(topics) and set(post.body_parts).isdisjoint(topics))

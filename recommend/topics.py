"""A post's own topics: what it is about first, as opposed to the body parts it also touches.

A post on IT band syndrome is also tagged with the knee and the hip (the pain shows at the knee,
the fix is at the hip), but its own topics are the injury and the injury's body part (the IT
band). A related list ranks posts on those above posts that share only a neighbouring body part:
a reader of the ITB post wants the IT band posts before the runner's-knee posts.

Own topics are the injuries the post's title, categories or tags name, and the body part each
of them belongs to (from the vocabulary). An injury the body only mentions is a tag, not the
post's topic: "Prostate cancer" that mentions low back pain is not a back-pain post, and a strong
boost would otherwise follow every passing mention. A post without such an injury has no own
topics: its body parts all weigh the same. They are worked out at build (`named_injuries`, from
the one analysis) and stored with the related part.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping

from ..index.post import Post
from ..text.tagging import AnalysedPost
from ..text.vocabulary import Vocabulary


def injury_body_parts(vocabulary: Vocabulary | None) -> dict[str, str]:
    """Injury key -> the key of the body part it belongs to (empty without a vocabulary)."""
    if vocabulary is None:
        return {}
    return {injury.key: injury.body_part for injury in vocabulary.injuries if injury.body_part}


def named_injuries(doc: AnalysedPost, body_part_of: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The injuries a post is tagged with that its title, categories or tags name, by the injury's
    own name or by its body part's ("Should You Foam Roll Your Iliotibial Band?", tagged with IT
    band syndrome from its body, is about that injury; a passing mention in the body alone is not)."""
    named = (doc.concepts.get("title", Counter()), doc.concepts.get("tags", Counter()))
    parts = body_part_of or {}
    return tuple(key for key in doc.post.injuries
                 if any(found[key] or (key in parts and found[parts[key]]) for found in named))


def own_topics(injuries: Iterable[str], body_part_of: Mapping[str, str]) -> frozenset[str]:
    """A post's own topics from its named injuries: each injury and the body part it belongs to."""
    keys = tuple(injuries)
    return frozenset((*keys, *(body_part_of[key] for key in keys if key in body_part_of)))


def on_topic(post: Post, topics: Collection[str]) -> bool:
    """Whether `post` is tagged with any of `topics` (one of another post's own topics)."""
    return bool(topics) and not (set(post.injuries).isdisjoint(topics) and set(post.body_parts).isdisjoint(topics))

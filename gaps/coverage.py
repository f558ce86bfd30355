"""What the blog covers: the body part × kind matrix, the injuries with 0-1 posts, orphans, duplicates."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence

from ..index.post import Post
from ..text.vocabulary import Concept, Vocabulary
from .records import Axis, Cell, InjuryGap, Matrix, NearDuplicate, PostRef
from .related_posts import RelatedPosts

CLOSEST_POSTS = 3
# A post whose best similarity to any other post is below this is an orphan. The recommender's own
# cut-off (RelatedConfig.min_score, 0.12) decides whether a link is shown at all; a best link in
# 0.12-0.15 comes from words every post shares ("running", "runners"), not from a shared topic.
ORPHAN_MIN_SCORE = 0.15
# "Closest posts" below this similarity share only words every post has: the report says that
# nothing comes close rather than listing them as if they were related.
CLOSEST_MIN_SCORE = 0.15


def with_named_topics(post: Post, vocabulary: Vocabulary) -> Post:
    """The post, also about every body part and injury its title or tags name (by any name).

    Tagging already does this with the vocabulary the post was built with; the report may run
    with another (an edited one), and it must never call a topic missing that a title names.
    """
    named = [m.key for text in (post.title, *post.tags) for m in vocabulary.find(text)]
    injuries = [k for k in named if vocabulary.concept(k).kind == "injury" and k not in post.injuries]
    parts = [k for k in named if vocabulary.concept(k).kind == "body_part"]
    parts += [part for k in injuries if (part := vocabulary.concept(k).body_part)]
    parts = [k for k in parts if k not in post.body_parts]
    if not injuries and not parts:
        return post
    return post.with_changes(body_parts=(*post.body_parts, *dict.fromkeys(parts)),
                             injuries=(*post.injuries, *dict.fromkeys(injuries)))


def median_of_nonzero(counts: Iterable[int]) -> float:
    """Median of the positive counts (0.0 when there are none)."""
    positive = [c for c in counts if c > 0]
    return float(statistics.median(positive)) if positive else 0.0


def status_of(count: int, thin_below: float) -> str:
    """'empty' (0), 'thin' (below thin_below) or 'ok'."""
    if count == 0:
        return "empty"
    return "thin" if count < thin_below else "ok"


def coverage_matrix(posts: Sequence[Post], vocabulary: Vocabulary) -> Matrix:
    """Post and video counts per body part × kind of post, empty and thin cells and rows flagged."""
    parts = [(c.key, c.name) for c in vocabulary.body_parts]
    kinds = [(k.key, k.name) for k in vocabulary.kinds]
    posts_in: dict[tuple[str, str], int] = {}
    videos_in: dict[tuple[str, str], int] = {}
    for post in posts:
        for part in set(post.body_parts):
            for kind in set(post.kinds or ("other",)):
                posts_in[part, kind] = posts_in.get((part, kind), 0) + 1
                videos_in[part, kind] = videos_in.get((part, kind), 0) + int(post.has_video)
    counts = {(p, k): posts_in.get((p, k), 0) for p, _ in parts for k, _ in kinds}
    median = median_of_nonzero(counts.values())
    thin_below = median / 2
    cells = tuple(
        Cell(p, k, counts[p, k], videos_in.get((p, k), 0), status_of(counts[p, k], thin_below))
        for p, _ in parts
        for k, _ in kinds
    )
    row_posts = {p: sum(1 for post in posts if p in post.body_parts) for p, _ in parts}
    row_videos = {p: sum(1 for post in posts if p in post.body_parts and post.has_video) for p, _ in parts}
    row_median = median_of_nonzero(row_posts.values())
    rows = tuple(
        Axis(p, name, row_posts[p], row_videos[p], status_of(row_posts[p], row_median / 2))
        for p, name in parts
    )
    columns = tuple(
        Axis(k, name, sum(1 for post in posts if k in (post.kinds or ("other",))),
             sum(1 for post in posts if k in (post.kinds or ("other",)) and post.has_video))
        for k, name in kinds
    )
    return Matrix(
        rows=rows, columns=columns, cells=cells, median=median, thin_below=thin_below,
        row_median=row_median, row_thin_below=row_median / 2, posts_total=len(posts),
        unassigned=sum(1 for post in posts if not post.body_parts),
    )


def concept_text(concept: Concept) -> str:
    """A concept's name and terms as one text, to find the posts closest to it."""
    return " ".join([concept.name, *concept.terms])


def closest_posts(related: RelatedPosts | None, text: str, limit: int = CLOSEST_POSTS,
                  min_score: float = CLOSEST_MIN_SCORE) -> tuple[PostRef, ...]:
    """The posts the recommender finds nearest to `text`, if they come close (else none)."""
    if related is None or not text.strip():
        return ()
    items = related.related_to_text(text, limit=limit)
    return tuple(PostRef.of_related(item) for item in items if not item.fallback and item.score >= min_score)


def injury_gaps(posts: Sequence[Post], vocabulary: Vocabulary, related: RelatedPosts | None) -> tuple[InjuryGap, ...]:
    """Every vocabulary injury with no post or a single post, missing ones first."""
    gaps = []
    for concept in vocabulary.injuries:
        about = [post for post in posts if concept.key in post.injuries]
        if len(about) > 1:
            continue
        ids = {post.id for post in about}
        gaps.append(InjuryGap(
            key=concept.key, name=concept.name, body_part=concept.body_part,
            posts=tuple(PostRef.of(post) for post in about),
            # The one post about it is not "closest" to it: it is the post.
            closest=tuple(ref for ref in closest_posts(related, concept_text(concept)) if ref.id not in ids),
        ))
    return tuple(sorted(gaps, key=lambda gap: len(gap.posts)))


def orphan_refs(
    posts_by_id: dict[str, Post], related: RelatedPosts | None, min_score: float | None = ORPHAN_MIN_SCORE
) -> tuple[PostRef, ...]:
    """Posts with no neighbour scoring `min_score` or more, in both directions, as references."""
    if related is None:
        return ()
    return tuple(PostRef.of(posts_by_id[i]) for i in related.orphans(min_score=min_score) if i in posts_by_id)


def near_duplicate_pairs(posts_by_id: dict[str, Post], related: RelatedPosts | None) -> tuple[NearDuplicate, ...]:
    """Pairs of posts so similar that one may be redundant, most similar first."""
    if related is None:
        return ()
    pairs = [
        NearDuplicate(PostRef.of(posts_by_id[a]), PostRef.of(posts_by_id[b]), float(score))
        for a, b, score in related.near_duplicates()
        if a in posts_by_id and b in posts_by_id
    ]
    return tuple(sorted(pairs, key=lambda pair: -pair.score))

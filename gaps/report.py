"""`build_gap_report`: the whole coverage-gap report from posts, vocabulary, recommender and search log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from ..index.post import Post
from ..index.search_log import LogEntry
from ..text.vocabulary import Vocabulary
from .coverage import (
    ORPHAN_MIN_SCORE,
    coverage_matrix,
    injury_gaps,
    near_duplicate_pairs,
    orphan_refs,
    with_named_topics,
)
from .demand import NEAR_MISS_FRACTION, SearchFn, demand
from .freshness import as_datetime, freshness
from .lexicon import Lexicon
from .reading import Reader
from .records import GapReport
from .related_posts import RelatedPosts
from .suggestions import TOP_SUGGESTIONS, suggestions
from .topics import merged_topics

When = date | datetime | str | None


def build_gap_report(
    posts: Sequence[Post],
    vocabulary: Vocabulary,
    related: RelatedPosts | None,
    log_entries: Iterable[LogEntry],
    *,
    lexicon: Lexicon | None = None,
    since: When = None,
    until: When = None,
    now: When = None,
    silence_days: int = 365,
    search: SearchFn | None = None,
    near_miss_fraction: float = NEAR_MISS_FRACTION,
    limit: int = TOP_SUGGESTIONS,
    orphan_min_score: float | None = ORPHAN_MIN_SCORE,
) -> GapReport:
    """The coverage-gap report (pure: reads only its arguments).

    `posts` are tagged posts (body_parts, injuries, kinds filled): an injury is covered by the
    posts tagged with it, whether their title names it or their text describes it; `related` is
    a RelatedIndex (or None to skip closest posts, orphans and near duplicates); `log_entries`
    are search-log entries, of which those in [since, until) count (a plain date `until`
    includes that day), read against the vocabulary and `lexicon`, the posts' own words (built
    from `posts` when not given; a server keeps one per index version);
    `now` is the freshness reference (default: the newest post's date); `search` re-runs the
    most asked missed query of each demand item against the current index;
    `orphan_min_score` is the best-neighbour similarity under which a post is an orphan
    (None: the recommender's own cut-off).
    """
    posts = [with_named_topics(post, vocabulary) for post in posts]
    reference = as_datetime(now, end_of_day=False)
    matrix = coverage_matrix(posts, vocabulary)
    injuries = injury_gaps(posts, vocabulary, related)
    reader = Reader(vocabulary, lexicon if lexicon is not None else Lexicon.of_posts(posts))
    asked = demand(
        log_entries, vocabulary, related, reader, merged=merged_topics(matrix, injuries),
        since=as_datetime(since), until=as_datetime(until, end_of_day=True),
        fraction=near_miss_fraction, search=search,
    )
    fresh = freshness(posts, vocabulary, now=reference, silence_days=silence_days)
    by_id = {post.id: post for post in posts}
    return GapReport(
        matrix=matrix,
        injuries=injuries,
        demand=asked,
        freshness=fresh,
        orphans=orphan_refs(by_id, related, orphan_min_score),
        near_duplicates=near_duplicate_pairs(by_id, related),
        suggestions=suggestions(posts, vocabulary, matrix, injuries, asked, fresh, limit=limit),
    )

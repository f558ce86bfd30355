"""A correct DisjunctionMax for Whoosh: the best matching clause scores, others add a tiebreak.

Whoosh's `DisjunctionMaxMatcher.score()` takes the max of both sub-matchers' scores without
checking that both sit on the current document, so a post matching only a weak form of a
concept ("back of the thigh") borrowed the score of another post's strong match ("hamstring")
and could outrank it. Its `tiebreak` is also never applied (and the weighted tree builder drops it). `DisMax` fixes both and is a drop-in
for `whoosh.query.DisjunctionMax`.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh.matching import DisjunctionMaxMatcher

__all__ = ["DisMax", "Or"]


class Or(wq.Or):
    """`whoosh.query.Or` that always preloads matches and scores into an array.

    Whoosh's automatic choice (a binary tree of union matchers, or this array matcher for
    indexes under 5,000 documents) returned wrong top hits in this index when one Or held
    another: a post scoring 35.9 on the inner Or vanished from the top 3 after one more word was
    added. Forcing one matcher is correct in tests against brute force, and this one is the
    faster (an exhaustive any-word ranking, as the peers do).
    """

    matcher_type = wq.Or.ARRAY_MATCHER


class _DisMaxMatcher(DisjunctionMaxMatcher):
    """Scores only the sub-matchers on the current document: max + tiebreak * the other."""

    def score(self) -> float:
        a, b = self.a, self.b
        current = self.id()
        a_score = a.score() if a.is_active() and a.id() == current else 0.0
        b_score = b.score() if b.is_active() and b.id() == current else 0.0
        return max(a_score, b_score) + self.tiebreak * min(a_score, b_score)

    def replace(self, minquality: float = 0) -> Any:
        replaced = super().replace(minquality)
        if isinstance(replaced, _DisMaxMatcher):
            replaced.tiebreak = self.tiebreak  # the parent class drops it on replacement
        return replaced

    def max_quality(self) -> float:
        return (1.0 + self.tiebreak) * max(self.a.max_quality(), self.b.max_quality())

    def block_quality(self) -> float:
        return (1.0 + self.tiebreak) * max(self.a.block_quality(), self.b.block_quality())


class DisMax(wq.DisjunctionMax):
    """`DisjunctionMax` whose scores belong to the document being scored."""

    def _matcher(self, subs: Any, searcher: Any, context: Any) -> Any:
        reader = searcher.reader()
        tiebreak = self.tiebreak
        # A closure, not a keyword: Whoosh's weighted tree builder drops keyword arguments.
        return self._tree_matcher(
            subs,
            lambda a, b: _DisMaxMatcher(a, b, tiebreak=tiebreak),
            searcher,
            context,
            lambda q: q.estimate_size(reader),
        )

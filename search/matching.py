"""Whoosh query classes with fixed scoring: DisjunctionMax and a summing Or.

Whoosh's `DisjunctionMaxMatcher.score()` takes the max of both sub-matchers' scores without
checking that both sit on the current document, so a post matching only a weak form of a
concept ("back of the thigh") borrowed the score of another post's strong match ("hamstring")
and could outrank it. Its `tiebreak` is also never applied (and the weighted tree builder drops it). `DisMax` fixes both and is a drop-in
for `whoosh.query.DisjunctionMax`.
"""

from __future__ import annotations

from array import array
from typing import Any

from whoosh import query as wq
from whoosh.matching import ArrayUnionMatcher, DisjunctionMaxMatcher, UnionMatcher

__all__ = ["DisMax", "Or"]


class _SumArrayMatcher(ArrayUnionMatcher):
    """Whoosh's array union matcher with a correct upper bound and a C-speed buffer reset.

    The parent's `max_quality()` is the max of its sub-matchers' bounds, but a document's score
    is their sum: under a union, top-k pruning dropped whole matchers whose posts belonged in the
    top 10 (a post scoring 35.9 vanished after one more word was added to the query).
    """

    def max_quality(self) -> float:
        return self._boost * sum(m.max_quality() for m in self._submatchers if m.is_active())

    def _read_part(self) -> None:
        self._a[:] = array("d", bytes(8 * self._partsize))  # not a Python loop per slot
        scored, boost = self._scored, self._boost
        limit = min(self._docnum + self._partsize, self._doccount)
        offset, a = self._docnum, self._a
        for m in self._submatchers:
            while m.is_active() and m.id() < limit:
                if scored:
                    a[m.id() - offset] += m.score() * boost
                else:
                    a[m.id() - offset] = 1
                m.next()
        self._offset, self._limit = offset, limit


class Or(wq.Or):
    """`whoosh.query.Or` with a fixed choice of matcher.

    Few clauses (one word over four fields): a binary tree of unions, cheap to set up inside an
    And. Many (an any-word question): scores summed into an array, as Whoosh does for small
    indexes, but with `_SumArrayMatcher`'s correct bound.
    """

    ARRAY_FROM = 8

    def _matcher(self, subs: Any, searcher: Any, context: Any) -> Any:
        # One flat sum: an array matcher nested under a union returned wrong top hits.
        subs = _flatten(subs, 1.0)
        if len(subs) < self.ARRAY_FROM:
            reader = searcher.reader()
            return self._tree_matcher(subs, UnionMatcher, searcher, context, lambda q: q.estimate_size(reader))
        scored = context.weighting is not None if context else True
        matchers = [q.matcher(searcher, context) for q in subs]
        return _SumArrayMatcher(matchers, searcher.doc_count_all(), boost=self.boost, scored=scored)


def _flatten(subs: Any, boost: float) -> list[Any]:
    """Clauses of nested Ors pulled up into one list (boosts multiplied; sums are associative)."""
    out: list[Any] = []
    for q in subs:
        if isinstance(q, wq.Or) and not q.scale:
            out.extend(_flatten(q.subqueries, boost * q.boost))
        else:
            out.append(q if boost == 1.0 else q.with_boost(q.boost * boost))
    return out


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

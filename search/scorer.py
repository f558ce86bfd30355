"""BM25F over whole posting lists with numpy, for flat any-word queries (sums of terms).

Whoosh scores one posting at a time in Python (a field-length lookup and the BM25 formula per
posting), which was most of a search's time. Here each term's postings are read block by block
and scored as arrays; the formula, field lengths, IDF and B/K1 are Whoosh's own, so the scores
equal the matcher's (a test checks). Queries with phrases or concepts go through Whoosh.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.reading import TermNotFound

from .matching import Or

Leaf = tuple[str, str, float]  # field, term text, boost


class ArrayScorer:
    """Per-document field lengths and live flags of one searcher, loaded once."""

    def __init__(self, searcher: Any, fields: Sequence[str]) -> None:
        reader = searcher.reader()
        self._searcher = searcher
        self._weighting = searcher.weighting
        self.doc_count = reader.doc_count_all()
        self._live = np.zeros(self.doc_count, dtype=bool)
        self._live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        self._lengths: dict[str, np.ndarray] = {}
        self._avg: dict[str, float] = {}
        for name in fields:
            length = reader.doc_field_length
            self._lengths[name] = np.array([length(d, name) for d in range(self.doc_count)], dtype=np.float64)
            self._avg[name] = searcher.avg_field_length(name) or 1.0

    def terms_of(self, q: wq.Query, boost: float = 1.0) -> list[Leaf] | None:
        """(field, text, boost) of a (nested) Or of Terms on fields this scorer knows, else None."""
        if type(q) is wq.Term:
            ok = q.fieldname in self._lengths and isinstance(q.text, str)
            return [(q.fieldname, q.text, q.boost * boost)] if ok else None
        if isinstance(q, Or) and not q.scale:
            out: list[Leaf] = []
            for sub in q.subqueries:
                found = self.terms_of(sub, boost * q.boost)
                if found is None:
                    return None
                out.extend(found)
            return out
        return None

    def groups_of(self, q: wq.Query) -> list[list[Leaf]] | None:
        """An Or of Terms as one group, an And of such Ors as one group each, else None."""
        if isinstance(q, wq.And) and type(q) is wq.And and q.boost == 1.0:
            groups = [self.terms_of(sub) for sub in q.subqueries]
            return None if any(g is None for g in groups) else groups  # type: ignore[return-value]
        leaves = self.terms_of(q)
        return None if leaves is None else [leaves]

    def score_all(self, groups: Sequence[Sequence[Leaf]]) -> tuple[np.ndarray, np.ndarray]:
        """Docnums matching every group (any term of each) and their summed scores."""
        total = np.zeros(self.doc_count, dtype=np.float64)
        matched = self._live.copy()
        for leaves in groups:
            group_total, group_matched = self._score(leaves)
            total += group_total
            matched &= group_matched
        docs = np.flatnonzero(matched)
        return docs, total[docs]

    def score(self, leaves: Sequence[Leaf]) -> tuple[np.ndarray, np.ndarray]:
        """Matching live docnums (ascending) and their summed BM25F scores."""
        return self.score_all([leaves])

    def _score(self, leaves: Sequence[Leaf]) -> tuple[np.ndarray, np.ndarray]:
        total = np.zeros(self.doc_count, dtype=np.float64)
        matched = np.zeros(self.doc_count, dtype=bool)
        w = self._weighting
        k1 = w.K1
        for field, text, boost in leaves:
            ids, tfs = self._postings(field, text)
            if not len(ids):
                continue
            b = w._field_B.get(field, w.B)
            norm = k1 * ((1 - b) + b * self._lengths[field][ids] / self._avg[field])
            idf = w.idf(self._searcher, field, text)
            total[ids] += boost * idf * (tfs * (k1 + 1)) / (tfs + norm)
            matched[ids] = True
        return total, matched

    def _postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        ids: list[int] = []
        weights: list[float] = []
        for sub, offset in self._searcher.leaf_searchers():
            try:
                m = sub.reader().postings(field, text)
            except TermNotFound:
                continue
            while hasattr(m, "child") and not hasattr(m, "_read_ids"):
                m = m.child  # deletion filters: deleted posts are dropped by `_live`
            start = len(ids)
            if hasattr(m, "_read_ids") and hasattr(m, "_next_block"):
                while m.is_active():  # whoosh3 leaf matcher: a block of ids/weights at a time
                    if m._ids is None:
                        m._read_ids()
                    if m._weights is None:
                        m._read_weights()
                    ids.extend(m._ids[m._i : m._blocklength])
                    weights.extend(m._weights[m._i : m._blocklength])
                    m._next_block()
            else:
                while m.is_active():
                    ids.append(m.id())
                    weights.append(m.weight())
                    m.next()
            if offset:
                ids[start:] = [d + offset for d in ids[start:]]
        return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)

"""RelatedIndex: related posts for a post or a draft, from the stored neighbours and matrix."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..index.errors import IndexDamaged, PostNotFound
from ..index.post import Post
from . import curation as curation_file
from . import store
from .builder import build_related, make_analyzer, update_related
from .config import RelatedConfig
from .diversity import mmr
from .items import RelatedItem, body_part_labels, make_item, shared_terms
from .ranking import (
    Filters,
    body_part_factor,
    by_recency,
    fallback_order,
    recency_factor,
)
from .vectors import CONCEPT_PREFIX, FieldText

__all__ = ["RelatedConfig", "RelatedIndex", "RelatedItem", "build_related", "update_related"]

# Build-time settings come from config.json; only these may be overridden when loading.
QUERY_TIME = ("min_score", "same_body_part_boost", "recency_weight", "recency_half_life_days", "mmr_lambda",
              "near_duplicate_threshold", "wide_search_candidates", "why_terms")


class RelatedIndex:
    """A loaded related/ folder plus the posts it indexes (ids must all be present)."""

    def __init__(self, stored: store.Stored, posts: Mapping[str, Post],
                 curation: Mapping[str, curation_file.Curation], vocabulary: Any = None) -> None:
        self.config = stored.config
        self.space = stored.space
        self.matrix = stored.matrix
        self.neighbours = stored.neighbours
        self.scores = stored.scores
        self.ids = stored.ids
        self.posts = [posts[pid] for pid in stored.ids]
        self.row = {pid: i for i, pid in enumerate(stored.ids)}
        self.curation = dict(curation)
        self._vocabulary = vocabulary
        self._analyzer: Any = None
        self._transposed: sp.csr_matrix | None = None
        self.recency = by_recency(self.posts)
        self.newest = max((p.date for p in self.posts if p.date), default=None)
        self.body_part_keys = {key for p in self.posts for key in p.body_parts}

    @classmethod
    def load(cls, directory: Path, posts: Mapping[str, Post] | Sequence[Post], *,
             config: RelatedConfig | None = None, curation: Mapping[str, Any] | None = None,
             vocabulary: Any = None) -> RelatedIndex:
        """Open `directory` (validated); `config` overrides query-time settings only."""
        stored = store.load(Path(directory))
        if config is not None:
            stored.config = stored.config.with_changes(**{name: getattr(config, name) for name in QUERY_TIME})
        by_id = dict(posts) if isinstance(posts, Mapping) else {post.id: post for post in posts}
        missing = [pid for pid in stored.ids if pid not in by_id]
        if missing:
            raise IndexDamaged(f"related index {directory} names {len(missing)} posts that are not in the bundle "
                               f"(e.g. {missing[0]!r}); rebuild with `runphys build`", missing[:20])
        return cls(stored, by_id, curation_file.read(Path(directory), curation), vocabulary)

    # -- public queries --------------------------------------------------------------------

    def related(self, post_id: str, limit: int = 5, min_score: float | None = None, videos_only: bool = False,
                exclude: Iterable[str] = (), exclude_categories: Iterable[str] = (), pins: Iterable[str] = (),
                same_body_part_boost: float | None = None, prefer_recent: bool = False) -> list[RelatedItem]:
        """Up to `limit` posts related to `post_id`: pins, then MMR-diversified neighbours, else fallback."""
        if post_id not in self.row:
            raise PostNotFound(f"no post with id {post_id!r}", post_id)
        row = self.row[post_id]
        post = self.posts[row]
        manual = self.curation.get(post_id, curation_file.Curation())
        filters = Filters.of({post_id, *manual.exclude, *exclude},
                             (*manual.exclude_categories, *exclude_categories), videos_only)
        query = self.matrix[row]
        pinned = self._pins([*manual.pin, *pins], post_id, query, set(post.body_parts), limit)
        filters = Filters(filters.exclude | {item.id for item in pinned}, filters.exclude_categories, videos_only)
        wanted = limit - len(pinned)
        if wanted <= 0:
            return pinned
        threshold = self.config.min_score if min_score is None else min_score
        cands, cosines = self._stored_candidates(row, threshold, filters)
        k = self.scores.shape[1]
        row_full = k > 0 and (self.neighbours[row] >= 0).all() and self.scores[row, k - 1] >= threshold
        if len(cands) < wanted and row_full:  # filters ate the stored row: look further
            cands, cosines = self._wide_candidates(query, threshold, filters)
        chosen = self._choose(query, cands, cosines, set(post.body_parts), wanted,
                              same_body_part_boost, prefer_recent)
        if not chosen:
            chosen = self._fallback(query, set(post.body_parts), post.categories, filters, wanted)
        return pinned + chosen

    def related_to_text(self, text: str, limit: int = 5, min_score: float | None = None, videos_only: bool = False,
                        exclude: Iterable[str] = (), exclude_categories: Iterable[str] = (),
                        same_body_part_boost: float | None = None, prefer_recent: bool = False) -> list[RelatedItem]:
        """Related posts for a draft (not in the index), through the same analyzer and idf."""
        doc = self.analyzer.analyse(FieldText.of_text(text or ""))
        query = self.space.transform([doc])
        parts = {t[len(CONCEPT_PREFIX):] for t in doc.terms if t.startswith(CONCEPT_PREFIX)} & self.body_part_keys
        filters = Filters.of(exclude, exclude_categories, videos_only)
        threshold = self.config.min_score if min_score is None else min_score
        chosen: list[RelatedItem] = []
        if query.nnz:
            cands, cosines = self._wide_candidates(query, threshold, filters)
            chosen = self._choose(query, cands, cosines, parts, limit, same_body_part_boost, prefer_recent)
        return chosen or self._fallback(query, parts, (), filters, limit)

    def near_duplicates(self, threshold: float | None = None) -> list[tuple[str, str, float]]:
        """Pairs at or above `threshold` cosine (default near_duplicate_threshold), once each, best first."""
        limit = self.config.near_duplicate_threshold if threshold is None else threshold
        rows, cols = np.nonzero((self.scores >= limit) & (self.neighbours >= 0))
        pairs: dict[tuple[str, str], float] = {}
        for r, c in zip(rows.tolist(), cols.tolist()):
            a, b = sorted((self.ids[r], self.ids[int(self.neighbours[r, c])]))
            pairs[(a, b)] = max(pairs.get((a, b), 0.0), round(float(self.scores[r, c]), 4))
        return sorted(((a, b, s) for (a, b), s in pairs.items()), key=lambda t: (-t[2], t[0], t[1]))

    def orphans(self, min_score: float | None = None) -> list[str]:
        """Posts with no neighbour at or above `min_score` and in no other post's list above it."""
        limit = self.config.min_score if min_score is None else min_score
        good = (self.scores >= limit) & (self.neighbours >= 0)
        pointed = set(self.neighbours[good].tolist())
        return [pid for i, pid in enumerate(self.ids) if not good[i].any() and i not in pointed]

    # -- steps -----------------------------------------------------------------------------

    @property
    def vocabulary(self) -> Any:
        if self._vocabulary is None:
            from ..search.vocabulary_file import package_vocabulary

            self._vocabulary = package_vocabulary()
        return self._vocabulary

    @property
    def analyzer(self) -> Any:
        if self._analyzer is None:
            self._analyzer = make_analyzer(self.config, self.vocabulary)
        return self._analyzer

    def _cosines(self, query: sp.csr_matrix) -> np.ndarray:
        """Cosine of `query` with every post (one sparse product over the stored matrix)."""
        if self._transposed is None:
            self._transposed = self.matrix.T.tocsr()
        return np.asarray((query @ self._transposed).toarray()).ravel()

    def _stored_candidates(self, row: int, threshold: float, filters: Filters) -> tuple[np.ndarray, np.ndarray]:
        ids, scores = self.neighbours[row], self.scores[row]
        keep = [c for c in range(len(ids)) if ids[c] >= 0 and scores[c] >= threshold
                and filters.allows(self.posts[ids[c]])]
        return ids[keep].astype(np.int64), scores[keep].astype(np.float64)

    def _wide_candidates(self, query: sp.csr_matrix, threshold: float,
                         filters: Filters) -> tuple[np.ndarray, np.ndarray]:
        cosine = self._cosines(query)
        order = np.flatnonzero(cosine >= max(threshold, 1e-12))
        order = order[np.lexsort((order, -cosine[order]))]
        keep = [int(i) for i in order if filters.allows(self.posts[i])][: self.config.wide_search_candidates]
        return np.asarray(keep, dtype=np.int64), cosine[keep].astype(np.float64)

    def _choose(self, query: sp.csr_matrix, cands: np.ndarray, cosines: np.ndarray, body_parts: set[str],
                limit: int, boost: float | None, prefer_recent: bool) -> list[RelatedItem]:
        """Boost, then order by maximal marginal relevance over candidate-candidate cosines."""
        if not len(cands) or limit <= 0:
            return []
        c = self.config
        boost = c.same_body_part_boost if boost is None else boost
        weight = c.recency_weight if prefer_recent else 0.0
        relevance = np.array([
            cos * body_part_factor(self.posts[i], body_parts, boost)
            * recency_factor(self.posts[i], self.newest, weight, c.recency_half_life_days)
            for i, cos in zip(cands.tolist(), cosines.tolist())])
        vectors = self.matrix[cands]
        similarity = np.asarray((vectors @ vectors.T).toarray())
        order = mmr(relevance, similarity, limit, c.mmr_lambda, c.near_duplicate_threshold)
        return [self._item(query, int(cands[p]), float(cosines[p]), body_parts) for p in order]

    def _pins(self, pins: Iterable[str], post_id: str, query: sp.csr_matrix, body_parts: set[str],
              limit: int) -> list[RelatedItem]:
        rows = [self.row[pid] for pid in dict.fromkeys(pins) if pid in self.row and pid != post_id][:limit]
        if not rows:
            return []
        cosine = np.asarray((query @ self.matrix[rows].T).toarray()).ravel()
        return [self._item(query, r, float(cos), body_parts, pinned=True) for r, cos in zip(rows, cosine)]

    def _fallback(self, query: sp.csr_matrix, body_parts: set[str], categories: Sequence[str],
                  filters: Filters, limit: int) -> list[RelatedItem]:
        cosine = self._cosines(query) if query.nnz else np.zeros(len(self.posts))
        order = fallback_order(self.posts, cosine, self.recency, body_parts, categories, filters.allows, limit)
        return [self._item(query, i, float(cosine[i]), body_parts, fallback=True) for i in order]

    def _item(self, query: sp.csr_matrix, row: int, cosine: float, body_parts: set[str], *,
              fallback: bool = False, pinned: bool = False) -> RelatedItem:
        post = self.posts[row]
        shared = body_part_labels(sorted(body_parts & set(post.body_parts)), self._vocabulary_or_none())
        terms = shared_terms(query, self.matrix[row], self.space, self._vocabulary_or_none(),
                             self.config.why_terms + len(shared))
        # A body part is said once, under body_parts; terms add what else the two posts share.
        terms = [term for term in terms if term not in shared][: self.config.why_terms]
        why = {"terms": terms, "body_parts": shared}
        return make_item(post, cosine, why, fallback=fallback, pinned=pinned)

    def _vocabulary_or_none(self) -> Any:
        try:
            return self.vocabulary
        except (ImportError, OSError):  # labels fall back to the keys
            return None

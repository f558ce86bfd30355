"""Building the related/ part: vectors, neighbours, and every post's related list with its reasons,
all at build time; and repairing it in place when a few posts change or the author curates."""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..index.errors import BadRequest
from ..index.post import Post
from ..text.tagging import AnalysedPost
from ..text.vocabulary import Vocabulary
from . import store
from .config import RelatedConfig
from .curation import Curation
from .neighbours import neighbours, rows_entered, rows_pointing_to, searchable, to_scipy
from .stored_lists import make_lists
from .topics import injury_body_parts, named_injuries
from .vectors import Counts, Rows, SurfaceForms, _stop_words, fit, post_terms, transform


class RelatedPartWriter:
    """Collects each post's weighted terms as it is analysed, then finds neighbours, makes every
    related list and writes the part (`finish`). Only compact arrays are kept per post."""

    def __init__(self, config: RelatedConfig = RelatedConfig(), vocabulary: Vocabulary | None = None) -> None:
        self.config = config
        self.vocabulary = vocabulary
        self._stop = _stop_words()
        self._counts = Counts()
        self._surface = SurfaceForms()
        self._posts: list[Post] = []
        self._topics: list[tuple[str, ...]] = []
        self._body_part_of = injury_body_parts(vocabulary)

    def add(self, doc: AnalysedPost) -> None:
        self._counts.add(post_terms(doc, self.config, self._stop))
        self._surface.add(doc)
        self._posts.append(doc.post)
        self._topics.append(named_injuries(doc, self._body_part_of))

    def finish(self, directory: Path, curation: Mapping[str, Curation] | None = None) -> dict[str, Any]:
        started = time.perf_counter()
        space = fit(self._counts, self.config)
        space.surface = self._surface.forms(space.vocabulary)
        matrix = transform(self._counts, space)
        self._counts = Counts()  # the arrays are in the matrix now
        posts = self._posts
        found = _neighbours(matrix, posts, self.config)
        stored = store.Stored(self.config, [p.id for p in posts], space, matrix, found, {}, [], dict(curation or {}),
                              self._topics)
        make_lists(stored, posts, self.vocabulary)
        store.save(directory, stored)
        return {"posts": len(posts), "terms": len(space.vocabulary), "seconds": round(time.perf_counter() - started, 3)}


def relist(directory: Path, posts: Mapping[str, Post], curation: Mapping[str, Curation],
           vocabulary: Vocabulary | None = None) -> None:
    """Make the related lists again with new curation (vectors and neighbours unchanged)."""
    stored = store.load(directory)
    stored.curation = dict(curation)
    make_lists(stored, [posts[pid] for pid in stored.ids], vocabulary)
    store.save(directory, stored)


def update_related(directory: Path, posts: Mapping[str, Post], changed_docs: Sequence[AnalysedPost],
                   deleted_ids: Collection[str], *, curation: Mapping[str, Curation] | None = None,
                   vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    """Re-vectorise changed/added posts and repair only the neighbour rows that can change.

    Vectors use the STORED terms and idf: a word no post used at the last full build is ignored
    until the next full build. `posts` are every post of the new version (tagged), `changed_docs`
    the analysis of those added or changed; the lists are made again for every post (cheap next
    to the neighbour search).
    """
    started = time.perf_counter()
    old = store.load(directory)
    by_id = {doc.post.id: doc for doc in changed_docs}
    rows = RowChanges.between(old.ids, list(by_id), deleted_ids)
    if set(rows.ids) != set(posts):
        raise BadRequest("update_related: the posts given are not the posts of the updated index")
    fresh = transform([post_terms(by_id[pid], old.config, _stop_words()) for pid in rows.changed], old.space)
    matrix = _replace_rows(old.matrix, rows.kept, rows.changed_rows().tolist(), fresh, len(rows.ids))
    ordered = [posts[pid] for pid in rows.ids]
    search = searchable(to_scipy(matrix), old.config)
    found: dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]] = {}
    recomputed = 0
    for mode in store.MODES:
        found[mode], redone = _repaired_neighbours(old.neighbours[mode], rows, search, _pool(ordered, mode))
        recomputed += redone
    # Each post's named injuries: the stored ones, the changed posts' from their new analysis.
    stored_named = old.topics if old.topics is not None else [posts[pid].injuries if pid in posts else ()
                                                              for pid in old.ids]
    named = dict(zip(old.ids, stored_named, strict=True))
    named.update((pid, named_injuries(by_id[pid], injury_body_parts(vocabulary))) for pid in rows.changed)
    stored = store.Stored(old.config, rows.ids, old.space, matrix, found, {}, [],
                          dict(old.curation if curation is None else curation), [named[pid] for pid in rows.ids])
    make_lists(stored, ordered, vocabulary)
    store.save(directory, stored)
    return {"posts": len(rows.ids), "changed": len(rows.changed), "deleted": len(rows.gone),
            "rows_recomputed": recomputed, "seconds": round(time.perf_counter() - started, 3)}


@dataclass(frozen=True)
class RowChanges:
    """How an update renumbers the rows: surviving rows keep their order, added posts are appended.

    `gone` and `touched` are OLD rows (deleted; changed in place), `kept` the old rows that survive
    in their new order, `old_to_new` maps an old row to its new one (-1: deleted; its last entry
    maps the "no neighbour" -1 to -1), `changed` the ids re-vectorised (changed or added)."""

    ids: list[str]
    changed: list[str]
    added: list[str]
    gone: list[int]
    touched: list[int]
    kept: npt.NDArray[np.int64]
    old_to_new: npt.NDArray[np.int64]

    @classmethod
    def between(cls, old_ids: Sequence[str], changed_ids: Sequence[str], deleted_ids: Collection[str]) -> RowChanges:
        deleted = set(deleted_ids)
        changed = [pid for pid in changed_ids if pid not in deleted]
        old_row = {pid: i for i, pid in enumerate(old_ids)}
        gone = sorted(old_row[pid] for pid in deleted if pid in old_row)
        touched = [old_row[pid] for pid in changed if pid in old_row]
        kept = np.setdiff1d(np.arange(len(old_ids)), np.asarray(gone, dtype=np.int64))
        old_to_new = np.full(len(old_ids) + 1, -1, dtype=np.int64)
        old_to_new[kept] = np.arange(len(kept))
        added = [pid for pid in changed if pid not in old_row]
        ids = [old_ids[i] for i in kept] + added
        return cls(ids, changed, added, gone, touched, kept, old_to_new)

    def changed_rows(self) -> npt.NDArray[np.int64]:
        """The NEW rows of the changed and added posts."""
        new_row = {pid: i for i, pid in enumerate(self.ids)}
        return np.asarray([new_row[pid] for pid in self.changed], dtype=np.int64)


def _repaired_neighbours(old: tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]], rows: RowChanges,
                         search: sp.csr_matrix, among: npt.NDArray[np.intp] | None
                         ) -> tuple[tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]], int]:
    """One mode's neighbour lists after the update, and how many rows were searched again."""
    ids, scores = _carried_over(old, rows)
    redo = _rows_to_search_again(old[0], rows, search, among, ids, scores)
    if len(redo):
        ids[redo], scores[redo] = neighbours(search, ids.shape[1], redo, among)
    return (ids, scores), len(redo)


def _carried_over(old: tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]], rows: RowChanges
                  ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """The old lists renumbered (a deleted neighbour becomes -1), with empty lists for added posts."""
    old_ids, old_scores = old
    k = old_ids.shape[1]
    ids = np.vstack([rows.old_to_new[old_ids[rows.kept]].astype(np.int32), np.full((len(rows.added), k), -1, np.int32)])
    scores = np.vstack([old_scores[rows.kept], np.zeros((len(rows.added), k), np.float32)])
    return ids, scores


def _rows_to_search_again(old_ids: npt.NDArray[np.int32], rows: RowChanges, search: sp.csr_matrix,
                          among: npt.NDArray[np.intp] | None, ids: npt.NDArray[np.int32],
                          scores: npt.NDArray[np.float32]) -> npt.NDArray[np.int64]:
    """New rows whose list may change: the changed posts themselves, the posts that listed a deleted
    or changed post, and the posts a changed post now scores at least their k-th neighbour for."""
    pointed = rows_pointing_to(old_ids, [*rows.gone, *rows.touched])
    redo = {int(rows.old_to_new[r]) for r in pointed if rows.old_to_new[r] >= 0}
    changed = rows.changed_rows()
    redo |= set(changed.tolist())
    # A changed post can enter another post's list only where it may be listed at all.
    entering = changed if among is None else changed[np.isin(changed, among)]
    k = ids.shape[1]
    if len(entering) and k:
        kth = np.where(ids[:, k - 1] >= 0, scores[:, k - 1], 0.0).astype(np.float32)
        redo |= rows_entered(search, entering, kth)
    return np.asarray(sorted(redo), dtype=np.int64)


def _pool(posts: Sequence[Post], mode: str) -> npt.NDArray[np.intp] | None:
    """The rows a mode's neighbours come from: every post, or the posts with a video."""
    if mode == "all":
        return None
    return np.flatnonzero(np.asarray([p.has_video for p in posts], dtype=bool))


def _neighbours(matrix: Rows, posts: Sequence[Post], config: RelatedConfig
                ) -> dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]]:
    search = searchable(to_scipy(matrix), config)
    return {mode: neighbours(search, config.k, among=_pool(posts, mode)) for mode in store.MODES}


def _replace_rows(old: Rows, keep: npt.NDArray[np.int64], at: Sequence[int], fresh: Rows, n: int) -> Rows:
    """The surviving old rows in order, with `fresh` rows put at positions `at` (new or replaced)."""
    source: list[tuple[Rows, int]] = [(old, int(r)) for r in keep] + [(old, -1)] * (n - len(keep))
    for position, new_row in zip(at, range(fresh.shape[0]), strict=False):
        source[position] = (fresh, new_row)
    indptr = [0]
    indices: list[npt.NDArray[np.int32]] = []
    data: list[npt.NDArray[np.float32]] = []
    for matrix, r in source:
        cols, vals = matrix.row(r) if r >= 0 else (np.zeros(0, np.int32), np.zeros(0, np.float32))
        indices.append(cols)
        data.append(vals)
        indptr.append(indptr[-1] + len(cols))
    return Rows(np.asarray(indptr, dtype=np.int64),
                np.concatenate(indices).astype(np.int32) if indices else np.zeros(0, np.int32),
                np.concatenate(data).astype(np.float32) if data else np.zeros(0, np.float32), old.columns)

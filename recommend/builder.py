"""Building the related/ part: vectors, neighbours, and every post's related list with its reasons,
all at build time; and repairing it in place when a few posts change or the author curates."""

from __future__ import annotations

import time
from array import array
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..index.errors import BadRequest
from ..index.post import Post
from ..text.tagging import AnalysedPost
from ..text.vocabulary import Vocabulary
from . import store
from .config import RelatedConfig
from .curation import Curation
from .lists import FALLBACK, Catalogue, Options, related_list
from .neighbours import neighbours, rows_entered, rows_pointing_to, searchable, to_scipy
from .vectors import Counts, Rows, SurfaceForms, _stop_words, fit, post_terms, transform
from .topics import injury_body_parts
from .why import Explainer


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

    def add(self, doc: AnalysedPost) -> None:
        self._counts.add(post_terms(doc, self.config, self._stop))
        self._surface.add(doc)
        self._posts.append(doc.post)

    def finish(self, directory: Path, curation: Mapping[str, Curation] | None = None) -> dict[str, Any]:
        started = time.perf_counter()
        space = fit(self._counts, self.config)
        space.surface = self._surface.forms(space.vocabulary)
        matrix = transform(self._counts, space)
        self._counts = Counts()  # the arrays are in the matrix now
        posts = self._posts
        found = _neighbours(matrix, posts, self.config)
        stored = store.Stored(self.config, [p.id for p in posts], space, matrix, found, {}, [], dict(curation or {}))
        _make_lists(stored, posts, self.vocabulary)
        store.save(directory, stored)
        return {"posts": len(posts), "terms": len(space.vocabulary), "seconds": round(time.perf_counter() - started, 3)}


def build_related(docs: Sequence[AnalysedPost], directory: Path, config: RelatedConfig = RelatedConfig(), *,
                  curation: Mapping[str, Curation] | None = None, vocabulary: Vocabulary | None = None
                  ) -> dict[str, Any]:
    """Vectorise every post, find every post's neighbours, make and store every related list."""
    started = time.perf_counter()
    writer = RelatedPartWriter(config, vocabulary)
    for doc in docs:
        writer.add(doc)
    stats = writer.finish(directory, curation)
    return {**stats, "seconds": round(time.perf_counter() - started, 3)}


def relist(directory: Path, posts: Mapping[str, Post], curation: Mapping[str, Curation],
           vocabulary: Vocabulary | None = None) -> None:
    """Make the related lists again with new curation (vectors and neighbours unchanged)."""
    stored = store.load(directory)
    stored.curation = dict(curation)
    _make_lists(stored, [posts[pid] for pid in stored.ids], vocabulary)
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
    config = old.config
    by_id = {doc.post.id: doc for doc in changed_docs}
    deleted = set(deleted_ids)
    changed = [pid for pid in by_id if pid not in deleted]
    position = {pid: i for i, pid in enumerate(old.ids)}
    gone = sorted(position[pid] for pid in deleted if pid in position)
    touched = [position[pid] for pid in changed if pid in position]
    # New row order: surviving rows keep their order, added posts are appended.
    keep = np.setdiff1d(np.arange(len(old.ids)), np.asarray(gone, dtype=np.int64))
    remap = np.full(len(old.ids) + 1, -1, dtype=np.int64)  # index -1 (no neighbour) maps to -1
    remap[keep] = np.arange(len(keep))
    added = [pid for pid in changed if pid not in position]
    ids = [old.ids[i] for i in keep] + added
    new_position = {pid: i for i, pid in enumerate(ids)}
    if set(ids) != set(posts):
        raise BadRequest("update_related: the posts given are not the posts of the updated index")
    stop = _stop_words()
    fresh = transform([post_terms(by_id[pid], config, stop) for pid in changed], old.space)
    matrix = _replace_rows(old.matrix, keep, [new_position[pid] for pid in changed], fresh, len(ids))
    ordered = [posts[pid] for pid in ids]
    search = searchable(to_scipy(matrix), config)
    rows = np.asarray([new_position[pid] for pid in changed], dtype=np.int64)
    found = {}
    redone = 0
    for mode in store.MODES:
        old_ids, old_scores = old.neighbours[mode]
        affected = rows_pointing_to(old_ids, [*gone, *touched])
        k = old_ids.shape[1]
        nbr = np.vstack([remap[old_ids[keep]].astype(np.int32), np.full((len(added), k), -1, np.int32)])
        scores = np.vstack([old_scores[keep], np.zeros((len(added), k), np.float32)])
        among = _pool(ordered, mode)
        redo = {int(remap[r]) for r in affected if remap[r] >= 0} | set(rows.tolist())
        # A changed post can enter another post's list only where it may be listed at all.
        sources = rows if among is None else rows[np.isin(rows, among)]
        if len(sources) and k:
            kth = np.where(nbr[:, k - 1] >= 0, scores[:, k - 1], 0.0).astype(np.float32)
            redo |= rows_entered(search, sources, kth)
        redo_rows = np.asarray(sorted(redo), dtype=np.int64)
        if len(redo_rows):
            nbr[redo_rows], scores[redo_rows] = neighbours(search, k, redo_rows, among)
        found[mode] = (nbr, scores)
        redone += len(redo_rows)
    stored = store.Stored(config, ids, old.space, matrix, found, {}, [],
                          dict(old.curation if curation is None else curation))
    _make_lists(stored, ordered, vocabulary)
    store.save(directory, stored)
    return {"posts": len(ids), "changed": len(changed), "deleted": len(gone), "rows_recomputed": redone,
            "seconds": round(time.perf_counter() - started, 3)}


def _pool(posts: Sequence[Post], mode: str) -> npt.NDArray[np.intp] | None:
    """The rows a mode's neighbours come from: every post, or the posts with a video."""
    if mode == "all":
        return None
    return np.flatnonzero(np.asarray([p.has_video for p in posts], dtype=bool))


def _neighbours(matrix: Rows, posts: Sequence[Post], config: RelatedConfig
                ) -> dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]]:
    search = searchable(to_scipy(matrix), config)
    return {mode: neighbours(search, config.k, among=_pool(posts, mode)) for mode in store.MODES}


def _make_lists(stored: store.Stored, posts: Sequence[Post], vocabulary: Vocabulary | None) -> None:
    """Every post's related list for each mode, with the reasons of its first WHY_DEPTH entries."""
    config = stored.config
    catalogue = Catalogue(posts, injury_body_parts(vocabulary))
    n = max(len(posts), 1)
    made: dict[str, tuple[array[int], array[int], array[float], array[int]]] = {}
    pairs = array("q")  # min * n + max of every pair whose reasons are shown
    for mode in store.MODES:
        ptr, rows, scores, flags = array("q", [0]), array("i"), array("f"), array("B")
        options = Options(limit=store.LIST_DEPTH, videos_only=mode == "videos")
        for i in range(len(posts)):
            for depth, (j, score, flag) in enumerate(
                    related_list(i, options, catalogue, stored.neighbours[mode], stored.curation, config)):
                rows.append(j)
                scores.append(score)
                flags.append(flag)
                if depth < store.WHY_DEPTH and not flag & FALLBACK:
                    pairs.append(min(i, j) * n + max(i, j))
            ptr.append(len(rows))
        made[mode] = (ptr, rows, scores, flags)
    codes = np.unique(np.asarray(pairs, dtype=np.int64))
    explain = Explainer(stored.matrix, stored.space, posts, vocabulary, config.why_terms)
    found = explain.words_of_pairs(np.stack([codes // n, codes % n], axis=1) if len(codes) else
                                   np.zeros((0, 2), dtype=np.int64))
    words: dict[str, int] = {}
    reason_ptr = np.zeros(len(codes) + 1, dtype=np.int64)
    reason_ids: list[int] = []
    for p, said in enumerate(found):
        reason_ids.extend(words.setdefault(w, len(words)) for w in said)
        reason_ptr[p + 1] = len(reason_ids)
    reasons = np.asarray(reason_ids, dtype=np.int32)
    for mode, (ptr, rows, scores, flags) in made.items():
        rows_ = np.asarray(rows, dtype=np.int32)
        flags_ = np.asarray(flags, dtype=np.uint8)
        starts = np.asarray(ptr, dtype=np.int64)
        owner = np.repeat(np.arange(len(posts)), (starts[1:] - starts[:-1]).astype(np.int64))
        place = np.arange(len(rows_)) - starts[owner]
        shown = (place < store.WHY_DEPTH) & ((flags_ & FALLBACK) == 0)
        code = np.minimum(owner, rows_) * n + np.maximum(owner, rows_)
        at = np.searchsorted(codes, code)
        lengths = np.where(
            shown, reason_ptr[np.minimum(at + 1, len(codes))] - reason_ptr[np.minimum(at, len(codes))], 0
        )
        why_ptr = np.zeros(len(rows_) + 1, dtype=np.int64)
        np.cumsum(lengths, out=why_ptr[1:])
        starts = reason_ptr[np.minimum(at, len(codes))]
        take = np.repeat(starts, lengths) + (np.arange(int(why_ptr[-1])) - np.repeat(why_ptr[:-1], lengths))
        stored.lists[mode] = store.Lists(
            np.asarray(ptr, dtype=np.int64), rows_, np.asarray(scores, dtype=np.float32), flags_, why_ptr,
            reasons[take] if len(take) else np.zeros(0, dtype=np.int32))
    stored.why_words = list(words)


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

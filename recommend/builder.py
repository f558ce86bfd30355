"""Building the related/ folder from posts, and updating it in place when a few posts change."""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..index.errors import BadRequest, PostNotFound
from ..index.post import Post
from . import store
from .config import RelatedConfig
from .neighbours import neighbours, rows_entered, rows_pointing_to
from .vectors import (
    FieldText,
    PostAnalyzer,
    TextAnalyzer,
    fit_space,
    surface_forms,
)

# Settings that shape the vectors and neighbour rows: changing one needs a full rebuild.
BUILD_TIME = ("title_weight", "taxonomy_weight", "concept_weight", "body_weight", "sublinear_tf", "min_df",
              "max_df", "norm", "k")


def make_analyzer(config: RelatedConfig, vocabulary: Any = None) -> PostAnalyzer:
    """The vectorizer's analyzer over the search analysis chain and the concept vocabulary."""
    if vocabulary is None:
        from ..search.vocabulary_file import package_vocabulary

        vocabulary = package_vocabulary()
    return PostAnalyzer(TextAnalyzer(vocabulary), config)


def _unique(posts: Sequence[Post]) -> list[Post]:
    """One post per id, the later one winning (as the importers resolve duplicates)."""
    return list({post.id: post for post in posts}.values())


def build_related(posts: Sequence[Post], directory: Path, config: RelatedConfig = RelatedConfig(),
                  *, vocabulary: Any = None) -> dict[str, Any]:
    """Vectorise every post, compute every post's top-k neighbours once, write `directory`."""
    started = time.perf_counter()
    posts = _unique(posts)
    analyzer = make_analyzer(config, vocabulary)
    docs = [analyzer.analyse(FieldText.of_post(post)) for post in posts]
    space = fit_space(docs, analyzer, config)
    texts = [text for post in posts for text in (post.title, " ".join((*post.categories, *post.tags)), post.body)]
    space.surface = surface_forms(texts, space.vocabulary)
    matrix = space.transform(docs)
    ids, scores = neighbours(matrix, config.k, config.chunk_rows, config.chunk_cells)
    store.save(Path(directory), store.Stored(config, [p.id for p in posts], space, matrix, ids, scores))
    return {"posts": len(posts), "terms": len(space.vocabulary), "seconds": round(time.perf_counter() - started, 3)}


def update_related(directory: Path, posts: Sequence[Post], changed_ids: Collection[str],
                   deleted_ids: Collection[str], config: RelatedConfig | None = None,
                   *, vocabulary: Any = None) -> dict[str, Any]:
    """Re-vectorise changed/added posts and repair only the neighbour rows that can change.

    Vectors use the STORED vocabulary and idf: a word no post used at the last full build is
    ignored until the next `build_related` (and idf drifts as posts change); rebuild fully
    now and then. `posts` must contain every changed id (other posts are not read).
    `config` defaults to the stored one; its build-time fields must match the stored ones.
    """
    started = time.perf_counter()
    directory = Path(directory)
    old = store.load(directory)
    changed_settings = [name for name in BUILD_TIME if config and getattr(config, name) != getattr(old.config, name)]
    if changed_settings:
        raise BadRequest(f"update_related: {', '.join(changed_settings)} differ from the stored index; "
                         "run build_related (a full rebuild) instead")
    if config is not None:
        config = old.config.with_changes(chunk_rows=config.chunk_rows, chunk_cells=config.chunk_cells)
    config = config or old.config
    by_id = {post.id: post for post in posts}
    deleted = set(deleted_ids)
    changed = [pid for pid in dict.fromkeys(changed_ids) if pid not in deleted]
    missing = [pid for pid in changed if pid not in by_id]
    if missing:
        raise PostNotFound(f"update_related: changed posts not given: {', '.join(missing[:5])}", missing)
    position = {pid: i for i, pid in enumerate(old.ids)}
    gone = sorted(position[pid] for pid in deleted if pid in position)
    touched = [position[pid] for pid in changed if pid in position]
    affected_old = rows_pointing_to(old.neighbours, [*gone, *touched])

    # New row order: surviving rows keep their order, added posts are appended.
    keep = np.setdiff1d(np.arange(len(old.ids)), np.asarray(gone, dtype=np.int64))
    remap = np.full(len(old.ids) + 1, -1, dtype=np.int64)  # index -1 (no neighbour) maps to -1
    remap[keep] = np.arange(len(keep))
    added = [pid for pid in changed if pid not in position]
    ids = [old.ids[i] for i in keep] + added
    new_position = {pid: i for i, pid in enumerate(ids)}

    analyzer = make_analyzer(config, vocabulary)
    vectors = old.space.transform([analyzer.analyse(FieldText.of_post(by_id[pid])) for pid in changed])
    rows = np.asarray([new_position[pid] for pid in changed], dtype=np.int64)
    # Stack the surviving rows and the new vectors, then pick each final row from one of them.
    order = np.concatenate([np.arange(len(keep)), np.zeros(len(added), dtype=np.int64)])
    order[rows] = len(keep) + np.arange(len(rows))
    stacked = sp.vstack([old.matrix[keep], vectors], format="csr", dtype=np.float32)
    matrix = sp.csr_matrix(stacked[order], dtype=np.float32)

    k = old.neighbours.shape[1]
    nbr = np.vstack([remap[old.neighbours[keep]].astype(np.int32), np.full((len(added), k), -1, np.int32)])
    scores = np.vstack([old.scores[keep], np.zeros((len(added), k), np.float32)])
    redo = {int(remap[r]) for r in affected_old if remap[r] >= 0} | set(rows.tolist())
    if len(rows) and k:
        product = sp.csr_matrix(matrix[rows] @ matrix.T)
        redo |= rows_entered(product, rows, scores[:, k - 1])
    redo_rows = np.asarray(sorted(redo), dtype=np.int64)
    if len(redo_rows):
        nbr[redo_rows], scores[redo_rows] = neighbours(matrix, k, config.chunk_rows, config.chunk_cells, redo_rows)
    store.save(directory, store.Stored(old.config, ids, old.space, matrix, nbr, scores))
    return {"posts": len(ids), "changed": len(changed), "deleted": len(gone), "rows_recomputed": len(redo_rows),
            "seconds": round(time.perf_counter() - started, 3)}

"""update_related repairs only affected rows, and ends equal to a full recompute."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from runphys.recommend.builder import update_related
from runphys.recommend.model import RelatedIndex
from runphys.recommend.neighbours import neighbours, searchable, to_scipy
from runphys.recommend.store import MODES, load
from runphys.recommend.vectors import _stop_words, post_terms, transform
from tests.recommend.test_model import TEXTS, VOCAB, corpus_docs, make_doc
from tests.related_fixtures import build_related


def full_recompute(directory: Path, docs_by_id: dict) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Every stored id re-vectorised with the stored terms and idf, neighbours from scratch."""
    stored = load(directory)
    stop = _stop_words()
    matrix = transform([post_terms(docs_by_id[i], stored.config, stop) for i in stored.ids], stored.space)
    search = searchable(to_scipy(matrix), stored.config)
    videos = np.flatnonzero([docs_by_id[i].post.has_video for i in stored.ids])
    return {mode: neighbours(search, stored.config.k, among=None if mode == "all" else videos) for mode in MODES}


def as_lists(ids: list[str], nbr: np.ndarray, scores: np.ndarray) -> dict[str, list[tuple[str, float]]]:
    return {pid: [(ids[j], round(float(s), 5)) for j, s in zip(row, srow, strict=False) if j >= 0]
            for pid, row, srow in zip(ids, nbr, scores, strict=False)}


def test_update_equals_full_recompute(tmp_path: Path) -> None:
    docs = corpus_docs()
    build_related(docs, tmp_path, vocabulary=VOCAB)
    edited = make_doc("long-run", "Long run pacing and IT band care", ["Training"], ["pacing", "it band"],
                      "Run slowly. If the IT band tightens late in the long run, foam roll afterwards.", 5, video=True)
    added = make_doc("new-calf", "Calf strain in runners", ["Injuries"], ["calf"],
                     "A calf strain needs rest, then calf raises and gradual running. Unseenword ignored.", 20,
                     video=True)
    kept = [d for d in docs if d.post.id not in {"long-run", "plantar"}]
    current = [*kept, edited, added]
    stats = update_related(tmp_path, {d.post.id: d.post for d in current}, [edited, added], deleted_ids=["plantar"],
                           vocabulary=VOCAB)
    assert stats["posts"] == len(TEXTS) and stats["deleted"] == 1
    stored = load(tmp_path)
    assert "plantar" not in stored.ids and stored.ids[-1] == "new-calf"
    want = full_recompute(tmp_path, {d.post.id: d for d in current})
    for mode in MODES:
        assert as_lists(stored.ids, *stored.neighbours[mode]) == as_lists(stored.ids, *want[mode])
    index = RelatedIndex.load(tmp_path, [d.post for d in current], vocabulary=VOCAB)
    assert "long-run" in [i.id for i in index.related("itb-foam", limit=8, min_score=0.0)]
    assert "plantar" not in {i.id for p in index.ids for i in index.related(p, limit=8)}


def test_update_with_nothing_changed_keeps_the_lists(tmp_path: Path) -> None:
    docs = corpus_docs()
    build_related(docs, tmp_path, vocabulary=VOCAB)
    before = load(tmp_path)
    stats = update_related(tmp_path, {d.post.id: d.post for d in docs}, [], deleted_ids=["not-there"], vocabulary=VOCAB)
    after = load(tmp_path)
    assert stats["rows_recomputed"] == 0
    assert before.ids == after.ids
    for mode in MODES:
        assert (before.neighbours[mode][0] == after.neighbours[mode][0]).all()
        assert (before.lists[mode].rows == after.lists[mode].rows).all()

"""update_related repairs only affected rows, and ends equal to a full recompute."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from runphys.recommend.model import RelatedIndex, build_related, update_related
from runphys.recommend.neighbours import neighbours
from runphys.recommend.store import load
from runphys.recommend.vectors import FieldText, PostAnalyzer, TextAnalyzer
from tests.test_recommend_model import TEXTS, VOCAB, corpus, make_post


def full_recompute(directory: Path, posts_by_id: dict) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every stored id re-vectorised with the stored vocabulary/idf, neighbours from scratch."""
    stored = load(directory)
    analyzer = PostAnalyzer(TextAnalyzer(VOCAB), stored.config)
    matrix = stored.space.transform([analyzer.analyse(FieldText.of_post(posts_by_id[i])) for i in stored.ids])
    ids, scores = neighbours(matrix, stored.config.k, chunk_rows=3)
    return stored.ids, ids, scores


def as_lists(ids: list[str], nbr: np.ndarray, scores: np.ndarray) -> dict[str, list[tuple[str, float]]]:
    return {pid: [(ids[j], round(float(s), 5)) for j, s in zip(row, srow) if j >= 0]
            for pid, row, srow in zip(ids, nbr, scores)}


def test_update_equals_full_recompute(tmp_path: Path) -> None:
    posts = corpus()
    build_related(posts, tmp_path, vocabulary=VOCAB)
    edited = make_post("long-run", "Long run pacing and IT band care", ["Training"], ["pacing", "it band"],
                       "Run slowly. If the IT band tightens late in the long run, foam roll afterwards.", 5)
    added = make_post("new-calf", "Calf strain in runners", ["Injuries"], ["calf"],
                      "A calf strain needs rest, then calf raises and gradual running. Unseenword ignored.", 20)
    current = [p for p in posts if p.id not in {"long-run", "plantar"}] + [edited, added]
    stats = update_related(tmp_path, current, changed_ids=["long-run", "new-calf"], deleted_ids=["plantar"],
                           vocabulary=VOCAB)
    assert stats["posts"] == len(TEXTS) and stats["deleted"] == 1
    stored = load(tmp_path)
    assert "plantar" not in stored.ids and stored.ids[-1] == "new-calf"
    want = full_recompute(tmp_path, {p.id: p for p in current})
    assert as_lists(stored.ids, stored.neighbours, stored.scores) == as_lists(*want)
    assert (stored.neighbours == want[1]).all() and (stored.scores == want[2]).all()
    index = RelatedIndex.load(tmp_path, current, vocabulary=VOCAB)
    assert "long-run" in [i.id for i in index.related("itb-foam", limit=8, min_score=0.0)]
    assert "plantar" not in {i.id for p in index.ids for i in index.related(p, limit=8)}


def test_update_with_nothing_changed_keeps_files(tmp_path: Path) -> None:
    posts = corpus()
    build_related(posts, tmp_path, vocabulary=VOCAB)
    before = load(tmp_path)
    stats = update_related(tmp_path, posts, changed_ids=[], deleted_ids=["not-there"], vocabulary=VOCAB)
    after = load(tmp_path)
    assert stats["rows_recomputed"] == 0
    assert (before.neighbours == after.neighbours).all() and before.ids == after.ids


def test_update_refuses_changed_weights(tmp_path: Path) -> None:
    from runphys.index.errors import BadRequest
    from runphys.recommend.config import RelatedConfig

    build_related(corpus(), tmp_path, vocabulary=VOCAB)
    with pytest.raises(BadRequest, match="title_weight"):
        update_related(tmp_path, corpus(), ["taper"], [], RelatedConfig(title_weight=5), vocabulary=VOCAB)

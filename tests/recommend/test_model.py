"""RelatedIndex on a small hand-written blog: ranking, filters, fallback, pins, files."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from runphys.index.errors import IndexDamaged, PostNotFound
from runphys.index.post import Post, Video
from runphys.recommend.config import RelatedConfig
from runphys.recommend.curation import parse
from runphys.recommend.lists import Options, related_list
from runphys.recommend.model import RelatedIndex
from runphys.recommend.store import load
from runphys.text.tagging import AnalysedPost, analyse_post
from runphys.text.vocabulary_file import package_vocabulary as load_vocabulary
from tests.related_fixtures import build_related

START = datetime(2024, 1, 1, tzinfo=UTC)
VOCAB = load_vocabulary()

TEXTS = {
    "itb-foam": ("Foam rolling the IT band", ["Injuries"], ["it band", "foam roller"],
                 "Runners with IT band syndrome often foam roll the outside of the thigh. Roll slowly from hip "
                 "to knee and stop on tender spots. Foam rolling the iliotibial band eases tightness."),
    "itb-strength": ("Hip strength for IT band syndrome", ["Injuries"], ["it band", "hip"],
                     "Weak hip abductors let the knee collapse inward and load the IT band. Side planks, clamshells "
                     "and single-leg squats build hip strength so IT band pain fades."),
    "runners-knee": ("Runner's knee: patellofemoral pain", ["Injuries"], ["knee"],
                     "Runner's knee is pain around the kneecap. Strengthen the quads and hips, reduce downhill "
                     "running and increase mileage gradually."),
    "plantar": ("Plantar fasciitis stretches", ["Injuries"], ["foot"],
                "Plantar fasciitis causes heel pain in the morning. Stretch the calf and roll the arch of the foot "
                "on a frozen bottle. Supportive shoes help."),
    "calf-raises": ("Calf raises for Achilles health", ["Strength"], ["calf"],
                    "Eccentric calf raises load the Achilles tendon and the calf muscles. Rise on both feet, lower "
                    "slowly on one. Three sets of fifteen."),
    "long-run": ("How to pace your long run", ["Training"], ["pacing"],
                 "Run the long run slowly, at a conversational pace. Fuel every forty minutes and drink water."),
    "race-day": ("Marathon race day checklist", ["Training"], ["marathon"],
                 "Lay out your race kit, pin your bib, eat a familiar breakfast and start the marathon slowly."),
    "taper": ("Tapering before a marathon", ["Training"], ["marathon"],
              "Cut weekly mileage in the last three weeks before the marathon while keeping some speed work."),
}


def make_doc(pid: str, title: str, categories: list[str], tags: list[str], body: str, days: int,
             video: bool = False) -> AnalysedPost:
    videos = (Video("youtube", pid, f"https://youtu.be/{pid}", f"https://img/{pid}.jpg"),) if video else ()
    post = Post(id=pid, title=title, slug=pid, url=f"https://blog/{pid}", date=START + timedelta(days=days),
                categories=tuple(categories), tags=tuple(tags), body=body, videos=videos)
    return analyse_post(post, VOCAB)


def corpus_docs(**extra: tuple[str, list[str], list[str], str]) -> list[AnalysedPost]:
    texts = {**TEXTS, **extra}
    return [make_doc(pid, *fields, days=i, video=i % 2 == 0) for i, (pid, fields) in enumerate(texts.items())]


def corpus(**extra: tuple[str, list[str], list[str], str]) -> list[Post]:
    return [doc.post for doc in corpus_docs(**extra)]


@pytest.fixture
def make_index(tmp_path: Path) -> Callable[..., RelatedIndex]:
    """Build a real related/ folder in tmp_path and load it; overrides go to RelatedConfig."""
    def factory(docs: list[AnalysedPost] | None = None, curation: dict | None = None,
                **overrides: object) -> RelatedIndex:
        docs = corpus_docs() if docs is None else docs
        config = RelatedConfig(**overrides)  # type: ignore[arg-type]
        build_related(docs, tmp_path / "related", config, curation=parse(curation or {}), vocabulary=VOCAB)
        return RelatedIndex.load(tmp_path / "related", [d.post for d in docs], vocabulary=VOCAB)
    return factory


def ids(items: list) -> list[str]:
    return [item.id for item in items]


def test_build_writes_plain_files(tmp_path: Path) -> None:
    stats = build_related(corpus_docs(), tmp_path, vocabulary=VOCAB)
    assert stats["posts"] == len(TEXTS) and stats["terms"] > 20 and stats["seconds"] >= 0
    names = {p.name for p in tmp_path.iterdir()}
    assert {"config.json", "ids.json", "vocab.json", "idf.npy", "surface.json", "why_words.json", "curation.json",
            "matrix.indptr.npy", "neighbours.all.ids.npy", "lists.videos.why.npy"} <= names
    assert not [n for n in names if n.endswith((".pkl", ".pickle"))]
    assert np.load(tmp_path / "neighbours.all.ids.npy", allow_pickle=False).dtype == np.int32
    vocab = json.loads((tmp_path / "vocab.json").read_text())
    assert "concept:it_band" in vocab and "tagged:it_band" in vocab and "label:it band" in vocab
    assert not {"the", "our", "1", "five"} & set(vocab)  # stop words and numbers are never terms


def test_related_ranks_the_obvious_post_first(make_index: Callable[..., RelatedIndex]) -> None:
    index = make_index()
    items = index.related("itb-foam")
    assert items[0].id == "itb-strength"
    assert "itb-foam" not in ids(items)
    assert not items[0].fallback and not any(item.pinned for item in items)
    flags = [item.fallback for item in items]
    assert flags == sorted(flags)  # similar posts first, marked fallbacks fill the rest
    assert "IT band" in items[0].why["body_parts"]
    assert not {"IT band", "band", "iliotibial", "it"} & set(items[0].why["terms"])
    assert items[0].to_dict()["score"] == items[0].score == round(items[0].score, 4)
    assert ids(index.related("race-day"))[0] == "taper"


def test_a_remembered_list_is_the_same_answer_and_a_caller_cannot_change_it(
        make_index: Callable[..., RelatedIndex]) -> None:
    index = make_index()
    first = index.related("itb-foam", limit=3)
    expected = list(first)
    first.clear()  # a caller's own copy
    assert index.related("itb-foam", limit=3) == expected
    assert index.related("itb-foam", limit=2) == expected[:2]


def test_stored_neighbours_sorted_and_never_self(make_index: Callable[..., RelatedIndex], tmp_path: Path) -> None:
    index = make_index()
    for ids_, scores in load(tmp_path / "related").neighbours.values():
        assert not (ids_ == np.arange(len(index.ids))[:, None]).any()
        assert (np.diff(scores, axis=1) <= 1e-7).all()


def test_stored_lists_are_the_lists_made_on_request(make_index: Callable[..., RelatedIndex], tmp_path: Path) -> None:
    index = make_index(curation={"itb-foam": {"pin": ["taper"]}})
    stored = load(tmp_path / "related")
    catalogue = index.catalogue
    for pid in index.ids:
        for videos_only in (False, True):
            mode = "videos" if videos_only else "all"
            made = related_list(index.row[pid], Options(5, videos_only), catalogue, stored.neighbours[mode],
                                stored.curation, stored.config)
            served = index.related(pid, limit=5, videos_only=videos_only)
            assert [(index.ids[j], round(s, 4), bool(f & 2), bool(f & 1)) for j, s, f in made] == [
                (i.id, i.score, i.fallback, i.pinned) for i in served]


def test_threshold_then_fallback_is_marked_and_never_empty(make_index: Callable[..., RelatedIndex]) -> None:
    index = make_index()
    items = index.related("plantar", min_score=0.99)
    assert items and all(item.fallback for item in items)
    assert "plantar" not in ids(items)
    single = make_index(docs=corpus_docs()[:1])
    assert single.related("itb-foam") == []  # a one-post corpus has nothing to offer


def test_fallback_prefers_same_body_part_then_category(make_index: Callable[..., RelatedIndex]) -> None:
    index = make_index()
    items = index.related("itb-foam", min_score=0.99, limit=3)
    shared = set(index.posts[index.row["itb-foam"]].body_parts)
    assert set(index.posts[index.row[items[0].id]].body_parts) & shared


def test_pins_first_even_below_threshold(make_index: Callable[..., RelatedIndex]) -> None:
    index = make_index()
    items = index.related("itb-foam", pins=["race-day", "itb-foam", "nope"], limit=3)
    assert items[0].id == "race-day" and items[0].pinned
    assert not items[1].pinned and len(items) == 3
    assert "itb-foam" not in ids(items)


def test_exclude_and_videos_only(make_index: Callable[..., RelatedIndex]) -> None:
    index = make_index()
    assert "itb-strength" not in ids(index.related("itb-foam", exclude=["itb-strength"]))
    assert all(item.has_video for item in index.related("itb-foam", videos_only=True))
    items = index.related("itb-foam", exclude_categories=["injuries"])
    assert all("Injuries" not in index.posts[index.row[i]].categories for i in ids(items))


def test_curation_is_built_into_the_lists(make_index: Callable[..., RelatedIndex], tmp_path: Path) -> None:
    index = make_index(curation={"itb-foam": {"pin": ["taper"], "exclude": ["itb-strength"]},
                                 "race-day": {"exclude_categories": ["training"]}})
    items = index.related("itb-foam")
    assert items[0].id == "taper" and items[0].pinned and "itb-strength" not in ids(items)
    assert not {"taper", "long-run"} & set(ids(index.related("race-day")))
    applied = json.loads((tmp_path / "related" / "curation.json").read_text())
    assert applied["itb-foam"] == {"pin": ["taper"], "exclude": ["itb-strength"]}


def test_mmr_spreads_near_copies(make_index: Callable[..., RelatedIndex]) -> None:
    body = ("Foam rolling the IT band: roll the outside of the thigh from hip to knee, slowly, pausing on "
            "tender spots. Foam rolling eases IT band tightness in runners. {extra}")
    copies = {f"copy-{n}": ("Foam rolling the IT band", ["Injuries"], ["it band", "foam roller"],
                            body.format(extra=word)) for n, word in enumerate(["video", "guide", "tips"])}
    docs = [d for d in corpus_docs(**copies) if d.post.id not in {"itb-foam"}]
    query = make_doc("query", "Foam rolling for IT band pain", ["Injuries"], ["it band", "foam roller"],
                     "Foam rolling the IT band from hip to knee, then hip strength: side planks and clamshells.", 99)
    docs.append(query)
    pure = make_index(docs=docs, mmr_lambda=1.0, near_duplicate_threshold=1.01).related("query", limit=2)
    assert all(i.startswith("copy-") for i in ids(pure))  # relevance alone: two copies
    spread = make_index(docs=docs, mmr_lambda=0.7, near_duplicate_threshold=0.8).related("query", limit=2)
    assert "itb-strength" in ids(spread) and sum(i.startswith("copy-") for i in ids(spread)) == 1


def test_near_duplicates_finds_planted_pair(make_index: Callable[..., RelatedIndex]) -> None:
    twin = ("Foam rolling your IT band", ["Injuries"], ["it band", "foam roller"], TEXTS["itb-foam"][3])
    index = make_index(docs=corpus_docs(twin=twin))
    pairs = index.near_duplicates()
    assert pairs and pairs[0][:2] == ("itb-foam", "twin") and pairs[0][2] >= index.config.near_duplicate_threshold
    assert len({(a, b) for a, b, _ in pairs}) == len(pairs)
    assert index.near_duplicates(threshold=1.01) == []


def test_orphans(make_index: Callable[..., RelatedIndex]) -> None:
    lonely = ("Choosing a headlamp", ["Gear"], ["gear"], "Lumens, battery and a comfortable strap for dark mornings.")
    index = make_index(docs=corpus_docs(lonely=lonely))
    assert "lonely" in index.orphans()
    assert "itb-foam" not in index.orphans()


def test_related_to_text(make_index: Callable[..., RelatedIndex]) -> None:
    index = make_index()
    items = index.related_to_text("My IT band hurts on the outside of the knee after long runs")
    assert items[0].id in {"itb-foam", "itb-strength"} and not items[0].fallback
    junk = index.related_to_text("zzqx 12345 !!!")
    assert junk and all(item.fallback for item in junk)
    assert ids(junk)[0] == "taper"  # most recent
    assert all(item.fallback for item in index.related_to_text(""))


def test_unknown_id(make_index: Callable[..., RelatedIndex]) -> None:
    with pytest.raises(PostNotFound):
        make_index().related("missing")


def test_save_load_round_trip(make_index: Callable[..., RelatedIndex], tmp_path: Path) -> None:
    index = make_index()
    again = RelatedIndex.load(tmp_path / "related", {p.id: p for p in corpus()}, vocabulary=VOCAB)
    assert again.ids == index.ids
    assert again.related("itb-foam") == index.related("itb-foam")
    assert again.related("itb-foam", videos_only=True) == index.related("itb-foam", videos_only=True)


@pytest.mark.parametrize("name", ["neighbours.all.ids.npy", "neighbours.videos.scores.npy", "idf.npy",
                                  "matrix.data.npy", "lists.all.rows.npy", "vocab.json"])
def test_truncated_file_is_damaged(make_index: Callable[..., RelatedIndex], tmp_path: Path, name: str) -> None:
    make_index()
    path = tmp_path / "related" / name
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    with pytest.raises(IndexDamaged, match=name.rsplit(".", 1)[0]):
        RelatedIndex.load(tmp_path / "related", corpus(), vocabulary=VOCAB)


def test_missing_file_and_missing_posts(make_index: Callable[..., RelatedIndex], tmp_path: Path) -> None:
    make_index()
    with pytest.raises(IndexDamaged, match="not in the bundle"):
        RelatedIndex.load(tmp_path / "related", corpus()[:3], vocabulary=VOCAB)
    (tmp_path / "related" / "lists.all.scores.npy").unlink()
    with pytest.raises(IndexDamaged, match=r"lists\.all\.scores\.npy is missing"):
        RelatedIndex.load(tmp_path / "related", corpus(), vocabulary=VOCAB)


def test_empty_corpus_builds_and_loads(tmp_path: Path) -> None:
    stats = build_related([], tmp_path / "related", vocabulary=VOCAB)
    assert stats["posts"] == 0
    index = RelatedIndex.load(tmp_path / "related", [], vocabulary=VOCAB)
    assert index.related_to_text("knee pain") == [] and index.near_duplicates() == [] and index.orphans() == []


def test_filters_beyond_the_stored_row_fall_back_and_say_so(make_index: Callable[..., RelatedIndex],
                                                            tmp_path: Path) -> None:
    index = make_index(k=2, min_score=0.0)
    stored = [index.ids[j] for j in load(tmp_path / "related").neighbours["all"][0][index.row["itb-foam"]]]
    items = index.related("itb-foam", exclude=stored, limit=3)
    assert len(items) == 3 and not set(stored) & set(ids(items)) and all(i.fallback for i in items)


def test_videos_only_lists_show_videos_and_fall_back_by_topic_first(make_index: Callable[..., RelatedIndex]) -> None:
    index = make_index()
    for pid in index.ids:
        items = index.related(pid, limit=4, videos_only=True)
        assert items and all(item.has_video for item in items)
        fallbacks = [i for i in items if i.fallback]
        post = index.posts[index.row[pid]]
        topics = {*post.body_parts, *post.injuries}
        shared = [bool(topics & {*index.posts[index.row[i.id]].body_parts, *index.posts[index.row[i.id]].injuries})
                  for i in fallbacks]
        assert shared == sorted(shared, reverse=True)  # topic fallbacks before the others


def test_why_words_are_words_a_reader_understands(make_index: Callable[..., RelatedIndex]) -> None:
    index = make_index()
    for pid in index.ids:
        for item in index.related(pid, limit=5):
            words = item.why["terms"]
            assert len({w.lower() for w in words}) == len(words)
            assert not any(w.isdigit() or w.lower() in {"the", "our", "they", "i", "injuries", "training"}
                           for w in words)
            assert not item.fallback or not words


def test_prefer_recent_moves_newer_posts_up(make_index: Callable[..., RelatedIndex]) -> None:
    body = "Tempo runs at threshold pace, then an easy cool down jog and strides."
    docs = [*corpus_docs(), make_doc("older", "Tempo runs explained", ["Training"], ["tempo"], body, days=-400),
            make_doc("newer", "Tempo runs explained", ["Training"], ["tempo"], body + " Updated.", days=400)]
    docs.append(make_doc("query", "Threshold tempo runs", ["Training"], ["tempo"], body, days=10))
    index = make_index(docs=docs, recency_weight=5.0, recency_half_life_days=30.0, mmr_lambda=1.0,
                       near_duplicate_threshold=1.01)
    plain = ids(index.related("query", limit=2, min_score=0.0))
    recent = ids(index.related("query", limit=2, min_score=0.0, prefer_recent=True))
    assert set(plain) == set(recent) == {"older", "newer"}
    assert recent[0] == "newer"


def test_format_version_mismatch(make_index: Callable[..., RelatedIndex], tmp_path: Path) -> None:
    from runphys.index.errors import IndexVersionMismatch

    make_index()
    path = tmp_path / "related" / "config.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), "format_version": 999}))
    with pytest.raises(IndexVersionMismatch, match="rebuild"):
        RelatedIndex.load(tmp_path / "related", corpus(), vocabulary=VOCAB)

"""Related lists follow the injury: a post's own injury (or its body part) counts for more than a
shared neighbouring body part; number words are never reasons. Checked on the whole demo blog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runphys.index.bundle import open_bundle
from runphys.index.errors import IndexDamaged
from runphys.index.post import Post
from runphys.recommend.model import RelatedIndex
from runphys.recommend.ranking import topic_factor
from runphys.recommend.store import load
from runphys.recommend.topics import injury_body_parts, named_injuries, own_topics
from runphys.service.author import bundle_vocabulary
from runphys.text.analysis import stem
from runphys.text.number_words import NUMBER_WORDS, is_number_term
from tests.recommend.test_model import VOCAB, corpus_docs, make_doc
from tests.related_fixtures import build_related

K = 5


@pytest.fixture(scope="module")
def demo(demo_index: Path) -> tuple[RelatedIndex, dict[str, Post], dict[str, str]]:
    bundle = open_bundle(demo_index)
    vocabulary = bundle_vocabulary(bundle)
    index = RelatedIndex.load(bundle.part("related"), bundle.posts, vocabulary=vocabulary)
    return index, dict(bundle.posts), injury_body_parts(vocabulary)


def on_its_injury(post: Post, other: Post, body_part_of: dict[str, str]) -> bool:
    topics = {*post.injuries, *(body_part_of[k] for k in post.injuries if k in body_part_of)}
    return bool(topics & {*other.injuries, *other.body_parts})


@pytest.mark.parametrize("videos_only", [False, True], ids=["all posts", "videos only"])
def test_every_injury_post_of_the_demo_opens_with_its_injury(demo, videos_only: bool) -> None:
    index, posts, body_part_of = demo
    injured = [post for post in posts.values() if post.injuries]
    assert len(injured) >= 10
    for post in injured:
        listed = [posts[item.id] for item in index.related(post.id, limit=K, videos_only=videos_only)]
        could = [other for other in posts.values() if other.id != post.id and (other.has_video or not videos_only)
                 and on_its_injury(post, other, body_part_of)]
        opening = listed[:min(len(could), K)]
        assert all(on_its_injury(post, other, body_part_of) for other in opening), (
            post.title, [other.title for other in listed])


def test_itb_syndrome_lists_the_it_band_posts_before_the_knee_posts(demo) -> None:
    index, posts, _ = demo
    post = next(post for post in posts.values() if post.slug == "itb-syndrome-and-single-leg-strength")
    items = index.related(post.id, limit=K, videos_only=True)
    assert {item.slug for item in items[:2]} == {"three-stretches-for-a-tight-it-band",
                                                 "should-you-foam-roll-your-iliotibial-band"}
    assert all("IT band" in item.why["body_parts"] for item in items[:2])


def test_number_words_are_never_reasons_anywhere_in_the_demo(demo, demo_index: Path) -> None:
    index, posts, _ = demo
    stored = load(open_bundle(demo_index).part("related"))
    assert not [word for word in stored.why_words if is_number_term(stem(word))]
    for post_id in posts:
        for videos_only in (False, True):
            for item in index.related(post_id, limit=20, videos_only=videos_only):  # deeper than stored reasons
                assert not [word for word in item.why["terms"] if is_number_term(stem(word))], (post_id, item.why)


def test_number_words_in_every_form() -> None:
    for word in ("one", "ones", "one's", "Twelve", "thirds", "twice", "2", "1990"):
        assert is_number_term(stem(word)), word
    for word in ("single", "leg", "tone", "often", "tendon", "second-guess"):
        assert not is_number_term(stem(word)) or word == "second-guess", word
    assert {"one", "seven", "thirty", "first", "once"} <= NUMBER_WORDS


def test_own_topics_are_the_injuries_a_title_or_a_label_names() -> None:
    named = make_doc("itb", "IT band syndrome and hip strength", ["Injuries"], ["hip"],
                     "Runners with IT band syndrome feel it at the knee.", 1)
    assert named_injuries(named) == ("it_band_syndrome",)
    assert own_topics(named_injuries(named), injury_body_parts(VOCAB)) == {"it_band_syndrome", "it_band"}
    tagged = make_doc("tagged", "Easy miles", ["Training"], ["base"],
                      "Shin splints. Shin splints come from doing too much, too soon; easy miles help.", 1)
    mentioned = make_doc("mentioned", "Hip strength", ["Strength"], ["hip"],
                         "Plantar fasciitis aside, plantar fasciitis rarely starts at the hip. Clamshells help.", 1)
    assert "shin_splints" in tagged.post.injuries and named_injuries(tagged) == ()
    assert "plantar_fasciitis" in mentioned.post.injuries and named_injuries(mentioned) == ()


def test_the_topic_boost_outweighs_a_neighbouring_body_part() -> None:
    own = own_topics(("it_band_syndrome",), injury_body_parts(VOCAB))
    it_band = Post(id="a", title="", body_parts=("it_band", "hip"))
    knee = Post(id="b", title="", body_parts=("knee", "hip"), injuries=("runners_knee",))
    parts = ("it_band", "hip", "knee")
    assert topic_factor(it_band, own, parts, 2.0, 0.15) == pytest.approx(3 * 1.15)
    assert topic_factor(knee, own, parts, 2.0, 0.15) == pytest.approx(1.15)
    assert topic_factor(knee, frozenset(), parts, 2.0, 0.15) == pytest.approx(1.15)  # no own topic: as before


def test_the_named_injuries_are_stored_and_kept_by_an_update(tmp_path: Path) -> None:
    from runphys.recommend.builder import update_related

    docs = corpus_docs()
    build_related(docs, tmp_path, vocabulary=VOCAB)
    stored = load(tmp_path)
    assert stored.topics is not None and len(stored.topics) == len(stored.ids)
    named = dict(zip(stored.ids, stored.topics, strict=True))
    assert named["itb-strength"] == ("it_band_syndrome",)  # "Hip strength for IT band syndrome"
    # Its title names the IT band, the syndrome's body part, and its body the syndrome: its topic.
    assert named["itb-foam"] == ("it_band_syndrome",)
    edited = make_doc("long-run", "Long run pacing with shin splints", ["Training"], ["pacing"],
                      "Run slowly; shin splints settle with patience.", 5)
    current = [d for d in docs if d.post.id not in {"long-run", "plantar"}] + [edited]
    update_related(tmp_path, {d.post.id: d.post for d in current}, [edited], deleted_ids=["plantar"],
                   vocabulary=VOCAB)
    updated = load(tmp_path)
    assert updated.topics is not None and len(updated.topics) == len(updated.ids)
    named = dict(zip(updated.ids, updated.topics, strict=True))
    assert named["long-run"] == ("shin_splints",) and named["itb-strength"] == ("it_band_syndrome",)
    assert "plantar" not in named


def test_a_part_written_before_topics_json_still_loads(tmp_path: Path) -> None:
    docs = corpus_docs()
    build_related(docs, tmp_path, vocabulary=VOCAB)
    (tmp_path / "topics.json").unlink()
    index = RelatedIndex.load(tmp_path, [d.post for d in docs], vocabulary=VOCAB)
    assert index.related("itb-foam")[0].id == "itb-strength"
    (tmp_path / "topics.json").write_text(json.dumps([["x"]]), encoding="utf-8")
    with pytest.raises(IndexDamaged, match=r"topics\.json"):
        load(tmp_path)

"""Tagging judged against labels a person would give: a title that names a body part or injury
(by any of its names) always tags the post with it, and exercise or form cues ("feet flat",
"bend your knee", "foot strike") never make a post about a body part it is not about."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from runphys.index.demo import POSTS as DEMO_POSTS
from runphys.index.post import Post
from runphys.index.sources import parse_mapping, read_sources
from runphys.text.tagging import tag
from runphys.text.vocabulary_file import package_vocabulary
from tests.paths import SHARED

EXERCISES_MAP = "id=id,title=name,body=instructions,categories=category,tags=primaryMuscles+secondaryMuscles+equipment"
MEDQUAD_MAP = "id=id,title=title,body=text"
VOCABULARY = package_vocabulary()

# Demo posts labelled by hand: body parts the post is about, and ones it only mentions in cues.
LABELLED = {
    "1005": ({"calf"}, {"knee", "foot"}),            # "keep that knee straight and the heel down"
    "1007": ({"glutes", "hip"}, {"foot"}),           # "keep your feet touching"
    "1011": (set(), {"foot"}),                       # overstriding: where the foot lands is form
    "1024": ({"glutes", "core"}, {"foot"}),          # "knees bent and feet flat"
    "1031": ({"hamstrings"}, {"foot"}),              # "heel on the floor and toes pointed"
    "1033": (set(), {"foot", "chest"}),              # posture: "hips over your feet", "chest collapsed"
    "1045": (set(), {"chest"}),                      # cold air: "why does running make your chest burn"
    "1054": ({"quadriceps"}, {"foot"}),              # "bring your heel toward your buttock"
    "1058": (set(), {"foot"}),                       # finish-line form: "heel strikers, forefoot strikers"
    "1068": ({"glutes", "hip"}, {"foot", "chest"}),  # "feet hip-width apart", "keep your chest up"
    "1037": ({"foot"}, set()),                       # toe yoga is about the foot
    "1050": ({"foot"}, set()),                       # heel pain is about the foot
}


def tagged(posts: Iterable[Post]) -> list[Post]:
    return [tag(post, VOCABULARY) for post in posts]


def demo_posts() -> list[Post]:
    return tagged(read_sources([DEMO_POSTS], format="markdown").posts)


@pytest.mark.parametrize(("post_id", "about", "not_about"), [(k, *v) for k, v in LABELLED.items()])
def test_labelled_demo_posts(post_id: str, about: set[str], not_about: set[str]) -> None:
    post = next(p for p in demo_posts() if p.id == post_id)
    assert about <= set(post.body_parts), (post.title, post.body_parts)
    assert not (not_about & set(post.body_parts)), (post.title, post.body_parts)


def test_exercise_cues_do_not_tag_but_topics_still_do() -> None:
    def parts(body: str, title: str = "Video: A Drill") -> tuple[str, ...]:
        return tag(Post(id="x", title=title, body=body), VOCABULARY).body_parts

    assert "foot" not in parts("Lie down, knees bent and feet flat. Lift your hips. Keep your feet flat. "
                               "Lift one foot. Point your toes.")
    assert "knee" not in parts("Bend your knee, then straighten your knee. Keep your knees apart. Knees up!")
    assert "foot" in parts("Plantar pain under the arch of your foot. The foot hurts, the heel hurts, "
                           "and the foot is stiff in the morning.")
    assert "knee" in parts("", title="Knee Pain When Running Downhill")  # titles always count


def title_mismatches(posts: Iterable[Post]) -> list[tuple[str, str]]:
    """(title, concept) pairs where the title names a concept the post is not tagged with."""
    out = []
    for post in posts:
        named = {m.key for m in VOCABULARY.find(post.title)}
        missing = named - set(post.body_parts) - set(post.injuries)
        out += [(post.title, key) for key in sorted(missing)]
    return out


def test_demo_titles_that_name_a_topic_are_tagged_with_it() -> None:
    posts = demo_posts()
    assert title_mismatches(posts) == []
    itb = next(p for p in posts if p.title.startswith("Video: ITB Syndrome"))
    assert "it_band_syndrome" in itb.injuries  # "ITB syndrome" is a combined name of the injury


@pytest.mark.shared
@pytest.mark.parametrize(("sources", "mapping"), [
    (["data/wordpress/themeunittestdata.wordpress.xml", "data/wordpress/theme-preview.xml",
      "data/wordpress/64-block-test-data.xml"], None),
    (["seed/000_5229f20e1123f7d6.txt"], None),
    (["data/exercises/exercises.json"], EXERCISES_MAP),
    (["data/medquad_topics/docs.jsonl"], MEDQUAD_MAP),
])
def test_shared_titles_that_name_a_topic_are_tagged_with_it(sources: list[str], mapping: str | None) -> None:
    if not SHARED.exists():
        pytest.skip(f"../shared not present: {SHARED}")
    result = read_sources([SHARED / s for s in sources], mapping=parse_mapping(mapping) if mapping else None)
    posts = tagged(result.posts)
    assert posts
    assert title_mismatches(posts) == []

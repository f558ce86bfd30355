"""Readers who describe where and when it hurts, over the demo blog: the injury's posts first with a
notice in the vocabulary's words, telling words keep their weight, red flags advise a clinician, and
the one-concept searches a new reader tries. Parametrized by class of query, not tuned to one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from runphys.index.demo import POSTS
from runphys.index.sources import read_sources
from runphys.search.results import SearchRequest, SearchResult
from runphys.search.searcher import SearchIndex
from runphys.text.vocabulary_file import package_vocabulary
from tests.search_fixtures import index_posts

ITBS, PF, RUNNERS_KNEE, JUMPERS_KNEE = {"1046", "1022"}, {"1009", "1050"}, {"1015", "1057", "1028"}, {"1034"}
SHIN_SPLINTS, PIRIFORMIS = {"1014", "1040"}, {"1012", "1060"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    vocabulary = package_vocabulary()
    directory: Path = tmp_path_factory.mktemp("demo-search")
    tagged = index_posts(read_sources([POSTS], format="markdown").posts, directory, vocabulary)
    index = SearchIndex.open(directory, {p.id: p for p in tagged}, vocabulary, remember=0)
    yield index
    index.close()


def search(index: SearchIndex, q: str, **fields: object) -> SearchResult:
    return index.search(SearchRequest(q=q, **fields))  # type: ignore[arg-type]


# -- descriptions: the injury they point to ranks first, and the answer says why ---------------

DESCRIPTIONS = [
    ("pain on the outside of my knee when running", ITBS, "is often IT band syndrome"),
    ("outer knee pain at mile 3 every run", ITBS, "is often IT band syndrome"),
    ("lateral knee pain on downhills", ITBS, "is often IT band syndrome"),
    ("sharp pain under my heel with the first steps out of bed", PF, "is often plantar fasciitis"),
    ("heel hurts first thing in the morning", PF, None),
    ("arch of my foot hurts when I get up in the morning", PF, "is often plantar fasciitis"),
    ("pain just below my kneecap when I jump", JUMPERS_KNEE, "is often patellar tendinopathy"),
    ("pain around the kneecap when squatting", RUNNERS_KNEE, "is often runner's knee"),
    ("ache along the inside of my shin after upping my mileage", SHIN_SPLINTS, "is often shin splints"),
    ("my butt aches when I sit", PIRIFORMIS, "is often piriformis syndrome"),
]


@pytest.mark.parametrize(("q", "right", "notice"), DESCRIPTIONS)
def test_a_description_ranks_its_injury_first(demo: SearchIndex, q: str, right: set[str], notice: str | None) -> None:
    result = search(demo, q)
    assert result.hits[0].id in right, [h.title for h in result.hits[:3]]
    if notice:
        assert any(n.startswith("Pain ") and n.endswith(notice + ".") for n in result.notices), result.notices


def test_a_vague_description_ranks_by_its_words_without_a_guess(demo: SearchIndex) -> None:
    result = search(demo, "knee pain when running")
    assert result.total > 0 and not any(" is often " in n for n in result.notices)


# -- telling words keep their weight ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "right"),
    [
        ("pain on the outside of my knee", ITBS),  # "knee" must not drown "outside"
        ("outside of the knee", ITBS),
        ("knee hurts going down stairs", RUNNERS_KNEE),
        ("front of my shins ache", {"1062", *SHIN_SPLINTS}),
        # A thoracic post that says "lumbar spine" once is not about the low back.
        ("low back tight in the mornings", {"1041", "1032"}),
    ],
)
def test_a_broad_body_part_does_not_outrank_the_narrower_words(demo: SearchIndex, q: str, right: set[str]) -> None:
    assert search(demo, q).hits[0].id in right


# -- a kind of post asked for in a long description ------------------------------------------------


@pytest.mark.parametrize(
    ("q", "right"),
    [
        # A question has no first tier: "tight" must still favour the calf posts that are stretches.
        ("my calves feel tight on every single run even after a proper warm up", {"1005"}),
        ("my upper back feels stiff after a long week of sitting at a desk", {"1043"}),
    ],
)
def test_a_kind_asked_for_in_a_question_favours_that_kind_of_post_on_the_body_part(
    demo: SearchIndex, q: str, right: set[str]
) -> None:
    assert search(demo, q).hits[0].id in right


def test_a_kind_asked_for_in_a_question_lifts_no_post_off_the_body_part(demo: SearchIndex) -> None:
    from runphys.search.query_parse import plan

    query = plan("my calves feel tight on every single run even after a proper warm up", demo._vocab)
    scoring = demo._compile(query)
    assert scoring.kinds and scoring.broad
    asked = demo._rank(query, None)
    # Stretch posts on the low back, upper back, neck and piriformis.
    stretches_elsewhere = {"1032", "1043", "1063", "1012"}
    shown = [demo._posts[d].id for d, _, _ in asked.top(0, 5)]
    assert not stretches_elsewhere & set(shown), shown


# -- one-concept searches, as a new reader tries them ------------------------------------------------


def test_plantar_finds_the_plantar_fascia_posts_first(demo: SearchIndex) -> None:
    assert {h.id for h in search(demo, "plantar").hits[:2]} == PF


def test_knee_opens_with_knee_injury_posts(demo: SearchIndex) -> None:
    top = [h.id for h in search(demo, "knee").hits[:4]]
    assert set(top) <= RUNNERS_KNEE | JUMPERS_KNEE and "1054" not in top  # not "Three Quad Stretches"


@pytest.mark.parametrize(
    ("q", "notice"),
    [
        ("achilles pain", "No posts on Achilles tendinopathy yet — calf and ankle posts:"),
        ("sore achilles", "No posts on Achilles yet — calf and ankle posts:"),
        ("stress fracture", "No posts on Stress fracture yet"),
        ("side stitch", "No posts on Side stitch yet"),
    ],
)
def test_a_concept_without_posts_offers_the_nearby_ones_even_when_words_match(
    demo: SearchIndex, q: str, notice: str
) -> None:
    result = search(demo, q)
    assert any(n.startswith(notice) for n in result.notices), result.notices
    assert result.nearby


@pytest.mark.parametrize("q", ["twinge", "niggle", "tweak"])
def test_a_correction_never_lands_on_a_vague_or_stop_word(demo: SearchIndex, q: str) -> None:
    result = search(demo, q)
    vague = {"thing", "things", "stuff", "the", "and", "time", "week"}
    shown = " ".join([*(result.notices or ()), result.did_you_mean or ""])
    assert not any(f"showing results for {w}" in shown or shown.strip() == w for w in vague), shown


@pytest.mark.parametrize(("q", "fixed"), [("shinsplints", "shin splints"), ("hipflexor", "hip flexor"),
                                          ("foamroller", "foam roller"),
                                          # one half a stop word the speller never lands on alone
                                          ("foot lands way out infront", "foot lands way out in front"),
                                          ("ontop of my foot", "on top of my foot")])
def test_joined_words_reach_their_concept(demo: SearchIndex, q: str, fixed: str) -> None:
    result = search(demo, q)
    assert result.total > 0 and f"showing results for {fixed}" in result.notices


def test_a_low_back_search_marks_low_back_not_every_back(demo: SearchIndex) -> None:
    for hit in search(demo, "low back", per_page=20).hits:
        assert "<mark>back</mark> off" not in hit.excerpt and "straight <mark>back</mark>" not in hit.excerpt
    excerpts = " ".join(h.excerpt for h in search(demo, "low back").hits)
    assert "<mark>low back</mark>" in excerpts


def test_a_readers_own_words_are_never_marked(demo: SearchIndex) -> None:
    for hit in search(demo, "pain on the outside of my knee", per_page=20).hits:
        assert "<mark>my</mark>" not in hit.excerpt.lower() and "<mark>it" not in hit.excerpt.lower()


def test_it_band_never_marks_its(demo: SearchIndex) -> None:
    for hit in search(demo, "IT band", per_page=20).hits:
        assert "<mark>It's" not in hit.excerpt and "<mark>it's" not in hit.excerpt


def test_counts_in_notices_have_the_right_plural(demo: SearchIndex) -> None:
    notices = [n for q in ("sore calf inside", "outer knee pain", "plantar shoes") for n in search(demo, q).notices]
    assert not any(n.startswith("1 posts") or " 1 more match " in n for n in notices), notices


# -- red flags: a notice advising a clinician, and the results still shown -----------------------


@pytest.mark.parametrize(
    "q",
    ["pinpoint pain on my shin bone that keeps getting worse", "numbness in my foot after runs",
     "knee pain that wakes me up at night", "my calf is swollen and warm", "chest pain while running"],
)
def test_a_red_flag_advises_a_clinician_and_still_shows_results(demo: SearchIndex, q: str) -> None:
    result = search(demo, q)
    assert result.red_flags and result.notices[0] == result.red_flags[0]
    assert "see a doctor or physical therapist" in result.red_flags[0]
    assert result.hits


@pytest.mark.parametrize("q", ["tight calves", "chest stretch", "night running", "warm up", "heel pain"])
def test_an_ordinary_search_is_never_flagged(demo: SearchIndex, q: str) -> None:
    assert search(demo, q).red_flags == ()


@pytest.mark.parametrize("q", ["sharp stabs in my outer knee at the same point every parkrun",
                               "niggles in both shins since the new plan", "calf throbs after speedwork"])
def test_a_word_the_vocabulary_lists_is_never_corrected(demo: SearchIndex, q: str) -> None:
    # "stabs" is a pain word, not a typo of "stays": the reader's words are searched as typed.
    result = search(demo, q)
    assert result.did_you_mean is None
    corrected = [n for n in result.notices if n.startswith("showing results for") and "any of the words" not in n]
    assert corrected == []


@pytest.mark.parametrize("q", ["numbnes down my leg for weeks, spreading to my foot",
                               "calve swollen and sore since my hip op"])
def test_a_misspelt_symptom_still_carries_its_red_flag(demo: SearchIndex, q: str) -> None:
    # Read as typed, "numbnes" and "calve" say nothing; read as corrected, they are a nerve and a clot.
    assert search(demo, q).red_flags


def test_a_correction_raises_no_red_flag_the_search_does_not_describe(demo: SearchIndex) -> None:
    assert search(demo, "lowback stiff when i wake up").red_flags == ()
    # "blocked" is not a typo of "locked" (a knee that locks is a red flag).
    assert search(demo, "front of my ankle feels blocked when my knee goes over my toes").red_flags == ()


@pytest.mark.parametrize("q", ["back sore after shifting sacks of caster sugar, easing day by day",
                               "wee dark yellow after a hot afternoon busking with no water, back to pale now"])
def test_a_red_flag_never_rests_on_a_real_word_put_right(demo: SearchIndex, q: str) -> None:
    # "caster" and "busking" are words the blog never uses, not typos: two edits away from "cancer" and
    # "buckling", they are still put right for the search, but no red flag is read from that.
    assert search(demo, q).red_flags == ()


def test_a_listed_misspelling_is_a_sure_typo_for_the_red_flags(demo: SearchIndex) -> None:
    # "akilles" is two edits from "achilles", and the vocabulary lists it as a misspelling.
    assert search(demo, "heard a pop in my akilles on a hill and now i cant stand on tip toe").red_flags

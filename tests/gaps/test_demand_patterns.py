"""The gap report's reading of the search log, one pattern a test: junk is counted apart and never
suggested; misspelt and joined words land on their concept; a broad search that found many posts
is never a near miss; a body part with no post and its missing injury are one topic; an injury is
covered by a post that describes it; and every count reads right ("1 post", never "1 posts")."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from runphys.gaps import build_gap_report
from runphys.gaps.demand import NEAR_MISS_MAX_RESULTS
from runphys.gaps.html import render_html
from runphys.gaps.lexicon import Lexicon
from runphys.gaps.reading import Reader
from runphys.gaps.wording import counted
from runphys.index.post import Post
from runphys.index.search_log import LogEntry
from runphys.service.pipeline import ensure_index
from runphys.service.service import Service
from runphys.service.settings import Settings
from runphys.text.tagging import tag
from runphys.text.vocabulary import Vocabulary
from runphys.text.vocabulary_file import package_vocabulary
from tests.posts_factory import make_post

WHEN = datetime(2026, 3, 1, 12, tzinfo=UTC)
# ("hnéverkur" is knee pain in Icelandic, a language the vocabulary has no names in: the Polish "ból
# kolana" and the Lithuanian "kelio skausmas" once stood here, and are understood now that the
# vocabulary names the knee in those languages.)
JUNK = ["asdfgh qwerty", "qwerty", "laufen knieschmerzen", "https://example.com/foo", "www.example.org",
        "hnéverkur", "the and of", "zxcvbnm lkjhgf poiuy mnbvc",
        "pamnty yawoixz", "nwmaps xeyyrmp"]  # one word of each corrects to a real one ("plenty", "wraps")
# "1 posts", "1 searches", ...: a count of one with a plural noun.
WRONG_PLURAL = re.compile(r"(?<![\d.])1 (posts|searches|days|years|times|injuries)\b")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    index_dir = tmp_path_factory.mktemp("gaps-patterns")
    ensure_index(index_dir)
    service = Service.open(Settings(index=index_dir))
    yield service
    service.close()


@pytest.fixture(scope="module")
def posts(engine: Service) -> list[Post]:
    return list(engine._bundle.posts.values())


@pytest.fixture(scope="module")
def reader(engine: Service, posts: list[Post]) -> Reader:
    return Reader(engine.vocabulary, Lexicon.of_posts(posts))


def entry(query: str, results: int = 0, top: float | None = None) -> LogEntry:
    return LogEntry(WHEN, query, results, top)


def answered(n: int = 10) -> list[LogEntry]:
    """Searches that found good answers: they set the typical best score (median 12)."""
    return [entry("plantar fasciitis", 5, 10.0 + n % 5) for n in range(n)]


def report_of(engine: Service, posts: list[Post], log: list[LogEntry]) -> dict:
    return build_gap_report(posts, engine.vocabulary, engine._related, log).to_dict()


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


# -- junk ------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", JUNK)
def test_junk_is_not_understood(reader: Reader, query: str) -> None:
    assert not reader.read(query).recognised


def test_a_body_part_named_in_another_language_is_understood(reader: Reader) -> None:
    # The vocabulary lists the Spanish, Portuguese, German, Dutch, French and Italian names readers
    # mix into English searches; a search reads them, though no post is tagged by them.
    assert reader.read("dolor de rodilla").key == reader.read("joelho").key == "knee"
    assert reader.read("douleur au genou").key == reader.read("male al ginocchio").key == "knee"
    assert reader.read("seit zwei wochen schmerzen an der Wade").key == reader.read("pijn in mijn kuit").key == "calf"


@pytest.mark.parametrize("query", ["marathon taper", "how long should a long run be", "pain on the outside of my knee",
                                   "shoe advice", "marathn tapr"])
def test_the_blogs_own_words_are_understood(reader: Reader, query: str) -> None:
    assert reader.read(query).recognised


def test_synonyms_are_one_group(reader: Reader) -> None:
    assert reader.read("sore after marathon").key == reader.read("aching after a marathon").key


def test_junk_searches_are_counted_apart_and_never_suggested(engine: Service, posts: list[Post]) -> None:
    log = answered() + [entry(q) for q in JUNK] + [entry("https://example.com/foo", 2, 3.4)]
    report = report_of(engine, posts, log)
    demand = report["demand"]
    assert demand["entries"] == len(log)
    assert demand["unrecognised_searches"] == len(JUNK) + 1
    assert demand["unrecognised_no_results"] == len(JUNK)
    assert demand["misses"] == 0 and demand["items"] == []
    assert f"{len(JUNK) + 1} not understood" in demand["summary"]
    text = " ".join(strings({k: v for k, v in report.items() if k != "demand"}))
    for query in JUNK:
        assert query not in text
    assert not any(s["key"].startswith("words:") for s in report["suggestions"])


# -- misspellings and joined words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("shinsplints", "shin_splints"),  # joined
        ("achillestendonitis", "achilles_tendinopathy"),  # joined
        ("plantarfasciitis", "plantar_fasciitis"),  # joined
        ("itband stretch", "it_band"),  # joined, never "stand"
        ("kneee pain", "knee"),  # misspelt: the engine's speller
        ("hamstirng", "hamstrings"),  # misspelt: the vocabulary's misspellings
        ("shin splnts", "shin_splints"),  # misspelt word of a two-word name, beside a body part
        ("knee pain with patelar tendonitus", "patellar_tendinopathy"),  # misspelt injury beside a body part
    ],
)
def test_misspelt_and_joined_words_read_as_their_concept(reader: Reader, query: str, key: str) -> None:
    assert reader.read(query).key == key


def test_a_misspelt_and_a_joined_word_are_one_row_with_the_concept(engine: Service, posts: list[Post]) -> None:
    log = [*answered(), entry("shinsplints"), entry("shin splints pain killer"), entry("shin splnts")]
    items = report_of(engine, posts, log)["demand"]["items"]
    assert [(i["key"], i["topic"], i["searches"]) for i in items] == [("shin_splints", "Shin splints", 3)]
    assert {q["query"] for q in items[0]["queries"]} == {"shinsplints", "shin splints pain killer", "shin splnts"}


# -- near misses ---------------------------------------------------------------------------


def test_a_broad_search_that_found_many_posts_is_never_a_near_miss(engine: Service, posts: list[Post]) -> None:
    broad = [entry("knee", 45, 1.0) for _ in range(5)]  # a low best score, but 45 posts found
    few_and_weak = [entry("piriformis syndrome", NEAR_MISS_MAX_RESULTS, 1.0)]
    demand = report_of(engine, posts, answered() + broad + few_and_weak)["demand"]
    keys = {i["key"]: i for i in demand["items"]}
    assert "knee" not in keys
    assert keys["piriformis_syndrome"]["weak_results"] == 1
    assert demand["near_miss_max_results"] == NEAR_MISS_MAX_RESULTS
    assert f"at most {NEAR_MISS_MAX_RESULTS} posts" in demand["rule"]


def test_the_live_knee_search_is_no_miss(engine: Service) -> None:
    from runphys.search.results import SearchRequest

    for query in ("knee", "plantar fasciitis", "it band", "shin splints", "hamstring"):
        engine.search(SearchRequest(q=query), record=True)
    total = engine.search(SearchRequest(q="knee"), record=False).total
    assert total > NEAR_MISS_MAX_RESULTS
    report = engine.gap_report().to_dict()
    assert "knee" not in {i["key"] for i in report["demand"]["items"]}
    assert not any("e.g. 'knee'" in r for s in report["suggestions"] for r in s["reasons"])


# -- one topic -------------------------------------------------------------------------------


def test_a_body_part_and_its_missing_injury_are_one_row(engine: Service, posts: list[Post]) -> None:
    log = [*answered(), entry("achilles"), entry("Achilles"), entry("achilles tendinopathy"),
           entry("achillies tendonitis")]
    report = report_of(engine, posts, log)
    items = report["demand"]["items"]
    assert [(i["key"], i["topic"], i["searches"]) for i in items] == [
        ("achilles_tendinopathy", "Achilles tendinopathy", 4)]
    assert "achilles" in items[0]["also_mentions"]
    topics = [s["topic"] for s in report["suggestions"]]
    assert "Achilles" not in topics and topics.count("Achilles tendinopathy") == 1


# -- coverage by description tags ----------------------------------------------------------

SEAT = make_post(
    "s1", "Sitting Hurts? Three Stretches for the Seat",
    "Deep buttock pain that gets worse when you sit is common in runners.\n\n"
    "These stretches ease deep buttock pain: the figure four, the seated twist and the glute bridge.",
    categories=("Hips",),
)


def test_an_injury_is_covered_by_a_post_that_describes_it() -> None:
    vocabulary = package_vocabulary()
    assert "deep buttock pain" in vocabulary.concept("piriformis_syndrome").terms  # the test's premise
    post = tag(SEAT, vocabulary)
    assert "piriformis" not in post.title.lower() and "piriformis_syndrome" in post.injuries
    report = build_gap_report([post], vocabulary, None, []).to_dict()
    gap = next(g for g in report["injuries"] if g["key"] == "piriformis_syndrome")
    assert gap["status"] == "single" and gap["posts"][0]["id"] == "s1"
    for suggestion in report["suggestions"]:
        assert not any(r.startswith("no post about Piriformis syndrome") for r in suggestion["reasons"])


def test_coverage_follows_the_vocabulary_the_posts_were_tagged_with() -> None:
    """A test vocabulary whose injury is named only by a description: tagged, so covered."""
    base = package_vocabulary()
    hip = base.concept("hip_bursitis")
    described = type(hip)(hip.key, hip.name, hip.kind, hip.body_part, (*hip.terms, "pain lying on your side"))
    vocabulary = Vocabulary(base.body_parts, [described if c.key == hip.key else c for c in base.injuries],
                            base.kinds, base.synonyms, categories=None, cues=base.exercise_cues)
    post = tag(make_post("h1", "Why Nights Hurt After Long Runs",
                         "Pain lying on your side at night after a long run? Pain lying on your side has a cause."),
               vocabulary)
    assert post.injuries == ("hip_bursitis",)
    report = build_gap_report([post], vocabulary, None, []).to_dict()
    assert next(g for g in report["injuries"] if g["key"] == "hip_bursitis")["status"] == "single"


# -- plurals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "noun", "text"),
    [(1, "post", "1 post"), (0, "post", "0 posts"), (2, "search", "2 searches"), (1, "search", "1 search"),
     (1.5, "post", "1.5 posts"), (1.0, "year", "1 year"), (3, "injury", "3 injuries"), (1, "day", "1 day")],
)
def test_counted(count: float, noun: str, text: str) -> None:
    assert counted(count, noun) == text


def test_no_count_of_one_has_a_plural_noun(engine: Service, posts: list[Post]) -> None:
    one_post = [p for p in posts if "neck" in p.body_parts][:1] + [p for p in posts if not p.body_parts][:1]
    log = [entry("achilles"), entry("plantar fasciitis", 1, 9.0)]
    report = build_gap_report(one_post, engine.vocabulary, engine._related, log, silence_days=1).to_dict()
    assert report["demand"]["misses"] == 1 and report["matrix"]["unassigned"] == 1
    text = json.dumps(report) + render_html(report)
    assert not WRONG_PLURAL.search(text), WRONG_PLURAL.search(text)
    assert "readers searched 1 time without" in text and "1 post names no body part" in text
    assert "more than 1 day before" in text


def test_everyday_words_are_not_read_as_blog_words(reader: Reader) -> None:
    # "school concert" is no typo of "stool cancer": the gap report groups it by what was typed.
    reading = reader.read("bum sore after the school concert")
    assert "cancer" not in reading.read_as and "stool" not in reading.read_as
    assert reading.key == "glutes"

"""The gap report on the demo blog, a synthetic search log and a small near-duplicate corpus."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from runphys.gaps import SECTIONS, build_gap_report
from runphys.gaps.lexicon import Lexicon
from runphys.gaps.reading import Reader
from runphys.index.search_log import SearchLog
from runphys.service.pipeline import build_from_sources, ensure_index
from runphys.service.service import Service
from runphys.service.settings import Settings
from runphys.text.vocabulary_file import package_vocabulary as load_vocabulary


@pytest.fixture(scope="module")
def demo_engine(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("gaps-demo")
    ensure_index(index_dir)
    engine = Service.open(Settings(index=index_dir))
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def demo_reader(demo_engine):
    return Reader(load_vocabulary(), Lexicon.of_posts(demo_engine._bundle.posts.values()))


@pytest.fixture(scope="module")
def demo_report(demo_engine):
    return demo_engine.gap_report().to_dict()


def by_key(items, key="key"):
    return {item[key]: item for item in items}


def test_report_has_the_fixed_sections(demo_report):
    assert tuple(demo_report) == SECTIONS


def test_achilles_has_nothing(demo_report):
    injury = by_key(demo_report["injuries"])["achilles_tendinopathy"]
    assert injury["status"] == "missing" and injury["post_count"] == 0
    assert len(injury["closest_posts"]) <= 3
    row = by_key(demo_report["matrix"]["rows"])["achilles"]
    assert row["posts"] == 0 and row["status"] == "empty"
    top = demo_report["suggestions"][0]
    assert top["key"] == "achilles_tendinopathy"


def test_neck_is_one_thin_post(demo_report):
    row = by_key(demo_report["matrix"]["rows"])["neck"]
    assert row["posts"] == 1 and row["status"] == "thin"
    assert "neck" in {s["key"] for s in demo_report["suggestions"]}


def test_hamstring_strain_single_post_from_2016(demo_report):
    injury = by_key(demo_report["injuries"])["hamstring_strain"]
    assert injury["status"] == "single"
    assert injury["posts"][0]["slug"] == "coming-back-from-a-hamstring-strain"
    area = by_key(demo_report["freshness"]["injuries"])["hamstring_strain"]
    assert area["silent"] and area["last_post"].startswith("2016")


def test_stress_fracture_and_patellar_tendinopathy(demo_report):
    injuries = by_key(demo_report["injuries"])
    assert injuries["stress_fracture"]["status"] == "missing"
    patellar = injuries["patellar_tendinopathy"]
    assert patellar["status"] == "single"
    assert patellar["posts"][0]["slug"] == "jumpers-knee-and-slow-heavy-loading"


def test_low_back_silent_since_2017(demo_report):
    fresh = demo_report["freshness"]
    category = by_key(fresh["categories"])["Low Back"]
    assert category["silent"] and category["last_post"].startswith("2017")
    body_part = by_key(fresh["body_parts"])["low_back"]
    assert body_part["silent"] and body_part["last_post"].startswith("2017")
    assert "low_back" in {s["key"] for s in demo_report["suggestions"]}


def test_knees_silent_in_2019(demo_report):
    knees = by_key(demo_report["freshness"]["categories"])["Knees"]
    assert knees["silent"] and "2019" not in knees["per_year"]
    assert knees["last_post"].startswith("2018-06-25")


def test_freshness_now_defaults_to_the_newest_post(demo_report, demo_engine):
    assert demo_report["freshness"]["now"].startswith("2020-03-23")
    assert demo_report["freshness"]["now_source"] == "newest post"
    later = demo_engine.gap_report(now=date(2026, 1, 1)).to_dict()["freshness"]
    assert later["now_source"] == "given"
    assert by_key(later["body_parts"])["knee"]["silent"]


def test_demo_near_duplicate_and_orphan(demo_report):
    pairs = {frozenset((p["a"]["id"], p["b"]["id"])) for p in demo_report["near_duplicates"]}
    assert frozenset(("1008", "1052")) in pairs
    assert "1045" in {o["id"] for o in demo_report["orphans"]}


def test_matrix_thin_rule(demo_report):
    matrix = demo_report["matrix"]
    assert matrix["thin_below"] == matrix["median"] / 2
    for cell in matrix["cells"]:
        expected = "empty" if cell["posts"] == 0 else "thin" if cell["posts"] < matrix["thin_below"] else "ok"
        assert cell["status"] == expected
        assert cell["videos"] <= cell["posts"]
    kinds = {c["key"] for c in matrix["columns"]}
    assert kinds == {"stretch", "strengthening", "mobility", "self_massage", "plyometrics", "form", "injury", "other"}


def test_suggestions_are_ranked_and_explained(demo_report):
    scores = [s["score"] for s in demo_report["suggestions"]]
    assert scores == sorted(scores, reverse=True)
    assert [s["rank"] for s in demo_report["suggestions"]] == list(range(1, len(scores) + 1))
    for s in demo_report["suggestions"]:
        assert s["topic"] and s["reasons"] and isinstance(s["evidence"], dict)


# -- demand from a synthetic search log ------------------------------------------------------

WHEN = datetime(2026, 3, 1, 12, tzinfo=UTC)


def synthetic_log(directory: Path) -> SearchLog:
    log = SearchLog(directory)
    for n in range(10):
        log.record("plantar fasciitis", 5, 10.0 + n % 3, when=WHEN)
    log.record("it band", 0, None, when=WHEN)
    log.record("ITB", 0, None, when=WHEN)
    log.record("illiotibial band", 2, 1.0, when=WHEN)  # near miss: below half the median
    log.record("IT-band stretch", 0, None, when=WHEN)
    for _ in range(3):
        log.record("achilles tendonitis", 0, None, when=WHEN)
    log.record("marathon taper", 0, None, when=WHEN)
    log.record("Marathon tapering", 0, None, when=WHEN)
    log.record("stress fracture", 0, None, when=WHEN)
    log.record("neck pain", 0, None, when=datetime(2025, 1, 1, tzinfo=UTC))  # outside the range
    log.record("calf raises", 4, 9.0, when=WHEN)  # answered well: no gap
    return log


@pytest.fixture(scope="module")
def demand_report(demo_engine, tmp_path_factory):
    log = synthetic_log(tmp_path_factory.mktemp("gaps-log"))
    engine = demo_engine
    return build_gap_report(
        list(engine._bundle.posts.values()), engine.vocabulary, engine._related, log.read(),
        since=date(2026, 1, 1), until=date(2026, 3, 1),
    ).to_dict()


def test_spelling_variants_are_one_demand_item(demand_report):
    items = demand_report["demand"]["items"]
    it_band = by_key(items)["it_band"]
    assert it_band["searches"] == 4
    assert it_band["no_results"] == 3 and it_band["weak_results"] == 1
    assert {q["query"] for q in it_band["queries"]} == {"it band", "itb", "illiotibial band", "it-band stretch"}
    assert it_band["topic"] == "IT band"
    assert it_band["closest_posts"]


def test_demand_is_ranked_by_how_often_readers_asked(demand_report):
    demand = demand_report["demand"]
    keys = [item["key"] for item in demand["items"]]
    assert keys == ["it_band", "achilles_tendinopathy", "words:marathon race week", "stress_fracture"]
    assert demand["entries"] == 21  # the 2025 search is outside since/until; until includes its day
    assert demand["median_top_score"] == 10.5 and demand["near_miss_below"] == 5.25


def test_demand_feeds_the_suggestions(demand_report):
    suggestions = by_key(demand_report["suggestions"])
    achilles = suggestions["achilles_tendinopathy"]
    assert achilles["evidence"]["searches"] == 3
    assert "achilles tendonitis" in achilles["evidence"]["example_queries"]
    assert demand_report["suggestions"][0]["key"] == "achilles_tendinopathy"
    assert suggestions["it_band"]["evidence"]["searches"] == 4


def test_recheck_discounts_queries_the_index_now_answers(demo_engine, tmp_path):
    log = synthetic_log(tmp_path)
    engine = demo_engine

    def search(query):
        return (3, 12.0, []) if "it band" in query else (0, None, [])

    posts = list(engine._bundle.posts.values())
    plain = build_gap_report(posts, engine.vocabulary, engine._related, log.read()).to_dict()
    checked = build_gap_report(posts, engine.vocabulary, engine._related, log.read(), search=search).to_dict()
    item = by_key(checked["demand"]["items"])["it_band"]
    assert item["recheck"] == {"query": "it band", "total": 3, "top_score": 12.0, "answered": True}
    assert by_key(checked["suggestions"])["it_band"]["score"] < by_key(plain["suggestions"])["it_band"]["score"]


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("it band", "it_band"),
        ("ITB", "it_band"),
        ("illiotibial band", "it_band"),
        ("IT band syndrome", "it_band_syndrome"),
        ("itb stretch for knee pain", "it_band"),
        ("knee pain with patellar tendonitis", "patellar_tendinopathy"),
        ("Achilles tendonitis", "achilles_tendinopathy"),
        ("marathon tapering", "words:marathon race week"),  # "taper" is a word for race week
    ],
)
def test_grouping_key(demo_reader, query, key):
    assert demo_reader.read(query).key == key


def test_stop_words_only_are_not_understood(demo_reader):
    assert not demo_reader.read("the and of").recognised


# -- a small corpus with a near-duplicate pair -----------------------------------------------

POST = """---
id: "{id}"
title: "{title}"
slug: {slug}
date: {date}
author: Mike
categories: [{category}]
---
{body}
"""

BRIDGE = ("Lie on your back with your knees bent and feet flat. Squeeze your glutes and lift your hips "
          "until your body makes a straight line from shoulders to knees. Hold for two seconds at the top "
          "and lower slowly. Do three sets of twelve reps. Keep your ribs down so the low back does not arch.")
CORPUS = [
    ("1", "Glute Bridge for Runners", "glute-bridge-for-runners", "2018-01-01T08:00:00+00:00", "Hips", BRIDGE),
    ("2", "The Glute Bridge Exercise", "the-glute-bridge-exercise", "2019-01-01T08:00:00+00:00", "Hips",
     BRIDGE + " This one builds hip strength."),
    ("3", "Cadence Drills", "cadence-drills", "2018-06-01T08:00:00+00:00", "Run Form",
     "Count your steps for one minute, then raise your cadence by five percent with a metronome. "
     "Shorter strides land the foot under the hips and reduce overstriding."),
    ("4", "Calf Raises", "calf-raises", "2017-03-01T08:00:00+00:00", "Calves and Shins",
     "Stand on a step and rise onto your toes, then lower slowly below the step. Eccentric calf raises "
     "strengthen the soleus and the gastrocnemius for the push-off of every stride."),
]


def test_near_duplicate_pair_in_a_small_corpus(tmp_path):
    posts_dir = tmp_path / "posts"
    posts_dir.mkdir()
    for post_id, title, slug, when, category, body in CORPUS:
        text = POST.format(id=post_id, title=title, slug=slug, date=when, category=category, body=body)
        (posts_dir / f"{post_id}-{slug}.md").write_text(text, encoding="utf-8")
    build_from_sources([posts_dir], tmp_path / "index", format="markdown")
    engine = Service.open(Settings(index=tmp_path / "index"))
    try:
        report = engine.gap_report().to_dict()
    finally:
        engine.close()
    pairs = [(p["a"]["slug"], p["b"]["slug"]) for p in report["near_duplicates"]]
    assert pairs == [("glute-bridge-for-runners", "the-glute-bridge-exercise")]
    assert report["near_duplicates"][0]["a"]["title"] == "Glute Bridge for Runners"
    assert report["freshness"]["now"].startswith("2019-01-01")

"""SearchIndex over a real Whoosh index of tiny hand-written posts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runphys.index.errors import BadQuery
from runphys.search.results import SearchRequest
from runphys.search.searcher import SearchIndex
from runphys.text.vocabulary_file import package_vocabulary
from tests.search_fixtures import FILLER, build_index, index_posts, make_post, sample_posts


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    ix = build_index(tmp_path_factory.mktemp("engine"))
    yield ix
    ix.close()


def ids(index, q, **kw):
    return [h.id for h in index.search(SearchRequest(q=q, **kw)).hits]


def test_title_match_beats_body_mention(tmp_path):
    posts = [
        make_post("title", "Cadence basics", FILLER * 3),
        make_post("body", "Weekly notes", "We also talked about cadence once. " + FILLER * 3),
    ]
    ix = build_index(tmp_path, posts)
    assert ids(ix, "cadence") == ["title", "body"]


def test_giant_post_does_not_win_every_query(tmp_path):
    giant = " ".join(["knee hamstring cadence taper plantar downhill stride"] * 2900)  # ~20k words
    posts = [*sample_posts(), make_post("giant", "Everything about running", giant)]
    ix = build_index(tmp_path, posts)
    tops = [ids(ix, q)[0] for q in ("cadence", "taper", "hamstring", "plantar", "downhill knee")]
    assert tops.count("giant") <= 1


def test_natural_language_query_puts_knee_posts_first(index):
    found = ids(index, "my knee hurts when running downhill")
    assert set(found[:2]) == {"knee-downhill", "pfps"}


def test_any_word_fallback(index):
    result = index.search(SearchRequest(q="taper zebra"))
    assert result.match == "any"
    assert "showing results for any of the words" in result.notices
    assert [h.id for h in result.hits] == ["marathon"]


def test_any_word_results_leave_out_posts_that_share_only_common_words(index):
    question = "my knee hurts when running downhill"
    reader = index.search(SearchRequest(q=question, per_page=50))
    # "my" is a reader's word, never required: the downhill knee post matches every other word.
    assert reader.match == "all"
    # Every sample post mentions "runners" or "when" (the filler); only the knee posts answer.
    assert {h.id for h in reader.hits} >= {"knee-downhill", "pfps"}
    assert reader.total == len(reader.hits) < len(sample_posts())
    assert sum(f["count"] for f in reader.facets["video"]) == reader.total
    by_date = index.search(SearchRequest(q=question, sort="date", per_page=50))
    assert {h.id for h in by_date.hits} == {h.id for h in reader.hits}


@pytest.mark.parametrize(
    ("q", "expected"),
    [("runner's knee", "pfps"), ("patellofemoral", "pfps"), ("IT band", "itb-foam"),
     ("iliotibial", "itb-foam"), ("shin splints", "mtss"), ("MTSS", "mtss")],
)
def test_synonyms(index, q, expected):
    assert ids(index, q)[0] == expected


def test_concept_counts_as_one_required_clause(index):
    result = index.search(SearchRequest(q="runner's knee downhill"))
    assert result.match == "all" and result.hits[0].id == "pfps"


def test_phrase(index):
    assert ids(index, '"heel drops"') == ["achilles"]
    assert ids(index, '"drops heel"') != ["achilles"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [("taper OR cadence", {"marathon", "cadence"}), ("knee AND stride", {"knee-downhill"}),
     ("downhill NOT quads", {"knee-downhill"}), ("downhill -quads", {"knee-downhill"}),
     ("(taper OR metronome) volume", {"marathon"})],
)
def test_boolean_operators(index, q, expected):
    assert set(ids(index, q)) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [("hamstirng", "hamstring-stretch"), ("plantar fascitis", "plantar"),
     ("achilles tendonitis", "achilles"), ("illiotibial", "itb-foam"), ("metronom", "cadence")],
)
def test_misspellings_find_the_right_post(index, q, expected):
    assert ids(index, q)[0] == expected


def test_typo_with_no_results_shows_corrected_results(index):
    result = index.search(SearchRequest(q="cadense"))
    assert result.did_you_mean is None
    assert any(n.startswith("showing results for cadence") for n in result.notices)


def test_did_you_mean_only_when_suggestion_has_more_results(index):
    # "stide" is unknown; "stide knee" falls back to any-word (knee), "stride knee" matches all.
    result = index.search(SearchRequest(q="knee stride"))
    assert result.did_you_mean is None
    assert index.search(SearchRequest(q="cadence")).did_you_mean is None


def test_did_you_mean_offered_when_original_has_fewer_results(tmp_path):
    posts = [make_post("a", "Tempo runs", "tempo tempo"), make_post("b", "Tempos", "tempo"),
             make_post("c", "Tempi odd", "tempi and tempo"), make_post("d", "Tempx", "tempx")]
    ix = build_index(tmp_path, posts)
    result = ix.search(SearchRequest(q="tempx"))
    assert (result.total == 1 and result.did_you_mean is None) or result.did_you_mean == "tempo"


def test_facets_count_the_whole_result_set(index):
    result = index.search(SearchRequest(q="", per_page=1))
    assert result.total == 9 and len(result.hits) == 1
    cats = {f["value"]: f["count"] for f in result.facets["category"]}
    assert cats["injuries"] == 5 and cats["training"] == 2
    assert {f["label"] for f in result.facets["category"]} >= {"Injuries", "Training"}
    assert {f["value"]: f["count"] for f in result.facets["video"]} == {True: 2, False: 7}
    assert set(result.facets) == {"category", "body_part", "injury", "video", "year"}


@pytest.mark.parametrize(
    ("kw", "expected"),
    [({"category": "Training"}, {"marathon", "cadence"}),
     ({"video": True}, {"knee-downhill", "hamstring-stretch"}),
     ({"year": 2021}, {"pfps", "mtss"}),
     ({"date_from": date(2023, 1, 1), "date_to": date(2023, 12, 31)}, {"knee-downhill", "cadence"}),
     ({"injury": "plantar_fasciitis"}, {"plantar"}),
     ({"body_part": "hamstrings"}, {"hamstring-stretch"})],
)
def test_filters(index, kw, expected):
    assert set(ids(index, "", per_page=50, **kw)) == expected


def test_sort_by_date_newest_first(index):
    result = index.search(SearchRequest(q="injuries", sort="date", per_page=50))
    dates = [h.date for h in result.hits]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 3


def test_browse_when_only_stop_words(index):
    result = index.search(SearchRequest(q="the and of"))
    assert result.match == "none" and result.total == 9
    assert result.hits[0].id == "marathon"  # newest


def test_pagination(index):
    pages = [ids(index, "", page=p, per_page=4) for p in (1, 2, 3, 4)]
    assert [len(p) for p in pages] == [4, 4, 1, 0]
    assert len({i for p in pages for i in p}) == 9


@pytest.mark.parametrize("kw", [{"per_page": 0}, {"page": 0}, {"sort": "random"}])
def test_bad_paging_raises_bad_query(index, kw):
    with pytest.raises(BadQuery):
        index.search(SearchRequest(q="knee", **kw))


def test_excerpt_is_escaped_and_marked(tmp_path):
    posts = [make_post("x", "Safety", "<script>alert('knee')</script> knee <b>bold</b> & more")]
    ix = build_index(tmp_path, posts)
    excerpt = ix.search(SearchRequest(q="knee")).hits[0].excerpt
    assert "<script>" not in excerpt and "&lt;/script&gt;" in excerpt
    assert "<mark>knee</mark>" in excerpt
    assert excerpt.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_excerpt_marks_expanded_synonyms(index):
    hit = index.search(SearchRequest(q="runner's knee")).hits[0]
    # A name of several words is marked as a whole, where its words stand together.
    assert "<mark>Patellofemoral pain syndrome</mark>" in hit.excerpt


def test_excerpt_falls_back_to_post_excerpt(index):
    hit = index.search(SearchRequest(q="Marathon")).hits[0]
    assert hit.id == "marathon" and hit.excerpt  # matched in title and body


def test_hit_and_result_to_dict(index):
    d = index.search(SearchRequest(q="hamstring")).to_dict()
    hit = d["hits"][0]
    assert hit["has_video"] is True and hit["thumbnail_url"].startswith("https://")
    assert hit["date"].startswith("2022-09-09") and hit["url"].endswith("/hamstring-stretch/")
    assert set(d) >= {"query", "total", "page", "per_page", "hits", "facets", "did_you_mean", "notices"}


def test_suggest_ranking(index):
    found = index.suggest("kne")
    assert found[0].kind == "body_part" and found[0].text == "Knee"
    assert {s.slug for s in found if s.kind == "post"} >= {"knee-downhill", "pfps"}
    assert [s.slug for s in index.suggest("DOWNH")] == ["knee-downhill"]  # word prefix, any case
    assert len(index.suggest("a", limit=3)) <= 3


@pytest.mark.parametrize("junk", ["", "   ", "\x00", "***", "😀"])
def test_suggest_junk_is_empty(index, junk):
    assert index.suggest(junk) == []


def test_suggest_folds_accents(tmp_path):
    ix = build_index(tmp_path, [make_post("cafe", "Café stops on long runs")])
    assert [s.slug for s in ix.suggest("cafe")] == ["cafe"]


JUNK = st.sampled_from(['"', "(", ")", "AND", "OR", "NOT", "field:", "*", "?", "-", "~", "^2", "\\", "runner's knee"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(), st.lists(st.one_of(JUNK, st.text(max_size=5))).map(" ".join)))
def test_arbitrary_text_never_raises(index, text):
    result = index.search(SearchRequest(q=text))
    assert result.total >= len(result.hits)
    index.suggest(text)


def test_a_repeated_search_is_answered_from_memory(index):
    request = SearchRequest(q="knee pain running downhill", category="Knees")
    first = index.search(request)
    assert index.search(SearchRequest(q="knee pain running downhill", category="Knees")) is first
    # Another page is another search, worked out on its own.
    assert index.search(SearchRequest(q="knee pain running downhill", category="Knees", page=2)) is not first


def test_remember_zero_works_out_every_search_with_the_same_answer(tmp_path):
    vocabulary = package_vocabulary()
    tagged = {post.id: post for post in index_posts(sample_posts(), tmp_path / "search", vocabulary)}
    remembering = SearchIndex.open(tmp_path / "search", tagged, vocabulary)
    fresh = SearchIndex.open(tmp_path / "search", tagged, vocabulary, remember=0)
    try:
        request = SearchRequest(q="it band")
        first, again = fresh.search(request), fresh.search(request)
        assert first is not again
        assert first == again == remembering.search(request)
    finally:
        fresh.close()
        remembering.close()


def test_a_boolean_search_no_post_matches_shows_the_closest_posts(index):
    from runphys.search.searcher import NO_EXACT_MATCH

    # A reader's "OR" is often a word: a search no post matches as written is no dead end.
    result = index.search(SearchRequest(q="cadence metronome AND zebra"))
    assert result.notices[0] == NO_EXACT_MATCH and result.hits[0].id == "cadence"
    # one that matches as written is left as written
    assert NO_EXACT_MATCH not in index.search(SearchRequest(q="taper OR cadence")).notices

"""Ranking internals against references: BM25F impacts, sums and maxima, tiers, feedback, nearness, excerpts."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from runphys.search.excerpts import excerpt
from runphys.search.feedback import novelty, relevance_model, relevance_model_arrays
from runphys.search.impact import FieldCounts, build
from runphys.search.nearness import likeness, near_the_best, term_weights
from runphys.search.part import Feedback
from runphys.search.query_compile import TIEBREAK, Clause
from runphys.search.results import SearchRequest
from runphys.search.schema import FIELD_B, FIELD_BOOSTS, K1, bm25_idf
from runphys.search.scoring import evaluate
from runphys.text.analysis import analyse, term_spans, terms
from tests.search_fixtures import FILLER, build_index, build_sentences, make_post, sample_posts

BODIES = [
    "Hamstring tightness after long runs. Stretch the hamstrings gently after easy miles.",
    "Piriformis stretches for the back of the thigh and sciatic-type pain, stretch daily.",
    "Tempo runs build threshold; stretch after the cool down and sleep well.",
    "Calf raises and heel drops load the Achilles tendon slowly.",
    "Knee pain when running downhill: shorten your stride and lean forward.",
    "Foam rolling the quads and the iliotibial band after a marathon.",
    "Marathon taper: cut volume, keep intensity, trust the training.",
    "Cadence drills with a metronome reduce overstriding on easy runs.",
    "Plantar fascia pain in the morning: roll the arch and strengthen the foot.",
]


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    posts = [make_post(f"p{i}", f"Post {i}", body + " " + FILLER) for i, body in enumerate(BODIES)]
    index = build_index(tmp_path_factory.mktemp("ranking"), posts)
    yield index
    index.close()


def reference_bm25f(docs: list[dict[str, list[str]]], term: str) -> list[float]:
    """Per-field BM25 summed over the fields, written out plainly: the reference for the matrix."""
    n = len(docs)
    out = [0.0] * n
    for field, boost in FIELD_BOOSTS.items():
        lengths = [len(d.get(field, [])) for d in docs]
        avg = (sum(lengths) / n) or 1.0
        df = sum(1 for d in docs if term in d.get(field, []))
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        b = FIELD_B[field]
        for i, d in enumerate(docs):
            tf = d.get(field, []).count(term)
            if tf:
                out[i] += boost * idf * tf * (K1 + 1) / (tf + K1 * (1 - b + b * lengths[i] / avg))
    return out


def test_impact_rows_equal_a_plain_bm25f():
    docs = [{"title": terms(f"Post {i}"), "body": terms(body)} for i, body in enumerate(BODIES)]
    matrix = build([FieldCounts({f: Counter(ts) for f, ts in d.items()}, {f: len(ts) for f, ts in d.items()})
                    for d in docs])
    for term in ("stretch", "hamstr", "run", "post", "marathon"):
        row = matrix.terms.index(term)
        dense = np.zeros(len(docs))
        idx, data = matrix.row(row)
        dense[idx] = data
        assert dense == pytest.approx(reference_bm25f(docs, term), rel=1e-5)


def test_sums_and_maxima_of_rows():
    docs = [{"body": terms(body)} for body in BODIES]
    matrix = build([FieldCounts({"body": Counter(d["body"])}, {"body": len(d["body"])}) for d in docs])
    a, b = matrix.terms.index("stretch"), matrix.terms.index("run")
    ref_a, ref_b = reference_bm25f(docs, "stretch"), reference_bm25f(docs, "run")
    none = lambda phrase: np.zeros(len(docs), bool)  # noqa: E731 - no phrases here
    for kind, combine in (("any", lambda x, y: x + y),
                          ("all", lambda x, y: x + y if x and y else 0.0)):
        node = Clause(kind, children=(Clause("rows", rows=((a, 1.0),)), Clause("rows", rows=((b, 1.0),))))
        docs_hit, scores = evaluate(node, matrix, len(docs), none)
        expected = {i: combine(x, y) for i, (x, y) in enumerate(zip(ref_a, ref_b, strict=False)) if combine(x, y)}
        assert dict(zip(docs_hit.tolist(), scores.tolist(), strict=False)) == pytest.approx(expected, rel=1e-5)
    best = Clause("rows", rows=((a, 1.0), (b, 0.5)))
    docs_hit, scores = evaluate(best, matrix, len(docs), none)
    for i, score in zip(docs_hit.tolist(), scores.tolist(), strict=False):
        x, y = ref_a[i], 0.5 * ref_b[i]
        assert score == pytest.approx(max(x, y) + TIEBREAK * min(x, y), rel=1e-5)


def test_posts_matching_every_word_come_first_then_the_best_partial_ones(ix):
    result = ix.search(SearchRequest(q="stretch daily", per_page=20))
    matches = [h.match for h in result.hits]
    assert matches == sorted(matches)  # "all" before "any"
    assert result.total_all_words == matches.count("all") >= 1
    assert result.total > result.total_all_words
    firsts = [h.score for h in result.hits if h.match == "all"]
    assert firsts == sorted(firsts, reverse=True)


def test_bm25_idf_is_near_zero_for_words_in_every_post():
    assert bm25_idf(1000, 1000) < 0.001 < bm25_idf(1, 1000)
    assert bm25_idf(1, 1000) > 6


def test_ranked_ids_are_the_order_search_pages_through(ix):
    for q in ("stretch", "hamstring stretch", "knee pain when running downhill on long runs"):
        result = ix.search(SearchRequest(q=q, per_page=3))
        pages = [h.id for page in range(1, 4) for h in ix.search(SearchRequest(q=q, per_page=3, page=page)).hits]
        assert ix.ranked_ids(q, 9)[: len(pages)] == pages and len(pages) == min(9, result.total)


@pytest.mark.parametrize(
    ("posts", "queries", "expected"),
    [
        pytest.param(  # a concept synonym in another post must not borrow the typed word's score
            [("piriformis", "Piriformis stretches for sciatic-type pain",
              "Stretch the piriformis. Pain can run down the back of the thigh. "),
             ("hamstring", "Hamstring stretches at your desk",
              "Three hamstring stretches you can do sitting down. ")],
            ("hamstring stretch", "hamstirng stretch"), "hamstring", id="hamstring-vs-back-of-thigh"),
        pytest.param(  # the words the reader typed count more than the concept's other names
            [("thoracic", "Thoracic spine rotation for runners",
              "Thoracic spine mobility: the thoracic spine and T-spine rotate. Mid back. "),
             ("upper", "Upper back stretches for desk-bound runners",
              "Stretch the upper back after sitting. ")],
            ("upper back stretch",), "upper", id="typed-words-beat-synonyms"),
    ],
)
def test_the_post_about_the_typed_words_comes_first(tmp_path, posts, queries, expected):
    ix = build_index(tmp_path, [make_post(i, title, body + FILLER) for i, title, body in posts])
    for q in queries:
        assert next(h.id for h in ix.search(SearchRequest(q=q)).hits) == expected


def test_injury_without_posts_falls_back_to_its_words(tmp_path):
    posts = [*sample_posts()[:3], make_post("patellar", "Patellar tendonitis and slow loading", FILLER)]
    ix = build_index(tmp_path, [p for p in posts if p.id != "achilles"])
    result = ix.search(SearchRequest(q="achilles tendonitis"))
    assert result.match == "any" and result.hits[0].id == "patellar"


def test_long_question_ranks_by_any_word(ix):
    result = ix.search(SearchRequest(q="what should I stretch after long easy runs for tight hamstrings"))
    assert result.match == "any" and result.hits[0].id == "p0"


def test_relevance_model_prefers_words_of_the_best_documents():
    docs = [(10.0, Counter({"hamstr": 3, "stretch": 2, "desk": 2})), (1.0, Counter({"taper": 5}))]
    model = relevance_model(docs, {"stretch"}, lambda t: 1, doc_count=100, n_terms=2)
    assert [t for t, _ in model] == ["hamstr", "desk"]
    assert model[0][1] == 1.0 and 0 < model[1][1] < 1


def test_relevance_model_skips_common_words():
    docs = [(5.0, Counter({"run": 9, "cadenc": 1}))]
    assert relevance_model(docs, set(), lambda t: 90 if t == "run" else 1, doc_count=100) == [("cadenc", 1.0)]


def test_a_copy_of_a_feedback_post_does_not_vote_twice():
    # Two identical posts and one other: counted once, the pair's words (10 of 14 of the weight as
    # plain RM3 would count it) no longer outvote the other post's word.
    pair = (np.array([1, 2], np.int32), np.array([3, 3], np.uint16))
    docs = [(5.0, *pair), (5.0, *pair), (4.0, np.array([7], np.int32), np.array([5], np.uint16))]
    assert novelty(docs) == pytest.approx([1.0, 0.0, 1.0])
    model = relevance_model_arrays(docs, np.ones(8, bool), np.array([], np.int32))
    assert model[0][0] == 7


def test_a_feedback_post_counts_by_how_much_it_adds():
    first = (np.array([1, 2], np.int32), np.array([1, 1], np.uint16))
    half_new = (np.array([1, 3], np.int32), np.array([1, 1], np.uint16))
    assert novelty([(1.0, *first), (1.0, *half_new)]) == pytest.approx([1.0, 0.5])


@pytest.mark.parametrize(
    "text",
    ["Runner’s knee, don’t! T-spine ½ calves quads IT band café soft\xadhyphen", "", "a the and", "x" * 50],
)
def test_term_spans_match_the_analyzer(text):
    spans = term_spans(text)
    assert [t for _, _, t in spans] == terms(text)
    assert all(text[s:e].strip() for s, e, _ in spans)


def excerpt_of(body: str, fallback: str, wanted: set[str]) -> str:
    """One post's excerpt through the stored sentences, as a search makes it."""
    table: dict[str, int] = {}
    analysed = analyse(body)
    for term in [*analysed.indexed(), *wanted]:
        table.setdefault(term, len(table))
    sentences = build_sentences([(body, analysed)], table)
    mask = np.zeros(len(table), dtype=bool)
    mask[[table[t] for t in wanted]] = True
    return excerpt(body, fallback, 0, mask, wanted, sentences)


def test_excerpt_marks_terms_escapes_and_falls_back():
    body = "<b>Intro</b> " + "filler words here. " * 30 + "Stretch the hamstring gently & often."
    out = excerpt_of(body, "", {"hamstr", "stretch"})
    assert "<mark>hamstring</mark>" in out and "<mark>Stretch</mark>" in out and "&amp;" in out
    assert out.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    assert excerpt_of(body, "Fallback.", {"zebra"}) == "Fallback."


def test_excerpt_never_repeats_a_sentence_and_marks_gaps_only_where_text_was_left_out():
    body = ("Plantar fasciitis is the most common cause of heel pain we see in runners, and it can be "
            "stubborn. The plantar fascia is a thick band. It runs along the sole. Later, heel pain again.")
    out = excerpt_of(body, "", {"plantar", "heel", "pain"})
    plain = out.replace("<mark>", "").replace("</mark>", "")
    sentences = [s for s in plain.replace(" … ", "|").replace("… ", "").split("|") if s]
    assert len(sentences) == len(set(sentences))
    assert plain.startswith("Plantar fasciitis is the most common cause")


def test_facet_counts_match_a_python_count(ix):
    result = ix.search(SearchRequest(q="stretch"))
    years = Counter(h.date[:4] for h in ix.search(SearchRequest(q="stretch", per_page=50)).hits)
    assert {str(v["value"]): v["count"] for v in result.facets["year"]} == dict(years)
    assert sum(v["count"] for v in result.facets["video"]) == result.total
    assert np.issubdtype(type(result.total), np.integer) or isinstance(result.total, int)


@pytest.mark.parametrize(
    ("text", "query"),
    [("My feet hurt. Don't kneel; the knee, KNEES and Foot! _knee", "knee foot"),
     ("Calves and calf raises; the gastrocnemius ran, running runs.", "calf run"),
     ("Runner’s knee: runners' knees, RUNNER KNEE.", "runner's knee")],
)
def test_excerpt_marks_exactly_the_analyzed_matches(text, query):
    wanted = set(terms(query))
    marked = excerpt_of(text, "", wanted)
    shown = marked.replace("<mark>", "").replace("</mark>", "").replace("&#x27;", "'")
    expected = [shown[s:e] for s, e, t in term_spans(shown) if t in wanted]
    assert [m.split("</mark>")[0] for m in marked.split("<mark>")[1:]] == expected
    assert len(expected) >= 3


def _feedback(rows: list[dict[int, int]]) -> Feedback:
    ptr, terms, counts = [0], [], []
    for row in rows:
        for term, n in sorted(row.items(), key=lambda item: -item[0]):  # a row's terms in no particular order
            terms.append(term)
            counts.append(n)
        ptr.append(len(terms))
    return Feedback(np.asarray(ptr, np.int64), np.asarray(terms, np.int32), np.asarray(counts, np.uint16))


ROWS = [{0: 3, 1: 1, 4: 2}, {0: 1, 1: 2}, {2: 5}, {0: 2, 3: 1, 4: 1}, {}, {1: 1, 2: 1, 3: 1, 4: 1}]


def test_likeness_is_the_cosine_of_scikit_learns_tfidf_vectors():
    from sklearn.feature_extraction.text import TfidfTransformer

    dense = np.zeros((len(ROWS), 5))
    for i, row in enumerate(ROWS):
        for term, n in row.items():
            dense[i, term] = n
    vectors = TfidfTransformer(smooth_idf=True, norm="l2").fit_transform(dense).toarray()
    fb = _feedback(ROWS)
    weights = term_weights(fb, 5)
    docs = np.arange(len(ROWS))
    for best in (0, 2, 5):
        assert likeness(fb, weights, best, docs) == pytest.approx(vectors @ vectors[best])


def test_the_best_answer_keeps_its_place_and_raises_the_posts_like_it():
    fb = _feedback(ROWS)
    score = np.asarray([5.0, 2.0, 2.0, 2.0, 2.0, 0.0])
    candidates = score > 0
    out = near_the_best(score, candidates, fb, term_weights(fb, 5))
    assert int(np.argmax(out)) == 0
    # Posts 1 and 3 share words with the best, post 2 none; a post with no words is not raised, nor a
    # post the question did not reach.
    assert out[1] > out[2] == 2.0 and out[3] > out[2] and out[4] == 2.0 and out[5] == 0.0


def test_one_post_found_is_left_as_it_is():
    fb = _feedback(ROWS)
    score = np.asarray([0.0, 3.0, 0.0, 0.0, 0.0, 0.0])
    assert near_the_best(score, score > 0, fb, term_weights(fb, 5)) is score

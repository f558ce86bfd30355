"""The shared analyzer: folding, terms, stemming, and a Whoosh index round trip."""

from __future__ import annotations

import pickle
import threading
from pathlib import Path

import pytest
from whoosh import index
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import QueryParser

from runphys.search.analysis import analyzer, fold, stem, terms, word_spans, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Café", "cafe"),
        ("NAÏVE Élan", "naive elan"),
        ("runner’s knee", "runner's knee"),
        ("‘quoted’", "'quoted'"),
        ("ﬁt", "fit"),  # NFKC ligature
        ("Ｋｎｅｅ", "knee"),  # NFKC full width
        ("a\x00b\x07c\td", "a b c d"),
        ("soft\xadhyphen", "softhyphen"),
        ("", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Runner's knee", ["runner", "knee"]),
        ("Runner’s Knees", ["runner", "knee"]),
        ("runners' club", ["runner", "club"]),
        ("stretch stretches stretching Stretched", ["stretch"] * 4),
        ("calf calves", ["calf", "calf"]),
        ("foot feet", ["foot", "foot"]),
        ("knee knees hip hips", ["knee", "knee", "hip", "hip"]),
        ("quad quads quadriceps", ["quad", "quad", "quad"]),
        ("glute glutes gluteus", ["glute", "glute", "glute"]),
        ("tendonitis tendinitis", ["tendin", "tendin"]),
        ("running runs ran", ["run", "run", "run"]),
        ("T-spine", ["t", "spine"]),
        ("the IT band", ["it", "band"]),  # "it" is deliberately not a stop word
        ("Ankle-Sprain Rehab", ["ankl", "sprain", "rehab"]),
        ("Crème brûlée", ["creme", "brule"]),
        ("5k in 20 minutes", ["5k", "20", "minut"]),
        ("snake_case", ["snake", "case"]),
        ("don't", ["dont"]),
        ("", []),
        ("   \n\t ", []),
        ("the and of", []),
    ],
)
def test_terms(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


@pytest.mark.parametrize(
    "text",
    ["🏃‍♀️💨 run", "ctrl\x00\x1b[0m", "\ud800 lone surrogate", "½ marathon", "\u202eRTL"],
)
def test_odd_input_does_not_crash(text: str) -> None:
    assert all(term and term.isalnum() for term in terms(text))
    assert len(words(text)) == len(word_spans(text))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("stretch", "stretching"),
        ("stretch", "Stretches"),
        ("calf", "calves"),
        ("foot", "feet"),
        ("knee", "knees"),
        ("hip", "hips"),
        ("quad", "quads"),
        ("glute", "gluteus"),
        ("runner", "runner's"),
        ("runner", "Runner’s"),
    ],
)
def test_stem_same(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_stem_matches_terms() -> None:
    for word in ["Calves", "stretching", "hamstrings", "iliotibial", "Achilles", "café"]:
        assert [stem(word)] == terms(word)
    assert stem("") == ""
    assert stem("the") == "the"  # no stop words: a suggestion is never emptied


def test_word_spans_point_into_the_original_text() -> None:
    text = "My runner’s KNEE, and IT-band"
    spans = word_spans(text)
    assert [w for w, _, _ in spans] == ["my", "runner", "knee", "and", "it", "band"]
    assert [text[start:end] for _, start, end in spans][1:3] == ["runner’s", "KNEE"]


def test_terms_equal_whoosh_tokens_and_offsets() -> None:
    text = "Stretching the Calves: a runner’s guide"
    tokens = [(t.text, t.startchar, t.endchar) for t in analyzer()(text, chars=True)]
    assert [t for t, _, _ in tokens] == terms(text)
    assert [text[s:e] for _, s, e in tokens] == ["Stretching", "Calves", "runner’s", "guide"]


def test_analyzer_is_cached_and_picklable() -> None:
    assert analyzer() is analyzer()
    assert pickle.loads(pickle.dumps(analyzer())) == analyzer()


def test_analyzer_in_a_whoosh_index(tmp_path: Path) -> None:
    schema = Schema(id=ID(stored=True, unique=True), body=TEXT(analyzer=analyzer()))
    ix = index.create_in(tmp_path, schema)
    with ix.writer() as writer:
        writer.add_document(id="1", body="Three stretches for tight calves and the IT band")
        writer.add_document(id="2", body="Runner’s knee: why your kneecap hurts")
        writer.add_document(id="3", body="Hipster sneakers reviewed")
    ix.close()

    reopened = index.open_dir(tmp_path)
    try:
        parser = QueryParser("body", reopened.schema)
        with reopened.searcher() as searcher:

            def ids(query: str) -> set[str]:
                return {hit["id"] for hit in searcher.search(parser.parse(query))}

            assert ids("calf stretching") == {"1"}
            assert ids('"it band"') == {"1"}
            assert ids("runners") == {"2"}
            assert ids("hips") == set()
            assert set(searcher.lexicon("body")) >= {b"calf", b"stretch", b"it"}
    finally:
        reopened.close()


def test_terms_thread_safe() -> None:
    texts = [f"runner {i} stretches calves knees" for i in range(50)]
    expected = {t: terms(t) for t in texts}
    failures: list[str] = []

    def work() -> None:
        for _ in range(20):
            for text in texts:
                if terms(text) != expected[text]:
                    failures.append(text)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []

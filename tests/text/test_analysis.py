"""The one analysis: folding, terms, stemming, spans, and the Whoosh text store fed its terms."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from runphys.search.text_store import TextStore
from runphys.text.analysis import MAX_WORD_CHARS, analyse, fold, stem, terms, word_spans, words
from tests.search_fixtures import write_text_store


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
        ("lunge", "lunges"),
        ("lunge", "lunging"),
        ("lateral", "laterally"),
        ("lateral", "laterals"),
        ("tingly", "tingling"),
        ("tingly", "tingle"),
        # Geordie and Scots spellings of everyday words
        ("ower", "over"),
        ("oot", "out"),
        ("doon", "down"),
        ("nowt", "nothing"),
        ("summat", "something"),
        ("heid", "head"),
        ("divvn't", "don't"),
        ("nee", "no"),
        # Jamaican and Trinidadian spellings
        ("cyaan", "can't"),
        ("likkle", "little"),
        ("nuttin", "nothing"),
        ("dem", "them"),
        ("wid", "with"),
        ("meself", "myself"),
        # Yorkshire and Scots "o'" (the T of "T-spine" stays a T)
        ("o", "of"),
        # Cockney drops the h
        ("eel", "heel"),
        ("ips", "hips"),
        ("cannae", "can't"),
        ("nae", "no"),
        ("dae", "do"),
    ],
)
def test_stem_same(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(("a", "b"), [("lunge", "lungs"), ("lunges", "lung"), ("its", "IT"), ("leggings", "leg"),
                                    ("legging", "legs"), ("tights", "tight"), ("tingly", "ting"),
                                    ("t", "the"), ("lateral", "later"), ("laterally", "later")])
def test_words_the_stemmer_would_merge_stay_apart(a: str, b: str) -> None:
    assert stem(a) != stem(b)


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


def test_one_analysis_gives_words_stems_terms_and_spans() -> None:
    text = "Stretching the Calves: a runner’s guide"
    analysed = analyse(text)
    assert analysed.indexed() == terms(text)
    assert list(analysed.words) == words(text)
    assert [text[s:e] for s, e, t in zip(analysed.starts, analysed.ends, analysed.terms, strict=False) if t] == [
        "Stretching", "Calves", "runner’s", "guide"]
    assert analysed.terms[1] is None and analysed.stems[1] == "the"  # a stop word: a word, not a term


def test_a_giant_word_is_cut() -> None:
    [term] = terms("x" * 10_000)
    assert len(term) <= MAX_WORD_CHARS
    [word] = words("y" * 10_000)
    assert len(word) <= MAX_WORD_CHARS


def test_words_are_the_same_before_and_after_their_analysis() -> None:
    # words() folds a word it has not met without stemming it (a vocabulary's other languages);
    # the folding must be the one an analysis gives, whichever comes first.
    text = "Qu’il RÉÉDUQUE l’épaule du coureur’s Kniegelenkschmerzen, don’t ½"
    first = words(text)
    assert first == list(analyse(text).words) == words(text)
    assert first[1:3] == ["reeduque", "lepaule"]


def test_text_store_finds_phrases_from_analysed_terms(tmp_path: Path) -> None:
    texts = ["Three stretches for tight calves and the IT band", "Runner’s knee: why your kneecap hurts",
             "The band of the IT crowd"]
    write_text_store(tmp_path / "text", [{"body": terms(text)} for text in texts])
    store = TextStore(tmp_path / "text", len(texts))
    try:
        assert store.phrase_mask(terms("IT band")).tolist() == [True, False, False]
        assert store.phrase_mask(terms("tight calf")).tolist() == [True, False, False]
        assert store.phrase_mask(terms("runners knee")).tolist() == [False, True, False]
        assert store.phrase_mask(terms("band of the IT")).tolist() == [False, False, True]  # stop words skipped
        assert not store.phrase_mask(terms("crowd band")).any()
    finally:
        store.close()


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

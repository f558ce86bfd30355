"""Pure query functions: sanitize, tokenize, parse, concept marking, corrections."""

from __future__ import annotations

import pytest

from runphys.search.query import (
    MAX_QUERY_CHARS,
    All,
    Any,
    Concept,
    Not,
    Phrase,
    Word,
    corrected_text,
    parse,
    plan,
    sanitize,
    to_any_query,
    to_query,
    tokenize,
)
from runphys.search.vocabulary import load_vocabulary


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  knee\t\tpain \n", "knee pain"),
        ("knee\x00\x07pain", "knee pain"),
        ("", ""),
        (None, ""),
        ("\u200bshin", "shin"),
    ],
)
def test_sanitize(raw, clean):
    assert sanitize(raw)[0] == clean


def test_sanitize_cuts_long_queries_with_a_notice():
    text, notices = sanitize("knee " * 3000)
    assert len(text) <= MAX_QUERY_CHARS
    assert notices == (f"query cut to {MAX_QUERY_CHARS} characters",)


@pytest.mark.parametrize(
    ("text", "tree", "operators"),
    [
        ("foam roller", All((Word("foam"), Word("roller"))), False),
        ('"heel drops"', Phrase("heel drops"), False),
        ("taper OR cadence", Any((Word("taper"), Word("cadence"))), True),
        ("taper AND cadence", All((Word("taper"), Word("cadence"))), True),
        ("taper NOT cadence", All((Word("taper"), Not(Word("cadence")))), True),
        ("taper -cadence", All((Word("taper"), Not(Word("cadence")))), True),
        ("(taper OR week) drills", All((Any((Word("taper"), Word("week"))), Word("drills"))), True),
        ("well-known", All((Word("well"), Word("known"))), False),
    ],
)
def test_parse_user_syntax(text, tree, operators):
    assert parse(tokenize(text)) == (tree, operators)


@pytest.mark.parametrize(
    "junk",
    ['knee AND', "AND knee", "((knee", "knee)", 'knee "', 'title:knee', "kne*", "kn?e",
     "NOT", "-", '"', "😀🏃", "the and of", "", "x" * 10_000, "OR OR OR", "((((((((a))))))))"],
)
def test_odd_input_degrades_without_exceptions(junk, vocab):
    p = plan(sanitize(junk)[0], vocab)
    if p.tree is not None:
        to_query(p.tree, vocab)
        to_any_query(p.tree, vocab)


def test_stray_operator_degrades_to_plain_words():
    tree, operators = parse(tokenize("knee AND"))
    assert tree == Word("knee") and operators is False


def test_field_syntax_and_wildcards_are_plain_words():
    assert parse(tokenize("title:knee* pain?"))[0] == All((Word("title"), Word("knee"), Word("pain")))


@pytest.mark.parametrize(
    ("text", "key"),
    [("runner's knee", "runners_knee"), ("IT band", "it_band"), ('"it band"', "it_band"),
     ("shin splints", "shin_splints"), ("hamstirng", "hamstrings")],
)
def test_concepts_become_one_clause(text, key, vocab):
    tree = plan(text, vocab).tree
    assert isinstance(tree, Concept) and tree.key == key


def test_concept_is_one_required_clause_among_words(vocab):
    tree = plan("runner's knee downhill", vocab).tree
    assert isinstance(tree, All) and len(tree.children) == 2
    assert isinstance(tree.children[0], Concept)


def test_negated_concept(vocab):
    tree = plan('taper -"runner\'s knee"', vocab).tree
    assert tree == All((Word("taper"), Not(Concept("runners_knee", "runner's knee"))))


def test_corrected_text_fixes_unknown_words_and_misspelled_concepts(vocab):
    p = plan("hamstirng strech", vocab)
    fixed = corrected_text(p, known=lambda w: w != "strech", suggest=lambda w: "stretch", vocabulary=vocab)
    assert fixed == "hamstring stretch"


def test_corrected_text_is_none_when_everything_is_known(vocab):
    p = plan("knee pain", vocab)
    assert corrected_text(p, known=lambda w: True, suggest=lambda w: None, vocabulary=vocab) is None

"""Pure query functions: sanitize, tokenize, parse, vocabulary marking, compiling, corrections."""

from __future__ import annotations

import pytest

from runphys.search.query_compile import NOTHING, Clause, _g_dropped, compile_plan
from runphys.search.query_parse import (
    MAX_CLAUSES,
    MAX_QUERY_CHARS,
    All,
    AnyOf,
    Concept,
    Intent,
    Not,
    Phrase,
    Synonym,
    Word,
    parse,
    plan,
    sanitize,
    tokenize,
)
from runphys.search.spelling import Speller, corrected_text
from runphys.text.vocabulary_file import package_vocabulary


@pytest.fixture(scope="module")
def vocab():
    return package_vocabulary()


def compiled(text, vocab, known=None):
    """Compile against a term table that knows every term (or only `known`)."""
    table: dict[str, int] = {}

    def term_id(term):
        if known is not None and term not in known:
            return None
        return table.setdefault(term, len(table))

    return compile_plan(plan(text, vocab), term_id, lambda i: True, vocab), table


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
        ("taper OR cadence", AnyOf((Word("taper"), Word("cadence"))), True),
        ("taper AND cadence", All((Word("taper"), Word("cadence"))), True),
        ("taper NOT cadence", All((Word("taper"), Not(Word("cadence")))), True),
        ("taper -cadence", All((Word("taper"), Not(Word("cadence")))), True),
        ("(taper OR week) drills", All((AnyOf((Word("taper"), Word("week"))), Word("drills"))), True),
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
    compile_plan(p, lambda term: 0, lambda i: True, vocab)


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
    tree = plan('sunday -"runner\'s knee"', vocab).tree
    assert tree == All((Word("sunday"), Not(Concept("runners_knee", "runner's knee"))))


def test_corrected_text_fixes_unknown_words_and_misspelled_concepts(vocab):
    speller = Speller({"stretch": 5, "stretches": 2}, lambda term: term == "stretch")
    assert corrected_text(plan("hamstirng strech", vocab), speller, vocab) == "hamstring stretch"


@pytest.mark.parametrize("text", ["Foot and arch foot", "adductors Low back low back Upper back upper back"])
def test_a_name_cut_short_by_a_place_is_no_misspelling(text, vocab):
    # "arch foot" and "back low back" are read as places first, so "Foot and" and "Low" are what is left of
    # "foot and arch" and "low back": nothing to put right (each correction costs the search a second reading).
    assert corrected_text(plan(text, vocab), Speller({}, lambda term: True), vocab) is None


@pytest.mark.parametrize("text", ["heel sore on the first steps, anything to do before i even get out of bed?",
                                  "a stretch for the arch before getting out of bed"])
def test_a_kind_said_in_more_words_is_read_before_a_trigger_inside_it(text, vocab):
    # "get out of bed" is when it hurts (first steps); "before i even get out of bed" asks for a stretch done there.
    tokens = plan(text, vocab).tokens
    assert any(t.kind == "intent" and t.key == "stretch" and "bed" in t.text for t in tokens)
    assert not any(t.kind == "trigger" and "bed" in t.text for t in tokens)


def test_two_letters_swapped_are_one_edit(vocab):
    # The commonest typo: "ankel" is one swap from "ankle" (two plain edits, past a five-letter limit).
    speller = Speller({"ankle": 4, "angle": 1, "strengthen": 3, "keeps": 2}, lambda term: False)
    assert speller.suggest("ankel") == "ankle"
    assert corrected_text(plan("strenghten my ankel", vocab), speller, vocab) == "strengthen my ankle"


def test_a_correction_keeps_the_first_letter():
    # A typo seldom touches the first letter: "blocked" is a word of its own, not "locked".
    speller = Speller({"locked": 9, "blocks": 1, "pain": 3}, lambda term: False)
    assert speller.suggest("blocked") == "blocks"
    assert speller.suggest("pian") == "pain"
    assert Speller({"locked": 9}, lambda term: False).suggest("blocked") is None


def test_a_word_said_with_its_g_dropped_is_read_as_its_ing_form(vocab):
    # "throbbin" is "throbbing", not the split "throb bin" a pair of known words would give.
    speller = Speller({"throb": 3, "bin": 2, "throbbing": 1, "knee": 4}, lambda term: False)
    assert speller.g_dropped("throbbin") == "throbbing"
    assert speller.g_dropped("cabin") is None
    assert corrected_text(plan("knee throbbin", vocab), speller, vocab) == "knee throbbing"


def test_a_word_in_letters_english_does_not_write_is_not_corrected(vocab):
    # "zápas" (Czech, a match) and "zïng" are another language's words, not typos of "zaps" and "zing" (a
    # nerve's words, which would raise a red flag); a plain typo beside them still is.
    speller = Speller({"zaps": 2, "zing": 2, "cramp": 3, "ankle": 4}, lambda term: False)
    assert corrected_text(plan("cramp after a big zápas", vocab), speller, vocab) is None
    assert corrected_text(plan("zïng sore, ankel too", vocab), speller, vocab) == "zïng sore, ankle too"


def test_everyday_english_is_never_corrected_to_a_blog_word(vocab):
    # "school concert" is no typo of "stool cancer", nor "cheek" of "check": words of everyday English
    # the blog never uses stay as typed; a real typo is still corrected.
    speller = Speller({"stool": 2, "cancer": 3, "check": 4, "sitting": 2}, lambda term: False)
    assert speller.everyday("concert") and speller.everyday("school") and speller.everyday("cheek")
    assert not speller.everyday("cancr") and not speller.known("concert")
    assert corrected_text(plan("cheek sore sitting at the school concert", vocab), speller, vocab) is None
    assert corrected_text(plan("cancr", vocab), speller, vocab) == "cancer"


def test_a_readers_own_wording_of_a_concept_is_no_misspelling(vocab):
    # "touch my toes" is the hamstrings said a reader's way: only the misspelt name is corrected
    speller = Speller({"hamstring": 3}, lambda term: True)
    assert corrected_text(plan("hamstirng so tight I cant touch my toes", vocab), speller, vocab) == (
        "hamstring so tight I cant touch my toes")
    assert corrected_text(plan("sitting cross legged", vocab), speller, vocab) is None


def test_corrected_text_is_none_when_everything_is_known(vocab):
    speller = Speller({"knee": 3, "pain": 3}, lambda term: True)
    assert corrected_text(plan("knee pain", vocab), speller, vocab) is None


@pytest.mark.parametrize(
    ("text", "node"),
    [
        ("tight", Intent("stretch", "tight")),
        ("loosen up", Intent("stretch", "loosen up")),
        ("strengthening", Intent("strengthening", "strengthening")),
        ("foam roller", Intent("self_massage", "foam roller")),
        ("sore", Synonym(0, "sore")),
    ],
)
def test_readers_words_for_kinds_and_synonyms_become_one_clause(text, node, vocab):
    assert plan(text, vocab).tree == node


def test_a_body_part_and_an_intent_are_two_groups(vocab):
    scoring, table = compiled("tight hamstrings", vocab)
    assert len(scoring.groups) == 2
    # The kind, plus half the reader's word for it.
    kind = scoring.groups[0]
    assert kind.kind == "any"
    assert [c.rows for c in kind.children] == [((table["kind:stretch"], 1.0),), ((table["tight"], 0.5),)]
    # The body part: its concept row, or the word typed where a post has more of it (best of both).
    body = scoring.groups[1]
    assert body.kind == "best"
    assert [c.rows for c in body.children] == [((table["concept:hamstrings"], 1.0),), ((table["hamstr"], 1.0),)]


def test_a_name_of_several_words_counts_only_side_by_side(vocab):
    scoring, table = compiled("runner's knee", vocab)
    [group] = scoring.groups
    assert group.kind == "best"
    concept, typed = group.children
    assert concept.rows == ((table["concept:runners_knee"], 1.0),)
    assert typed.kind == "phrase" and typed.phrase == ("runner", "knee")


def test_a_synonym_reads_its_group_a_little_lower(vocab):
    scoring, table = compiled("sore", vocab)
    [group] = scoring.groups
    assert group.kind == "best"
    term_of = {row: term for term, row in table.items()}
    weights = {term_of[row]: weight for child in group.children for row, weight in child.rows}
    assert weights["sore"] == 1.0 and weights["pain"] == 0.8


def test_an_unknown_word_is_a_group_nothing_reaches(vocab):
    scoring, _ = compiled("knee zzyzx", vocab, known={"concept:knee"})
    assert scoring.groups[1] == NOTHING


def test_a_quoted_phrase_is_checked_for_adjacency(vocab):
    scoring, _ = compiled('"heel drops" calf', vocab)
    assert scoring.groups[0].kind == "phrase" and scoring.groups[0].phrase == ("heel", "drop")


def test_negated_clauses_are_exclusions(vocab):
    scoring, table = compiled("taper -headlamp", vocab)
    assert scoring.exclude == (Clause("rows", rows=((table["headlamp"], 1.0),)),)


def test_repeats_are_read_once_and_the_excess_is_dropped_with_a_notice(vocab):
    assert plan("knee AND " * 60 + "knee", vocab).tree == Concept("knee", "knee")
    assert plan("-knee " * 80 + "run", vocab).tree == All((Not(Concept("knee", "knee")), Word("run")))
    many = " ".join(f"w{i}" for i in range(MAX_CLAUSES + 10))
    p = plan(many, vocab)
    assert p.clause_count == MAX_CLAUSES and "10 more words left out" in p.notices[0]


# -- a dropped g ("shufflin", "achin'"): the -ing word, where no post has the word as typed ----------


def test_a_word_said_without_its_g_is_read_as_the_ing_word() -> None:
    known = {"shuffl": 1, "cabin": 2}.get
    assert _g_dropped("shufflin", ["shufflin"], known) == ["shuffl"]
    assert _g_dropped("cabin", ["cabin"], known) == ["cabin"]  # a word posts have stays itself
    assert _g_dropped("zeppelin", ["zeppelin"], known) == ["zeppelin"]  # nor is any word made up


def test_an_everyday_word_ending_in_in_is_not_an_ing_word_without_its_g() -> None:
    # "thin flat shoes": posts have "thing", but "thin" is a word of its own.
    assert _g_dropped("thin", ["thin"], {"thing": 1}.get) == ["thin"]
    assert _g_dropped("goin", ["goin"], {"go": 1}.get) == ["go"]


def test_a_kind_said_not_to_help_is_turned_down(vocab):
    scoring, table = compiled("calves tight, stretching does nothing for them", vocab)
    assert scoring.turned_down == (table["kind:stretch"],)
    assert not any(row == table["kind:stretch"] for _, row in scoring.kinds)
    scoring, _ = compiled("calves tight, which stretches help", vocab)
    assert scoring.turned_down == ()


def test_a_date_beside_a_cause_is_not_searched(vocab):
    # "last week" only dates the cause (a new footstrike): no row of it is searched, not even a little,
    # so it cannot lift the Race Week post.
    scoring, table = compiled("switched to landing on my forefoot last week and my calves ache", vocab)
    week = {table[t] for t in ("week", "last") if t in table}
    rows = {row for row, _ in scoring.extras} | {row for g in scoring.groups for row, _ in _rows(g)}
    assert not week & rows


def _rows(clause):
    yield from clause.rows
    for child in clause.children:
        yield from _rows(child)

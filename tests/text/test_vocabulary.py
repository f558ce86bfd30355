"""The vocabulary: loading and checking (file, line, problem), phrase matching, tagging posts."""

from __future__ import annotations

from pathlib import Path

import pytest

from runphys.index.errors import VocabularyError
from runphys.text.analysis import analyse, words
from runphys.text.tagging import tag
from runphys.text.vocabulary import Match, Vocabulary
from runphys.text.vocabulary_file import package_vocabulary, read_vocabulary
from tests.posts_factory import make_post

BODY_PARTS = [
    "foot",
    "ankle",
    "achilles",
    "calf",
    "shin",
    "knee",
    "hamstrings",
    "quadriceps",
    "it_band",
    "hip",
    "hip_flexors",
    "glutes",
    "glute_med",
    "piriformis",
    "adductors",
    "low_back",
    "upper_back",
    "neck",
    "shoulders",
    "chest",
    "core",
]
INJURIES = [
    "plantar_fasciitis",
    "achilles_tendinopathy",
    "shin_splints",
    "stress_fracture",
    "runners_knee",
    "patellar_tendinopathy",
    "it_band_syndrome",
    "hamstring_strain",
    "hip_flexor_strain",
    "piriformis_syndrome",
    "low_back_pain",
    "ankle_sprain",
    "calf_strain",
    "groin_strain",
    "neck_pain",
    "hip_bursitis",
    "metatarsalgia",
    "mortons_neuroma",
    "side_stitch",
]
KINDS = ["stretch", "strengthening", "mobility", "self_massage", "plyometrics", "form", "injury", "other"]


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return package_vocabulary()


# Loading ----------------------------------------------------------------------------------


def test_default_vocabulary_has_the_agreed_keys(vocab: Vocabulary) -> None:
    assert [c.key for c in vocab.body_parts] == BODY_PARTS
    assert [c.key for c in vocab.injuries] == INJURIES
    assert [k.key for k in vocab.kinds] == KINDS
    assert package_vocabulary() is vocab  # cached


def test_concepts_are_consistent(vocab: Vocabulary) -> None:
    for concept in vocab.body_parts:
        assert concept.kind == "body_part" and concept.body_part is None
    for concept in vocab.injuries:
        assert concept.kind == "injury"
        assert concept.body_part is None or concept.body_part in BODY_PARTS
    for concept in (*vocab.body_parts, *vocab.injuries):
        assert concept.terms[0] == concept.name
        assert set(concept.misspellings) <= set(concept.terms)
        assert vocab.concept(concept.key) is concept
        assert vocab.label(concept.key) == concept.name
        assert vocab.concepts_in(concept.name) == [concept.key]
    assert vocab.concept("side_stitch").body_part == "core"
    assert vocab.concept("stress_fracture").body_part is None


def test_every_term_finds_its_own_concept(vocab: Vocabulary) -> None:
    for concept in (*vocab.body_parts, *vocab.injuries):
        for term in concept.terms:
            # A reader term, or a name in another language, names the concept in a search only.
            found = vocab.find(term, reader=term in (*concept.reader_terms, *concept.other_languages))
            assert [m.key for m in found] == [concept.key], term
            assert (found[0].start, found[0].end) == (0, len(words(term)))


def test_a_reader_term_is_known_as_the_readers_own_wording(vocab: Vocabulary) -> None:
    for concept in (*vocab.body_parts, *vocab.injuries):
        for term in concept.reader_terms:
            assert vocab.reader_term(concept.key, term), term
    assert vocab.reader_term("hamstrings", "touch my toes")
    # a name of its own, a misspelling or a longer text is not one
    assert not vocab.reader_term("hamstrings", "hamstring")
    assert not vocab.reader_term("hamstrings", "hamstirng")
    assert not vocab.reader_term("hamstrings", "cant touch my toes")


def test_a_name_in_another_language_is_read_in_searches_only(tmp_path: Path) -> None:
    vocab = read_vocabulary(write(tmp_path, MINIMAL.replace(
        "{key: knee, name: Knee, terms: [knees, patella]}",
        "{key: knee, name: Knee, terms: [knees, patella], other_languages: [rodilla, knie]}")))
    assert [m.key for m in vocab.find("dolor de rodilla", reader=True)] == ["knee"]
    assert vocab.concepts_in("pijn in mijn knie", reader=True) == ["knee"]
    # no post is tagged by it; a search never adds it, autocomplete never offers it, no combined name holds it
    assert vocab.find("dolor de rodilla") == []
    assert "rodilla" not in vocab.expansions("knee")
    assert all(surface not in ("rodilla", "knie") for surface, _ in vocab.prefix_terms())
    assert not any("rodilla" in name for name in vocab.concept("runners_knee").terms)
    # a reader typing it typed no misspelling
    assert "rodilla" in vocab.written_forms("knee")


def test_the_demo_vocabularys_other_languages_tag_no_post(vocab: Vocabulary) -> None:
    # In an English post "talon" is a claw, "canela" cinnamon and "wade" what a trail runner does in a river.
    assert vocab.concepts_in("We had to wade the river, then cinnamon (canela) buns; a hawk's talon.") == []
    assert vocab.concepts_in("wade the river, a hawk's talon", reader=True) == ["calf", "foot"]


def test_me_before_a_body_part_is_my(vocab: Vocabulary) -> None:
    # "back of me thigh" is the hamstrings, as "back of my thigh" is; "me" elsewhere is me
    assert vocab.concepts_in("pulled summat in the back of me thigh", reader=True) == ["hamstrings"]
    assert vocab.normalised(analyse("the lads behind me when i run")).words == ("the", "lads", "behind", "me", "when",
                                                                            "i", "run")


def test_mi_and_meh_before_a_body_part_are_my(vocab: Vocabulary) -> None:
    # Jamaican "mi" and Trinidadian "meh" before a body part; "mi" after a number is miles, "meh" alone a shrug
    assert vocab.normalised(analyse("pon mi toes")).words == ("pon", "the", "toes")
    assert vocab.normalised(analyse("meh heels lift")).words == ("the", "heels", "lift")
    assert vocab.normalised(analyse("ran 10 mi today, legs meh")).words == ("ran", "10", "mi", "today", "legs", "meh")


def test_voice_typed_body_parts_are_read_where_only_the_body_part_is_meant(vocab: Vocabulary) -> None:
    # "heal", "calve", "sheen" and "it banned" as voice typing writes heel, calf, shin and IT band
    assert vocab.concepts_in("my heal hurts", reader=True) == ["foot"]
    assert vocab.concepts_in("my calve is tight", reader=True) == ["calf"]
    assert vocab.concepts_in("sheen splints again", reader=True) == ["shin_splints"]
    assert vocab.concepts_in("pain in my it banned", reader=True) == ["it_band"]
    # "let it heal" is the verb
    assert vocab.concepts_in("give it time to heal", reader=True) == []


def test_unknown_key(vocab: Vocabulary) -> None:
    with pytest.raises(KeyError):
        vocab.concept("elbow")
    with pytest.raises(KeyError):
        vocab.label("elbow")
    with pytest.raises(KeyError):
        vocab.expansions("elbow")
    assert vocab.label("stretch") == "Stretches"


def test_expansions_and_prefix_terms_leave_out_misspellings(vocab: Vocabulary) -> None:
    expansions = vocab.expansions("it_band")
    assert expansions[0] == "IT band"
    assert {"iliotibial band", "itb"} <= set(expansions)
    assert "illiotibial" not in expansions
    assert "hamstirng" not in vocab.expansions("hamstrings")
    pairs = vocab.prefix_terms()
    assert ("iliotibial band", "it_band") in pairs
    assert ("Plantar fasciitis", "plantar_fasciitis") in pairs
    assert all(surface not in vocab.concept(key).misspellings for surface, key in pairs)
    assert len(pairs) == len(set(pairs))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "vocab.yaml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """
body_parts:
  - {key: knee, name: Knee, terms: [knees, patella]}
  - {key: hip, name: Hip}
injuries:
  - {key: runners_knee, name: Runner's knee, body_part: knee, terms: [pfps], misspellings: [runers knee]}
kinds:
  - {key: stretch, name: Stretches, cues: [stretch]}
  - {key: other, name: Other, cues: []}
categories:
  Knees: [knee]
general_synonyms:
  - [pain, sore]
"""


def test_load_from_path(tmp_path: Path) -> None:
    vocab = read_vocabulary(write(tmp_path, MINIMAL))
    assert vocab.concept("runners_knee").terms[:3] == ("Runner's knee", "pfps", "runers knee")
    assert vocab.expansions("runners_knee")[:2] == ("Runner's knee", "pfps")
    assert vocab.concepts_in("runers knee and hip") == ["runners_knee", "hip"]
    assert [g.members for g in vocab.synonyms] == [("pain", "sore")]
    assert vocab.source.name == str(tmp_path / "vocab.yaml") and len(vocab.source.sha256) == 64


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("{key: hip, name: Hip}", "{key: hip, name: Hip, terms: [patella]}", 4,
         "'patella' already belongs to 'knee'"),
        ("{key: hip, name: Hip}", "{key: hip, name: Hip, reader_terms: [patella]}", 4,
         "'patella' already belongs to 'knee'"),
        ("{key: hip, name: Hip}", "{key: hip, name: Hip, other_languages: [patella]}", 4,
         "'patella' already belongs to 'knee'"),
        ("{key: hip, name: Hip}", "{key: knee, name: Hip}", 4, "duplicate key 'knee'"),
        ("{key: hip, name: Hip}", "{key: Hip Joint, name: Hip}", 4, "body_parts[1].key"),
        ("{key: hip, name: Hip}", "{key: hip}", 4, "name must be"),
        ("{key: hip, name: Hip}", "{key: hip, name: Hip, term: [x]}", 4, "unknown field(s) term"),
        ("{key: hip, name: Hip}", "{key: hip, name: Hip, terms: hip}", 4, "body_parts[1].terms"),
        ("{key: hip, name: Hip}", "{key: hip, name: Hip, terms: [yes]}", 4, "quote"),
        ("{key: hip, name: Hip}", "{key: hip, name: Hip, terms: ['!!']}", 4, "no letters"),
        ("body_part: knee", "body_part: elbow", 6, "injuries[0].body_part: body_part 'elbow'"),
        ("body_part: knee, ", "", 6, "body_part missing"),
        ("  - {key: other, name: Other, cues: []}\n", "", 7, "'other' is required"),
        ("Knees: [knee]", "Knees: [elbow]", 11, "categories.Knees"),
        ("  - [pain, sore]", "  - pain", 13, "general_synonyms[0]"),
        ("general_synonyms:", "synonyms:", 12, "unknown section(s) synonyms"),
        ("kinds:", "kinds: [", 0, "not valid YAML"),
        ("  Knees: [knee]", "  Knees: &k [knee]\n  Hips: *k", 11, "anchors and aliases"),
    ],
)
def test_malformed_file_names_file_line_and_entry(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    assert old in MINIMAL
    path = write(tmp_path, MINIMAL.replace(old, new, 1))
    with pytest.raises(VocabularyError) as caught:
        read_vocabulary(path)
    assert str(caught.value.message).startswith(str(path))
    assert message in caught.value.message
    if line:
        assert caught.value.detail["line"] == line and f"{path}:{line}:" in caught.value.message
    assert caught.value.exit_code == 1


@pytest.mark.parametrize(("asides", "message"), [
    ("asides: [forget the]",
     "asides: must be a mapping with before, after, main, correcting, denied, history, dated and limit"),
    ("asides: {before: [forget the], later: [is whatever]}", "asides: unknown field(s) later"),
    ("asides: {after: is whatever}", "asides.after"),
    ("asides: {correcting: [[no, wait]]}", "asides.correcting"),
    # the phrases that rule a harmless cause out are a list like every other
    ("ruled_out: even after", "ruled_out"),
    ("negation_idioms: [[without, trying]]", "negation_idioms"),
    ("possessives_before_parts: me", "possessives_before_parts"),
    ("possessives_before_parts: [[me]]", "possessives_before_parts"),
    # other languages' words with their English: pairs, by language
    ("translations: [[gonfle, swollen]]", "translations: must map a language to its [word, English] pairs"),
    ("translations: {french: gonfle}", "translations.french: must be a list of [word, English] pairs"),
    ("translations: {french: [[gonfle]]}", "translations.french[0]: must be a pair: [word or phrase, its English]"),
    ("translations: {french: [[gonfle, '']]}", "translations.french[0][1]: '' has no letters or digits"),
    ("translations: {french: [['...', swollen]]}", "translations.french[0][0]: '...' has no letters or digits"),
    ("translations: {french: [[gonfle, 3]]}", "translations.french[0]: must be a list of words"),
    # an English is a word or a short phrase: a search rewritten with it stays about as long
    ("translations: {french: [[gonfle, a b c d e f g h i]]}",
     "translations.french[0][1]: an English of more than 8 words"),
    # the section's older name is read the same way
    ("red_flag_words: {french: gonfle}", "red_flag_words.french: must be a list of [word, English] pairs"),
])
def test_malformed_asides_say_what_is_wrong(tmp_path: Path, asides: str, message: str) -> None:
    with pytest.raises(VocabularyError) as caught:
        read_vocabulary(write(tmp_path, MINIMAL + asides + "\n"))
    assert message in caught.value.message


def test_section_not_a_list(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match="injuries: missing, or not a list"):
        read_vocabulary(write(tmp_path, "body_parts: []\ninjuries: 3\nkinds: []\n"))


@pytest.mark.parametrize("text", ["", "[]", "just a string"])
def test_not_a_mapping(tmp_path: Path, text: str) -> None:
    with pytest.raises(VocabularyError, match="top level"):
        read_vocabulary(write(tmp_path, text))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match="cannot read"):
        read_vocabulary(tmp_path / "nope.yaml")


def test_injury_names_are_combined_with_the_body_parts_names(vocab: Vocabulary) -> None:
    for name in ("ITB syndrome", "iliotibial band syndrome", "IT-band syndrome", "hammy strain", "soleus strain",
                 "PF pain"):
        assert [m.key for m in vocab.find(name)] == [vocab.find(name)[0].key] and vocab.find(name)[0].key in {
            "it_band_syndrome", "hamstring_strain", "calf_strain", "plantar_fasciitis"}, name
    # A generic word alone never makes a combination: "toe pain" is no plantar fasciitis.
    assert [m.key for m in vocab.find("toe pain")] == ["foot"]
    assert all(not c.combined or c.kind == "injury" for c in (*vocab.body_parts, *vocab.injuries))


# find() -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("my IT band hurts", ["it_band"]),
        ("My IT-band hurts", ["it_band"]),
        ("ITB", ["it_band"]),
        ("iliotibial band syndrome", ["it_band_syndrome"]),
        ("IT band syndrome", ["it_band_syndrome"]),
        ("ITBS", ["it_band_syndrome"]),  # exact beats ITB's stem
        ("illiotibial", ["it_band"]),
        ("runners knee", ["runners_knee"]),
        ("runner's knee", ["runners_knee"]),
        ("Runner’s Knees", ["runners_knee"]),
        ("runner knee", ["runners_knee"]),
        ("PFPS", ["runners_knee"]),
        ("patellofemoral pain syndrome", ["runners_knee"]),
        ("jumper's knee", ["patellar_tendinopathy"]),
        ("knee", ["knee"]),
        ("hipster", []),
        ("hip", ["hip"]),
        ("hips and hip flexors", ["hip", "hip_flexors"]),
        ("it is a band", []),
        ("just do it. Band practice", []),
        ("calves and feet", ["calf", "foot"]),
        ("plantar fascitis", ["plantar_fasciitis"]),
        ("heel pain", ["plantar_fasciitis"]),
        ("upper back pain", ["upper_back"]),
        ("lower-back pain", ["low_back_pain"]),
        ("T-spine", ["upper_back"]),
        ("hamstirng", ["hamstrings"]),
        ("sciatica", ["low_back_pain"]),
        ("Morton's neuroma", ["mortons_neuroma"]),
        ("side stitches", ["side_stitch"]),
        ("Achilles tendonitis", ["achilles_tendinopathy"]),
        ("", []),
        ("🏃\x00 ½", []),
    ],
)
def test_find(vocab: Vocabulary, text: str, keys: list[str]) -> None:
    assert [m.key for m in vocab.find(text)] == keys


def test_find_positions_and_surface(vocab: Vocabulary) -> None:
    assert vocab.find("Stretch your IT-band, then your runner’s knee") == [
        Match("it_band", 2, 4, "it band"),
        Match("runners_knee", 6, 8, "runner knee"),
    ]


def test_phrase_may_span_a_line_wrap_but_not_a_paragraph(vocab: Vocabulary) -> None:
    assert vocab.concepts_in("iliotibial\nband syndrome") == ["it_band_syndrome"]
    assert vocab.concepts_in("hip\n\nflexor") == ["hip"]


def test_concepts_in_dedupes_in_order(vocab: Vocabulary) -> None:
    text = "Knee pain? Shin splints, then knees again and MTSS."
    assert vocab.concepts_in(text) == ["knee", "shin_splints"]


# tag() ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("categories", "body_parts"),
    [
        (("Ankles and Feet",), ("ankle", "foot")),
        (("Calves and Shins",), ("calf", "shin")),
        (("Knees",), ("knee",)),
        (("hips",), ("hip",)),
        (("Low Back",), ("low_back",)),
        (("Upper Back and Neck",), ("upper_back",)),
        (("Core Strength",), ("core",)),
        (("Hamstrings",), ("hamstrings",)),  # not mapped: matched as text
        (("Uncategorized",), ()),
    ],
)
def test_tag_categories(
    vocab: Vocabulary, categories: tuple[str, ...], body_parts: tuple[str, ...]
) -> None:
    assert tag(make_post(categories=categories), vocab).body_parts == body_parts


def test_tag_title_tags_and_injury_body_part(vocab: Vocabulary) -> None:
    post = make_post(title="Beating IT Band Syndrome", tags=("glutes", "runner's knee"))
    tagged = tag(post, vocab)
    assert tagged.injuries == ("it_band_syndrome", "runners_knee")
    assert tagged.body_parts == ("it_band", "glutes", "knee")
    assert tagged.title == post.title and tagged.id == post.id


def test_tag_body_threshold(vocab: Vocabulary) -> None:
    body = (
        "Today we look at the hamstrings.\n\n"
        "Some runners also feel it in the calf. The hip matters too.\n\n"
        "Strong hips keep the pelvis level, and the hip drives the stride."
    )
    tagged = tag(make_post(body=body), vocab)
    assert tagged.body_parts == ("hamstrings", "hip")  # lead mention, then two mentions
    assert "calf" not in tagged.body_parts  # one passing mention


def test_tag_lead_is_capped_when_there_are_no_paragraphs(vocab: Vocabulary) -> None:
    body = " ".join(["filler"] * 100) + " the calf once"
    assert tag(make_post(body=body), vocab).body_parts == ()


def test_tag_replaces_stale_tags(vocab: Vocabulary) -> None:
    post = make_post(title="Neck pain", body_parts=("foot",), injuries=("x",), kinds=("y",))
    tagged = tag(post, vocab)
    assert tagged.body_parts == ("neck",)
    assert tagged.injuries == ("neck_pain",)
    assert tagged.kinds == ("injury",)


@pytest.mark.parametrize(
    ("title", "body", "tags", "kinds"),
    [
        ("Three calf stretches", "", (), ("stretch",)),
        ("Glute bridges and planks", "", (), ("strengthening",)),
        ("How to foam roll your quads", "", (), ("self_massage",)),
        ("Box jumps and hops", "", (), ("plyometrics",)),
        ("Increase your cadence", "", (), ("form",)),
        ("What is plantar fasciitis?", "", (), ("injury",)),
        ("Stretching and strengthening the hips", "", (), ("stretch", "strengthening")),
        ("Race report", "We ran a marathon.", (), ("other",)),
        ("Race report", "Do one stretch.", (), ("other",)),  # one body cue is not enough
        ("Race report", "Stretch. Stretch again. Stretching.", (), ("stretch",)),
        ("Hip stretches", "pain " * 30, (), ("stretch",)),  # body mentions are capped
        ("Hip day", "", ("mobility",), ("mobility",)),
    ],
)
def test_tag_kinds(
    vocab: Vocabulary, title: str, body: str, tags: tuple[str, ...], kinds: tuple[str, ...]
) -> None:
    assert tag(make_post(title=title, body=body, tags=tags), vocab).kinds == kinds


def test_exercise_cues_do_not_tag_a_body_part_the_post_is_not_about():

    post = make_post(
        "h1", "Video: Hamstring Stretches at Your Desk",
        "Sit tall. Keep your knee straight and hinge forward.\n\nBend the other knee slightly "
        "and breathe. Switch sides after thirty seconds; the knee stays soft.",
        categories=("Flexibility",),
    )
    tagged = tag(post, package_vocabulary())
    assert tagged.body_parts == ("hamstrings",)


def test_every_aside_and_ruled_out_phrase_is_among_the_phrases_analysed_ahead(vocab: Vocabulary) -> None:
    # the stored vocabulary carries the analysis of exactly these, so a loading worker skips the stemmer
    phrases = set(vocab.phrases())
    said = [*vocab.symptom_sections.ruled_out, *vocab.symptom_sections.negation_idioms,
            *(w for side in ("before", "after", "main", "correcting") for w in getattr(vocab.asides, side))]
    assert said and set(said) <= phrases

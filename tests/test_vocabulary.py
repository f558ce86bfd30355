"""The vocabulary: loading and validation, phrase matching, and tagging posts."""

from __future__ import annotations

from pathlib import Path

import pytest

from runphys.index.post import Post
from runphys.search.analysis import words
from runphys.search.vocabulary import Match, Vocabulary, load_vocabulary

BODY_PARTS = (
    "foot ankle achilles calf shin knee hamstrings quadriceps it_band hip hip_flexors glutes "
    "piriformis adductors low_back upper_back neck shoulders core"
).split()
INJURIES = (
    "plantar_fasciitis achilles_tendinopathy shin_splints stress_fracture runners_knee "
    "patellar_tendinopathy it_band_syndrome hamstring_strain hip_flexor_strain "
    "piriformis_syndrome low_back_pain ankle_sprain calf_strain groin_strain neck_pain "
    "hip_bursitis metatarsalgia mortons_neuroma side_stitch"
).split()
KINDS = ["stretch", "strengthening", "mobility", "form", "injury", "other"]


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary()


def make_post(**overrides: object) -> Post:
    fields: dict[str, object] = {"id": "p1", "title": "A post"}
    fields.update(overrides)
    return Post(**fields)  # type: ignore[arg-type]


# Loading ----------------------------------------------------------------------------------


def test_default_vocabulary_has_the_agreed_keys(vocab: Vocabulary) -> None:
    assert [c.key for c in vocab.body_parts] == BODY_PARTS
    assert [c.key for c in vocab.injuries] == INJURIES
    assert [k.key for k in vocab.kinds] == KINDS
    assert load_vocabulary() is vocab  # cached


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
            found = vocab.find(term)
            assert [m.key for m in found] == [concept.key], term
            assert (found[0].start, found[0].end) == (0, len(words(term)))


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
    vocab = load_vocabulary(write(tmp_path, MINIMAL))
    assert vocab.concept("runners_knee").terms == ("Runner's knee", "pfps", "runers knee")
    assert vocab.expansions("runners_knee") == ("Runner's knee", "pfps")
    assert vocab.concepts_in("runers knee and hip") == ["runners_knee", "hip"]
    assert vocab.synonyms == (("pain", "sore"),)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "{key: hip, name: Hip}",
            "{key: hip, name: Hip, terms: [patella]}",
            "'patella' already belongs to 'knee'",
        ),
        ("{key: hip, name: Hip}", "{key: knee, name: Hip}", "duplicate key 'knee'"),
        ("{key: hip, name: Hip}", "{key: Hip Joint, name: Hip}", "body_parts[1]"),
        ("{key: hip, name: Hip}", "{key: hip}", "name must be"),
        ("{key: hip, name: Hip}", "{key: hip, name: Hip, term: [x]}", "unknown field(s) term"),
        ("{key: hip, name: Hip}", "{key: hip, name: Hip, terms: hip}", "(hip).terms"),
        ("{key: hip, name: Hip}", "{key: hip, name: Hip, terms: [yes]}", "quote"),
        ("{key: hip, name: Hip}", "{key: hip, name: Hip, terms: ['!!']}", "no letters"),
        ("body_part: knee", "body_part: elbow", "injuries[0] (runners_knee): body_part 'elbow'"),
        ("body_part: knee, ", "", "body_part missing"),
        ("  - {key: other, name: Other, cues: []}\n", "", "'other' is required"),
        ("Knees: [knee]", "Knees: [elbow]", "categories (Knees)"),
        ("  - [pain, sore]", "  - pain", "general_synonyms[0]"),
        ("general_synonyms:", "synonyms:", "unknown section(s) synonyms"),
        ("kinds:", "kinds: [", "not valid YAML"),
    ],
)
def test_malformed_file_names_file_and_entry(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in MINIMAL
    path = write(tmp_path, MINIMAL.replace(old, new, 1))
    with pytest.raises(ValueError) as caught:
        load_vocabulary(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_section_not_a_list(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="injuries: missing, or not a list"):
        load_vocabulary(write(tmp_path, "body_parts: []\ninjuries: 3\nkinds: []\n"))


@pytest.mark.parametrize("text", ["", "[]", "just a string"])
def test_not_a_mapping(tmp_path: Path, text: str) -> None:
    with pytest.raises(ValueError, match="top level"):
        load_vocabulary(write(tmp_path, text))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        load_vocabulary(tmp_path / "nope.yaml")


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
    assert vocab.tag(make_post(categories=categories)).body_parts == body_parts


def test_tag_title_tags_and_injury_body_part(vocab: Vocabulary) -> None:
    post = make_post(title="Beating IT Band Syndrome", tags=("glutes", "runner's knee"))
    tagged = vocab.tag(post)
    assert tagged.injuries == ("it_band_syndrome", "runners_knee")
    assert tagged.body_parts == ("it_band", "glutes", "knee")
    assert tagged.title == post.title and tagged.id == post.id


def test_tag_body_threshold(vocab: Vocabulary) -> None:
    body = (
        "Today we look at the hamstrings.\n\n"
        "Some runners also feel it in the calf. The hip matters too.\n\n"
        "Strong hips keep the pelvis level, and the hip drives the stride."
    )
    tagged = vocab.tag(make_post(body=body))
    assert tagged.body_parts == ("hamstrings", "hip")  # lead mention, then two mentions
    assert "calf" not in tagged.body_parts  # one passing mention


def test_tag_lead_is_capped_when_there_are_no_paragraphs(vocab: Vocabulary) -> None:
    body = " ".join(["filler"] * 100) + " the calf once"
    assert vocab.tag(make_post(body=body)).body_parts == ()


def test_tag_replaces_stale_tags(vocab: Vocabulary) -> None:
    post = make_post(title="Neck pain", body_parts=("foot",), injuries=("x",), kinds=("y",))
    tagged = vocab.tag(post)
    assert tagged.body_parts == ("neck",)
    assert tagged.injuries == ("neck_pain",)
    assert tagged.kinds == ("injury",)


@pytest.mark.parametrize(
    ("title", "body", "tags", "kinds"),
    [
        ("Three calf stretches", "", (), ("stretch",)),
        ("Glute bridges and planks", "", (), ("strengthening",)),
        ("How to foam roll your quads", "", (), ("mobility",)),
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
    assert vocab.tag(make_post(title=title, body=body, tags=tags)).kinds == kinds


def test_exercise_cues_do_not_tag_a_body_part_the_post_is_not_about():
    from tests.posts_factory import make_post

    post = make_post(
        "h1", "Video: Hamstring Stretches at Your Desk",
        "Sit tall. Keep your knee straight and hinge forward.\n\nBend the other knee slightly "
        "and breathe. Switch sides after thirty seconds; the knee stays soft.",
        categories=("Flexibility",),
    )
    tagged = load_vocabulary().tag(post)
    assert tagged.body_parts == ("hamstrings",)

"""The parsed vocabulary each version stores as `vocabulary.json`: what a worker loads is the
vocabulary the build parsed (in everything search, tagging and related posts use), and a file that
cannot be trusted is ignored, the YAML snapshot parsed instead, with no error to the reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import runphys
from runphys.index.bundle import open_bundle
from runphys.index.errors import IndexDamaged
from runphys.search.results import SearchRequest
from runphys.search.searcher import SearchIndex
from runphys.text import analysis
from runphys.text.tagging import analyse_post
from runphys.text.vocabulary import Vocabulary
from runphys.text.vocabulary_compiled import COMPILED, FORMAT, dump, load, read_compiled, write_compiled
from runphys.text.vocabulary_file import (
    SNAPSHOT,
    digest,
    package_text,
    package_vocabulary,
    parse,
    read_vocabulary_snapshot,
)

# Every section and every optional field, and an injury with enough names to reach the cap on
# combined names (so the warnings travel too).
EVERY_SECTION = """\
body_parts:
  - key: knee
    name: Knee
    terms: [knees, kneecap]
    misspellings: [kne]
    reader_terms: [leg joint]
    other_languages: [rodilla]
    not_about: [bend your knee]
    near: [hip]
  - {key: hip, name: Hip, terms: [hips]}
  - key: leg
    name: Leg
    terms: [LEG_NAMES]
injuries:
  - key: runners_knee
    name: Runner's knee
    body_part: knee
    terms: [knee pain outside, patellofemoral pain]
    misspellings: [runers knee]
    near: [hip]
    where: [knee.outside]
    when: [stairs]
  - {key: tired, name: Tired legs, body_part: ~}
  - key: leg_strain
    name: Leg strain
    body_part: leg
    terms: [STRAIN_NAMES]
kinds:
  - {key: stretch, name: Stretches, cues: [stretch, hold for], words: [tight, stretches]}
  - {key: other, name: Other}
categories:
  Knee Injuries: [knee]
  "Hips & more": [hip, knee]
general_synonyms:
  - [shoes, trainers, sneakers]
  - [pace, speed]
exercise_cues:
  before: [bend, straighten]
  between: [your, the]
  after: [flat, straight]
vague_words: [thing, stuff]
not_helping: [does nothing, hasn't helped]
instead_of: [instead of]
guesses: [thought it was]
corrections: [but]
asides:
  before: [forget the]
  after: [is whatever]
  main: [main thing is]
  correcting: [no wait]
regions:
  - {key: outside, name: on the outside of, terms: [outside, lateral]}
spots:
  - {body_part: knee, region: outside, terms: [lateral knee]}
triggers:
  - {key: stairs, name: on stairs, terms: [stairs, going downstairs]}
  - {key: new_shoes, name: after new shoes, terms: [new shoes], cause: true}
red_flags:
  - {key: night, reason: Night pain needs a look., terms: [night pain], together: [[wakes], [pain, ache]]}
  - {key: hot, reason: A hot swollen calf needs a doctor today., together: [[calf], [swollen], [hot, warm]],
     unless: [in the sun], names: [dvt, blood clot]}
place_joiners: [of, the]
possessives: [my, your]
possessives_before_parts: [me]
pain_words: [pain, sore, aching]
negations: ["no", not]
wondering: [is it, worried about]
ruled_out: [even after]
negation_idioms: [without trying]
contractions:
  - [can't, cannot, can not]
translations:
  french:
    - [gonfle, swollen]
    - [mollet, calf]
""".replace("LEG_NAMES", ", ".join(f"leg{i} zone" for i in range(30))).replace(
    "STRAIN_NAMES", ", ".join(f"leg{i} zone strain{i}" for i in range(30)))


def data_of(vocabulary: Vocabulary) -> dict[str, Any]:
    """Everything search, tagging and related posts read from a vocabulary, as the dataclasses."""
    return {
        "body_parts": vocabulary.body_parts, "injuries": vocabulary.injuries, "kinds": vocabulary.kinds,
        "synonyms": vocabulary.synonyms, "categories": vocabulary.categories,
        "exercise_cues": vocabulary.exercise_cues, "vague_words": vocabulary.vague_words,
        "not_helping": vocabulary.not_helping, "instead_of": vocabulary.instead_of,
        "guesses": vocabulary.guesses, "corrections": vocabulary.corrections, "asides": vocabulary.asides,
        "symptoms": vocabulary.symptom_sections, "pain_words": vocabulary.pain_words,
        "source": (vocabulary.source.name, vocabulary.source.sha256, vocabulary.source.text),
        "warnings": vocabulary.warnings, "prefix_terms": vocabulary.prefix_terms(),
        "expansions": {c.key: vocabulary.expansion_terms(c.key) for c in (*vocabulary.body_parts,
                                                                          *vocabulary.injuries)},
    }


def stored(tmp_path: Path, text: str, source: str = SNAPSHOT) -> tuple[Vocabulary, Path]:
    """A version folder holding `text` as its snapshot and its compiled form; the parsed original."""
    vocabulary = parse(text, source)
    (tmp_path / SNAPSHOT).write_text(text, encoding="utf-8")
    write_compiled(tmp_path, vocabulary)
    return vocabulary, tmp_path / SNAPSHOT


@pytest.mark.parametrize("text", [package_text(), EVERY_SECTION], ids=["package", "every-section"])
def test_what_a_worker_loads_is_what_the_build_parsed(tmp_path: Path, text: str) -> None:
    original, snapshot = stored(tmp_path, text, "package")
    loaded = read_compiled(tmp_path, text, digest(text))
    assert loaded is not None and loaded is not original
    assert data_of(loaded) == data_of(original)
    assert dump(loaded) == dump(original)
    # The worker's path: the compiled file is used (the source name is the build's, not the snapshot's).
    assert read_vocabulary_snapshot(snapshot).source.name == "package"
    sample = ("ITB syndrome and a sore knee; bend your knee, feet flat. Pain on the outside of my knee going "
              "downstairs, it wakes me with an ache, my calf is swollen and hot. kne, runers knee, lateral knee. "
              "mollet gonfle, hot")
    for reader in (False, True):
        assert loaded.find(sample, reader=reader) == original.find(sample, reader=reader)
        assert loaded.places(sample, reader=reader) == original.places(sample, reader=reader)
        assert loaded.triggers(sample, reader=reader) == original.triggers(sample, reader=reader)
    assert loaded.guess(sample) == original.guess(sample)
    assert loaded.red_flags(sample) == original.red_flags(sample)
    assert loaded.cues("stretch and hold for 30 s") == original.cues("stretch and hold for 30 s")
    assert loaded.intents("tight stretches") == original.intents("tight stretches")
    assert loaded.synonym_matches("trainers for pace") == original.synonym_matches("trainers for pace")


def test_every_section_and_the_warnings_are_stored() -> None:
    data = dump(parse(EVERY_SECTION, SNAPSHOT))
    assert data["format"] == FORMAT and data["sha256"] == digest(EVERY_SECTION)
    assert data["warnings"] == list(parse(EVERY_SECTION, SNAPSHOT).warnings) and data["warnings"]
    assert {"regions", "spots", "triggers", "red_flags", "place_joiners", "possessives", "pain_words",
            "exercise_cues", "vague_words", "categories", "synonyms", "kinds", "not_helping"} <= set(data)
    assert data["not_helping"] == ["does nothing", "hasn't helped"] and data["negations"] == ["no", "not"]
    assert data["instead_of"] == ["instead of"]
    assert data["guesses"] == ["thought it was"] and data["corrections"] == ["but"]
    assert data["contractions"] == [["can't", "cannot", "can not"]]
    assert data["red_flags"][1]["together"] == [["calf"], ["swollen"], ["hot", "warm"]]
    assert data["red_flags"][1]["unless"] == ["in the sun"] and data["red_flags"][0]["unless"] == []
    assert data["red_flags"][1]["names"] == ["dvt", "blood clot"] and data["wondering"] == ["is it", "worried about"]
    assert data["ruled_out"] == ["even after"] and data["negation_idioms"] == ["without trying"]
    assert data["possessives_before_parts"] == ["me"]
    assert data["translations"] == [["french", "gonfle", "swollen"], ["french", "mollet", "calf"]]
    injury = next(c for c in data["injuries"] if c["key"] == "leg_strain")
    assert injury["combined"] and set(injury["combined"]) <= set(injury["terms"])  # names after combining
    assert json.loads(json.dumps(data)) == data  # plain JSON values only


def test_search_and_tagging_on_the_demo_blog_are_the_same_from_json_and_from_yaml(demo_index: Path) -> None:
    bundle = open_bundle(demo_index)
    text = (bundle.path / SNAPSHOT).read_text(encoding="utf-8")
    assert COMPILED in bundle.manifest.files  # checked for size like every other file of the version
    from_json = read_compiled(bundle.path, text, digest(text))
    assert from_json is not None
    from_yaml = parse(text, SNAPSHOT)
    assert data_of(from_json) | {"source": None} == data_of(from_yaml) | {"source": None}
    for post in bundle.posts.values():
        assert analyse_post(post, from_json).post == analyse_post(post, from_yaml).post
    searches = [SearchIndex.open(bundle.part("search"), bundle.posts, v, remember=0) for v in (from_json, from_yaml)]
    for q in ("runners knee", "pain on the outside of my knee going downstairs", "ITB syndrome", "heel pain",
              "tight hamstrings stretches", "shin splints", "achilles", "trainers", "sore calf swollen hot"):
        first, second = (s.search(SearchRequest(q=q)) for s in searches)
        assert first == second, q


def damaged(data: dict[str, Any]) -> list[bytes]:
    """Ways a stored file can go wrong: cut short, not JSON, another format, wrong types, a reference
    to a key that is not there, another text."""
    def changed(**fields: Any) -> bytes:
        return json.dumps(data | fields).encode()

    concept = data["injuries"][0]
    whole = json.dumps(data).encode()
    return [
        whole[: len(whole) // 2], b"\x00" * 100, b"[1, 2]", b'"vocabulary"', b"{}",
        changed(format=FORMAT + 1), changed(sha256="0" * 64), changed(body_parts="knee"),
        changed(injuries=[concept | {"terms": [1, 2]}]), changed(injuries=[concept | {"kind": "spell"}]),
        changed(injuries=[concept | {"body_part": "nowhere"}]), changed(injuries=[concept | {"where": [["a"]]}]),
        changed(injuries=[concept | {"when": ["never"]}]), changed(categories={"x": ["nowhere"]}),
        changed(words={"knee": ["knee", "knee"]}), changed(words=[]), changed(red_flags=[{"key": 1}]),
        changed(body_parts=data["body_parts"] * 2), changed(source=None),
    ]


def test_a_stored_vocabulary_that_cannot_be_trusted_is_parsed_again(tmp_path: Path) -> None:
    text = package_text()
    _, snapshot = stored(tmp_path, text)
    data = json.loads((tmp_path / COMPILED).read_text(encoding="utf-8"))
    for payload in damaged(data):
        (tmp_path / COMPILED).write_bytes(payload)
        assert read_compiled(tmp_path, text, digest(text)) is None
        vocabulary = read_vocabulary_snapshot(snapshot)  # no error: the YAML snapshot is parsed
        assert vocabulary.concepts_in("knee") == ["knee"]
        assert data_of(vocabulary) | {"source": None} == data_of(package_vocabulary()) | {"source": None}
    (tmp_path / COMPILED).unlink()
    assert read_compiled(tmp_path, text, digest(text)) is None
    assert read_vocabulary_snapshot(snapshot).concepts_in("knee") == ["knee"]
    snapshot.write_text("not: [valid", encoding="utf-8")
    with pytest.raises(IndexDamaged, match="rebuild"):
        read_vocabulary_snapshot(snapshot)


def test_a_damaged_file_in_a_live_bundle_is_not_the_readers_problem(make_client: Any, fresh_index: Path) -> None:
    params = {"q": "pain on the outside of my knee going downstairs"}
    before = make_client(index=fresh_index).get("/api/v1/search", params=params)
    assert before.status_code == 200 and before.json()["hits"]
    compiled = open_bundle(fresh_index).path / COMPILED
    compiled.write_bytes(b" " * compiled.stat().st_size)  # same size: the manifest check passes, the JSON not
    after = make_client(index=fresh_index).get("/api/v1/search", params=params)
    assert after.status_code == 200
    assert after.json()["hits"] == before.json()["hits"]


def test_stored_word_analyses_are_used_only_by_a_program_that_analyses_alike(tmp_path: Path) -> None:
    text = EVERY_SECTION
    stored(tmp_path, text)
    data = json.loads((tmp_path / COMPILED).read_text(encoding="utf-8"))
    assert data["analysis"] == analysis.analysis_fingerprint()
    assert data["words"]["Runner's"] == ["runner", "runner", "runner"] and data["words"]["the"][2] is None
    analysis._WORDS.pop("stretches", None)
    odd = data | {"analysis": "another program", "words": data["words"] | {"stretches": ["stretches", "x", "x"]}}
    load(odd, text, digest(text))
    assert analysis.stem("stretches") == "stretch"  # the stored analysis was not used
    analysis._WORDS.pop("stretches", None)
    load(data, text, digest(text))
    assert analysis._WORDS["stretches"] == ("stretches", "stretch", "stretch")


def test_no_pickle_anywhere_in_the_package() -> None:
    sources = [p for root in runphys.__path__ for p in Path(root).rglob("*.py")]
    assert len(sources) > 50
    found = [str(p) for p in sources
             if "import pickle" in (t := p.read_text(encoding="utf-8")) or "from pickle" in t or "cPickle" in t]
    assert found == []

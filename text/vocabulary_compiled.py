"""A bundle version's vocabulary, parsed once at build and stored as plain JSON ready to use.

Reading a vocabulary (YAML, checks, combined names) costs seconds for a large file; every worker
switching to a new version used to pay it again, while a request waited. The build stores the
parsed, checked and combined data beside the version's `vocabulary.yaml` snapshot as
`vocabulary.json`: every concept with its final names, the kinds of post, synonyms, categories,
exercise cues, vague words and the symptom sections. A worker reads it through typed constructors
(each field checked for its type, each reference for its target), never by rebuilding arbitrary
objects, and rebuilds the lookups (phrase matchers, tables) from that data.

Rebuilding the phrase matchers stems every word of every name; for a large file that, not the JSON,
is most of the load. So the file also keeps each word's analysis (folded word, stem, index term) and
a loading worker hands it to the analysis cache instead of running the stemmer again.

The file records its format and the SHA-256 of the YAML text it was parsed from: one that is
missing, of another format, damaged or not of that text is ignored, and the YAML snapshot is parsed
instead (`vocabulary_file.read_vocabulary_snapshot`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

from .analysis import analysis_fingerprint, remember_words, word_analyses
from .symptoms import RedFlag, Region, Spot, Trigger
from .vocabulary import Asides, Concept, ConceptKind, ExerciseCues, PostKind, Source, Symptoms, SynonymGroup, Vocabulary

COMPILED = "vocabulary.json"
FORMAT = 17  # bumped when the data stored changes shape; a file of another format is parsed again
_T = TypeVar("_T")


class _Unusable(Exception):
    """The stored data is not a vocabulary this program reads (the caller parses the YAML)."""


# -- writing ---------------------------------------------------------------------------------------


def dump(vocabulary: Vocabulary) -> dict[str, Any]:
    """The data of `vocabulary` as JSON values (the YAML text itself stays in the snapshot)."""
    sections = vocabulary.symptom_sections
    cues = vocabulary.exercise_cues
    return {
        "format": FORMAT,
        "sha256": vocabulary.source.sha256,
        "source": vocabulary.source.name,
        "warnings": list(vocabulary.warnings),
        "body_parts": [_concept_data(c) for c in vocabulary.body_parts],
        "injuries": [_concept_data(c) for c in vocabulary.injuries],
        "kinds": [{"key": k.key, "name": k.name, "cues": list(k.cues), "words": list(k.words)}
                  for k in vocabulary.kinds],
        "synonyms": [list(g.members) for g in vocabulary.synonyms],
        "categories": {name: list(keys) for name, keys in vocabulary.categories.items()},
        "exercise_cues": {"before": list(cues.before), "between": list(cues.between), "after": list(cues.after)},
        "vague_words": list(vocabulary.vague_words),
        "not_helping": list(vocabulary.not_helping),
        "instead_of": list(vocabulary.instead_of),
        "guesses": list(vocabulary.guesses),
        "corrections": list(vocabulary.corrections),
        "asides": {side: list(getattr(vocabulary.asides, side)) for side in Asides.sides()},
        "regions": [{"key": r.key, "name": r.name, "terms": list(r.terms)} for r in sections.regions],
        "spots": [{"body_part": s.body_part, "region": s.region, "terms": list(s.terms), "of": list(s.of)}
                  for s in sections.spots],
        "triggers": [{"key": t.key, "name": t.name, "terms": list(t.terms), "cause": t.cause}
                     for t in sections.triggers],
        "red_flags": [{"key": f.key, "reason": f.reason, "terms": list(f.terms),
                       "together": [list(group) for group in f.together], "unless": list(f.unless),
                       "names": list(f.names), "history_warns": f.history_warns}
                      for f in sections.red_flags],
        "place_joiners": list(sections.joiners),
        "possessives": list(sections.possessives),
        "pain_words": list(sections.pain_words),
        "negations": list(sections.negations),
        "wondering": list(sections.wondering),
        "ruled_out": list(sections.ruled_out),
        "negation_idioms": list(sections.negation_idioms),
        "contractions": [list(group) for group in sections.contractions],
        "possessives_before_parts": list(sections.possessives_before_parts),
        "translations": [list(triple) for triple in sections.translations],
        # Every word the lookups analyse, with its analysis: a loading worker skips the stemmer.
        "analysis": analysis_fingerprint(),
        "words": {raw: list(analysis) for raw, analysis in word_analyses(
            [*vocabulary.phrases(), *(other for _, other, _ in sections.translations)]).items()},
    }


def write_compiled(folder: Path, vocabulary: Vocabulary) -> None:
    """Store `vocabulary` in a version folder being built (made durable with the rest of it)."""
    text = json.dumps(dump(vocabulary), ensure_ascii=False, separators=(",", ":"))
    (folder / COMPILED).write_text(text, encoding="utf-8")


def _concept_data(c: Concept) -> dict[str, Any]:
    return {"key": c.key, "name": c.name, "kind": c.kind, "body_part": c.body_part, "terms": list(c.terms),
            "misspellings": list(c.misspellings), "combined": list(c.combined), "not_about": list(c.not_about),
            "near": list(c.near), "where": [list(pair) for pair in c.where], "when": list(c.when),
            "reader_terms": list(c.reader_terms), "also_where": [list(pair) for pair in c.also_where],
            "other_languages": list(c.other_languages)}


# -- reading ---------------------------------------------------------------------------------------


def read_compiled(folder: Path, text: str, sha256: str) -> Vocabulary | None:
    """The stored vocabulary of a version when it is there, readable and parsed from `text` (whose
    SHA-256 is `sha256`); None otherwise (the caller parses the YAML snapshot)."""
    try:
        data = json.loads((folder / COMPILED).read_bytes())
    except (OSError, ValueError, RecursionError, MemoryError):  # missing, unreadable or not JSON
        return None
    try:
        return load(data, text, sha256)
    except _Unusable:
        return None


def load(data: object, text: str, sha256: str) -> Vocabulary:
    """Build the vocabulary `dump` stored; `_Unusable` when `data` is of another format or text, or
    is not well formed (a wrong type, a reference to nothing)."""
    root = _mapping(data)
    if root.get("format") != FORMAT or root.get("sha256") != sha256:
        raise _Unusable("another format or another text")
    analyses = _words(root.get("words"))
    body_parts = _list(root, "body_parts", _concept)
    injuries = _list(root, "injuries", _concept)
    kinds = _list(root, "kinds", _kind)
    regions = _list(root, "regions", _region)
    spots = _list(root, "spots", _spot)
    triggers = _list(root, "triggers", _trigger)
    categories = {name: _strings(keys) for name, keys in _mapping(root.get("categories")).items()}
    cues = _mapping(root.get("exercise_cues"))
    symptoms = Symptoms(regions, spots, triggers, _list(root, "red_flags", _red_flag),
                        _strings(root.get("place_joiners")), _strings(root.get("possessives")),
                        _strings(root.get("pain_words")), _strings(root.get("negations")),
                        wondering=_strings(root.get("wondering")), ruled_out=_strings(root.get("ruled_out")),
                        negation_idioms=_strings(root.get("negation_idioms")),
                        contractions=tuple(_strings(group) for group in _sequence(root.get("contractions"))),
                        possessives_before_parts=_strings(root.get("possessives_before_parts")),
                        translations=tuple(_translation(t) for t in _sequence(root.get("translations", []))))
    _check_references(body_parts, injuries, categories, symptoms)
    synonyms = [SynonymGroup(_strings(members)) for members in _sequence(root.get("synonyms"))]
    source = Source(_string(root.get("source")), sha256, text)
    exercise_cues = ExerciseCues(_strings(cues.get("before")), _strings(cues.get("between")),
                                 _strings(cues.get("after")))
    vague_words = _strings(root.get("vague_words"))
    not_helping = _strings(root.get("not_helping"))
    instead_of = _strings(root.get("instead_of"))
    guesses = _strings(root.get("guesses"))
    corrections = _strings(root.get("corrections"))
    asides_root = _mapping(root.get("asides"))
    asides = Asides(**{side: _strings(asides_root.get(side)) for side in Asides.sides()})
    warnings = _strings(root.get("warnings"))
    # Only now that all of it is well formed; and only when this program analyses words the same way.
    if root.get("analysis") == analysis_fingerprint():
        remember_words(analyses)
    vocabulary = Vocabulary(
        body_parts, injuries, kinds, synonyms, categories, source, exercise_cues, vague_words, symptoms, not_helping,
        instead_of, guesses, corrections, asides)
    vocabulary.warnings = warnings
    return vocabulary


def _check_references(body_parts: Sequence[Concept], injuries: Sequence[Concept],
                      categories: dict[str, tuple[str, ...]], symptoms: Symptoms) -> None:
    """What the YAML reader checked, checked again cheaply: every key a lookup follows exists."""
    parts = {c.key for c in body_parts}
    regions = {r.key for r in symptoms.regions}
    triggers = {t.key for t in symptoms.triggers}
    if len(parts) != len(body_parts) or len(parts | {c.key for c in injuries}) != len(body_parts) + len(injuries):
        raise _Unusable("a key is used twice")
    if any(c.kind != "body_part" or c.body_part is not None for c in body_parts):
        raise _Unusable("a body part is not one")
    if any(c.kind != "injury" or (c.body_part is not None and c.body_part not in parts) for c in injuries):
        raise _Unusable("an injury names a body part that is not there")
    for c in (*body_parts, *injuries):
        if (not c.terms or not set(c.near) <= parts or not set(c.when) <= triggers
                or any(p not in parts or r not in regions for p, r in (*c.where, *c.also_where))):
            raise _Unusable(f"{c.key} refers to a key that is not there")
    if any(s.body_part not in parts or s.region not in regions or not set(s.of) <= parts for s in symptoms.spots):
        raise _Unusable("a spot refers to a key that is not there")
    if any(not set(keys) <= parts for keys in categories.values()):
        raise _Unusable("a category refers to a key that is not there")


def _concept(value: object) -> Concept:
    item = _mapping(value)
    kind = item.get("kind")
    if kind not in ("body_part", "injury"):
        raise _Unusable("a concept of no known kind")
    body_part = item.get("body_part")
    where = tuple(_pair(p) for p in _sequence(item.get("where")))
    return Concept(
        _string(item.get("key")), _string(item.get("name")), cast(ConceptKind, kind),
        None if body_part is None else _string(body_part), _strings(item.get("terms")),
        _strings(item.get("misspellings")), _strings(item.get("combined")), _strings(item.get("not_about")),
        _strings(item.get("near")), where, _strings(item.get("when")), _strings(item.get("reader_terms")),
        also_where=tuple(_pair(p) for p in _sequence(item.get("also_where"))),
        other_languages=_strings(item.get("other_languages")),
    )


def _kind(value: object) -> PostKind:
    item = _mapping(value)
    return PostKind(_string(item.get("key")), _string(item.get("name")), _strings(item.get("cues")),
                    _strings(item.get("words")))


def _region(value: object) -> Region:
    item = _mapping(value)
    return Region(_string(item.get("key")), _string(item.get("name")), _strings(item.get("terms")))


def _spot(value: object) -> Spot:
    item = _mapping(value)
    return Spot(_string(item.get("body_part")), _string(item.get("region")), _strings(item.get("terms")),
                _strings(item.get("of", [])))


def _trigger(value: object) -> Trigger:
    item = _mapping(value)
    return Trigger(_string(item.get("key")), _string(item.get("name")), _strings(item.get("terms")),
                   _bool(item.get("cause")))


def _red_flag(value: object) -> RedFlag:
    item = _mapping(value)
    return RedFlag(_string(item.get("key")), _string(item.get("reason")), _strings(item.get("terms")),
                   tuple(_strings(group) for group in _sequence(item.get("together"))), _strings(item.get("unless")),
                   _strings(item.get("names")), _bool(item.get("history_warns")))


def _words(value: object) -> dict[str, tuple[str, str, str | None]]:
    out: dict[str, tuple[str, str, str | None]] = {}
    for raw, analysis in _mapping(value).items():
        found = _sequence(analysis)
        if len(found) != 3:
            raise _Unusable("a word's analysis is not (word, stem, term)")
        term = found[2]
        out[raw] = (_string(found[0]), _string(found[1]), None if term is None else _string(term))
    return out


def _list(root: dict[str, Any], name: str, build: Callable[[object], _T]) -> tuple[_T, ...]:
    return tuple(build(item) for item in _sequence(root.get(name)))


def _pair(value: object) -> tuple[str, str]:
    found = _strings(value)
    if len(found) != 2:
        raise _Unusable("a pair (a place's body part and region) is not two")
    return found[0], found[1]


def _translation(value: object) -> tuple[str, str, str]:
    found = _strings(value)
    if len(found) != 3:
        raise _Unusable("a translation (language, word, English) is not three")
    return found[0], found[1], found[2]


def _mapping(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Unusable("expected an object")
    return value


def _sequence(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise _Unusable("expected a list")
    return value


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise _Unusable("expected a string")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise _Unusable("expected true or false")
    return value


def _strings(value: object) -> tuple[str, ...]:
    return tuple(_string(item) for item in _sequence(value))

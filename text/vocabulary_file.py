"""Reading, checking and writing `vocabulary.yaml`: every mistake names the file, the line and what
is wrong (a `VocabularyError`), so the author can fix it and the last good index keeps serving."""

from __future__ import annotations

import gc
import hashlib
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..index.errors import IndexDamaged, VocabularyError, is_transient
from ..index.yaml_text import Path_, YamlDocument, YamlRefused, load_yaml
from .analysis import words
from .symptoms import RedFlag, Region, Spot, Trigger
from .vocabulary import (
    Asides,
    Concept,
    ConceptKind,
    ExerciseCues,
    PostKind,
    Source,
    Symptoms,
    SynonymGroup,
    Vocabulary,
    dedupe,
)
from .vocabulary_compiled import read_compiled

FILE_NAME = "vocabulary.yaml"
SNAPSHOT = "vocabulary.yaml"  # the copy each bundle version keeps of the vocabulary it was built with
PACKAGE_SOURCE = "package"
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_LEVEL = {"body_parts", "injuries", "kinds", "categories", "general_synonyms", "exercise_cues", "vague_words",
              "regions", "spots", "triggers", "red_flags", "place_joiners", "possessives", "pain_words", "not_helping",
              "instead_of", "guesses", "corrections", "asides", "negations", "wondering", "ruled_out",
              "negation_idioms", "contractions", "possessives_before_parts", "translations",
              # the older name of `translations`, read as it (with a warning to rename it)
              "red_flag_words"}
# A translation's English is a word or a short phrase: a search is rewritten with it, so one word a
# stranger types never becomes a long text.
MAX_TRANSLATION_WORDS = 8
MAX_BYTES = 2_000_000  # a vocabulary is a few hundred lines; anything this large is a mistake
# Names made by combining an injury's names with its body part's (see `_Reader.combine`): the
# package's vocabulary makes at most 72 for one injury and about 200 in all.
MAX_COMBINED_PER_INJURY = 200
MAX_COMBINED = 50_000
MAX_COMBINATION_ATTEMPTS = 400_000
# Words that name no particular injury: "heel pain" is plantar fasciitis, but "toe pain" is not,
# so a name whose only other words are these is never combined with the body part's names.
GENERIC_WORDS = frozenset(
    [
        "pain",
        "painful",
        "ache",
        "aches",
        "aching",
        "sore",
        "soreness",
        "hurt",
        "hurts",
        "hurting",
        "injury",
        "injuries",
        "problem",
        "problems",
        "issue",
        "issues",
        "tightness",
        "tight",
        "stiff",
        "stiffness",
    ]
)


def package_text() -> str:
    """The vocabulary shipped with the package (what a fresh index uses)."""
    return resources.files("runphys.text").joinpath(FILE_NAME).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def package_vocabulary() -> Vocabulary:
    return parse(package_text(), PACKAGE_SOURCE)


def read_vocabulary(path: Path) -> Vocabulary:
    """Load and check the vocabulary file at `path` (VocabularyError names what is wrong)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise VocabularyError(f"{path}: cannot read the vocabulary file: {exc.strerror or exc}",
                              {"file": str(path), "line": 0, "problem": "unreadable"}) from exc
    if len(data) > MAX_BYTES:
        raise VocabularyError(f"{path}: the vocabulary file is larger than {MAX_BYTES} bytes",
                              {"file": str(path), "line": 0, "problem": "too large"})
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise VocabularyError(f"{path}: the vocabulary file is not UTF-8 text",
                              {"file": str(path), "line": 0, "problem": "not UTF-8"}) from exc
    return parse(text, str(path))


def read_vocabulary_snapshot(path: Path) -> Vocabulary:
    """A version's own copy of its vocabulary (IndexDamaged when it is missing or unreadable)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        if is_transient(exc):
            raise
        raise IndexDamaged(f"{path} is missing or unreadable; rebuild with `runphys build`") from exc
    sha256 = digest(text)
    compiled = read_compiled(path.parent, text, sha256)  # parsed by the build: no second parse per worker
    if compiled is not None:
        return compiled
    try:
        return _snapshot(sha256, text)
    except VocabularyError as exc:
        raise IndexDamaged(f"{path} is damaged ({exc.message}); rebuild with `runphys build`") from exc


@lru_cache(maxsize=4)
def _snapshot(sha256: str, text: str) -> Vocabulary:
    """Parsed once per process for each distinct text (versions of one index usually share it)."""
    return parse(text, SNAPSHOT)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse(text: str, source: str) -> Vocabulary:
    """Check the YAML text of a vocabulary and build it; VocabularyError on the first mistake."""
    # Python's cycle collector held off while it is built: a vocabulary is hundreds of thousands of
    # small objects made at once, and the collector would walk them all again and again (half the
    # time of a large file's check); the few cycles left go at the next collection after.
    paused = gc.isenabled()
    gc.disable()
    try:
        try:
            document = load_yaml(text)
        except YamlRefused as exc:
            raise _error(source, exc.line, str(exc)) from exc
        return _Reader(source, document).vocabulary(Source(source, digest(text), text))
    finally:
        if paused:
            gc.enable()


_NOT_WORDS = "must be a list of words (quote words YAML reads as yes/no or numbers)"


def _error(source: str, line: int, problem: str) -> VocabularyError:
    place = f"{source}:{line}" if line else source
    return VocabularyError(f"{place}: {problem}", {"file": source, "line": line, "problem": problem})


class _Reader:
    """Checks the document; every error names the file, the line and the entry."""

    def __init__(self, source: str, document: YamlDocument) -> None:
        self.source = source
        self.document = document
        self.owner: dict[str, str] = {}  # folded term -> key that owns it
        self.keys: set[str] = set()
        self.region_keys: set[str] = set()
        self.trigger_keys: set[str] = set()
        self.combined = 0  # names made by combining so far, and combinations tried
        self.attempts = 0
        self.combining_stopped = False
        self.warnings: list[str] = []

    def warn(self, path: Path_, problem: str) -> None:
        where = _describe(path)
        place = f"{self.source}:{self.document.line_of(path)}"
        self.warnings.append(f"{place}: {where}: {problem}" if where else f"{place}: {problem}")

    def fail(self, path: Path_, problem: str) -> VocabularyError:
        where = _describe(path)
        return _error(self.source, self.document.line_of(path), f"{where}: {problem}" if where else problem)

    def vocabulary(self, source: Source) -> Vocabulary:
        data = self.document.data
        if not isinstance(data, dict):
            raise self.fail((), "the top level must be a mapping with body_parts, injuries and kinds")
        if unknown := set(data) - _TOP_LEVEL:
            raise self.fail(
                (sorted(map(str, unknown))[0],), f"unknown section(s) {', '.join(sorted(map(str, unknown)))}"
            )
        body_parts = [
            self.concept(item, ("body_parts", i), "body_part", set())
            for i, item in enumerate(self.section(data, "body_parts"))
        ]
        parts = {c.key: c for c in body_parts}
        self.region_keys = {r.key for r in self.regions(data.get("regions"))}
        self.trigger_keys = {t.key for t in self.triggers(data.get("triggers"))}
        part_keys = set(parts)
        injuries = [
            self.concept(item, ("injuries", i), "injury", part_keys)
            for i, item in enumerate(self.section(data, "injuries"))
        ]
        injuries = [self.combine(injury, parts, ("injuries", i)) for i, injury in enumerate(injuries)]
        for section, listed in (("body_parts", body_parts), ("injuries", injuries)):
            for i, concept in enumerate(listed):
                if wrong := [k for k in concept.near if k not in parts or k == concept.key]:
                    raise self.fail(
                        (section, i, "near"), f"near must list other body-part keys, not {', '.join(wrong)}"
                    )
        kinds = [self.kind(item, ("kinds", i)) for i, item in enumerate(self.section(data, "kinds"))]
        if "other" not in {k.key for k in kinds}:
            raise self.fail(("kinds",), "a kind with key 'other' is required")
        vocabulary = Vocabulary(
            body_parts, injuries, kinds,
            self.synonyms(data.get("general_synonyms")),
            self.categories(data.get("categories"), set(parts)),
            source,
            self.exercise_cues(data.get("exercise_cues")),
            self.strings(data.get("vague_words"), ("vague_words",), allow_empty=True),
            Symptoms(
                self.regions(data.get("regions")),
                self.spots(data.get("spots"), set(parts)),
                self.triggers(data.get("triggers")),
                self.red_flags(data.get("red_flags")),
                self.strings(data.get("place_joiners"), ("place_joiners",), allow_empty=True),
                self.strings(data.get("possessives"), ("possessives",), allow_empty=True),
                self.strings(data.get("pain_words"), ("pain_words",), allow_empty=True),
                self.strings(data.get("negations"), ("negations",), allow_empty=True),
                wondering=self.strings(data.get("wondering"), ("wondering",), allow_empty=True),
                ruled_out=self.strings(data.get("ruled_out"), ("ruled_out",), allow_empty=True),
                negation_idioms=self.strings(data.get("negation_idioms"), ("negation_idioms",), allow_empty=True),
                contractions=self.contractions(data.get("contractions")),
                possessives_before_parts=self.strings(
                    data.get("possessives_before_parts"), ("possessives_before_parts",), allow_empty=True),
                translations=self.translations(data),
            ),
            self.strings(data.get("not_helping"), ("not_helping",), allow_empty=True),
            self.strings(data.get("instead_of"), ("instead_of",), allow_empty=True),
            self.strings(data.get("guesses"), ("guesses",), allow_empty=True),
            self.strings(data.get("corrections"), ("corrections",), allow_empty=True),
            self.asides(data.get("asides")),
        )
        vocabulary.warnings = tuple(self.warnings)
        return vocabulary

    def section(self, data: dict[str, Any], name: str) -> list[Any]:
        value = data.get(name)
        if not isinstance(value, list):
            raise self.fail((name,), "missing, or not a list")
        return value

    def strings(self, value: Any, path: Path_, *, allow_empty: bool = False) -> tuple[str, ...]:
        if value is None and allow_empty:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(path, _NOT_WORDS)
        for i, text in enumerate(value):
            if not words(text):
                raise self.fail((*path, i), f"{text!r} has no letters or digits")
        return tuple(value)

    def entry(self, item: Any, path: Path_, fields: set[str]) -> tuple[str, str]:
        if not isinstance(item, dict):
            raise self.fail(path, "must be a mapping with key, name, ...")
        key, name = item.get("key"), item.get("name")
        if unknown := set(item) - fields:
            raise self.fail(path, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        if not isinstance(key, str) or not _KEY.match(key):
            raise self.fail((*path, "key"), "key must be lowercase letters, digits and _, starting with a letter")
        if key in self.keys:
            raise self.fail((*path, "key"), f"duplicate key {key!r}")
        if not isinstance(name, str) or not name.strip():
            raise self.fail((*path, "name"), "name must be a non-empty string")
        self.keys.add(key)
        return key, name

    def claim(self, term: str, key: str, path: Path_) -> None:
        folded = " ".join(words(term))
        owner = self.owner.setdefault(folded, key)
        if owner != key:
            raise self.fail(path, f"term {term!r} already belongs to {owner!r}")

    def concept(self, item: Any, path: Path_, kind: ConceptKind, parts: set[str]) -> Concept:
        fields = {"key", "name", "terms", "misspellings", "reader_terms", "other_languages", "not_about", "near"}
        if kind == "injury":
            fields = (fields - {"not_about"}) | {"body_part", "where", "also_where", "when"}
        key, name = self.entry(item, path, fields)
        terms = self.strings(item.get("terms"), (*path, "terms"), allow_empty=True)
        misspellings = self.strings(item.get("misspellings"), (*path, "misspellings"), allow_empty=True)
        reader_terms = self.strings(item.get("reader_terms"), (*path, "reader_terms"), allow_empty=True)
        other_languages = self.strings(item.get("other_languages"), (*path, "other_languages"), allow_empty=True)
        not_about = self.strings(item.get("not_about"), (*path, "not_about"), allow_empty=True)
        near = self.strings(item.get("near"), (*path, "near"), allow_empty=True)
        body_part = None
        if kind == "injury":
            if "body_part" not in item:
                raise self.fail(path, "body_part missing (use ~ for none)")
            body_part = item["body_part"]
            if body_part is not None and body_part not in parts:
                raise self.fail((*path, "body_part"), f"body_part {body_part!r} is not a body-part key")
        self.claim(name, key, (*path, "name"))
        for field_name, values in (("terms", terms), ("misspellings", misspellings), ("reader_terms", reader_terms),
                                   ("other_languages", other_languages)):
            for i, term in enumerate(values):
                self.claim(term, key, (*path, field_name, i))
        where = self.where(item.get("where"), (*path, "where"), parts) if kind == "injury" else ()
        also_where = self.where(item.get("also_where"), (*path, "also_where"), parts) if kind == "injury" else ()
        when = self.strings(item.get("when"), (*path, "when"), allow_empty=True) if kind == "injury" else ()
        for i, trigger in enumerate(when):
            if trigger not in self.trigger_keys:
                raise self.fail((*path, "when", i), f"when must list trigger keys, not {trigger!r}")
        names = dedupe((name, *terms, *misspellings, *reader_terms, *other_languages))
        return Concept(key, name, kind, body_part, names,
                       dedupe(misspellings), not_about=not_about, near=near, where=where, when=dedupe(when),
                       reader_terms=dedupe(reader_terms), also_where=also_where,
                       other_languages=dedupe(other_languages))

    # -- symptoms ------------------------------------------------------------------------------

    def where(self, value: Any, path: Path_, parts: set[str]) -> tuple[tuple[str, str], ...]:
        """An injury's places: "body_part.region" keys ("knee.outside")."""
        out = []
        for i, text in enumerate(self.strings(value, path, allow_empty=True)):
            part, dot, region = text.partition(".")
            if not dot or part not in parts or region not in self.region_keys:
                raise self.fail((*path, i), f"{text!r} must be a body-part key and a region key joined by a dot "
                                            "(knee.outside)")
            out.append((part, region))
        return tuple(dict.fromkeys(out))

    def named_entries(self, value: Any, section: str, fields: set[str]) -> list[tuple[dict[str, Any], Path_]]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail((section,), "must be a list of mappings")
        out = []
        for i, item in enumerate(value):
            path: Path_ = (section, i)
            if not isinstance(item, dict):
                raise self.fail(path, f"must be a mapping with {', '.join(sorted(fields))}")
            if unknown := set(item) - fields:
                raise self.fail(path, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
            out.append((item, path))
        return out

    def section_key(self, item: dict[str, Any], path: Path_, seen: set[str]) -> str:
        key = item.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            raise self.fail((*path, "key"), "key must be lowercase letters, digits and _, starting with a letter")
        if key in seen:
            raise self.fail((*path, "key"), f"duplicate key {key!r}")
        seen.add(key)
        return key

    def text_field(self, item: dict[str, Any], path: Path_, name: str) -> str:
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail((*path, name), f"{name} must be a non-empty string")
        return value.strip()

    def flag_field(self, item: dict[str, Any], path: Path_, name: str) -> bool:
        """An optional true/false field, false when left out."""
        value = item.get(name, False)
        if not isinstance(value, bool):
            raise self.fail((*path, name), f"{name} must be true or false")
        return value

    def regions(self, value: Any) -> tuple[Region, ...]:
        seen: set[str] = set()
        out = []
        for item, path in self.named_entries(value, "regions", {"key", "name", "terms"}):
            key = self.section_key(item, path, seen)
            terms = self.strings(item.get("terms"), (*path, "terms"))
            out.append(Region(key, self.text_field(item, path, "name"), dedupe(terms)))
        return tuple(out)

    def spots(self, value: Any, parts: set[str]) -> tuple[Spot, ...]:
        out = []
        for item, path in self.named_entries(value, "spots", {"body_part", "region", "terms", "of"}):
            part, region = item.get("body_part"), item.get("region")
            if part not in parts:
                raise self.fail((*path, "body_part"), f"body_part {part!r} is not a body-part key")
            if region not in self.region_keys:
                raise self.fail((*path, "region"), f"region {region!r} is not a region key")
            of = dedupe(self.strings(item.get("of"), (*path, "of"), allow_empty=True))
            for other in of:
                if other not in parts:
                    raise self.fail((*path, "of"), f"{other!r} is not a body-part key")
            terms = dedupe(self.strings(item.get("terms"), (*path, "terms"), allow_empty=bool(of)))
            out.append(Spot(str(part), str(region), terms, of))
        return tuple(out)

    def triggers(self, value: Any) -> tuple[Trigger, ...]:
        seen: set[str] = set()
        out = []
        for item, path in self.named_entries(value, "triggers", {"key", "name", "terms", "cause"}):
            key = self.section_key(item, path, seen)
            terms = self.strings(item.get("terms"), (*path, "terms"))
            out.append(Trigger(key, self.text_field(item, path, "name"), dedupe(terms),
                               self.flag_field(item, path, "cause")))
        return tuple(out)

    def red_flags(self, value: Any) -> tuple[RedFlag, ...]:
        seen: set[str] = set()
        reasons: dict[str, str] = {}
        out = []
        fields = {"key", "reason", "reason_of", "terms", "names", "together", "unless", "history_warns"}
        for item, path in self.named_entries(value, "red_flags", fields):
            key = self.section_key(item, path, seen)
            reason = self.flag_reason(item, path, reasons)
            reasons[key] = reason
            terms = self.strings(item.get("terms"), (*path, "terms"), allow_empty=True)
            names = self.strings(item.get("names"), (*path, "names"), allow_empty=True)
            together_value = item.get("together")
            together: list[tuple[str, ...]] = []
            if together_value is not None:
                if not isinstance(together_value, list) or len(together_value) < 2:
                    raise self.fail((*path, "together"), "together must be a list of at least two lists of words")
                together = [dedupe(self.strings(g, (*path, "together", j))) for j, g in enumerate(together_value)]
            if not terms and not names and not together:
                raise self.fail(path, "a red flag needs terms, names or together")
            unless = self.strings(item.get("unless"), (*path, "unless"), allow_empty=True)
            out.append(RedFlag(key, reason, dedupe(terms), tuple(together), dedupe(unless), dedupe(names),
                               self.flag_field(item, path, "history_warns")))
        return tuple(out)

    def flag_reason(self, item: dict[str, Any], path: Path_, reasons: dict[str, str]) -> str:
        """A red flag's own `reason`, or with `reason_of` that of a flag listed before it: one symptom
        said several ways keeps one sentence, written once, and shows it once."""
        if "reason_of" not in item:
            return self.text_field(item, path, "reason")
        if "reason" in item:
            raise self.fail((*path, "reason_of"), "give reason or reason_of, not both")
        other = item["reason_of"]
        if not isinstance(other, str) or other not in reasons:
            raise self.fail((*path, "reason_of"),
                            f"reason_of must name a red flag listed before this one, not {other!r}")
        return reasons[other]

    def combine(self, injury: Concept, parts: dict[str, Concept], path: Path_) -> Concept:
        """The injury's names with its body part's other names put in ("IT band syndrome" ->
        "ITB syndrome", "iliotibial band syndrome"); a name another concept owns is left out.

        Every name can combine with every other name of its body part, so the count grows with
        the square of the names listed: it is capped (MAX_COMBINED_PER_INJURY names an injury,
        MAX_COMBINED in all, MAX_COMBINATION_ATTEMPTS tried) and a cap reached is a warning."""
        part = parts.get(injury.body_part or "")
        if part is None or self.combining_stopped:
            return injury
        # A display name like "Foot and arch" is a label, not something people write.
        aliases = list(dedupe(" ".join(words(a)) for a in part.searched_names() if " and " not in a))
        alias_words = [tuple(a.split()) for a in aliases]
        known_aliases = set(alias_words)
        lengths = sorted({len(a) for a in alias_words})
        known = {" ".join(words(t)) for t in injury.terms}
        combined: dict[str, None] = {}
        room = min(MAX_COMBINED_PER_INJURY, MAX_COMBINED - self.combined)
        capped = False
        for term in injury.terms:
            if term in injury.misspellings or capped:
                continue
            tokens = tuple(words(term))
            for n in lengths:
                if len(tokens) <= n:
                    break
                for alias, rest, before in ((tokens[:n], tokens[n:], False), (tokens[-n:], tokens[:-n], True)):
                    if alias not in known_aliases or set(rest) <= GENERIC_WORDS:
                        continue
                    for other in alias_words:
                        if other == alias:
                            continue
                        self.attempts += 1
                        name = " ".join((*rest, *other) if before else (*other, *rest))
                        if name in combined or name in known or self.owner.setdefault(name, injury.key) != injury.key:
                            continue
                        if len(combined) >= room or self.attempts > MAX_COMBINATION_ATTEMPTS:
                            capped = True
                            break
                        combined[name] = None
                    if capped:
                        break
                if capped:
                    break
        self.combined += len(combined)
        if capped and len(combined) == MAX_COMBINED_PER_INJURY:
            self.warn(path, f"its names combined with the names of body part {part.key!r} make more than "
                      f"{MAX_COMBINED_PER_INJURY}; only the first {MAX_COMBINED_PER_INJURY} are used (list others "
                      "under terms if readers write them)")
        elif capped:
            self.combining_stopped = True
            self.warn(path, f"combining injury names with body-part names stopped here: the file makes more than "
                      f"{self.combined} such names (at most {MAX_COMBINED} are made, from at most "
                      f"{MAX_COMBINATION_ATTEMPTS} tried); later injuries get none (list them under terms)")
        return replace(injury, terms=(*injury.terms, *combined), combined=tuple(combined))

    def kind(self, item: Any, path: Path_) -> PostKind:
        key, name = self.entry(item, path, {"key", "name", "cues", "words"})
        cues = self.strings(item.get("cues"), (*path, "cues"), allow_empty=True)
        reader_words = self.strings(item.get("words"), (*path, "words"), allow_empty=True)
        return PostKind(key, name, dedupe(cues), dedupe(reader_words))

    def translations(self, data: dict[str, Any]) -> tuple[tuple[str, str, str], ...]:
        """The `translations` section (and the one under its older name, `red_flag_words`, with a
        warning): (language, word, English), the first of a word in a language kept."""
        out: dict[tuple[str, str], tuple[str, str, str]] = {}
        for section in ("translations", "red_flag_words"):
            value = data.get(section)
            if value is None:
                continue
            if section == "red_flag_words":
                self.warn((section,), "is the older name of `translations`; rename it (it is read as `translations`)")
            if not isinstance(value, dict):
                raise self.fail((section,), "must map a language to its [word, English] pairs")
            for language, pairs in value.items():
                path: Path_ = (section, str(language))
                if not isinstance(pairs, list):
                    raise self.fail(path, "must be a list of [word, English] pairs")
                for i, pair in enumerate(pairs):
                    # Checked here, not by `strings`: a large file lists tens of thousands of pairs,
                    # and each of their texts is split into words once.
                    if not isinstance(pair, list) or len(pair) != 2:
                        raise self.fail((*path, i), "must be a pair: [word or phrase, its English]")
                    if not all(isinstance(v, str) for v in pair):
                        raise self.fail((*path, i), _NOT_WORDS)
                    other, english = pair
                    written, in_english = words(other), words(english)
                    if not written or not in_english:
                        raise self.fail((*path, i, 0 if not written else 1),
                                        f"{other if not written else english!r} has no letters or digits")
                    if len(in_english) > MAX_TRANSLATION_WORDS:
                        raise self.fail((*path, i, 1), f"an English of more than {MAX_TRANSLATION_WORDS} words")
                    out.setdefault((str(language), " ".join(written)), (str(language), other, english))
        return tuple(out.values())

    def contractions(self, value: Any) -> tuple[tuple[str, ...], ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(("contractions",), "must be a list of lists of wordings that are one")
        out = []
        for i, group in enumerate(value):
            members = self.strings(group, ("contractions", i))
            if len({tuple(words(m)) for m in members}) < 2:
                raise self.fail(("contractions", i), "needs two or more different wordings")
            out.append(members)
        return tuple(out)

    def categories(self, value: Any, parts: set[str]) -> dict[str, tuple[str, ...]]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(("categories",), "must map category names to lists of body-part keys")
        out = {}
        for name, keys in value.items():
            path: Path_ = ("categories", name)
            keys = self.strings(keys, path, allow_empty=True)
            if unknown := [k for k in keys if k not in parts]:
                raise self.fail(path, f"unknown body-part key(s) {', '.join(unknown)}")
            out[str(name)] = keys
        return out

    def exercise_cues(self, value: Any) -> ExerciseCues:
        if value is None:
            return ExerciseCues()
        lists = self.lists_of(value, "exercise_cues", ("before", "between", "after"))
        for name, found in lists.items():
            for i, word in enumerate(found):
                if len(words(word)) != 1:
                    raise self.fail(("exercise_cues", name, i), f"{word!r} must be a single word")
        return ExerciseCues(**lists)

    def asides(self, value: Any) -> Asides:
        return Asides(**self.lists_of(value, "asides", Asides.sides())) if value is not None else Asides()

    def lists_of(self, value: Any, section: str, fields: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        """A section that maps each of `fields` (and nothing else) to a list of phrases."""
        if not isinstance(value, dict):
            raise self.fail((section,), f"must be a mapping with {', '.join(fields[:-1])} and {fields[-1]}")
        if unknown := set(value) - set(fields):
            raise self.fail((section,), f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        return {name: self.strings(value.get(name), (section, name), allow_empty=True) for name in fields}

    def synonyms(self, value: Any) -> tuple[SynonymGroup, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(("general_synonyms",), "must be a list of lists of words")
        groups = []
        seen: dict[str, int] = {}
        for i, group in enumerate(value):
            members = self.strings(group, ("general_synonyms", i))
            if len(members) < 2:
                raise self.fail(("general_synonyms", i), "a group needs at least two words")
            for j, member in enumerate(members):
                folded = " ".join(words(member))
                if seen.setdefault(folded, i) != i:
                    raise self.fail(("general_synonyms", i, j), f"{member!r} is already in group {seen[folded] + 1}")
            groups.append(SynonymGroup(dedupe(members)))
        return tuple(groups)


def _describe(path: Path_) -> str:
    """("injuries", 3, "terms", 2) -> "injuries[3].terms[2]"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

"""Body parts, injuries, kinds of post and synonyms: the vocabulary's data and its lookups.

The data comes from a `vocabulary.yaml` (the package's, or the author's own: see
`vocabulary_file`). Concept names are matched over analysed text with `PhraseMatcher`:
longest first, exact before stemmed, whole words, never across clause punctuation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from itertools import pairwise
from typing import Literal

from .analysis import Analysed, analyse, fold, terms, words
from .phrases import Match, PhraseMatcher, clauses, same_sentence
from .story_time import long_spells, ongoing_from, past_years
from .symptoms import Guess, InjurySigns, Place, RedFlag, Region, Spot, SymptomMatcher, Trigger

__all__ = ["Concept", "Match", "PostKind", "Symptoms", "Vocabulary"]

ConceptKind = Literal["body_part", "injury"]
_IGNORE = "!"  # prefix of the matcher keys of `not_about` phrases: matched, then dropped
_LOOSE = "~"  # prefix of the matcher keys of `reader_terms`: read as their concept where they stand alone
EVERY_LANGUAGE = "every_language"  # the `translations` every language shares ("ni", "nor")


@dataclass(frozen=True)
class Concept:
    """A body part or an injury; `terms` holds every surface form, name first."""

    key: str
    name: str
    kind: ConceptKind
    body_part: str | None
    terms: tuple[str, ...]
    misspellings: tuple[str, ...] = ()
    # Names made from the body part's other names ("ITB syndrome" from "IT band syndrome").
    combined: tuple[str, ...] = ()
    # Phrases that mention the body part without being about it ("foot strike", "bend your knee").
    not_about: tuple[str, ...] = ()
    # Body parts to offer when a search finds no post on this one (Achilles -> calf, ankle).
    near: tuple[str, ...] = ()
    # How readers describe an injury: where ((body part, region) pairs) and when (trigger keys).
    where: tuple[tuple[str, str], ...] = ()
    when: tuple[str, ...] = ()
    # Words readers search it by that posts use too loosely to be tagged by ("thigh" for the
    # quadriceps: an exercise says "thighs parallel to the floor"). Also in `terms`; matched in
    # searches only, and never searched for as a name of the concept.
    reader_terms: tuple[str, ...] = ()
    # Its names in other languages, which readers mix into an English search ("rodilla", "Knie").
    # Also in `terms`; read in searches as firmly as any name, but no post is tagged by them (in an
    # English post "talon" and "canela" are a claw and cinnamon) and a search never adds them.
    other_languages: tuple[str, ...] = ()
    # Places the injury is felt less often (the arch, for plantar fasciitis): each counts as a trigger
    # does, never on its own (see text/symptoms.SymptomMatcher.guess).
    also_where: tuple[tuple[str, str], ...] = ()

    def post_terms(self) -> tuple[str, ...]:
        """The terms that tag a post: reader terms and names in other languages left out."""
        return tuple(t for t in self.terms if t not in self.reader_terms and t not in self.other_languages)

    def searched_names(self) -> tuple[str, ...]:
        """The names a search may add for it: its post terms without the misspellings."""
        return tuple(t for t in self.post_terms() if t not in self.misspellings)


@dataclass(frozen=True)
class PostKind:
    """A kind of post (stretches, strength, ...): cues that show it in a post, words readers use."""

    key: str
    name: str
    cues: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExerciseCues:
    """Words around a body part that make the mention an instruction ("bend your knee")."""

    before: tuple[str, ...] = ()
    between: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Asides:
    """Phrases with which a reader sets something aside to ask about something else: `before` the
    words set aside ("forget the neck"), `after` them, ending their clause ("hamstrings are
    whatever."), `main`, before the main point ("the bigger deal is"), `correcting`, a clause
    of its own that takes back the clause before ("tight groin, no wait, the front of the hip"),
    `denied`, opening a clause with what it is not ("not my neck, not the shoulders."),
    `history`, opening a list of old injuries to the end of its sentence ("history: PF 2017, ITB
    2019."), `dated`, a past time that makes its clause an old injury ("sprained it years ago"), and
    `limit`, before a body part named only as where a spreading pain stops or an exercise is felt
    ("stops above the knee", "feel it in my low back")."""

    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    main: tuple[str, ...] = ()
    correcting: tuple[str, ...] = ()
    denied: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    dated: tuple[str, ...] = ()
    limit: tuple[str, ...] = ()

    @classmethod
    def sides(cls) -> tuple[str, ...]:
        """The kinds of aside, named as in the vocabulary file."""
        return tuple(side.name for side in fields(cls))


@dataclass(frozen=True)
class SynonymGroup:
    """Words that mean the same in a search (not body parts or injuries); the first is the main one."""

    members: tuple[str, ...]


@dataclass(frozen=True)
class Symptoms:
    """The vocabulary's symptom sections: regions, spots, triggers, red flags, and the words that
    may join a region to its body part ("of the") or stand for "the" ("my", "your")."""

    regions: tuple[Region, ...] = ()
    spots: tuple[Spot, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    red_flags: tuple[RedFlag, ...] = ()
    joiners: tuple[str, ...] = ()
    possessives: tuple[str, ...] = ()
    pain_words: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    # Words a reader asks or fears a condition's name with ("is it", "please tell me it's not").
    wondering: tuple[str, ...] = ()
    # Phrases saying a harmless cause was tried in vain or ruled out ("even after", "didn't help").
    ruled_out: tuple[str, ...] = ()
    # Idioms whose negation word denies nothing after them ("without trying", "no idea why").
    negation_idioms: tuple[str, ...] = ()
    # Wordings that are one ("can't", "cannot", "can not"): a phrase with one matches the others.
    contractions: tuple[tuple[str, ...], ...] = ()
    # Words that stand for "my" only right before a body part ("back of me thigh"), read as "the" there.
    possessives_before_parts: tuple[str, ...] = ()
    # Other languages' words and phrases, each with its language and English ("french", "gonflé",
    # "swollen"; "spanish", "cuesta abajo", "downhill"): a message written in another language is
    # searched, and read for red flags, as its English.
    translations: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class InEnglish:
    """A text read as its English: the English, how many of the vocabulary's translations it took,
    and the positions of the words they replaced (indexes into the text's analysed words)."""

    text: str
    phrases: int
    words: frozenset[int]


@dataclass(frozen=True)
class Source:
    """Where a vocabulary came from: a file path (or "package"), and the SHA-256 of its text."""

    name: str = "package"
    sha256: str = ""
    text: str = field(default="", repr=False)


class Vocabulary:
    """The loaded vocabulary: lookups and phrase matching (immutable once built)."""

    # What reading the file had to cut short (names combined past a cap), each naming the file and
    # line: printed by `vocabulary check` and reported by every build as a problem.
    warnings: tuple[str, ...] = ()

    def __init__(
        self,
        body_parts: Sequence[Concept],
        injuries: Sequence[Concept],
        kinds: Sequence[PostKind],
        synonyms: Sequence[SynonymGroup] = (),
        categories: Mapping[str, Sequence[str]] | None = None,
        source: Source = Source(),
        cues: ExerciseCues = ExerciseCues(),
        vague_words: Sequence[str] = (),
        symptoms: Symptoms = Symptoms(),
        not_helping: Sequence[str] = (),
        instead_of: Sequence[str] = (),
        guesses: Sequence[str] = (),
        corrections: Sequence[str] = (),
        asides: Asides = Asides(),
    ) -> None:
        self.body_parts = tuple(body_parts)
        self.injuries = tuple(injuries)
        self.kinds = tuple(kinds)
        self.synonyms = tuple(synonyms)
        self.source = source
        self.exercise_cues = cues
        self._expansion_terms: dict[str, frozenset[str]] = {}
        self._name_terms: dict[str, tuple[tuple[str, ...], ...]] = {}
        # A phrase's forms, worked out once: a body part's names in other languages stand in many red flags' lists.
        self._forms: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._written_forms: dict[str, frozenset[str]] = {}
        self.vague_words = tuple(vague_words)
        self.vague_terms = frozenset(t for w in self.vague_words for t in terms(w))
        self.not_helping = tuple(not_helping)
        self._not_helping = PhraseMatcher(("", tuple(words(w))) for w in self.not_helping)
        self.instead_of = tuple(instead_of)
        self._instead_of = PhraseMatcher(("", tuple(words(w))) for w in self.instead_of)
        self.guesses = tuple(guesses)
        self._guesses = PhraseMatcher(("", tuple(words(w))) for w in self.guesses)
        self.corrections = tuple(corrections)
        self._corrections = PhraseMatcher(("", tuple(words(w))) for w in self.corrections)
        self.asides = asides
        self._asides = PhraseMatcher((side, tuple(words(w))) for side in Asides.sides() for w in getattr(asides, side))
        # Compared on stems, so "bending" and "bent" are both "bend"-like where the stemmer agrees.
        self._cue_before = _stems(cues.before)
        self._cue_between = _stems(cues.between)
        self._cue_after = _stems(cues.after)
        # The cues before a body part that are verbs: a word listed after one too is a preposition.
        self._cue_verbs = self._cue_before - self._cue_after
        self.categories = {
            " ".join(words(name)): tuple(keys) for name, keys in (categories or {}).items()
        }
        self._concepts = {c.key: c for c in (*self.body_parts, *self.injuries)}
        self._kinds = {k.key: k for k in self.kinds}
        self._possessives = frozenset(w for p in symptoms.possessives for w in words(p))
        self._part_possessives = frozenset(w for p in symptoms.possessives_before_parts for w in words(p))
        # The first words of the body parts' names: "me" before one of them is "my".
        self._part_first_words = frozenset(
            first for c in self.body_parts for term in (*c.terms, *c.other_languages) for first in words(term)[:1])
        self._contractions = tuple(tuple(tuple(words(m)) for m in group) for group in symptoms.contractions)
        # A phrase holding none of these words holds no contraction (most do not): told by one set test.
        self._contraction_firsts = frozenset(m[0] for group in self._contractions for m in group if m)
        ignored = [(_IGNORE + c.key, form) for c in self._concepts.values() for p in c.not_about
                   for form in self.forms(p)]
        self._matcher = PhraseMatcher(
            [(c.key, form) for c in self._concepts.values() for term in c.post_terms() for form in self.forms(term)]
            + ignored
        )
        # The body parts a search names: in other languages too ("outside of the ginocchio"), never a post.
        # Another language's name is matched as written, never by its English stem ("pied" is no "pie").
        english_forms = {form for c in self._concepts.values() for term in c.post_terms() for form in self.forms(term)}
        as_written = frozenset(form for c in self.body_parts for name in c.other_languages
                               for form in self.forms(name)) - english_forms
        self._searched_parts = PhraseMatcher(
            [(c.key, form) for c in self._concepts.values() if c.kind == "body_part"
             for term in (*c.post_terms(), *c.other_languages) for form in self.forms(term)] + ignored,
            as_written,
        )
        # A body part named in another language in one word reads, for its places, as its first English
        # name of one word: "the front of the heup" is the front of the hip, a spot of the hip flexors.
        # Not a word a spot names as written ("outside of the cuisse" is the IT band's, not the quads').
        spot_words = {w for spot in symptoms.spots for term in spot.terms for w in words(term)}
        self._part_in_english: dict[str, Analysed] = {}
        # The names of several words, by their first word: a one-word name inside one is not read
        # alone ("pen-glin", the Welsh kneecap, is no "pen" and a Breton knee).
        self._longer_names: dict[str, list[tuple[str, ...]]] = {}
        for part in self.body_parts:
            english = next((analyse(t) for t in part.searched_names() if len(words(t)) == 1), None)
            for name in part.other_languages:
                other = words(name)
                if len(other) > 1:
                    self._longer_names.setdefault(other[0], []).append(tuple(other))
                elif other and english is not None and other[0] not in spot_words:
                    self._part_in_english[other[0]] = english
        self._reader_matcher = PhraseMatcher(
            [(c.key if term not in c.reader_terms else _LOOSE + c.key, form)
             for c in self._concepts.values() for term in c.terms for form in self.forms(term)] + ignored,
            as_written,
        )
        self._cues = PhraseMatcher((k.key, tuple(words(cue))) for k in self.kinds for cue in k.cues)
        self._intents = PhraseMatcher((k.key, tuple(words(w))) for k in self.kinds for w in k.words)
        self._synonyms = PhraseMatcher(
            (str(i), tuple(words(member))) for i, group in enumerate(self.synonyms) for member in group.members
        )
        self.symptom_sections = symptoms
        # Other languages' words, matched as written (no English stemming of "pas" or "mal"), one
        # matcher a language, each with the words every language shares.
        by_language: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for i, (language, written, _) in enumerate(symptoms.translations):
            by_language.setdefault(language, []).append((str(i), tuple(words(written))))
        shared = by_language.pop(EVERY_LANGUAGE, [])
        self._translations = [PhraseMatcher(phrases, {phrase for _, phrase in phrases})
                              for own in (list(by_language.values()) or [[]]) if (phrases := [*own, *shared])]
        # Every language's words in one matcher: most searches hold none, told in one pass, not one a language.
        every = [(key, phrase) for phrases in (*by_language.values(), shared) for key, phrase in phrases]
        self._any_translation = PhraseMatcher(every, {phrase for _, phrase in every})
        # Stems of the words that say something hurts (a post describing an injury uses them).
        self.pain_words = _stems(symptoms.pain_words)
        # The index terms of every region's words ("outside", "lateral", "back"): what is left of a
        # place said in a search is its body part ("backs of my lower legs": "lower leg").
        self.region_terms = frozenset(t for r in symptoms.regions for term in r.terms for t in terms(term))
        self.symptoms = SymptomMatcher(
            symptoms.regions, symptoms.spots, symptoms.triggers,
            [InjurySigns(c.key, c.name, c.where, c.when, c.body_part, c.also_where) for c in self.injuries
             if c.where or c.when or c.also_where],
            _in_other_languages(symptoms.red_flags, self.body_parts), symptoms.joiners,
            self._body_part_matches, self.part_noun, self.forms,
            symptoms.negations, symptoms.wondering, symptoms.ruled_out, symptoms.negation_idioms,
            self.pain_words, as_written,
        )
        self._forms.clear()  # every matcher is built: the forms were needed only to build them

    # -- lookups -------------------------------------------------------------------------------

    def concept(self, key: str) -> Concept:
        """The body part or injury with this key; KeyError if unknown."""
        return self._concepts[key]

    def has_concept(self, key: str) -> bool:
        return key in self._concepts

    def is_cause(self, trigger: str) -> bool:
        """Is this trigger a change in training or form that explains the pain (its `cause`)?"""
        found = self.symptoms.triggers.get(trigger)
        return found is not None and found.cause

    def kind(self, key: str) -> PostKind:
        """The kind of post with this key; KeyError if unknown."""
        return self._kinds[key]

    def label(self, key: str) -> str:
        """Display name of a body part, injury or kind of post; KeyError if unknown."""
        if key in self._concepts:
            return self._concepts[key].name
        return self._kinds[key].name

    def nearby(self, key: str) -> tuple[str, ...]:
        """Body parts to offer when nothing is written on this concept, closest first: an injury's
        own body part, then the parts listed as `near` (the injury's, then its body part's)."""
        concept = self._concepts[key]
        out = [concept.body_part] if concept.body_part and concept.body_part != key else []
        out += concept.near
        if concept.body_part in self._concepts:
            out += self._concepts[concept.body_part].near
        return tuple(k for k in dict.fromkeys(out) if k != key)

    def expansion_terms(self, key: str) -> frozenset[str]:
        """The index terms of every name a search may use for a concept (cached: queries ask often)."""
        found = self._expansion_terms.get(key)
        if found is None:
            found = frozenset(t for name in self.name_terms(key) for t in name)
            self._expansion_terms[key] = found
        return found

    def name_terms(self, key: str) -> tuple[tuple[str, ...], ...]:
        """The index terms of each name a search may use for a concept, name by name (cached: a
        search marks them in its excerpts)."""
        found = self._name_terms.get(key)
        if found is None:
            found = tuple(named for form in self.expansions(key) if (named := tuple(terms(form))))
            self._name_terms[key] = found
        return found

    def written_forms(self, key: str) -> frozenset[str]:
        """Every name a search may use for a concept, and its names in other languages, case and
        accents folded (cached)."""
        found = self._written_forms.get(key)
        if found is None:
            found = frozenset(fold(form) for form in (*self.expansions(key), *self._concepts[key].other_languages))
            self._written_forms[key] = found
        return found

    def reader_term(self, key: str, text: str) -> bool:
        """Whether `text`, read as a reader's search, is one of the concept's `reader_terms` ("touch
        my toes", "sitting cross-legged"): a reader's own way of saying it, no misspelling."""
        analysed = analyse(text)
        return any(m.key == _LOOSE + key and m.start == 0 and m.end == len(analysed.words)
                   for m in self._reader_matcher.find(text, self.normalised(analysed)))

    def expansions(self, key: str) -> tuple[str, ...]:
        """Every name of a concept a search may use (misspellings, reader terms and names in other
        languages left out)."""
        return self._concepts[key].searched_names()

    def part_noun(self, key: str) -> str:
        """How a notice names a body part: its name in lower case, or its first term when the name
        is a label ("Foot and arch" -> "foot")."""
        concept = self._concepts[key]
        if " and " in concept.name and len(concept.terms) > 1:
            return concept.terms[1]
        return concept.name if concept.name[1:2].isupper() else concept.name.lower()

    def synonym_group(self, index: int) -> SynonymGroup:
        return self.synonyms[index]

    def phrases(self) -> list[str]:
        """Every phrase the author wrote in the file (names, places, triggers, kinds, synonyms, red
        flags, pain words...), with "the", which stands in for each possessive in a reader's search."""
        sections = self.symptom_sections
        cues = self.exercise_cues
        out: list[str] = [*self.vague_words, *self.not_helping, *self.instead_of, *self.guesses, *self.corrections,
                          *(w for side in Asides.sides() for w in getattr(self.asides, side)),
                          *cues.before, *cues.between, *cues.after, *self.categories]
        for c in (*self.body_parts, *self.injuries):
            out += [*c.terms, *c.not_about]
        for k in self.kinds:
            out += [*k.cues, *k.words]
        for g in self.synonyms:
            out += g.members
        for region in sections.regions:
            out += region.terms
        for spot in sections.spots:
            out += spot.terms
        for trigger in sections.triggers:
            out += trigger.terms
        for f in sections.red_flags:
            out += [*f.terms, *f.names, *(t for group in f.together for t in group), *f.unless]
        out += [*sections.joiners, *sections.possessives, *sections.pain_words, *sections.negations,
                *sections.wondering, *sections.ruled_out, *sections.negation_idioms]
        out += [m for group in sections.contractions for m in group]
        out += sections.possessives_before_parts
        # (not `translations`: a word the speller knows is a word it corrects towards, and an English
        # search put right into French ("taut" as "tout") would be read as French)
        return [*out, "the"]

    def prefix_terms(self) -> list[tuple[str, str]]:
        """(surface form, key) pairs for autocomplete: names and plain terms (no misspellings or
        generated combinations)."""
        seen: set[tuple[str, str]] = set()
        out = []
        for concept in self._concepts.values():
            for surface in self.expansions(concept.key):
                if surface in concept.combined:
                    continue
                folded = (" ".join(words(surface)), concept.key)
                if folded not in seen:
                    seen.add(folded)
                    out.append((surface, concept.key))
        return out

    # -- matching ------------------------------------------------------------------------------

    def find(self, text: str, analysed: Analysed | None = None, *, reader: bool = False) -> list[Match]:
        """Concept mentions in `text`: longest first, non-overlapping, whole words. `reader`: the text
        is a reader's search, where "my" and the other `possessives` read as "the" ("back of my
        thigh" is "back of the thigh"), and a concept's `reader_terms` count; posts are matched as
        written."""
        analysed = analysed if analysed is not None else analyse(text)
        if not reader:
            return [m for m in self._matcher.find(text, analysed) if not m.key.startswith(_IGNORE)]
        normal = self.normalised(analysed)
        found = [m for m in self._reader_matcher.find(text, normal) if not m.key.startswith(_IGNORE)]
        named = [m for m in found if not m.key.startswith(_LOOSE)]
        loose = [replace(m, key=m.key.removeprefix(_LOOSE)) for m in found if m.key.startswith(_LOOSE)]
        # A loose word listed beside another name ("outside of my hip and thigh") shares what was
        # said of that one: it is no name of its own.
        kept = [m for m in loose if m.key not in _listed([*named, m], normal)]
        return sorted([*named, *kept], key=lambda m: m.start) if kept else named

    def normalised(self, analysed: Analysed) -> Analysed:
        """`analysed` with each possessive word read as "the" (same positions and spans)."""
        swap = self._possessive_positions(analysed.words, analysed.starts, analysed.ends)
        if not swap:
            return analysed
        return Analysed(
            tuple("the" if i in swap else w for i, w in enumerate(analysed.words)),
            tuple("the" if i in swap else s for i, s in enumerate(analysed.stems)),
            tuple(None if i in swap else t for i, t in enumerate(analysed.terms)),
            analysed.starts, analysed.ends,
        )

    def _possessive_positions(self, words_: Sequence[str], starts: Sequence[int] = (),
                              ends: Sequence[int] = ()) -> set[int]:
        """Positions of the words read as "the": the `possessives`, and a `possessives_before_parts`
        word right before a body part's name ("back of me thigh"; not "behind me when I run", nor
        "in front of me, knee locked": with `starts` and `ends`, only one space may come between)."""
        swap: set[int] = set()
        if not self._possessives.isdisjoint(words_):
            swap = {i for i, w in enumerate(words_) if w in self._possessives}
        if self._part_possessives and not self._part_possessives.isdisjoint(words_):
            parts = self._part_first_words
            swap |= {i for i in range(len(words_) - 1)
                     if words_[i] in self._part_possessives and words_[i + 1] in parts
                     and (not starts or starts[i + 1] - ends[i] == 1)}
        return swap

    def forms(self, text: str) -> list[tuple[str, ...]]:
        """The words of a vocabulary phrase as written, and with possessives read as "the" (how a
        reader's search is matched), each also with its contractions said the other ways."""
        found = self._forms.get(text)
        if found is None:
            found = self._forms[text] = tuple(self._worked_out_forms(text))
        return list(found)

    def _worked_out_forms(self, text: str) -> list[tuple[str, ...]]:
        written = tuple(words(text))
        swap = self._possessive_positions(written)
        read = tuple("the" if i in swap else w for i, w in enumerate(written))
        out = [written] if read == written else [written, read]
        bare = (read[0], *(w for w in read[1:-1] if w != "the"), read[-1]) if len(read) > 2 else read
        out = out if bare == read else [*out, bare]
        if all(self._contraction_firsts.isdisjoint(form) for form in out):
            return out
        return list(dict.fromkeys(other for form in out for other in _other_wordings(form, self._contractions)))

    def _body_part_matches(self, text: str, analysed: Analysed, search: bool = False) -> list[Match]:
        # `analysed` is already as the caller reads it; `search`: a reader's search, not a post
        found = (self._searched_parts if search else self._matcher).find(text, analysed)
        return [m for m in found if not m.key.startswith(_IGNORE) and self._concepts[m.key].kind == "body_part"]

    def _read(self, text: str, analysed: Analysed | None, reader: bool) -> Analysed:
        analysed = analysed if analysed is not None else analyse(text)
        return self.normalised(analysed) if reader else analysed

    def places(self, text: str, analysed: Analysed | None = None, *, reader: bool = False, search: bool = False,
               triggers: Sequence[Match] | None = None) -> list[Place]:
        """Regions of body parts in `text` ("outer knee", "outside of my knee", "sole"); `triggers`:
        the text's trigger matches read the same way, when the caller has them already. `search`:
        `text` is a reader's search (read as `reader`), where a body part named in another language
        has its places too ("the outside of the ginocchio")."""
        read = self._read(text, analysed, reader or search)
        return self.symptoms.places(text, self._english_names(read) if search else read, triggers, search=search)

    def _english_names(self, analysed: Analysed) -> Analysed:
        """`analysed` with each body part named in another language in one word read as its English
        name (same positions and spans), for a search's places."""
        if self._part_in_english.keys().isdisjoint(analysed.words):
            return analysed
        ws = analysed.words
        inside = {k for i, w in enumerate(ws) for name in self._longer_names.get(w, ())
                  if ws[i:i + len(name)] == name for k in range(i, i + len(name))}
        said = [None if i in inside else self._part_in_english.get(w) for i, w in enumerate(ws)]
        return Analysed(
            tuple(e.words[0] if e else w for w, e in zip(analysed.words, said, strict=True)),
            tuple(e.stems[0] if e else s for s, e in zip(analysed.stems, said, strict=True)),
            tuple(e.terms[0] if e else t for t, e in zip(analysed.terms, said, strict=True)),
            analysed.starts, analysed.ends,
        )

    def triggers(self, text: str, analysed: Analysed | None = None, *, reader: bool = False) -> list[Match]:
        """When it hurts, in `text` ("first steps in the morning"); keys are trigger keys."""
        return self._trigger_matches(text, self._read(text, analysed, reader))

    def _trigger_matches(self, text: str, analysed: Analysed) -> list[Match]:
        """The triggers in `text`, less a cause the reader says they tried and it did not help:
        "took two weeks off and it came right back" and "new shoes didn't help" say what the
        pain is not, not what brought it on (at most TURNED_DOWN_GAP words before the `not_helping`
        phrase, as for a kind of post, or at most NOT_HELPED_AFTER_GAP words after it: "came straight
        back after 3 weeks off")."""
        found = self.symptoms.trigger_matches(text, analysed)
        if not any(self.symptoms.triggers[m.key].cause for m in found):
            return found
        saying = self._not_helping.find(text, analysed)
        return [m for m in found if not (self.symptoms.triggers[m.key].cause
                                         and any(0 <= s.start - m.end <= TURNED_DOWN_GAP
                                                 or 0 <= m.start - s.end <= NOT_HELPED_AFTER_GAP for s in saying))]

    def guess(self, text: str, analysed: Analysed | None = None) -> Guess | None:
        """The injury a reader's description points to (None when none fits clearly better)."""
        written = analysed if analysed is not None else analyse(text)
        normal = self.normalised(written)
        # A guess the reader takes back points to nothing ("figured it was plantar fasciitis but ...";
        # read as written: "thought my hips ..."; the positions are the same).
        taken = [range(m.start, m.end) for m in self.taken_back(text, written)]

        def kept(m: Match | Place) -> bool:
            return not any(m.start in span for span in taken)

        # A body part inside a trigger of several words is the movement, not where it hurts ("when
        # lifting my knee", "can't get my knees up"), as a search reads it (search/query_parse).
        found = [m for m in self._trigger_matches(text, normal) if kept(m)]
        moves = [t for t in found if t.end - t.start > 1]
        # So is one inside a place of another body part: "the front of my leg below the knee" is the shin.
        places = [p for p in self.places(text, normal, search=True, triggers=found) if kept(p)]
        matches = [m for m in self._body_part_matches(text, normal, search=True)
                   if kept(m) and not any(t.start <= m.start and m.end <= t.end for t in moves)
                   and not any(p.start <= m.start and m.end <= p.end and p.body_part != m.key for p in places)]
        listed = _listed(matches, normal)
        # Body parts listed together ("my knees and shins ache since I upped my miles") are a load
        # problem, not one injury: none of them points to its injury by being named.
        parts = [m.key for m in matches if m.key not in listed]
        guess = self.symptoms.guess(text, normal, parts, found, places)
        if guess is None or guess.triggers or self.pain_words.intersection(normal.stems):
            return guess
        # A place said to do something else, never to hurt ("my arches flatten when I land", "the
        # front of my hips feels tight") points to no injury, as a post's place does not (see
        # tagging); a place on its own ("outside of the knee") is a reader asking about it.
        placed = {i for p in places for i in range(p.start, p.end)}
        said = [t for i, t in enumerate(normal.terms) if i not in placed and t and t not in _READER_TERMS]
        return None if said else guess

    def red_flags(self, text: str, analysed: Analysed | None = None, *, other_languages: bool = True) -> list[RedFlag]:
        """Red-flag symptoms a reader's search describes, each with its reason. A body part named in
        another language counts as its English name too ("my polpaccio is hot and swollen")."""
        read = self._read(text, analysed, True)
        found = self.symptoms.red_flags_in(text, read)
        # Read again where a name in another language or a side ("the back of my R heel") hid a phrase.
        others = [(text, other) for other in (self._english_names(read), _without_sides(read)) if other is not read]
        # ... and a message in another language as its English ("mollet gonflé, chaud" as "calf swollen, hot").
        if other_languages and (in_english := self.in_english(text, read)) is not None:
            english = in_english.text
            translated = self._read(english, None, True)
            others += [(english, translated), (english, self._english_names(translated))]
        if not others:
            return found
        return list({f.key: f for f in (*found, *(g for said, other in others
                                                  for g in self.symptoms.red_flags_in(said, other)))}.values())

    def in_english(self, text: str, analysed: Analysed | None = None) -> InEnglish | None:
        """`text` with the vocabulary's `translations` in it replaced by their English (the rest,
        punctuation included, as written), or None when it holds none.

        A text is read in one language: the one whose words cover most of it (the first listed on a
        tie), so that a word of one language that is another's too ("dor": Portuguese pain, Hindi
        run) is read in the language of its message."""
        analysed = analysed if analysed is not None else analyse(text)
        if not self._any_translation.find(text, analysed):
            return None
        found: list[Match] = []
        for matcher in self._translations:
            said = matcher.find(text, analysed)
            if sum(m.end - m.start for m in said) > sum(m.end - m.start for m in found):
                found = said
        # A body part or injury the vocabulary names itself, as long as the translated words or
        # longer, stays as written: "arrière de la cuisse" is the hamstrings' name, not the back of a
        # "thigh", and the German "Läuferknie" is the IT band's, whatever English runners mean by
        # "runner's knee". So does a longer place, trigger or kind of post it lists.
        names = self._reader_matcher.find(text, analysed)
        listed = [*self.symptoms.phrases_in(text, analysed), *self._intents.find(text, analysed),
                  *self._synonyms.find(text, analysed)]
        found = [m for m in found
                 if not any(k.start < m.end and m.start < k.end and k.end - k.start >= m.end - m.start for k in names)
                 and not any(k.start < m.end and m.start < k.end and k.end - k.start > m.end - m.start for k in listed)]
        if not found:
            return None
        translations = self.symptom_sections.translations
        out, at = [], 0
        for m in found:
            start, end = analysed.starts[m.start], analysed.ends[m.end - 1]
            out += [text[at:start], translations[int(m.key)][2]]
            at = end
        return InEnglish("".join([*out, text[at:]]), len(found),
                         frozenset(i for m in found for i in range(m.start, m.end)))

    def concepts_in(self, text: str, analysed: Analysed | None = None, *, reader: bool = False) -> list[str]:
        """Keys of the concepts mentioned in `text`, in order of first appearance (`reader`: as
        `find` reads a reader's search)."""
        return list(dict.fromkeys(m.key for m in self.find(text, analysed, reader=reader)))

    def is_exercise_cue(self, analysed: Analysed, match: Match, *, place: bool = False) -> bool:
        """True when a body-part mention is an instruction ("feet flat", "bend your knee"). `place`:
        the mention is inside a place, where only a verb before it tells an instruction ("turn your
        top toes down"); a word the cues also list after a body part is a preposition, which reads
        as the place's ("tough on the front knee", "pain behind the kneecap")."""
        stems = analysed.stems
        if match.end < len(stems) and stems[match.end] in self._cue_after:
            return True
        i = match.start - 1
        while i >= 0 and match.start - i <= 2 and stems[i] in self._cue_between:
            i -= 1
        return i >= 0 and stems[i] in (self._cue_verbs if place else self._cue_before)

    def cues(self, text: str, analysed: Analysed | None = None) -> list[Match]:
        """Kind-of-post cues in a post's text (keys are kind keys)."""
        return self._cues.find(text, analysed if analysed is not None else analyse(text))

    def intents(self, text: str, analysed: Analysed | None = None) -> list[Match]:
        """Readers' words for a kind of post in a query ("tight" -> stretch); keys are kind keys."""
        return self._intents.find(text, analysed if analysed is not None else analyse(text))

    def turned_down(self, text: str, intents: Sequence[Match],
                    parts: Sequence[Match] | None = None) -> tuple[frozenset[str], list[Match]]:
        """Kinds of post a reader says do not help ("stretching does nothing", "foam rolling
        hasn't helped", "rolled a ball under it and stretched for a month, no change") or asks for
        something other than ("anything better than stretching", "instead of foam rolling"): the
        kinds, and the words saying so (the `not_helping` phrase and the kind's word before it, at
        most TURNED_DOWN_GAP words apart, or the `instead_of` phrase and the kind's word after it, at
        most INSTEAD_GAP apart; and the kinds joined to that one by "and" or "or", as closely).
        `parts`: the body parts the caller has found in `text` already (read as a search reads them)."""
        analysed = analyse(text)
        turned: set[str] = set()
        spans: list[Match] = []
        named: frozenset[int] | None = None
        for said in self._not_helping.find(text, analysed):
            # Only in its sentence: "feet feel weak. tried insoles (helped a bit but ...)" tried no strength work.
            before = sorted((m for m in intents
                             if m.end <= said.start and same_sentence(text, analysed, m.end - 1, said.start)),
                            key=lambda m: -m.end)
            if before and named is None:
                named = self._part_name_positions(text, analysed, parts)
            tried = _joined(before, said.start, TURNED_DOWN_GAP, analysed, backwards=True,
                            uncounted=named or frozenset())
            if tried:
                turned.update(m.key for m in tried)
                spans += [*reversed(tried), said]
        for said in self._instead_of.find(text, analysed):
            after = sorted((m for m in intents if m.start >= said.end), key=lambda m: m.start)
            other = _joined(after, said.end, INSTEAD_GAP, analysed, backwards=False)
            if other:
                turned.update(m.key for m in other)
                spans += [said, *other]
        for tried in self._kept_at(text, analysed, intents):
            turned.update(m.key for m in tried)
            spans += tried
        return frozenset(turned), spans

    def _part_name_positions(self, text: str, analysed: Analysed,
                             parts: Sequence[Match] | None) -> frozenset[int]:
        """Word positions of the body parts named in `text` (`parts`, when the caller has them), with a
        possessive right before one: what a remedy was done to ("foam rolled my IT band every day and
        it hasn't helped") is one thing, however many words its name takes."""
        read = self.normalised(analysed)
        out: set[int] = set()
        for m in parts if parts is not None else self._body_part_matches(text, read, search=True):
            out.update(range(m.start, m.end))
            if m.start > 0 and read.words[m.start - 1] == "the":
                out.add(m.start - 1)
        return frozenset(out)

    def _kept_at(self, text: str, analysed: Analysed, intents: Sequence[Match]) -> list[list[Match]]:
        """The kinds of post a reader has kept at for weeks and still asks: "stretched my calves
        daily for months", "after six weeks of rolling a ball and towel stretches". A kind's word at
        most KEPT_AT_GAP words before a long spell's "for", in its clause, or right after its "of",
        with the kinds joined to it; not a word that says how it feels ("calves tight for weeks",
        "been stiff for a month": after a body part or a word like "feel" or "been")."""
        spells = long_spells(analysed.words)
        if not spells or not intents:
            return []
        ws, clause = analysed.words, clauses(text, analysed)
        named = {m.end for m in self._matcher.find(text, self.normalised(analysed))}

        def doing(m: Match) -> bool:
            return m.start == 0 or (m.start not in named and ws[m.start - 1] not in _FEELING_LEADS)

        out = []
        for start, end in spells:
            if ws[start] == "for":
                before = sorted((m for m in intents if m.end <= start and clause[m.start] == clause[start]),
                                key=lambda m: -m.end)
                tried = _joined(before, start, KEPT_AT_GAP, analysed, backwards=True)
            else:
                after = sorted((m for m in intents if m.start >= end), key=lambda m: m.start)
                tried = _joined(after, end, KEPT_AT_GAP, analysed, backwards=False) if after[:1] and \
                    after[0].start == end else []
            if tried and doing(tried[0]):
                out.append(tried)
        return out

    def doubted(self, text: str, found: Sequence[Match], places: Sequence[Place]) -> list[Match]:
        """The injuries of `found` (a search's concept matches) the reader only asks about while
        saying it hurts at a place of its body part the injury is not felt at (see
        `SymptomMatcher.doubted`): a guess, not what they search for."""
        injuries = [m for m in found if self.has_concept(m.key) and self.concept(m.key).kind == "injury"]
        return self.symptoms.doubted(text, analyse(text), injuries, places) if injuries and places else []

    def taken_back(self, text: str, analysed: Analysed | None = None) -> list[Match]:
        """The guesses a reader takes back ("thought it was my IT band but my pelvis drops", "blamed
        my lower back, it's actually the middle"): from a `guesses` phrase to the end of its clause or
        the first `corrections` word, at most TAKEN_BACK_GAP words on, where a correction follows
        within CORRECTION_REACH words. What the reader thought is not what they are asking about;
        nor is what they set aside to ask about something else (`Asides`)."""
        analysed = analysed if analysed is not None else analyse(text)
        out = self._set_aside(text, analysed)
        guesses = self._guesses.find(text, analysed)
        if not guesses:
            return out
        corrected = {m.start for m in self._corrections.find(text, analysed)}
        clause = clauses(text, analysed)
        for guess in guesses:
            end = guess.end
            while (end < len(clause) and end - guess.end < TAKEN_BACK_GAP and end not in corrected
                   and clause[end] == clause[guess.start]):
                end += 1
            if end > guess.end and any(i in corrected for i in range(end, end + CORRECTION_REACH)):
                out.append(Match("", guess.start, end, " ".join(analysed.words[guess.start:end])))
        return out

    def _set_aside(self, text: str, analysed: Analysed) -> list[Match]:
        """What the reader sets aside to ask about something else (`Asides`): "forget the neck,
        calves always tight" asks about the calves; so does "neck a bit stiff but the bigger deal is
        my calves"."""
        said = self._asides.find(text, analysed)
        dated = [m for m in said if m.key == "dated" and not ongoing_from(analysed.words, m.start)]
        dated += [Match("dated", i, i + 1, analysed.words[i]) for i in past_years(analysed.words)]
        if not said and not dated:
            return []
        clause = clauses(text, analysed)
        n = len(clause)
        # The body parts and injuries named, and where corrections stand: read once, when needed.
        named: list[Match] | None = None
        if dated or any(m.key in ("history", "denied", "limit") for m in said):
            named = [m for m in self._matcher.find(text, self.normalised(analysed)) if not m.key.startswith(_IGNORE)]
        corrected = ({c.start for c in self._corrections.find(text, analysed)}
                     if any(m.key in ("before", "denied") for m in said) else set())
        spans: list[tuple[int, int]] = self._history(text, analysed, clause, said, dated, named or [])
        places: list[Place] | None = None  # read once, for a limit no body part bounds
        for m in said:
            if m.key in ("history", "dated"):
                continue
            if m.key == "correcting":
                spans += self._corrected(text, analysed, clause, m)
                continue
            if m.key == "limit":
                # Only the body part or place that bounds the pain, with or without punctuation after it:
                # "stops above the knee pigeon pose kills my front knee" still asks about the pigeon pose;
                # "feel it in the front of my hip, never my bum" about the bum.
                end = _bound_end(m, named or [], clause)
                if end is None:
                    places = self.places(text, analysed, reader=True) if places is None else places
                    end = _bound_end(m, places, clause)
                if end is not None:
                    spans.append((m.start, end))
                continue
            if m.key == "denied" and m.start > 0 and clause[m.start - 1] == clause[m.start]:
                continue  # not where a clause opens: "burn my thighs not my glutes" contrasts, it rules nothing out
            if m.key in ("before", "denied"):
                # To the end of its clause, or to a correction: "not the heel but the arch" asks about the arch.
                end = m.end
                while end < n and clause[end] == clause[m.start] and end not in corrected:
                    end += 1
                if m.key == "denied" and not any(m.start <= c.start < end for c in named or []):
                    continue  # "not a bad one", "not the hold-and-stretch kind": no body part ruled out
                spans.append((m.start, end))
                continue
            if m.key == "after" and m.end < n and (clause[m.end] == clause[m.end - 1]
                                                     or analysed.words[m.end] in _GOING_ON):
                continue  # not the end of its clause: "fine for 3 miles then it bites", "felt fine, then"
            start = m.start
            if start == 0 or clause[start - 1] != clause[m.start]:  # it opens its clause: the one before
                start -= 1
                while start > 0 and clause[start - 1] == clause[m.start - 1]:
                    start -= 1
            else:
                while start > 0 and clause[start - 1] == clause[m.start]:
                    start -= 1
            spans.append((max(start, 0), m.end))
        return [Match("", a, b, " ".join(analysed.words[a:b])) for a, b in spans if b > a]

    def _history(self, text: str, analysed: Analysed, clause: Sequence[int], said: Sequence[Match],
                 dated: Sequence[Match], named: Sequence[Match]) -> list[tuple[int, int]]:
        """The old injuries a reader lists before the one they ask about: "hx achilles tendinitis
        2014, PF 2020. calves always tight" asks about the calves; so does "sprained both ankles
        years ago, hamstring pull 2019. my calves ...". A list opened by a `history` phrase runs to
        the end of its sentence; a clause with a past date (`dated`, or a year) is an old injury
        unless the date is when this one began ("since 2019") or the clause says it hurts or lasts
        ("my arches ache like last year", "still stiff"). Only a span naming a body part or
        injury is set aside, and only when the reader names one outside them: "broke my foot in
        2019, it's ached on and off since" is still about the foot. `named`: the body parts and
        injuries the text names."""
        words_ = analysed.words
        n = len(words_)
        spans = []
        for m in said:
            if m.key == "history":
                end = m.end
                while end < n and same_sentence(text, analysed, end - 1, end):
                    end += 1
                spans.append((m.start, end))
        for m in dated:
            start, end = m.start, m.end
            while start > 0 and clause[start - 1] == clause[m.start]:
                start -= 1
            while end < n and clause[end] == clause[m.start]:
                end += 1
            lasting = _LASTING.intersection(words_[start:end])
            if not (lasting or self.pain_words.intersection(analysed.stems[start:end])):
                spans.append((start, end))
        if not spans:
            return []
        old = [(a, b) for a, b in spans if any(a <= m.start < b for m in named)]
        if not old or all(any(a <= m.start < b for a, b in old) for m in named):
            return []
        return old

    def _corrected(self, text: str, analysed: Analysed, clause: Sequence[int], said: Match) -> list[tuple[int, int]]:
        """The clause a reader takes back with a clause of its own ("arch aches, no, more the heel"),
        and the correction itself. When nothing after the correction names a body part, the one
        taken back is kept: "knee pain on top of the kneecap, no, lower" moves the pain, not off the
        knee (and "mid back? no, lower" stays the upper back)."""
        n = len(clause)
        if said.start == 0 or clause[said.start - 1] == clause[said.start] or (
                said.end < n and clause[said.end] == clause[said.start]):
            return []  # not a clause of its own: "can't wait, race is close", "no pain, no swelling"
        start = said.start - 1
        while start > 0 and clause[start - 1] == clause[said.start - 1]:
            start -= 1
        spans = [(start, said.end)]
        parts = self._body_part_matches(text, self.normalised(analysed))
        if any(p.start >= said.end for p in parts):
            return spans
        for part in (p for p in parts if start <= p.start and p.end <= said.start):
            spans = [piece for a, b in spans for piece in ((a, part.start), (part.end, b))]
        return spans

    def synonym_matches(self, text: str, analysed: Analysed | None = None) -> list[Match]:
        """Members of a synonym group in a query; keys are group numbers (as text)."""
        return self._synonyms.find(text, analysed if analysed is not None else analyse(text))


# Words between a kind of post and the phrase saying it does not help ("stretching my calves does
# nothing").
TURNED_DOWN_GAP = 5
# Words between a kind of post and the "for" of the weeks it was kept at ("stretched my calves daily
# for months").
KEPT_AT_GAP = 4
# Words before a kind's word that make it how something feels, not what was done ("calves feel
# tight for weeks", "been stiff for a month").
_FEELING_LEADS = frozenset({"feel", "feels", "felt", "feeling", "is", "are", "was", "were", "been", "be", "being",
                            "so", "very", "really", "still", "always", "quite", "too", "get", "gets", "got",
                            "getting", "gone", "went", "go", "goes", "stays", "stayed", "staying"})
# Words between the phrase saying the pain is back and the cause it came back after ("came straight
# back after 3 weeks off", "still hurts after my two weeks off").
NOT_HELPED_AFTER_GAP = 2
# Words between the phrase asking for something else and the kind it sets aside ("better than
# just stretching", "instead of all the foam rolling").
INSTEAD_GAP = 3
# Words a taken-back guess may run to ("thought it was my IT band" + "but"), and how soon after it
# a correction must come ("thought it was my neck, it's actually ...").
TAKEN_BACK_GAP = 6
CORRECTION_REACH = 3
# Words between a `limit` phrase and the body part that bounds the pain ("stops above my knee").
LIMIT_REACH = 1
# Words that carry a story on past the end of a clause: an `after` aside followed by one ("it was
# fine really, then it went sharp at mile 4") sets nothing aside.
_GOING_ON = frozenset({"then", "until", "till", "til", "when", "unless", "for", "after"})
# A clause that says the old injury lasts ("broke it years ago and it's still stiff") is no old injury's.
_LASTING = frozenset({"still", "again", "now", "since", "ever", "anymore", "lingering", "recurring", "keeps"})

# A side between "my" and the body part ("my R heel", "the left calf"): read without it, a red flag's
# phrase ("back of my heel") is found whichever side it is.
_SIDES = frozenset({"left", "right", "l", "r", "lh", "rh", "lft", "rt"})


def _without_sides(read: Analysed) -> Analysed:
    """`read` less each side word that follows "the" (a possessive read as "the") and comes before
    another word; the same analysed text when there is none."""
    words_ = read.words
    drop = {i for i in range(1, len(words_) - 1) if words_[i] in _SIDES and words_[i - 1] == "the"}
    if not drop:
        return read
    keep = [i for i in range(len(words_)) if i not in drop]
    return Analysed(tuple(words_[i] for i in keep), tuple(read.stems[i] for i in keep),
                    tuple(read.terms[i] for i in keep), tuple(read.starts[i] for i in keep),
                    tuple(read.ends[i] for i in keep))


# Words that join two things a reader tried ("rolled a ball and stretched").
_JOINING = frozenset({"and", "or", "plus"})


def _bound_end(limit: Match, found: Sequence[Match | Place], clause: Sequence[int]) -> int | None:
    """Where the body part or place that a `limit` phrase bounds the pain by ends: the first of
    `found` at most LIMIT_REACH words after it, in its clause."""
    return next((c.end for c in found if limit.end <= c.start <= limit.end + LIMIT_REACH
                 and clause[c.start] == clause[limit.start]), None)


def _joined(matches: Sequence[Match], edge: int, gap: int, analysed: Analysed, *, backwards: bool,
            uncounted: frozenset[int] = frozenset()) -> list[Match]:
    """The matches reached from `edge` (nearest first, at most `gap` words away, not counting the
    `uncounted` positions), and each one joined to the last by "and" or "or" just as closely:
    "rolled a ball and stretched"."""
    out: list[Match] = []
    for m in matches:
        far, near = (m.end, edge) if backwards else (edge, m.start)
        between = near - far - sum(1 for i in uncounted if far <= i < near)
        if between > gap or (out and not _JOINING.intersection(analysed.words[far:near])):
            break
        out.append(m)
        edge = m.start if backwards else m.end
    return out

# Words a reader writes about themselves: no sign of what a place does ("my", "I").
_READER_TERMS = frozenset(t for w in ("i", "me", "my", "mine", "myself", "im", "ive", "id", "ill") for t in terms(w))


def dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _other_wordings(form: tuple[str, ...],
                    groups: tuple[tuple[tuple[str, ...], ...], ...]) -> list[tuple[str, ...]]:
    """`form`, and `form` with the first wording of a group it holds said each other way of the
    group ("cant hop": "can not hop", "cannot hop")."""
    out = [form]
    for group in groups:
        for member in group:
            at = _find(form, member)
            if at < 0:
                continue
            out += [(*form[:at], *other, *form[at + len(member):]) for other in group if other != member]
            break
    return out


def _find(form: tuple[str, ...], member: tuple[str, ...]) -> int:
    for i in range(len(form) - len(member) + 1):
        if form[i:i + len(member)] == member:
            return i
    return -1


def _stems(words_: Sequence[str]) -> frozenset[str]:
    return frozenset(stem for word in words_ for stem in analyse(word).stems)


# Words that join a list of body parts ("knees and shins", "hip or knee", "both knees and the shins").
_LIST_WORDS = frozenset({"and", "or", "both", "the", "also"})
_LIST_JOINS = frozenset({"and", "or"})


def _listed(matches: Sequence[Match], analysed: Analysed) -> set[str]:
    """Keys of different body parts named in a list, next to each other with "and" / "or"."""
    out: set[str] = set()
    ordered = sorted(matches, key=lambda m: m.start)
    for a, b in pairwise(ordered):
        between = analysed.words[a.end:b.start]
        if a.key != b.key and _LIST_JOINS.intersection(between) and set(between) <= _LIST_WORDS:
            out.update((a.key, b.key))
    return out


def _in_other_languages(flags: Sequence[RedFlag], body_parts: Sequence[Concept]) -> list[RedFlag]:
    """The red flags with each body part their `together` lists name also named in the reader's other
    languages: "my left bap chan is swollen, hot and red" is the calf's clot as "calf" is."""
    parts = [(frozenset(part.terms), part.other_languages) for part in body_parts if part.other_languages]

    def widened(group: tuple[str, ...]) -> tuple[str, ...]:
        extra = [name for terms_, others in parts if not terms_.isdisjoint(group) for name in others]
        return tuple(dict.fromkeys((*group, *extra))) if extra else group

    return [replace(fl, together=tuple(widened(group) for group in fl.together)) if fl.together else fl
            for fl in flags]

"""Body parts, injuries, kinds of post and synonyms: the vocabulary's data and its lookups.

The data comes from a `vocabulary.yaml` (the package's, or the author's own: see
`vocabulary_file`). Concept names are matched over analysed text with `PhraseMatcher`:
longest first, exact before stemmed, whole words, never across clause punctuation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .analysis import Analysed, analyse, fold, terms, words
from .phrases import Match, PhraseMatcher

__all__ = ["Concept", "Match", "PostKind", "Vocabulary"]

ConceptKind = Literal["body_part", "injury"]
_IGNORE = "!"  # prefix of the matcher keys of `not_about` phrases: matched, then dropped


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
class SynonymGroup:
    """Words that mean the same in a search (not body parts or injuries); the first is the main one."""

    members: tuple[str, ...]


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
    ) -> None:
        self.body_parts = tuple(body_parts)
        self.injuries = tuple(injuries)
        self.kinds = tuple(kinds)
        self.synonyms = tuple(synonyms)
        self.source = source
        self.exercise_cues = cues
        self._expansion_terms: dict[str, frozenset[str]] = {}
        self._written_forms: dict[str, frozenset[str]] = {}
        self.vague_words = tuple(vague_words)
        # Compared on stems, so "bending" and "bent" are both "bend"-like where the stemmer agrees.
        self._cue_before = _stems(cues.before)
        self._cue_between = _stems(cues.between)
        self._cue_after = _stems(cues.after)
        self.categories = {
            " ".join(words(name)): tuple(keys) for name, keys in (categories or {}).items()
        }
        self._concepts = {c.key: c for c in (*self.body_parts, *self.injuries)}
        self._kinds = {k.key: k for k in self.kinds}
        self._matcher = PhraseMatcher(
            [(c.key, tuple(words(term))) for c in self._concepts.values() for term in c.terms]
            + [(_IGNORE + c.key, tuple(words(p))) for c in self._concepts.values() for p in c.not_about]
        )
        self._cues = PhraseMatcher((k.key, tuple(words(cue))) for k in self.kinds for cue in k.cues)
        self._intents = PhraseMatcher((k.key, tuple(words(w))) for k in self.kinds for w in k.words)
        self._synonyms = PhraseMatcher(
            (str(i), tuple(words(member))) for i, group in enumerate(self.synonyms) for member in group.members
        )

    # -- lookups -------------------------------------------------------------------------------

    def concept(self, key: str) -> Concept:
        """The body part or injury with this key; KeyError if unknown."""
        return self._concepts[key]

    def has_concept(self, key: str) -> bool:
        return key in self._concepts

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
            found = frozenset(t for form in self.expansions(key) for t in terms(form))
            self._expansion_terms[key] = found
        return found

    def written_forms(self, key: str) -> frozenset[str]:
        """Every name a search may use for a concept, case and accents folded (cached)."""
        found = self._written_forms.get(key)
        if found is None:
            found = frozenset(fold(form) for form in self.expansions(key))
            self._written_forms[key] = found
        return found

    def expansions(self, key: str) -> tuple[str, ...]:
        """Every name of a concept a search may use (misspellings left out)."""
        concept = self._concepts[key]
        return tuple(t for t in concept.terms if t not in concept.misspellings)

    def synonym_group(self, index: int) -> SynonymGroup:
        return self.synonyms[index]

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

    def find(self, text: str, analysed: Analysed | None = None) -> list[Match]:
        """Concept mentions in `text`: longest first, non-overlapping, whole words."""
        found = self._matcher.find(text, analysed if analysed is not None else analyse(text))
        return [m for m in found if not m.key.startswith(_IGNORE)]

    def concepts_in(self, text: str, analysed: Analysed | None = None) -> list[str]:
        """Keys of the concepts mentioned in `text`, in order of first appearance."""
        return list(dict.fromkeys(m.key for m in self.find(text, analysed)))

    def is_exercise_cue(self, analysed: Analysed, match: Match) -> bool:
        """True when a body-part mention is an instruction ("feet flat", "bend your knee")."""
        stems = analysed.stems
        if match.end < len(stems) and stems[match.end] in self._cue_after:
            return True
        i = match.start - 1
        while i >= 0 and match.start - i <= 2 and stems[i] in self._cue_between:
            i -= 1
        return i >= 0 and stems[i] in self._cue_before

    def cues(self, text: str, analysed: Analysed | None = None) -> list[Match]:
        """Kind-of-post cues in a post's text (keys are kind keys)."""
        return self._cues.find(text, analysed if analysed is not None else analyse(text))

    def intents(self, text: str, analysed: Analysed | None = None) -> list[Match]:
        """Readers' words for a kind of post in a query ("tight" -> stretch); keys are kind keys."""
        return self._intents.find(text, analysed if analysed is not None else analyse(text))

    def synonym_matches(self, text: str, analysed: Analysed | None = None) -> list[Match]:
        """Members of a synonym group in a query; keys are group numbers (as text)."""
        return self._synonyms.find(text, analysed if analysed is not None else analyse(text))


def dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _stems(words_: Sequence[str]) -> frozenset[str]:
    return frozenset(stem for word in words_ for stem in analyse(word).stems)

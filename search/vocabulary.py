"""Body parts, injuries and kinds of post: phrase matching over text and tagging of posts.

The data lives in `vocabulary.yaml` (edited by the blog's author); this module loads and
validates it, and matches its phrases over `analysis.words()` tokens (folded words, no stop
words removed). A phrase matches a run of adjacent tokens either exactly or after stemming
("runner's knees" = "runners knee" = "runner knee"); the longest phrase wins and an exact match
beats a stemmed one of the same length ("ITBS" is the syndrome, though it stems to "itb").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..index.post import Post
from .analysis import stem, word_spans, words

__all__ = ["Concept", "Match", "PostKind", "Vocabulary", "load_vocabulary"]

# Kind scoring: a cue in the title weighs most, then categories/tags, then each body mention
# (capped, so a long post that says "pain" thirty times is not an injury explainer for it).
TITLE_WEIGHT = 3.0
LABEL_WEIGHT = 2.0
BODY_WEIGHT = 0.5
BODY_CAP = 1.5  # < SECOND_KIND_RATIO * TITLE_WEIGHT: body cues never add a kind beside a title cue
MIN_KIND_SCORE = 1.0
SECOND_KIND_RATIO = 0.6  # a second kind needs this share of the best kind's score
# A concept mentioned once in the body counts only inside the lead: the first paragraph,
# at most LEAD_WORDS words (bodies without blank lines would otherwise be all "lead").
LEAD_WORDS = 80
BODY_MIN_MENTIONS = 2
BODY_PART_MIN_MENTIONS = 4
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|</p\s*>", re.IGNORECASE)
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# A phrase never spans clause punctuation or a blank line: "do it. Band practice" is no IT
# band. A single newline does not break (hard-wrapped Markdown).
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}<>\"|]|\n\s*\n")
_TOP_LEVEL = {"body_parts", "injuries", "kinds", "categories", "general_synonyms"}


@dataclass(frozen=True)
class Concept:
    """A body part or an injury; `terms` holds every surface form, name first."""

    key: str
    name: str
    kind: str  # "body_part" | "injury"
    body_part: str | None
    terms: tuple[str, ...]
    misspellings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """A concept found in text: token positions [start, end) in `analysis.words(text)`."""

    key: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class PostKind:
    """A kind of post (stretch, strengthening, ...) and the cue phrases that reveal it."""

    key: str
    name: str
    cues: tuple[str, ...]


_Phrase = tuple[str, ...]


class _PhraseMatcher:
    """Longest, non-overlapping phrase matching, indexed by each phrase's first token."""

    def __init__(self, phrases: Iterable[tuple[str, _Phrase]]) -> None:
        self._exact: dict[str, list[tuple[_Phrase, str]]] = {}
        self._stemmed: dict[str, list[tuple[_Phrase, str]]] = {}
        for key, tokens in phrases:
            _add(self._exact, tokens, key)
            _add(self._stemmed, tuple(map(stem, tokens)), key)
        for table in (self._exact, self._stemmed):
            for candidates in table.values():
                candidates.sort(key=lambda item: -len(item[0]))  # stable: first defined wins

    def find(self, text: str) -> list[Match]:
        spans = word_spans(text)
        tokens = [word for word, _, _ in spans]
        stems = [stem(token) for token in tokens]
        # clause[i]: number of the clause token i is in; a phrase must stay inside one clause.
        clause = [0] * len(spans)
        for i in range(1, len(spans)):
            gap = text[spans[i - 1][2] : spans[i][1]]
            clause[i] = clause[i - 1] + (1 if _CLAUSE_BREAK.search(gap) else 0)
        out: list[Match] = []
        i = 0
        while i < len(tokens):
            exact = _longest(self._exact.get(tokens[i], ()), tokens, clause, i)
            stemmed = _longest(self._stemmed.get(stems[i], ()), stems, clause, i)
            best = exact if exact and (not stemmed or exact[0] >= stemmed[0]) else stemmed
            if best is None:
                i += 1
                continue
            length, key = best
            out.append(Match(key, i, i + length, " ".join(tokens[i : i + length])))
            i += length
        return out


def _add(table: dict[str, list[tuple[_Phrase, str]]], tokens: _Phrase, key: str) -> None:
    candidates = table.setdefault(tokens[0], [])
    if all(existing != tokens for existing, _ in candidates):
        candidates.append((tokens, key))


def _longest(
    candidates: Iterable[tuple[_Phrase, str]], tokens: Sequence[str], clause: Sequence[int], i: int
) -> tuple[int, str] | None:
    for phrase, key in candidates:  # sorted longest first
        end = i + len(phrase)
        if tuple(tokens[i:end]) == phrase and clause[end - 1] == clause[i]:
            return len(phrase), key
    return None


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


class Vocabulary:
    """The loaded vocabulary: lookups, phrase matching and post tagging (immutable)."""

    def __init__(
        self,
        body_parts: Sequence[Concept],
        injuries: Sequence[Concept],
        kinds: Sequence[PostKind],
        synonyms: Sequence[Sequence[str]] = (),
        categories: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.body_parts = tuple(body_parts)
        self.injuries = tuple(injuries)
        self.kinds = tuple(kinds)
        self.synonyms = tuple(tuple(group) for group in synonyms)
        self.categories = {
            " ".join(words(name)): tuple(keys) for name, keys in (categories or {}).items()
        }
        self._concepts = {c.key: c for c in (*self.body_parts, *self.injuries)}
        self._kinds = {k.key: k for k in self.kinds}
        self._matcher = _PhraseMatcher(
            (c.key, tuple(words(term))) for c in self._concepts.values() for term in c.terms
        )
        self._cues = _PhraseMatcher(
            (k.key, tuple(words(cue))) for k in self.kinds for cue in k.cues
        )

    def concept(self, key: str) -> Concept:
        """The body part or injury with this key; KeyError if unknown."""
        return self._concepts[key]

    def find(self, text: str) -> list[Match]:
        """Concept mentions in `text`: longest match first, non-overlapping, whole words."""
        return self._matcher.find(text)

    def concepts_in(self, text: str) -> list[str]:
        """Keys of the concepts mentioned in `text`, in order of first appearance."""
        return list(_dedupe(m.key for m in self.find(text)))

    def expansions(self, key: str) -> tuple[str, ...]:
        """Surface forms to OR into a query for this concept (misspellings left out)."""
        concept = self._concepts[key]
        return tuple(t for t in concept.terms if t not in concept.misspellings)

    def label(self, key: str) -> str:
        """Display name of a body part, injury or kind of post; KeyError if unknown."""
        if key in self._concepts:
            return self._concepts[key].name
        return self._kinds[key].name

    def prefix_terms(self) -> list[tuple[str, str]]:
        """(surface form, key) pairs for autocomplete, misspellings left out."""
        seen: set[tuple[str, str]] = set()
        out = []
        for concept in self._concepts.values():
            for surface in self.expansions(concept.key):
                folded = (" ".join(words(surface)), concept.key)
                if folded not in seen:
                    seen.add(folded)
                    out.append((surface, concept.key))
        return out

    def tag(self, post: Post) -> Post:
        """`post` with body_parts, injuries and kinds derived from its text."""
        keys: list[str] = []
        keys += self.concepts_in(post.title)
        for category in post.categories:
            mapped = self.categories.get(" ".join(words(category)))
            keys += mapped if mapped is not None else self.concepts_in(category)
        for tag in post.tags:
            keys += self.concepts_in(tag)
        keys += self._body_concepts(post.body, has_labelled_topic=bool(keys))
        body_parts: list[str] = []
        injuries: list[str] = []
        for key in _dedupe(keys):
            concept = self._concepts[key]
            if concept.kind == "injury":
                injuries.append(key)
                if concept.body_part:
                    body_parts.append(concept.body_part)
            else:
                body_parts.append(key)
        return post.with_changes(
            body_parts=_dedupe(body_parts), injuries=tuple(injuries), kinds=self.kinds_of(post)
        )

    def kinds_of(self, post: Post) -> tuple[str, ...]:
        """The 1-2 best kinds of post by cue score; ("other",) when no cue is strong enough."""
        scores: Counter[str] = Counter()
        for match in self._cues.find(post.title):
            scores[match.key] += TITLE_WEIGHT
        for label in (*post.categories, *post.tags):
            for key in _dedupe(m.key for m in self._cues.find(label)):
                scores[key] += LABEL_WEIGHT
        body = Counter(m.key for m in self._cues.find(post.body))
        for key, count in body.items():
            scores[key] += min(count * BODY_WEIGHT, BODY_CAP)
        order = {key: i for i, key in enumerate(self._kinds)}
        ranked = sorted(
            (key for key, score in scores.items() if score >= MIN_KIND_SCORE),
            key=lambda key: (-scores[key], order[key]),
        )
        if not ranked:
            return ("other",)
        best = scores[ranked[0]]
        return tuple(k for k in ranked[:2] if scores[k] >= best * SECOND_KIND_RATIO)

    def _body_concepts(self, body: str, has_labelled_topic: bool) -> list[str]:
        """Keys the body is about, not just mentions.

        Injuries are specific, so two mentions (or one in the lead) are enough. Body parts also
        turn up in exercise cues ("bend your knee"), so a post whose title, categories or tags
        already name its topic needs a body part mentioned BODY_PART_MIN_MENTIONS times.
        """
        lead = next((p for p in _PARAGRAPH_BREAK.split(body) if words(p)), "")
        lead_end = min(len(words(lead)), LEAD_WORDS)
        matches = self.find(body)
        counts = Counter(m.key for m in matches)

        def salient(match: Match) -> bool:
            if self._concepts[match.key].kind == "injury" or not has_labelled_topic:
                return counts[match.key] >= BODY_MIN_MENTIONS or match.start < lead_end
            return counts[match.key] >= BODY_PART_MIN_MENTIONS

        return [m.key for m in matches if salient(m)]


# Loading ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _default_vocabulary() -> Vocabulary:
    source = resources.files("runphys.search").joinpath("vocabulary.yaml")
    return _parse(source.read_text(encoding="utf-8"), "search/vocabulary.yaml")


def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """Load and validate a vocabulary file (default: the package's vocabulary.yaml, cached)."""
    if path is None:
        return _default_vocabulary()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read vocabulary file: {exc}") from exc
    return _parse(text, str(path))


class _Reader:
    """Validates the YAML document; every error names the file and the entry."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.owner: dict[str, str] = {}  # folded term -> key that owns it
        self.keys: set[str] = set()

    def fail(self, where: str, problem: str) -> ValueError:
        return ValueError(f"{self.source}: {where}: {problem}")

    def section(self, data: dict[str, Any], name: str) -> list[Any]:
        value = data.get(name)
        if not isinstance(value, list):
            raise self.fail(name, "missing, or not a list")
        return value

    def strings(self, value: Any, where: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        if value is None and allow_empty:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(where, "must be a list of words (quote words YAML reads as yes/no)")
        for text in value:
            if not words(text):
                raise self.fail(where, f"{text!r} has no letters or digits")
        return tuple(value)

    def entry(self, item: Any, where: str, fields: set[str]) -> tuple[str, str, str]:
        if not isinstance(item, dict):
            raise self.fail(where, "must be a mapping with key, name, ...")
        key, name = item.get("key"), item.get("name")
        where = f"{where} ({key})" if isinstance(key, str) else where
        if unknown := set(item) - fields:
            raise self.fail(where, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        if not isinstance(key, str) or not _KEY.match(key):
            raise self.fail(where, "key must be lowercase letters, digits and _")
        if key in self.keys:
            raise self.fail(where, f"duplicate key {key!r}")
        if not isinstance(name, str) or not name.strip():
            raise self.fail(where, "name must be a non-empty string")
        self.keys.add(key)
        return key, name, where

    def concept(self, item: Any, where: str, kind: str, parts: set[str]) -> Concept:
        fields = {"key", "name", "terms", "misspellings"}
        if kind == "injury":
            fields.add("body_part")
        key, name, where = self.entry(item, where, fields)
        terms = self.strings(item.get("terms"), f"{where}.terms", allow_empty=True)
        misspellings = self.strings(
            item.get("misspellings"), f"{where}.misspellings", allow_empty=True
        )
        body_part = None
        if kind == "injury":
            if "body_part" not in item:
                raise self.fail(where, "body_part missing (use ~ for none)")
            body_part = item["body_part"]
            if body_part is not None and body_part not in parts:
                raise self.fail(where, f"body_part {body_part!r} is not a body-part key")
        for term in (name, *terms, *misspellings):
            folded = " ".join(words(term))
            owner = self.owner.setdefault(folded, key)
            if owner != key:
                raise self.fail(where, f"term {term!r} already belongs to {owner!r}")
        all_terms = _dedupe((name, *terms, *misspellings))
        return Concept(key, name, kind, body_part, all_terms, _dedupe(misspellings))

    def kind(self, item: Any, where: str) -> PostKind:
        key, name, where = self.entry(item, where, {"key", "name", "cues"})
        cues = self.strings(item.get("cues"), f"{where}.cues", allow_empty=True)
        return PostKind(key, name, _dedupe(cues))

    def categories(self, value: Any, parts: set[str]) -> dict[str, tuple[str, ...]]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail("categories", "must map category names to lists of body-part keys")
        out = {}
        for name, keys in value.items():
            where = f"categories ({name})"
            keys = self.strings(keys, where, allow_empty=True)
            if unknown := [k for k in keys if k not in parts]:
                raise self.fail(where, f"unknown body-part key(s) {', '.join(unknown)}")
            out[str(name)] = keys
        return out

    def synonyms(self, value: Any) -> tuple[tuple[str, ...], ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail("general_synonyms", "must be a list of lists of words")
        return tuple(
            self.strings(group, f"general_synonyms[{i}]") for i, group in enumerate(value)
        )


def _parse(text: str, source: str) -> Vocabulary:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"{source}: not valid YAML: {exc}") from exc
    reader = _Reader(source)
    if not isinstance(data, dict):
        raise reader.fail("top level", "must be a mapping with body_parts, injuries, kinds")
    if unknown := set(data) - _TOP_LEVEL:
        raise reader.fail("top level", f"unknown section(s) {', '.join(sorted(map(str, unknown)))}")
    body_parts = [
        reader.concept(item, f"body_parts[{i}]", "body_part", set())
        for i, item in enumerate(reader.section(data, "body_parts"))
    ]
    parts = {c.key for c in body_parts}
    injuries = [
        reader.concept(item, f"injuries[{i}]", "injury", parts)
        for i, item in enumerate(reader.section(data, "injuries"))
    ]
    kinds = [
        reader.kind(item, f"kinds[{i}]") for i, item in enumerate(reader.section(data, "kinds"))
    ]
    if "other" not in {k.key for k in kinds}:
        raise reader.fail("kinds", "a kind with key 'other' is required")
    return Vocabulary(
        body_parts,
        injuries,
        kinds,
        reader.synonyms(data.get("general_synonyms")),
        reader.categories(data.get("categories"), parts),
    )

"""Query text -> parsed tree -> Whoosh query. Pure functions: no index, no I/O.

Pipeline: `sanitize` (control characters, whitespace, length) -> `tokenize` (words, quoted
phrases, AND/OR/NOT, -exclude, parentheses) -> `parse` (a small tree; anything odd degrades to
plain words, never an exception) -> `to_query` (Whoosh objects, vocabulary concepts expanded).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Literal, Protocol, Union

from whoosh import query as wq

from .analysis import STOPWORDS, WORD_PATTERN, fold, terms, words
from .matching import DisMax, Or
from .schema import CONCEPT_FIELDS, FIELD_BOOSTS

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

MAX_QUERY_CHARS = 500
# More atoms than this are dropped. A 500-character question has ~90 words: none of them is
# dropped (peers rank on every word; cutting at 32 lost the end of long questions).
MAX_CLAUSES = 128
ANY_NOTICE = "showing results for any of the words"
# A concept scores its best-matching form plus this share of each other matching form. Small:
# a post naming a concept six ways ("thoracic spine", "T-spine", "mid back", ...) must not beat
# a post that names it once and also matches the reader's other words.
CONCEPT_TIEBREAK = 0.05
# The words the reader typed count fully; the concept's other names a little less ("upper back
# stretch": a post titled "Upper Back Stretches" beats one that says "thoracic spine" often).
SYNONYM_WEIGHT = 0.8
STOP_FIELD = "words"  # unstemmed words of title, tags and body, stop words included

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(
    r'(?P<phrase>"[^"]*")|(?P<lparen>\()|(?P<rparen>\))'
    r'|(?P<neg>(?<![^\s(])-(?=[^\W_]|"[^"]*[^\W_][^"]*"))'
    r"|(?P<word>" + WORD_PATTERN.pattern + ")"
)
OPERATORS = {"AND": "and", "OR": "or", "NOT": "not", "&&": "and", "||": "or"}


class MatchLike(Protocol):
    key: str
    start: int
    end: int
    surface: str


def sanitize(text: str | None) -> tuple[str, tuple[str, ...]]:
    """Drop control characters, collapse whitespace, cut at MAX_QUERY_CHARS (with a notice)."""
    text = unicodedata.normalize("NFC", text or "")
    text = _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()
    # Lone surrogates cannot be encoded anywhere downstream.
    text = text.encode("utf-8", "replace").decode("utf-8")
    notices: tuple[str, ...] = ()
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0] if " " in text[:MAX_QUERY_CHARS] else text[:MAX_QUERY_CHARS]
        notices = (f"query cut to {MAX_QUERY_CHARS} characters",)
    return text, notices


# ---------------------------------------------------------------------------------------------
# Tokens and tree

TokenKind = Literal["word", "phrase", "concept", "and", "or", "not", "neg", "lparen", "rparen"]


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    start: int
    end: int
    key: str = ""  # vocabulary key, for kind == "concept"


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class Concept:
    key: str
    surface: str


@dataclass(frozen=True)
class All:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Any:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


Node = Union[Word, Phrase, Concept, All, Any, Not]


def tokenize(text: str) -> list[Token]:
    """Split sanitized text into tokens; stray quotes and punctuation are skipped."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "word"
        value, start, end = m.group(), m.start(), m.end()
        if kind == "phrase":
            inner = value[1:-1]
            value = inner.strip()
            if not value:
                continue
            # Span of the words inside the quotes (lines up with vocabulary match positions).
            start = start + 1 + (len(inner) - len(inner.lstrip()))
            end = start + len(value)
        elif kind == "word" and value in OPERATORS:
            kind = OPERATORS[value]
        out.append(Token(kind, value, start, end))  # type: ignore[arg-type]
    return out


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character span of each word of `analysis.words(text)` (vocabulary match positions)."""
    return [(m.start(), m.end()) for m in WORD_PATTERN.finditer(text) if words(m.group())]


def mark_concepts(
    tokens: list[Token], matches: Sequence[MatchLike], spans: Sequence[tuple[int, int]]
) -> list[Token]:
    """Replace runs of words (or a whole phrase) that a vocabulary match covers by one concept."""
    out = list(tokens)
    for match in sorted(matches, key=lambda m: m.start, reverse=True):
        if not 0 <= match.start < match.end <= len(spans):
            continue
        lo, hi = spans[match.start][0], spans[match.end - 1][1]
        inside = [i for i, t in enumerate(out) if t.start >= lo and t.end <= hi]
        if not inside or inside != list(range(inside[0], inside[-1] + 1)):
            continue
        run = [out[i] for i in inside]
        if not all(t.kind in ("word", "phrase") for t in run):
            continue
        if any(t.kind == "phrase" for t in run) and len(run) > 1:
            continue
        if run[0].kind == "phrase" and words(run[0].text) != words(match.surface):
            continue  # the concept is only part of the quoted phrase
        first, last = inside[0], inside[-1]
        surface = " ".join(t.text for t in run)
        out[first : last + 1] = [Token("concept", surface, run[0].start, run[-1].end, key=match.key)]
    return out


class _ParseError(Exception):
    pass


class _Parser:
    """expr := and_expr (OR and_expr)* ; and_expr := unary (AND? unary)* ;
    unary := (NOT | -) unary | atom ; atom := word | phrase | concept | ( expr )"""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise _ParseError("unexpected end")
        self.i += 1
        return token

    def expr(self) -> Node:
        children = [self.and_expr()]
        while (t := self.peek()) is not None and t.kind == "or":
            self.take()
            children.append(self.and_expr())
        return children[0] if len(children) == 1 else Any(tuple(children))

    def and_expr(self) -> Node:
        children = [self.unary()]
        while (t := self.peek()) is not None and t.kind not in ("or", "rparen"):
            if t.kind == "and":
                self.take()
            children.append(self.unary())
        return children[0] if len(children) == 1 else All(tuple(children))

    def unary(self) -> Node:
        t = self.take()
        if t.kind in ("not", "neg"):
            return Not(self.unary())
        if t.kind == "lparen":
            inner = self.expr()
            if self.take().kind != "rparen":
                raise _ParseError("unbalanced parenthesis")
            return inner
        return _atom(t)


def _atom(t: Token) -> Node:
    if t.kind == "word":
        return Word(t.text)
    if t.kind == "phrase":
        return Phrase(t.text)
    if t.kind == "concept":
        return Concept(t.key, t.text)
    raise _ParseError(f"unexpected {t.kind}")


def parse(tokens: list[Token]) -> tuple[Node | None, bool]:
    """The query tree and whether the user's operators were kept (False = plain words)."""
    atoms = [t for t in tokens if t.kind in ("word", "phrase", "concept")][:MAX_CLAUSES]
    if not atoms:
        return None, False
    has_ops = any(t.kind not in ("word", "phrase", "concept") for t in tokens)
    if has_ops and len(tokens) <= 4 * MAX_CLAUSES:
        parser = _Parser(tokens)
        try:
            tree = parser.expr()
            if parser.peek() is None:
                return tree, True
        except (_ParseError, RecursionError):
            pass
    plain = tuple(_atom(t) for t in atoms)
    return (plain[0] if len(plain) == 1 else All(plain)), False


# ---------------------------------------------------------------------------------------------
# Whoosh queries


def _field_terms(text: str, fields: dict[str, float], boost: float = 1.0) -> wq.Query | None:
    ts = terms(text)
    if not ts:
        return None
    if len(ts) == 1:
        subs: list[wq.Query] = [wq.Term(f, ts[0], boost=b * boost) for f, b in fields.items()]
    else:
        subs = [wq.Phrase(f, ts, boost=b * boost) for f, b in fields.items()]
    return Or(subs)


def _concept_query(key: str, surface: str, vocabulary: Vocabulary | None) -> wq.Query | None:
    forms: list[str] = [surface]
    if vocabulary is not None:
        try:
            forms.extend(vocabulary.expansions(key))
        except KeyError:
            pass
    subs: list[wq.Query] = []
    seen: set[tuple[str, ...]] = set()
    for i, form in enumerate(forms):
        ts = tuple(terms(form))
        if ts and ts not in seen:
            seen.add(ts)
            q = _field_terms(form, FIELD_BOOSTS, 1.0 if i == 0 else SYNONYM_WEIGHT)
            if q is not None:
                subs.append(q)
    subs.extend(wq.Term(f, key, boost=b) for f, b in CONCEPT_FIELDS.items())
    # DisMax-like: the best form counts fully, the others add a little (no double counting
    # of one post that uses three synonyms).
    return DisMax(subs, tiebreak=CONCEPT_TIEBREAK)


def _leaf(node: Node, vocabulary: Vocabulary | None) -> wq.Query | None:
    if isinstance(node, Word | Phrase):
        return _field_terms(node.text, FIELD_BOOSTS)
    if isinstance(node, Concept):
        return _concept_query(node.key, node.surface, vocabulary)
    raise TypeError(node)


def to_query(node: Node, vocabulary: Vocabulary | None = None) -> wq.Query | None:
    """Strict Whoosh query: every clause of an All is required (a concept is one clause)."""
    if isinstance(node, Not):
        inner = to_query(node.child, vocabulary)
        return None if inner is None else wq.AndNot(wq.Every(), inner)
    if isinstance(node, Any):
        subs = [q for q in (to_query(c, vocabulary) for c in node.children) if q is not None]
        return Or(subs) if subs else None
    if isinstance(node, All):
        pos = [q for c in node.children if not isinstance(c, Not) if (q := to_query(c, vocabulary))]
        neg = [q for c in node.children if isinstance(c, Not) if (q := to_query(c.child, vocabulary))]
        base: wq.Query | None = wq.And(pos) if len(pos) > 1 else (pos[0] if pos else None)
        if neg:
            return wq.AndNot(base or wq.Every(), Or(neg))
        return base
    return _leaf(node, vocabulary)


def positives(node: Node) -> list[Node]:
    """Leaf clauses that are not negated (for the any-word fallback)."""
    if isinstance(node, Not):
        return []
    if isinstance(node, All | Any):
        return [leaf for c in node.children for leaf in positives(c)]
    return [node]


def negatives(node: Node) -> list[Node]:
    """Negated subtrees directly under the top-level All (or the root)."""
    if isinstance(node, Not):
        return [node.child]
    if isinstance(node, All):
        return [c.child for c in node.children if isinstance(c, Not)]
    return []


def _loose_leaves(node: Node) -> list[Node]:
    """Positive leaves, plus each word of a multi-word concept ("achilles tendonitis" with no
    post of its own still finds posts about tendonitis)."""
    out: list[Node] = []
    for leaf in positives(node):
        out.append(leaf)
        if isinstance(leaf, Concept) and len(words(leaf.surface)) > 1:
            out.extend(Word(w) for w in words(leaf.surface))
    return out


def _stop_leaf(leaf: Node) -> wq.Query | None:
    """A stop word matched in the unstemmed `words` field, as the peers match it: its BM25 IDF
    is near zero, so it orders nothing but lets a post that shares only such words still appear
    at the end of an any-word ranking."""
    if not isinstance(leaf, Word):
        return None
    ws = [w for w in words(leaf.text) if w in STOPWORDS]
    if not ws:
        return None
    return wq.Term(STOP_FIELD, ws[0]) if len(ws) == 1 else Or([wq.Term(STOP_FIELD, w) for w in ws])


def to_any_query(node: Node, vocabulary: Vocabulary | None = None) -> wq.Query | None:
    """Loose query: any positive clause matches; scores add up (plain BM25 sum, like the peers).

    No coordination factor: Whoosh's counts every field of every term, so on a long question
    it punished posts that match a few rare words in favour of many common ones.
    """
    leaves = dict.fromkeys(_loose_leaves(node))  # a repeated word counts once
    subs = [q for leaf in leaves if (q := _leaf(leaf, vocabulary) or _stop_leaf(leaf)) is not None]
    if not subs:
        return None
    loose: wq.Query = Or(subs) if len(subs) > 1 else subs[0]
    neg = [q for n in negatives(node) if (q := to_query(n, vocabulary)) is not None]
    return wq.AndNot(loose, Or(neg)) if neg else loose


def content_terms(node: Node) -> list[str]:
    """Distinct indexed terms of the positive clauses (stop words gone), in order."""
    out: dict[str, None] = {}
    for leaf in positives(node):
        out.update(dict.fromkeys(terms(leaf.surface if isinstance(leaf, Concept) else leaf.text)))
    return list(out)


def expansion_query(weighted: Sequence[tuple[str, float]], weight: float) -> wq.Query | None:
    """Feedback terms as an any-word query, each at `weight` times its relative weight."""
    subs = [
        Or([wq.Term(f, t, boost=b * w * weight) for f, b in FIELD_BOOSTS.items()])
        for t, w in weighted
        if w > 0
    ]
    return Or(subs) if subs else None


def has_positive(node: Node | None) -> bool:
    """True when some non-negated clause has an indexable term (not only stop words)."""
    return node is not None and any(
        isinstance(leaf, Concept) or terms(leaf.text) for leaf in positives(node)  # type: ignore[union-attr]
    )


# ---------------------------------------------------------------------------------------------
# Plans and spelling


@dataclass(frozen=True)
class QueryPlan:
    """A parsed query: its tree, whether operators were used and the concepts it contains."""

    text: str
    tree: Node | None
    operators: bool
    tokens: tuple[Token, ...]

    @property
    def clause_count(self) -> int:
        return len(positives(self.tree)) if self.tree is not None else 0


def plan(text: str, vocabulary: Vocabulary | None = None) -> QueryPlan:
    """Tokenize, mark vocabulary concepts and parse sanitized `text`."""
    tokens = tokenize(text)
    if vocabulary is not None and tokens:
        try:
            tokens = mark_concepts(tokens, vocabulary.find(text), word_spans(text))
        except Exception:  # noqa: BLE001 - a vocabulary bug must not break search
            pass
    tree, operators = parse(tokens)
    return QueryPlan(text, tree, operators, tuple(tokens))


def _closest(surface: str, forms: Sequence[str]) -> str:
    folded = fold(surface)
    return max(forms, key=lambda f: SequenceMatcher(None, folded, fold(f)).ratio())


def corrected_text(
    query_plan: QueryPlan,
    known: Callable[[str], bool],
    suggest: Callable[[str], str | None],
    vocabulary: Vocabulary | None = None,
) -> str | None:
    """The query with unknown words (and misspelled concept names) corrected, or None."""
    text = query_plan.text
    edits: list[tuple[int, int, str]] = []
    for t in query_plan.tokens:
        if t.kind == "concept" and vocabulary is not None:
            try:
                forms = list(vocabulary.expansions(t.key))
            except KeyError:
                continue
            if forms and fold(t.text) not in {fold(f) for f in forms}:
                edits.append((t.start, t.end, _closest(t.text, forms)))
        elif t.kind == "word" and not known(t.text):
            fix = suggest(t.text)
            if fix and fix != fold(t.text):
                edits.append((t.start, t.end, fix))
    if not edits:
        return None
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text

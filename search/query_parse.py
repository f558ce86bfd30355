"""Query text -> a small tree. Pure functions: no index, no I/O.

Pipeline: `sanitize` (control characters, whitespace, length) -> `tokenize` (words, quoted
phrases, AND/OR/NOT, -exclude, parentheses) -> vocabulary marking (body parts and injuries,
kinds of post, synonyms: each becomes one token) -> `parse` (a small tree; anything odd degrades
to plain words, never an exception). `plan` does all of it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from ..text.analysis import WORD_PATTERN, terms, words
from ..text.vocabulary import Vocabulary

MAX_QUERY_CHARS = 500
# More atoms than this are dropped, with a notice. A 500-character question has ~90 words: none
# of them is dropped (peers rank on every word; cutting at 32 lost the end of long questions).
MAX_CLAUSES = 128
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(
    r'(?P<phrase>"[^"]*")|(?P<lparen>\()|(?P<rparen>\))'
    r'|(?P<neg>(?<![^\s(])-(?=[^\W_]|"[^"]*[^\W_][^"]*"))'
    r"|(?P<word>" + WORD_PATTERN.pattern + ")"
)
OPERATORS = {"AND": "and", "OR": "or", "NOT": "not", "&&": "and", "||": "or"}


class MatchLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def surface(self) -> str: ...


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

TokenKind = Literal["word", "phrase", "concept", "place", "trigger", "intent", "synonym", "and", "or", "not", "neg",
                    "lparen", "rparen", "turned_down", "taken_back"]


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    start: int
    end: int
    key: str = ""  # vocabulary key (concept, intent) or synonym group number


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class Concept:
    """A body part or injury, named any way the vocabulary knows."""

    key: str
    surface: str


@dataclass(frozen=True)
class Place:
    """A region of a body part ("outer knee", "outside of my knee", "sole"): key "knee.outside"."""

    key: str
    surface: str


@dataclass(frozen=True)
class Trigger:
    """When it hurts, in words of several ("first thing in the morning"): key "first_steps"."""

    key: str
    surface: str


@dataclass(frozen=True)
class Intent:
    """A kind of post the reader asks for ("tight" -> stretch)."""

    key: str
    surface: str


@dataclass(frozen=True)
class Synonym:
    """A word of a general synonym group ("sore" -> pain, ache, ...)."""

    group: int
    surface: str


@dataclass(frozen=True)
class All:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


Node = Word | Phrase | Concept | Place | Trigger | Intent | Synonym | All | AnyOf | Not


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


def mark(
    tokens: list[Token], matches: Sequence[MatchLike], spans: Sequence[tuple[int, int]],
    kind: TokenKind = "concept",
) -> list[Token]:
    """Replace runs of words (or a whole phrase) that a vocabulary match covers by one token."""
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
        out[first : last + 1] = [Token(kind, surface, run[0].start, run[-1].end, key=match.key)]
    return out


@dataclass(frozen=True)
class _PlaceMatch:
    key: str
    start: int
    end: int
    surface: str


class _ParseError(Exception):
    pass


class _Parser:
    """expr := and_expr (OR and_expr)* ; and_expr := unary (AND? unary)* ;
    unary := (NOT | -) unary | atom ; atom := word | phrase | concept | intent | synonym | ( expr )"""

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
        return children[0] if len(children) == 1 else AnyOf(tuple(children))

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
    if t.kind == "place":
        return Place(t.key, t.text)
    if t.kind == "trigger":
        return Trigger(t.key, t.text)
    if t.kind == "intent":
        return Intent(t.key, t.text)
    if t.kind == "synonym":
        return Synonym(int(t.key), t.text)
    raise _ParseError(f"unexpected {t.kind}")


ATOMS = ("word", "phrase", "concept", "place", "trigger", "intent", "synonym")


def operators_as_words(text: str) -> str:
    """`text` with its AND, OR and NOT read as plain words ("worth it OR waste of time"), && and || dropped."""
    out, last = [], 0
    for token in tokenize(text):
        if token.kind in ("and", "or", "not"):
            out += [text[last : token.start], token.text.lower() if token.text.isalpha() else " "]
            last = token.end
    return "".join(out) + text[last:]


def parse(tokens: list[Token]) -> tuple[Node | None, bool]:
    """The query tree and whether the reader used operators (AND, OR, NOT, a minus sign).

    Parentheses group only where AND, OR or NOT are used: in a plain sentence they are just
    punctuation ("heat transfer (forced convection)" asks for every word, not for a group).
    """
    atoms = [t for t in tokens if t.kind in ATOMS]
    if not atoms:
        return None, False
    boolean = any(t.kind in ("and", "or", "not") for t in tokens)
    if boolean and len(tokens) <= 4 * MAX_CLAUSES:
        parser = _Parser(tokens)
        try:
            tree = parser.expr()
            if parser.peek() is None:
                return tree, True
        except (_ParseError, RecursionError):
            pass
    plain: list[Node] = []
    negated = False
    for token in tokens:
        if token.kind == "neg":
            negated = True
        elif token.kind in ATOMS:
            plain.append(Not(_atom(token)) if negated and not boolean else _atom(token))
            negated = False
        else:
            negated = False
    operators = not boolean and any(isinstance(n, Not) for n in plain)
    return (plain[0] if len(plain) == 1 else All(tuple(plain))), operators


def positives(node: Node) -> list[Node]:
    """Leaf clauses that are not negated."""
    if isinstance(node, Not):
        return []
    if isinstance(node, All | AnyOf):
        return [leaf for c in node.children for leaf in positives(c)]
    return [node]


def leaf_text(leaf: Node) -> str:
    return leaf.surface if isinstance(leaf, Concept | Place | Trigger | Intent | Synonym) else getattr(leaf, "text", "")


@dataclass(frozen=True)
class QueryPlan:
    """A parsed query: its tree, whether operators were used, its tokens, and what was dropped."""

    text: str
    tree: Node | None
    operators: bool
    tokens: tuple[Token, ...]
    notices: tuple[str, ...] = ()

    @property
    def boolean(self) -> bool:
        """The reader wrote AND, OR or NOT: they mean exactly that."""
        return self.operators and any(t.kind in ("and", "or", "not") for t in self.tokens)

    @property
    def clause_count(self) -> int:
        return len(positives(self.tree)) if self.tree is not None else 0

    @property
    def searchable(self) -> bool:
        """True when some non-negated clause has a term to look for (not only stop words)."""
        return self.tree is not None and any(
            isinstance(leaf, Concept | Place | Trigger | Intent | Synonym) or terms(leaf_text(leaf))
            for leaf in positives(self.tree)
        )


def plan(text: str, vocabulary: Vocabulary | None = None) -> QueryPlan:
    """Tokenize sanitized `text`, mark what the vocabulary knows, cap the clauses and parse."""
    tokens = tokenize(text)
    if vocabulary is not None and tokens:
        spans = word_spans(text)
        # A guess the reader takes back ("thought it was my IT band but ...") is left out, first.
        tokens = mark(tokens, vocabulary.taken_back(text), spans, "taken_back")
        # Places first ("outer knee" is one place, not a body part and a word), then body parts and
        # injuries (longest names), then kinds of post, then synonyms.
        triggers = vocabulary.triggers(text, reader=True)
        places = vocabulary.places(text, search=True, triggers=triggers)
        tokens = mark(tokens, [_PlaceMatch(p.key, p.start, p.end, p.part_word) for p in places], spans, "place")
        # When it hurts, said in several words ("out of bed" = "first steps"); one word stays a word.
        # A kind of post said in more words is read before it: "before I even get out of bed" asks
        # for a stretch done in bed, not when it hurts.
        intents = vocabulary.intents(text)
        said = [m for m in triggers if m.end - m.start > 1
                and not any(_within(m, k) and _size(k) > _size(m) for k in intents)]
        # A body part inside such a trigger is the movement, not where it hurts: "front of hip
        # pinches when lifting my knee" is not a knee search. So is one inside a synonym of several
        # words ("keep rolling the same ankle": an unstable ankle, the balance posts); where such a
        # synonym and a trigger overlap, the longer is read.
        found = vocabulary.find(text, reader=True)
        parts = [m for m in found if vocabulary.has_concept(m.key) and vocabulary.concept(m.key).kind == "body_part"]
        synonyms = vocabulary.synonym_matches(text)
        naming = [m for m in synonyms if any(_within(p, m) for p in parts)
                  and all(_size(m) > _size(t) for t in said if _overlap(t, m))]
        said = [t for t in said if not any(_overlap(t, m) for m in naming)]
        tokens = mark(tokens, naming, spans, "synonym")
        inside_said = {m for m in parts if any(_within(m, t) for t in said)}
        # An injury only asked about, where the reader says it hurts elsewhere on its body part, is
        # their guess ("front of my shin aches ... shin splints??"): left out, as a guess taken back.
        doubted = vocabulary.doubted(text, found, places)
        tokens = mark(tokens, doubted, spans, "taken_back")
        concepts = [m for m in found if m not in inside_said and m not in doubted]
        tokens = mark(tokens, concepts, spans, "concept")
        tokens = mark(tokens, said, spans, "trigger")
        # A kind's word inside a body part's name is the name: the "band" of "IT band" is no
        # resistance band ("foam rolling my IT band hasn't helped" turns down foam rolling only).
        intents = [m for m in intents if not any(_within(m, c) and _size(c) > _size(m) for c in concepts)]
        # A kind the reader says does not help ("stretching does nothing") is not asked for: the
        # words saying so are left out, and its other words ("tight") are only words.
        turned, saying = vocabulary.turned_down(text, intents, parts)
        tokens = mark(tokens, saying, spans, "turned_down")
        tokens = mark(tokens, [m for m in intents if m.key not in turned], spans, "intent")
        tokens = mark(tokens, synonyms, spans, "synonym")
    tokens, notices = _capped(tokens)
    tree, operators = parse(tokens)
    return QueryPlan(text, tree, operators, tuple(tokens), notices)


def _within(inner: MatchLike, outer: MatchLike) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _overlap(a: MatchLike, b: MatchLike) -> bool:
    return a.start < b.end and b.start < a.end


def _size(match: MatchLike) -> int:
    return match.end - match.start


def _capped(tokens: list[Token]) -> tuple[list[Token], tuple[str, ...]]:
    """At most MAX_CLAUSES atoms: a repeated atom is kept once, and the excess is dropped."""
    seen: set[tuple[str, str, str]] = set()
    out: list[Token] = []
    atoms = dropped = 0
    for token in tokens:
        if token.kind in ATOMS:
            negated = bool(out) and out[-1].kind in ("not", "neg")
            ident = ("-" if negated else "+", token.key or token.kind, " ".join(words(token.text)))
            if ident in seen:
                if negated:
                    out.pop()  # "-knee -knee": the minus goes with the repeat
                if out and out[-1].kind == "and":
                    out.pop()  # "knee AND knee": so does the AND
                continue
            if atoms >= MAX_CLAUSES:
                dropped += 1
                continue
            seen.add(ident)
            atoms += 1
        out.append(token)
    notices = (f"{dropped} more words left out: a search looks at most {MAX_CLAUSES}",) if dropped else ()
    return out, notices

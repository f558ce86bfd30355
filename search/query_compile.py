"""A parsed query -> what to add up: clauses over impact-matrix rows. Pure: no index, no I/O.

Each top-level clause is a *group*: a post that every group reaches is in the first tier
(all words), the others follow by score. A body part or injury is one row (its concept term,
whatever name the reader used); a kind of post is its kind term plus the words typed; a synonym
is the word typed plus, a little lower, the other words of its group.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..text.analysis import STOPWORDS, terms, words
from ..text.vocabulary import Vocabulary
from .query_parse import All, AnyOf, Concept, Intent, Node, Not, Phrase, QueryPlan, Synonym, Word
from .schema import concept_term, kind_term, stop_term

# The other words of a synonym group count a little less than the word the reader typed.
SYNONYM_WEIGHT = 0.8
# A clause with several ways to match scores its best one plus this share of each other one: a
# post naming a thing six ways must not beat one that names it once and also matches the rest.
TIEBREAK = 0.05

# Quoted phrases matched as phrases per query; more are matched as their words (with a notice):
# each phrase reads positions from the text store, the costliest step a search has.
MAX_PHRASES = 4
PHRASES_DROPPED = "only the first {n} quoted phrases are matched as phrases; the others as their words"

ClauseKind = Literal["rows", "all", "any", "best", "not", "phrase"]
TermId = Callable[[str], "int | None"]


@dataclass(frozen=True)
class Clause:
    """`rows`: (term id, weight) scored as their best plus TIEBREAK x the rest; `all`/`any`: children
    combined (scores add up); `best`: children, best plus TIEBREAK x rest; `not`: everything but the
    child; `phrase`: all children, and the terms next to each other (checked in the text store)."""

    kind: ClauseKind
    rows: tuple[tuple[int, float], ...] = ()
    children: tuple[Clause, ...] = ()
    phrase: tuple[str, ...] = ()


NOTHING = Clause("rows")  # a clause no post matches (an unknown word)


@dataclass(frozen=True)
class ScoringPlan:
    groups: tuple[Clause, ...]
    exclude: tuple[Clause, ...] = ()
    # Rows that add to a post's score and let it into the results, but are no group of their own.
    extras: tuple[tuple[int, float], ...] = ()
    marks: frozenset[str] = field(default_factory=frozenset)  # terms to <mark> in excerpts
    content_terms: tuple[str, ...] = ()  # distinct terms of the positive clauses
    notices: tuple[str, ...] = ()


def compile_plan(query: QueryPlan, term_id: TermId, reaches: Callable[[int], bool],
                 vocabulary: Vocabulary | None) -> ScoringPlan:
    """The scoring plan of a parsed query. `reaches(id)`: does a term reach any post."""
    tree = query.tree
    if tree is None:
        return ScoringPlan(())
    build = _Builder(term_id, reaches, vocabulary)
    top = tree.children if isinstance(tree, All) else (tree,)
    groups = [c for node in top if not isinstance(node, Not) if (c := build.clause(node)) is not None]
    exclude = [c for node in top if isinstance(node, Not) if (c := build.clause(node.child)) is not None]
    notices = (PHRASES_DROPPED.format(n=MAX_PHRASES),) if build.phrases > MAX_PHRASES else ()
    return ScoringPlan(tuple(groups), tuple(exclude), tuple(build.extras), frozenset(build.marks),
                       tuple(dict.fromkeys(build.content)), notices)


class _Builder:
    def __init__(self, term_id: TermId, reaches: Callable[[int], bool], vocabulary: Vocabulary | None) -> None:
        self.term_id = term_id
        self.reaches = reaches
        self.vocabulary = vocabulary
        self.extras: list[tuple[int, float]] = []
        self.marks: set[str] = set()
        self.content: list[str] = []
        self.phrases = 0  # quoted phrases of two terms or more seen so far

    def clause(self, node: Node) -> Clause | None:
        if isinstance(node, Not):
            inner = self.clause(node.child)
            return None if inner is None else Clause("not", children=(inner,))
        if isinstance(node, All | AnyOf):
            subs = [c for child in node.children if (c := self.clause(child)) is not None]
            if not subs:
                return None
            return (
                subs[0] if len(subs) == 1 else Clause("all" if isinstance(node, All) else "any", children=tuple(subs))
            )
        if isinstance(node, Word):
            return self.words(node.text, typed=True)
        if isinstance(node, Phrase):
            found = terms(node.text)
            if len(found) < 2:
                return self.words(node.text, typed=True)
            self.phrases += 1
            if self.phrases > MAX_PHRASES:
                return self.words(node.text, typed=True)
            subs = [self.words(t, typed=True) or NOTHING for t in found]
            return Clause("phrase", children=tuple(subs), phrase=tuple(found))
        if isinstance(node, Concept):
            return self.concept(node)
        if isinstance(node, Intent):
            return self.intent(node)
        if isinstance(node, Synonym):
            return self.synonym(node)
        raise TypeError(node)

    def words(self, text: str, *, typed: bool, weight: float = 1.0) -> Clause | None:
        """The word(s) of `text`: one row, or all of them; None for stop words only (which only
        add a little to the posts that share them)."""
        found = terms(text)
        if not found:
            if typed:
                self.extras.extend((i, weight) for w in words(text) if w in STOPWORDS
                                   if (i := self.term_id(stop_term(w))) is not None)
            return None
        if typed:
            self.marks.update(found)
            self.content.extend(found)
        rows = [self.row(t, weight) for t in found]
        if len(rows) == 1:
            return rows[0]
        return Clause("all", children=tuple(rows))

    def row(self, term: str, weight: float) -> Clause:
        found = self.term_id(term)
        return NOTHING if found is None else Clause("rows", rows=((found, weight),))

    def concept(self, node: Concept) -> Clause:
        vocabulary = self.vocabulary
        if vocabulary is not None and vocabulary.has_concept(node.key):
            self.marks.update(vocabulary.expansion_terms(node.key))
        self.content.extend(terms(node.surface))
        found = self.term_id(concept_term(node.key))
        if found is None or not self.reaches(found):
            # No post carries it yet ("Achilles tendinopathy"): its words still find something.
            self.extras.extend((i, 1.0) for t in terms(node.surface) if (i := self.term_id(t)) is not None)
            return NOTHING
        return Clause("rows", rows=((found, 1.0),))

    def intent(self, node: Intent) -> Clause:
        rows: list[tuple[int, float]] = []
        found = self.term_id(kind_term(node.key))
        if found is not None:
            rows.append((found, 1.0))
        for term in terms(node.surface):
            self.marks.add(term)
            self.content.append(term)
            if (i := self.term_id(term)) is not None:
                rows.append((i, 1.0))
        return Clause("rows", rows=tuple(dict.fromkeys(rows)))

    def synonym(self, node: Synonym) -> Clause | None:
        typed = self.words(node.surface, typed=True)
        members: list[Clause] = [typed] if typed is not None else []
        typed_terms = tuple(terms(node.surface))
        if self.vocabulary is not None and 0 <= node.group < len(self.vocabulary.synonyms):
            for member in self.vocabulary.synonym_group(node.group).members:
                if tuple(terms(member)) == typed_terms:
                    continue
                other = self.words(member, typed=False, weight=SYNONYM_WEIGHT)
                if other is not None:
                    self.marks.update(terms(member))
                    members.append(other)
        if not members:
            return None
        return members[0] if len(members) == 1 else Clause("best", children=tuple(members))


def flat_rows(clauses: Sequence[Clause]) -> list[tuple[int, float]]:
    """Every (row, weight) a list of clauses reads (for feedback and tests)."""
    out: list[tuple[int, float]] = []
    for c in clauses:
        out.extend(c.rows)
        out.extend(flat_rows(c.children))
    return out

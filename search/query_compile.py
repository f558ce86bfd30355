"""A parsed query -> what to add up: clauses over impact-matrix rows. Pure: no index, no I/O.

Each top-level clause is a *group*: a post that every group reaches is in the first tier
(all words), the others follow by score. A body part or injury is one row (its concept term,
whatever name the reader used); a kind of post is its kind term plus the words typed; a synonym
is the word typed plus, a little lower, the other words of its group.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..text.analysis import STOPWORDS, terms, words
from ..text.story_time import story_time
from ..text.symptoms import Guess, place_part
from ..text.vocabulary import Vocabulary
from .query_parse import All, AnyOf, Concept, Intent, Node, Not, Phrase, Place, QueryPlan, Synonym, Trigger, Word
from .schema import concept_term, kind_term, place_term, stop_term, when_term
from .spelling import everyday_english, ing_form

# The other words of a synonym group count a little less than the word the reader typed.
SYNONYM_WEIGHT = 0.8
# A clause with several ways to match scores its best one plus this share of each other one: a
# post naming a thing six ways must not beat one that names it once and also matches the rest.
TIEBREAK = 0.05
# Words a reader writes about themselves ("pain in my knee when I run"): they add a little to the
# posts that share them, like stop words, but are never required and never marked.
READER_WORDS = frozenset({"i", "me", "my", "mine", "myself", "im", "ive", "id", "ill"})
# The injury a description points to (text/symptoms.py) counts this much beside the words typed.
GUESS_WEIGHT = 1.0
# The words of a place or trigger as typed count this much beside posts that say the place or the
# trigger any way the vocabulary knows (and in full where no post says it).
TYPED_SHARE = 0.5
# Where posts say the trigger, its typed words together count as at most this many words (each
# TYPED_SHARE): a trigger said in four words reaches posts by its words no more than one said in
# two. (Two: three more right first on the symptom sets, one fewer; one word or three: fewer.)
TYPED_WORDS = 2
# A cause's vague words (the vocabulary's `vague_words`) count this share of its other typed words.
VAGUE_SHARE = 0.25
# In a sentence that says what it is about (a body part, injury, place, trigger or kind of post), a
# plain word the vocabulary calls vague ("day", "way", "feel", "things") counts this share: "front of
# my hip tight after a day at my desk" is about the desk, not the posts with "Day" in their title.
# (0.5: sixteen more right first on the symptom sets, six fewer, nDCG 0.9127 -> 0.9145; 0.25 moves
# more both ways. Not in a sentence about nothing the vocabulary knows: there "new" or "need" may
# be the point, and ADI lost 1.1%; nor in a short search: "rest day" typed alone means the day.)
PLAIN_VAGUE_SHARE = 0.5
# When a description points to an injury, names a cause or asks for a kind of post, a word that
# only says it hurts (the vocabulary's `pain_words`: "pain", "hurts", "achy") tells no post from
# another: it adds this much and is not required, so a title with "Pain" in it does not outrank the
# posts the description points to.
PAIN_SHARE = 0.3
# An injury named ("pulled hamstring") lists its own posts first, then the posts about its body
# part, the best of which adds this share of the injury's best post's score: a reader with a strain
# also wants the hamstring's stretches and strength work, not a page of one post.
INJURY_PART_SHARE = 0.3
# The same for the injury a description points to, at half its weight: "outer knee pain at mile 3"
# lists the IT band syndrome posts, then the other IT band posts (stretches, foam rolling) above
# knee posts about something else.
GUESS_PART_SHARE = 0.5
# A place or trigger the guessed injury points to scores as said, plus this share of the injury's
# row: among the injury's posts, the one that says the very place or trigger ("Heel Pain First
# Thing in the Morning?") comes first.
POINTED_SHARE = 0.5

# A search of this many parts or more is a sentence: a lowercase "it" in it is the pronoun ("it
# feels like braking"), which every post has, not the IT of "IT band" (an IT-band search says
# "IT band", "ITB" or "IT" in capitals).
SENTENCE_ATOMS = 3
# A search with this many words of four letters or more in capitals is shouted ("AM I DOING IT
# WRONG"): its "IT" is the pronoun too.
SHOUTED_WORDS = 2
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
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
    quoted: bool = False  # a phrase the reader put in quotes (not a name of several words)


NOTHING = Clause("rows")  # a clause no post matches (an unknown word)


@dataclass(frozen=True)
class ScoringPlan:
    groups: tuple[Clause, ...]
    exclude: tuple[Clause, ...] = ()
    # Rows that add to a post's score and let it into the results, but are no group of their own.
    extras: tuple[tuple[int, float], ...] = ()
    # (row, reference row, share): extras weighted so the row's best post scores `share` of the
    # reference row's best (an injury's body part after the injury's own posts).
    followers: tuple[tuple[int, int, float], ...] = ()
    marks: frozenset[str] = field(default_factory=frozenset)  # terms to <mark> in excerpts
    content_terms: tuple[str, ...] = ()  # distinct terms of the positive clauses
    # Groups (by position) that are a broad body part, and groups that narrow it (a place, a
    # trigger): the broad ones may weigh no more than the narrowing ones (see strategy.rank).
    # `causes`: the narrowing groups that are a cause (a change in training or form), which narrow
    # whatever their reach.
    broad: tuple[int, ...] = ()
    narrow: tuple[int, ...] = ()
    causes: tuple[int, ...] = ()
    # Groups (by position) that ask for a kind of post ("tight" -> stretches), each with the row of
    # the kind itself (see strategy.rank).
    kinds: tuple[tuple[int, int], ...] = ()
    # Names of several words to <mark> only where the words stand together ("low back", "IT band").
    phrase_marks: frozenset[tuple[str, ...]] = field(default_factory=frozenset)
    notices: tuple[str, ...] = ()
    # (group, body-part row) of each injury named: the group weighs at least NAMED_PART_SHARE of
    # that row's best post (see strategy.rank).
    named: tuple[tuple[int, int], ...] = ()
    # The body-part row of each place said: its posts are on the search's topic (see strategy.rank).
    place_parts: tuple[int, ...] = ()
    # The row of each kind of post the reader says has not helped ("stretching hasn't helped"):
    # its posts come after the others on the problem (see strategy.rank).
    turned_down: tuple[int, ...] = ()


def compile_plan(query: QueryPlan, term_id: TermId, reaches: Callable[[int], bool],
                 vocabulary: Vocabulary | None, guess: Guess | None = None) -> ScoringPlan:
    """The scoring plan of a parsed query. `reaches(id)`: does a term reach any post. `guess`: the
    injury the query describes; its posts count as matching the places that point to it."""
    tree = query.tree
    if tree is None:
        return ScoringPlan(())
    build = _Builder(term_id, reaches, vocabulary, guess)
    top = tree.children if isinstance(tree, All) else (tree,)
    build.sentence = len(top) >= SENTENCE_ATOMS
    build.shouted = sum(1 for w in _LONG_WORD.findall(query.text) if w.isupper()) >= SHOUTED_WORDS
    build.about = any(isinstance(node, Concept | Place | Trigger | Intent) for node in top)
    groups: list[Clause] = []
    broad: list[int] = []
    narrow: list[int] = []
    causes: list[int] = []
    named: list[tuple[int, int]] = []
    place_parts: list[int] = []
    kinds: list[tuple[int, int]] = []
    # Beside a cause, when the story started ("switched shoes a couple of weeks ago") only dates the
    # cause: it tells no post from another either. (Without a cause it can: "twisted my ankle two
    # weeks ago" is past the first days of a sprain.)
    cause = vocabulary is not None and any(isinstance(node, Trigger) and vocabulary.is_cause(node.key) for node in top)
    dated = story_time([node.text.lower() if isinstance(node, Word) else None for node in top]) if cause else set()
    # A description that points to an injury, names a cause of the pain, says where and when it
    # hurts, or asks for a kind of post ("weak feet, arches ache": strengthening): words that only
    # say it hurts tell no post from another there (they would favour the posts about pain over
    # the exercises asked for).
    described = guess is not None or cause or (
        any(isinstance(node, Place) for node in top) and any(isinstance(node, Trigger) for node in top)) or (
        any(isinstance(node, Intent) for node in top))
    for at, node in enumerate(top):
        if at in dated:
            continue
        if described and vocabulary is not None and _only_pain(node, vocabulary, term_id):
            build.extras.extend((i, PAIN_SHARE) for t in terms(_surface(node)) if (i := term_id(t)) is not None)
            continue
        if build.about and _bare_number(node):
            build.extras.extend((i, 1.0) for t in terms(_surface(node)) if (i := term_id(t)) is not None)
            continue
        if isinstance(node, Not) or (c := build.clause(node)) is None:
            continue
        if isinstance(node, Concept) and build.is_body_part(node.key):
            broad.append(len(groups))
        elif isinstance(node, Concept) and (part := build.body_part_row(node.key)) is not None:
            named.append((len(groups), part))
        elif isinstance(node, Place | Trigger):
            narrow.append(len(groups))
            if isinstance(node, Place) and (part := build.place_part_row(node.key)) is not None:
                place_parts.append(part)
            if isinstance(node, Trigger) and vocabulary is not None and vocabulary.is_cause(node.key):
                causes.append(len(groups))
        elif isinstance(node, Intent) and (k := term_id(kind_term(node.key))) is not None:
            kinds.append((len(groups), k))
        groups.append(c)
    exclude = [c for node in top if isinstance(node, Not) if (c := build.clause(node.child)) is not None]
    notices = (PHRASES_DROPPED.format(n=MAX_PHRASES),) if build.phrases > MAX_PHRASES else ()
    # It adds to its posts' score only where no place or trigger group already counts them as
    # matching: a post that says the very place ("front of the shin") keeps its rank.
    injury = term_id(concept_term(guess.injury)) if guess is not None else None
    if guess is not None and injury is not None and reaches(injury):
        if not build.guess_used:
            build.extras.append((injury, GUESS_WEIGHT))
        if (part := build.body_part_row(guess.injury)) is not None:
            build.followers.append((part, injury, GUESS_PART_SHARE))
    return ScoringPlan(tuple(groups), tuple(exclude), tuple(build.extras), tuple(build.followers),
                       frozenset(build.marks), tuple(dict.fromkeys(build.content)),
                       broad=tuple(broad) if len(groups) > 1 else (), narrow=tuple(narrow), causes=tuple(causes),
                       kinds=tuple(kinds), phrase_marks=frozenset(build.phrase_marks), notices=notices,
                       named=tuple(named), place_parts=tuple(dict.fromkeys(place_parts)),
                       turned_down=_turned_down(query, term_id, reaches))


def _turned_down(query: QueryPlan, term_id: TermId, reaches: Callable[[int], bool]) -> tuple[int, ...]:
    """The rows of the kinds the reader says have not helped (the parse asks for them nowhere else)."""
    keys = dict.fromkeys(t.key for t in query.tokens if t.kind == "turned_down" and t.key)
    rows = (term_id(kind_term(k)) for k in keys)
    return tuple(r for r in rows if r is not None and reaches(r))


def _surface(node: Node) -> str:
    return node.surface if isinstance(node, Synonym) else node.text if isinstance(node, Word) else ""


# Words that only tie a description together ("after long movies", "since I started"): in a
# description they tell no post from another, like the words that only say it hurts.
LINKING_TERMS = frozenset(t for w in ("after", "during", "since", "while", "before", "whenever", "every", "always",
                                      "going", "gets", "feels", "really") for t in terms(w))


def _bare_number(node: Node) -> bool:
    """A count the reader gives ("3 minute planks", "only 12 heel raises", "I'm 52"): posts count
    sets, reps and seconds too, so it adds to a post's score but is not a word every post must have.
    (A number with its unit is a word: "pain around 5k" is the same point in every run.)"""
    return isinstance(node, Word) and node.text.isdigit()


def _only_pain(node: Node, vocabulary: Vocabulary, term_id: TermId) -> bool:
    """A word of the search that only says it hurts ("pain", "hurts", "achy") or links the
    description together ("after", "since", "goin" as "going")."""
    said = _surface(node)
    found = _g_dropped(said, terms(said), term_id) if isinstance(node, Word) else terms(said)
    return bool(found) and all(t in vocabulary.pain_words or t in LINKING_TERMS for t in found)


def _g_dropped(text: str, found: list[str], term_id: TermId) -> list[str]:
    """A word no post has, written the way it is said ("shufflin", "achin'", "runnin"), read as
    its -ing form where posts have that; not a word of everyday English ("thin flat shoes" are not a
    "thing")."""
    said = words(text)
    if len(said) != 1 or len(found) != 1 or term_id(found[0]) is not None:
        return found
    ing = ing_form(said[0])
    if ing is None or said[0] in everyday_english():
        return found
    spelled = terms(ing)
    return spelled if len(spelled) == 1 and term_id(spelled[0]) is not None else found


class _Builder:
    def __init__(self, term_id: TermId, reaches: Callable[[int], bool], vocabulary: Vocabulary | None,
                 guess: Guess | None = None) -> None:
        self.term_id = term_id
        self.reaches = reaches
        self.vocabulary = vocabulary
        self.guess = guess
        self.guess_used = False
        self.extras: list[tuple[int, float]] = []
        self.followers: list[tuple[int, int, float]] = []
        self.marks: set[str] = set()
        self.phrase_marks: set[tuple[str, ...]] = set()
        self.content: list[str] = []
        self.phrases = 0  # quoted phrases of two terms or more seen so far
        self.sentence = False  # the search is a sentence (SENTENCE_ATOMS parts or more)
        self.shouted = False  # the search is written in capitals (SHOUTED_WORDS or more)
        self.about = False  # the search names a body part, injury, place, trigger or kind of post

    def is_body_part(self, key: str) -> bool:
        v = self.vocabulary
        return v is not None and v.has_concept(key) and v.concept(key).kind == "body_part"

    def mark_names(self, names: Sequence[tuple[str, ...]]) -> None:
        """Single-word names (as index terms) are marked wherever they stand; longer names only as a
        whole (one with a stop word inside, "back of the thigh", as the phrase of its terms)."""
        for found in names:
            if len(found) == 1:
                self.marks.add(found[0])
            else:
                self.phrase_marks.add(found)

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
            return self.words(node.text, typed=True, weight=PLAIN_VAGUE_SHARE if self.vague(node.text) else 1.0)
        if isinstance(node, Phrase):
            found = terms(node.text)
            if len(found) < 2:
                return self.words(node.text, typed=True)
            self.phrases += 1
            if self.phrases > MAX_PHRASES:
                return self.words(node.text, typed=True)
            subs = [self.words(t, typed=True) or NOTHING for t in found]
            return Clause("phrase", children=tuple(subs), phrase=tuple(found), quoted=True)
        if isinstance(node, Concept):
            return self.concept(node)
        if isinstance(node, Place):
            return self.place(node)
        if isinstance(node, Trigger):
            return self.trigger(node)
        if isinstance(node, Intent):
            return self.intent(node)
        if isinstance(node, Synonym):
            return self.synonym(node)
        raise TypeError(node)

    def vague(self, text: str) -> bool:
        """Is `text` a plain word the vocabulary calls vague, in a sentence that says what it is about
        (a body part, injury, place, trigger or kind of post): there it only tells the story."""
        found = terms(text)
        return (self.sentence and self.about and self.vocabulary is not None and bool(found)
                and set(found) <= self.vocabulary.vague_terms)

    def words(self, text: str, *, typed: bool, weight: float = 1.0) -> Clause | None:
        """The word(s) of `text`: one row, or all of them; None for stop words only (which only
        add a little to the posts that share them)."""
        found = terms(text)
        if typed and self.sentence and text.lower() == "it" and (text != "IT" or self.shouted):
            return None  # the pronoun ("it feels like ..."), not the IT of "IT band"
        if typed:
            found = _g_dropped(text, found, self.term_id)
        if typed and found and all(t in READER_WORDS for t in found):
            self.extras.extend((i, weight * 0.5) for t in found if (i := self.term_id(t)) is not None)
            return None
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

    def body_part_row(self, key: str) -> int | None:
        """The row of an injury's body part, when posts carry it."""
        v = self.vocabulary
        part = v.concept(key).body_part if v is not None and v.has_concept(key) else None
        found = self.term_id(concept_term(part)) if part else None
        return found if found is not None and self.reaches(found) else None

    def concept(self, node: Concept) -> Clause:
        vocabulary = self.vocabulary
        if vocabulary is not None and vocabulary.has_concept(node.key):
            self.mark_names(vocabulary.name_terms(node.key))
        self.content.extend(terms(node.surface))
        found = self.term_id(concept_term(node.key))
        if found is None or not self.reaches(found):
            # No post carries it yet ("Achilles tendinopathy"): its words still find something, and
            # an injury's body part stands in for it ("stiff neck" finds the neck posts).
            self.extras.extend((i, 1.0) for t in terms(node.surface) if (i := self.term_id(t)) is not None)
            part = self.body_part_row(node.key)
            return NOTHING if part is None else Clause("rows", rows=((part, 1.0),))
        if (part := self.body_part_row(node.key)) is not None:
            self.followers.append((part, found, INJURY_PART_SHARE))
        # The word the reader typed keeps its weight beside the concept's every name: "forefoot"
        # finds the post about forefoot striking, not only the posts richest in "foot" and "heel".
        # Several words count only side by side: "runner's knee" is not "runners" and "knee" apart.
        typed = terms(node.surface)
        rows = [self.row(t, 1.0) for t in typed]
        if not rows or any(r is NOTHING for r in rows) or (len(rows) == 1 and rows[0].rows[0][0] == found):
            return Clause("rows", rows=((found, 1.0),))
        said = rows[0] if len(rows) == 1 else Clause("phrase", children=tuple(rows), phrase=tuple(typed))
        return Clause("best", children=(Clause("rows", rows=((found, 1.0),)), said))

    def place(self, node: Place) -> Clause:
        """A region of a body part: the posts that mention that place, or the words typed (all of
        them) where none does; the injury the description points to counts as the place."""
        guess = self.guess
        said = self.described(node.surface, place_term(node.key), guess is not None and node.key in guess.places,
                              "all", self.vocabulary.region_terms if self.vocabulary is not None else frozenset())
        near = self.nearest_part(place_part(node.key))
        if near is None:
            near = self.unwritten_place_part(node.key)
        if near is None:
            return said
        # A place on a body part nobody has written about yet ("just above my heel": the Achilles)
        # reaches the posts on its nearest body part that has some (the calf), as the offer under an
        # empty search does.
        row = Clause("rows", rows=((near, 1.0),))
        return row if said is NOTHING else Clause("best", children=(said, row))

    def unwritten_place_part(self, key: str) -> int | None:
        """The row of a place's body part when no post says the place ("the top of my foot"): the
        posts on the foot, not every post with "top" and "foot" somewhere in its instructions."""
        own = self.term_id(place_term(key))
        if own is not None and self.reaches(own):
            return None
        part = self.term_id(concept_term(place_part(key)))
        return part if part is not None and self.reaches(part) else None

    def place_part_row(self, key: str) -> int | None:
        """The row of a place's body part, or of the nearest one with posts where it has none."""
        near = self.nearest_part(place_part(key))
        return near if near is not None else self.term_id(concept_term(place_part(key)))

    def nearest_part(self, part: str) -> int | None:
        """The row of the closest body part with posts (the vocabulary's `near`) when `part` has none."""
        v = self.vocabulary
        own = self.term_id(concept_term(part))
        if v is None or not v.has_concept(part) or (own is not None and self.reaches(own)):
            return None
        for key in v.nearby(part):
            found = self.term_id(concept_term(key))
            if found is not None and self.reaches(found):
                return found
        return None

    def trigger(self, node: Trigger) -> Clause:
        """When it hurts: the posts that say it any way the vocabulary knows ("out of bed" finds
        "first thing in the morning"), or the words typed; the injury it points to counts too."""
        guess = self.guess
        # A body part inside it is how the body moves ("landing on the balls of my feet"): its words
        # are not the trigger's, or every post about that body part would count as saying it.
        v = self.vocabulary
        moving = frozenset(t for m in (v.find(node.surface, reader=True) if v is not None else ())
                           if self.is_body_part(m.key) for t in terms(m.surface))
        # A cause's vague words reach posts only a little ("hunched up" is not every post with "Wake
        # Up" in its title, "way out in front" not every "way"); when it hurts, they tell ("stand up").
        vague = v.vague_terms if v is not None and v.is_cause(node.key) else frozenset()
        return self.described(node.surface, when_term(node.key), guess is not None and node.key in guess.triggers,
                              "any", moving=moving, vague=vague)

    def described(self, surface: str, term: str, points: bool, combine: Literal["all", "any"],
                  region_terms: frozenset[str] = frozenset(), moving: frozenset[str] = frozenset(),
                  vague: frozenset[str] = frozenset()) -> Clause:
        """A place or a trigger: the best of `term`'s row and the words typed (`combine`: all of a
        place's words, its body part's side by side when it is several past its `region_terms`;
        any of a trigger's but the body parts `moving` in it), plus POINTED_SHARE of the guessed
        injury's row when it `points` to it (all of it where nothing else is said)."""
        said = tuple(t for t in terms(surface) if t not in READER_WORDS and t not in moving)
        self.content.extend(said)
        if len(said) == 1:
            self.marks.add(said[0])
        elif said:
            self.phrase_marks.add(said)
        options: list[Clause] = []
        found = self.term_id(term)
        if found is not None and self.reaches(found):
            options.append(Clause("rows", rows=((found, 1.0),)))
        injury: int | None = None
        guess = self.guess
        if guess is not None and points:
            injury = self.term_id(concept_term(guess.injury))
            if injury is not None and not self.reaches(injury):
                injury = None
            self.guess_used = self.guess_used or injury is not None
        # The words typed: any of a trigger's (as a peer reads them: "after sitting all day" also
        # reaches "if you sit all day"), below the place or trigger itself where posts say it.
        weight = TYPED_SHARE if options or injury is not None else 1.0
        if combine == "any" and options and len(said) > TYPED_WORDS:
            # A long trigger's words add up to no more than TYPED_WORDS of them: "lands way out
            # front" is not four chances for a post on the front of the thigh.
            weight *= TYPED_WORDS / len(said)
        rows = [(t, r) for t in said
                if (r := self.row(t, weight * (VAGUE_SHARE if t in vague and len(said) > 1 else 1.0))) is not NOTHING]
        body = [(t, r) for t, r in rows if t not in region_terms]
        typed = [r for _, r in rows]
        if region_terms and len(body) >= 2:
            # A place's body part said in several words is those words side by side: "backs of my
            # lower legs" is not the "lower back".
            typed = [*(r for t, r in rows if t in region_terms),
                     Clause("phrase", children=tuple(r for _, r in body), phrase=tuple(t for t, _ in body))]
        if typed:
            options.append(typed[0] if len(typed) == 1 else Clause(combine, children=tuple(typed)))
        said_it = None if not options else options[0] if len(options) == 1 else Clause("best", children=tuple(options))
        if injury is None:
            return NOTHING if said_it is None else said_it
        # The injury's posts count as saying it; the one that says it as well comes first.
        pointed = Clause("rows", rows=((injury, 1.0 if said_it is None else POINTED_SHARE),))
        return pointed if said_it is None else Clause("any", children=(said_it, pointed))

    def intent(self, node: Intent) -> Clause:
        """A kind of post asked for in the reader's word ("stiff" -> mobility): the posts of that
        kind, plus TYPED_SHARE of the word itself, as a place's or trigger's words count beside it
        ("stiff ankles": the ankle-mobility post that says "stiff", not the one whose title says
        "ankle" twice). Where the kind has no posts, the word alone."""
        found = self.term_id(kind_term(node.key))
        typed = []
        for term in terms(node.surface):
            self.marks.add(term)
            self.content.append(term)
            if (i := self.term_id(term)) is not None:
                typed.append(Clause("rows", rows=((i, 1.0 if found is None else TYPED_SHARE),)))
        if found is None:
            return NOTHING if not typed else typed[0] if len(typed) == 1 else Clause("any", children=tuple(typed))
        kind = Clause("rows", rows=((found, 1.0),))
        return Clause("any", children=(kind, *typed)) if typed else kind

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

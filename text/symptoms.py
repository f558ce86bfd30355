"""Where and when it hurts: regions of body parts, triggers, what each injury feels like, red flags.

Readers describe pain instead of naming it ("pain on the outside of my knee when running"). The
vocabulary's `regions`, `spots`, `triggers`, each injury's `where` and `when`, and `red_flags`
(see `vocabulary_file`) turn such a description into:

* places: a body part and a region of it ("outer knee" = "lateral knee" = "outside of the knee");
* triggers: when it hurts ("first steps out of bed", "going downstairs");
* a guess: the one injury the description fits best, with the words to say why;
* red flags: symptoms that need a clinician, each with a plain reason.

All of it is matched with `PhraseMatcher` over the same analysis as everything else: whole words,
stems, never across clause punctuation. Possessives ("my", "your") are read as "the", so "the
outside of my knee" and "the outside of the knee" are one phrase.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from .analysis import Analysed, analyse, words
from .phrases import Match, PhraseMatcher, clauses, same_sentence
from .story_time import past_years

__all__ = ["Guess", "Place", "RedFlag", "Region", "Spot", "SymptomMatcher", "Trigger", "place_key"]

# How many joining words ("of the", "edge of the") may stand between a region word and its body part.
MAX_JOINERS = 3
# How many words before a red flag's word a negation denies it ("no swelling or redness").
NEGATION_REACH = 3
# A harmless cause is denied only by a negation right before it ("not beetroot", "no DOMS"): one
# further off denies something else ("lost 3kg without trying since upping my mileage").
CAUSE_NEGATION_REACH = 1
# Words between a harmless cause and the phrase saying it was tried in vain: none before it ("even
# after | I loosened the laces"), two after it ("loosened my laces and | it | didn't help").
RULED_OUT_BEFORE = 0
RULED_OUT_AFTER = 2
# Words between a `wondering` phrase and the name it asks about ("is it a stress fracture",
# "worried I have a DVT").
WONDER_REACH = 3
# Spaces read between a name and its question mark ("tumour ??"): a bounded look, whatever the text.
QUESTION_GAP = 3
# Words that carry a denial on down a list: each starts NEGATION_REACH afresh ("no leg pain or
# numbness" denies the numbness too).
DENIAL_LISTS = frozenset({"or", "nor"})
# Words after a match in which an "or" shows it stands in such a list ("chest pain or fainting").
LIST_LOOKAHEAD = 2
# A comma followed by one of these ends the list: "no pain, but hot or swollen" denies no swelling.
CONTRASTS = frozenset({"but", "though", "however", "yet", "except", "although"})
# "Can't ... without" says the thing happens each time ("can't bend my foot up without my calf
# hurting"): a "without" after one of these in its clause denies nothing.
WITHOUT = "without"
CANNOT = frozenset({"cant", "cannot", "couldnt", "unable"})
# Joins the keys of the flags that list one phrase (a key is lowercase letters, digits and _).
FLAG_KEYS_JOIN = " "
# A red flag's name or words dated in the past, a year at most PAST_REACH words from them in their
# sentence ("stress fracture in my foot (2018, healed)", "shoulder dislocation 2014"), are history.
PAST_REACH = 6


@dataclass(frozen=True)
class Region:
    """A side or part of any body part: `name` is how a notice says it ("on the outside of")."""

    key: str
    name: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Spot:
    """Words that name one region of one body part on their own ("sole" = under the foot); `of`:
    body parts whose `region`, however it is said, is this spot ("nyuma ya paja", the back of the
    thigh as Swahili orders it, is the hamstrings', as "back of the thigh" is)."""

    body_part: str
    region: str
    terms: tuple[str, ...]
    of: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trigger:
    """When it hurts: `name` is how a notice says it ("going downstairs"). A `cause` is a change in
    training or form that explains the pain ("since I switched to forefoot running"): beside a
    body part, its posts are what the reader is after."""

    key: str
    name: str
    terms: tuple[str, ...]
    cause: bool = False


@dataclass(frozen=True)
class RedFlag:
    """A symptom that needs a clinician. Matched by any of `terms` or `names`, or by one word or
    phrase of each list in `together` anywhere in the text ("calf" ... "swollen" ... "hot"), unless
    the text also says one of `unless`: a harmless cause ("fingers go numb in the cold"). A word the
    text denies ("no swelling", "isn't tender": the vocabulary's `negations`) is not said, nor is a
    name of the condition the reader only wonders about ("is it a stress fracture??", "please tell
    me it's not a DVT": the vocabulary's `wondering`), wherever it stands."""

    key: str
    reason: str
    terms: tuple[str, ...] = ()
    together: tuple[tuple[str, ...], ...] = ()
    unless: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    # The condition's history is itself the warning ("breast cancer 2019, new back pain"): a year
    # beside its words does not make them history.
    history_warns: bool = False


@dataclass(frozen=True)
class Place:
    """A region of a body part found in text, with its word positions and the body-part word used."""

    body_part: str
    region: str
    start: int
    end: int
    part_word: str

    @property
    def key(self) -> str:
        return place_key(self.body_part, self.region)


@dataclass(frozen=True)
class Guess:
    """The injury a description points to, the place and trigger that point to it, and the notice."""

    injury: str
    places: tuple[str, ...]  # place keys of the description that the injury lists
    triggers: tuple[str, ...]  # trigger keys of the description that the injury lists
    notice: str


def place_key(body_part: str, region: str) -> str:
    return f"{body_part}.{region}"


def place_part(key: str) -> str:
    """The body part of a place key ("knee.outside" -> "knee")."""
    return key.partition(".")[0]


@dataclass(frozen=True)
class InjurySigns:
    """What one injury feels like: places (body part, region) and triggers."""

    injury: str
    name: str
    where: tuple[tuple[str, str], ...]
    when: tuple[str, ...]
    body_part: str | None = None
    also_where: tuple[tuple[str, str], ...] = ()


class SymptomMatcher:
    """Places, triggers, guesses and red flags of a text (immutable once built)."""

    def __init__(
        self,
        regions: Sequence[Region],
        spots: Sequence[Spot],
        triggers: Sequence[Trigger],
        signs: Sequence[InjurySigns],
        red_flags: Sequence[RedFlag],
        joiners: Sequence[str],
        find_parts: Callable[[str, Analysed, bool], list[Match]],
        part_noun: Callable[[str], str],
        forms: Callable[[str], list[tuple[str, ...]]] = lambda text: [tuple(words(text))],
        negations: Sequence[str] = (),
        wondering: Sequence[str] = (),
        ruled_out: Sequence[str] = (),
        negation_idioms: Sequence[str] = (),
        pain_stems: Iterable[str] = (),
        as_written: Collection[tuple[str, ...]] = (),
    ) -> None:
        """`as_written`: phrases matched only as written (a body part's names in other languages)."""
        self.regions = {r.key: r for r in regions}
        self.spots = tuple(spots)
        self.triggers = {t.key: t for t in triggers}
        self.signs = tuple(signs)
        self.red_flags = tuple(red_flags)
        self._joiners = frozenset(w for j in joiners for w in words(j))
        self._pain_stems = frozenset(pain_stems)
        self._find_parts = find_parts
        self._part_noun = part_noun
        # Each phrase as written and as a reader's search reads it (`forms`: possessives as "the").
        self._regions = PhraseMatcher((r.key, f) for r in regions for t in r.terms for f in forms(t))
        self._spots = PhraseMatcher((str(i), f) for i, s in enumerate(self.spots) for t in s.terms for f in forms(t))
        self._spot_of = {(part, s.region): s for s in self.spots for part in s.of}
        self._triggers = PhraseMatcher((t.key, f) for t in triggers for w in t.terms for f in forms(w))
        # A phrase holds one key, so a term two flags list ("slurred speech": confusion and a stroke)
        # is keyed by both, joined, and counts for each.
        flags_of: dict[tuple[str, ...], list[str]] = {}
        for fl in red_flags:
            for term in (*fl.terms, *fl.names):
                for form in forms(term):
                    flags_of.setdefault(form, []).append(fl.key)
        self._flag_terms = PhraseMatcher((FLAG_KEYS_JOIN.join(dict.fromkeys(keys)), f) for f, keys in flags_of.items())
        # One matcher per list of `together`: a word may stand in several lists of one flag.
        self._flag_parts = [[PhraseMatcher((("", f) for t in group for f in forms(t)), as_written)
                             for group in fl.together] for fl in red_flags]
        self._negations = frozenset(w for n in negations for w in words(n))
        self._names = PhraseMatcher(("", f) for fl in red_flags for n in fl.names for f in forms(n))
        self._wondering = PhraseMatcher(("", f) for w in wondering for f in forms(w))
        self._ruled_out = PhraseMatcher(("", f) for r in ruled_out for f in forms(r))
        self._negation_idioms = PhraseMatcher(("", f) for i in negation_idioms for f in forms(i))
        self._flag_unless = [PhraseMatcher(("", f) for t in fl.unless for f in forms(t)) if fl.unless else None
                             for fl in red_flags]
        self._signs_of = {s.injury: s for s in self.signs}
        # Which injuries list a place or a trigger: a place listed by one injury alone tells it.
        self._by_place: dict[tuple[str, str], list[InjurySigns]] = {}
        for s in self.signs:
            for where in s.where:
                self._by_place.setdefault(where, []).append(s)

    # -- places and triggers -------------------------------------------------------------------

    def places(self, text: str, analysed: Analysed, triggers: Sequence[Match] | None = None, *,
               search: bool = False) -> list[Place]:
        """Regions of body parts in `analysed` (its text is `text`): "outer knee", "sole".
        `triggers`: the text's trigger matches, when the caller has them already. `search`: the text
        is a reader's search (`find_parts` tells its body parts as a search names them)."""
        out = [
            Place(self.spots[int(m.key)].body_part, self.spots[int(m.key)].region, m.start, m.end, "")
            for m in self._spots.find(text, analysed)
        ]
        regions = self._regions.find(text, analysed)
        if not regions:
            return self._not_moving(out, text, analysed, triggers)
        parts = [m for m in self._find_parts(text, analysed, search) if m.key]
        taken = {(p.start, p.end) for p in out}
        ws = analysed.words
        clause = clauses(text, analysed)
        for region in regions:
            best: Place | None = None
            for part in parts:
                # A place stays inside one clause: "far behind me, hips feel tight" is no back of the hip.
                if clause[min(part.start, region.start)] != clause[max(part.end, region.end) - 1]:
                    continue
                if part.start >= region.end and _joined(ws[region.end : part.start], self._joiners):
                    best = Place(part.key, region.key, region.start, part.end, part.surface)
                    break
                between = ws[part.end : region.start]
                # After its body part, a region needs a joiner ("knee on the outside"), to end the
                # clause ("sore calf inside") or a word saying it hurts ("knee outside pain", as a
                # learner writes it): "step one foot back until ..." is an instruction.
                ends = (region.end >= len(ws) or clause[region.end] != clause[region.end - 1]
                        or analysed.stems[region.end] in self._pain_stems)
                if part.end <= region.start and _joined(between, self._joiners) and (between or ends):
                    best = Place(part.key, region.key, part.start, region.end, part.surface)
            if best is not None and (spot := self._spot_of.get((best.body_part, best.region))) is not None:
                best = Place(spot.body_part, spot.region, best.start, best.end, best.part_word)
            if best is not None and not any(s < best.end and best.start < e for s, e in taken):
                out.append(best)
                taken.add((best.start, best.end))
        return sorted(self._not_moving(out, text, analysed, triggers), key=lambda p: p.start)

    def _not_moving(self, places: list[Place], text: str, analysed: Analysed,
                    triggers: Sequence[Match] | None) -> list[Place]:
        """`places` without those inside a trigger of several words: there the place is how the body
        moves ("since I started landing on the balls of my feet"), not where it hurts."""
        if not places:
            return places
        found = self._triggers.find(text, analysed) if triggers is None else triggers
        moves = [t for t in found if t.end - t.start > 1]
        return [p for p in places if not any(t.start <= p.start and p.end <= t.end for t in moves)]

    def phrases_in(self, text: str, analysed: Analysed) -> list[Match]:
        """The regions, spots and triggers `text` says, as listed (not yet joined to body parts)."""
        return [*self._regions.find(text, analysed), *self._spots.find(text, analysed),
                *self._triggers.find(text, analysed)]

    def trigger_matches(self, text: str, analysed: Analysed) -> list[Match]:
        return self._triggers.find(text, analysed)

    # -- a description's injury ----------------------------------------------------------------

    def guess(self, text: str, analysed: Analysed, parts: Sequence[str],
              found: Sequence[Match] | None = None, places: Sequence[Place] | None = None) -> Guess | None:
        """The injury a description points to, when one fits better than every other.

        A place counts 2 when the injury lists it, a place it lists as `also_where` 1, a trigger 1,
        its body part (or that of its first place) named without a region 1. The best injury needs a
        place or a trigger of its own, 2 points, and more points than the next one: "knee pain" alone
        guesses nothing. `found` and `places`: the text's trigger matches and places, when the caller
        has them already."""
        found = self.trigger_matches(text, analysed) if found is None else found
        places = self.places(text, analysed, found, search=True) if places is None else places
        found_places = {(p.body_part, p.region): p for p in places}
        triggers = list(dict.fromkeys(m.key for m in found))
        if not found_places and not triggers:
            return None
        placed_parts = {p.body_part for p in places}
        scored: list[tuple[int, InjurySigns, list[tuple[str, str]], list[str]]] = []
        causes = {t for t in triggers if self.triggers[t].cause}
        for signs in self.signs:
            where = [w for w in signs.where if w in found_places]
            # A place it is felt less often counts as a trigger does: "arches ache after runs" is
            # no plantar fasciitis, "arch hurts when I get up in the morning" is.
            also = [] if where else [w for w in signs.also_where if w in found_places][:1]
            when = [t for t in triggers if t in signs.when]
            # The reader says what caused it: an injury that cause does not lead to is not the answer
            # ("arches sore since I changed to a toe-first landing" is the footstrike, not plantar fasciitis).
            if causes and not causes.intersection(signs.when):
                continue
            # Its body part named without a region: its own, or that of its first, main place ("knee"
            # for IT band syndrome, whose notice says "in the knee"), not every one it lists ("sore
            # quads after running downhill" is not the IT band); an injury that lists no place (low
            # back pain) is never guessed from its body part and a trigger.
            main = {signs.body_part, signs.where[0][0]} if signs.where else set()
            named = not where and any(p in parts and p not in placed_parts for p in main)
            points = 2 * bool(where) + len(also) + len(when) + int(named)
            # Triggers alone tell no injury: "sore quads after running downhill" is not the IT band.
            if (where or (when and (named or also))) and points >= 2:
                scored.append((points, signs, where or also, when))
        if not scored:
            return None
        scored.sort(key=lambda s: -s[0])
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            return None
        _, signs, where, when = scored[0]
        return Guess(signs.injury, tuple(place_key(*w) for w in where), tuple(when),
                     self._notice(signs, [found_places[w] for w in where], when))

    def doubted(self, text: str, analysed: Analysed, injuries: Sequence[Match], places: Sequence[Place]) -> list[Match]:
        """The `injuries` named only as a question ("shin splints??", "is it runner's knee") in a text
        that says where on the injury's body part it hurts, at none of the places the injury is felt:
        the description is what the reader asks about, the name their guess at it ("front of my shin
        aches, not the inside part ... shin splints??" asks about the front of the shin)."""
        if not injuries or not places:
            return []
        asked = self.wondered(text, analysed, injuries)
        out = []
        for m in injuries:
            signs = self._signs_of.get(m.key)
            if signs is None or not signs.where or (m.start, m.end) not in asked:
                continue
            part = signs.body_part or signs.where[0][0]
            said = {(p.body_part, p.region) for p in places if p.body_part == part}
            if said and said.isdisjoint((*signs.where, *signs.also_where)):
                out.append(m)
        return out

    def _notice(self, signs: InjurySigns, places: list[Place], when: list[str]) -> str:
        said = "Pain"
        if places:
            place = places[0]
            region = self.regions[place.region].name if place.region in self.regions else place.region
            said += f" {region} the {place.part_word or self._part_noun(place.body_part)}"
        elif signs.where:
            said += f" in the {self._part_noun(signs.where[0][0])}"
        if when:
            said += f" {self.triggers[when[0]].name}"
        return f"{said} is often {_lower_first(signs.name)}."

    # -- red flags -----------------------------------------------------------------------------

    def red_flags_in(self, text: str, analysed: Analysed | None = None) -> list[RedFlag]:
        """The red flags a text matches, in vocabulary order."""
        analysed = analysed if analysed is not None else analyse(text)
        said = self._said(text, analysed, self._wondered(text, analysed))
        years = past_years(analysed.words)

        def now(matches: list[Match]) -> list[Match]:
            return [m for m in matches if not _dated(text, analysed, m, years)] if years else matches

        terms = said(self._flag_terms)
        hit = {key for m in now(terms) for key in m.key.split(FLAG_KEYS_JOIN)}
        ever = {key for m in terms for key in m.key.split(FLAG_KEYS_JOIN)} if years else hit
        tried: list[Match] | None = None
        out = []
        for flag, groups, unless in zip(self.red_flags, self._flag_parts, self._flag_unless, strict=True):
            if flag.key not in (ever if flag.history_warns else hit):
                found = _each_said(said, groups)
                # Read from groups, a flag is history only when all it says sits by the year
                # ("shoulder dislocation 2014"; not "... 2014, it popped out again today and looks flat").
                if not (found and (flag.history_warns or any(now(f) for f in found))):
                    continue
            # The harmless causes are read only for a flag the text says (one scan of the text each);
            # one the reader denies explains nothing ("no beetroot, and my pee is dark like cola"),
            # nor does one tried in vain ("still numb even after I loosened the laces").
            causes = said(unless, CAUSE_NEGATION_REACH) if unless is not None else []
            if causes:
                tried = self._ruled_out.find(text, analysed) if tried is None else tried
                causes = [c for c in causes if not _ruled_out(c, tried)]
            if not causes:
                out.append(flag)
        return out

    def _wondered(self, text: str, analysed: Analysed) -> frozenset[tuple[int, int]]:
        """The spans of the conditions' names the reader only wonders about: a `wondering` phrase at
        most WONDER_REACH words before one in its clause ("is it a stress fracture", "read about
        DVT"), or right after it ("rhabdo or just DOMS"), or a question mark after it ("tumour??")."""
        return self.wondered(text, analysed, self._names.find(text, analysed))

    def wondered(self, text: str, analysed: Analysed, names: Sequence[Match]) -> frozenset[tuple[int, int]]:
        """The spans of `names` (matches in `analysed`) the reader only wonders about, read as
        `_wondered` reads a red flag's names."""
        if not names:
            return frozenset()
        asks = self._wondering.find(text, analysed)
        clause = clauses(text, analysed)

        def wondered(name: Match) -> bool:
            end = analysed.ends[name.end - 1]
            if text[end : end + QUESTION_GAP + 1].lstrip(" ").startswith("?"):
                return True
            return any(a.start == name.end or (a.end <= name.start and name.start - a.end <= WONDER_REACH
                                                 and clause[a.start] == clause[name.start]) for a in asks)

        return frozenset((n.start, n.end) for n in names if wondered(n))

    def _said(self, text: str, analysed: Analysed, wondered: frozenset[tuple[int, int]] = frozenset()) -> _Said:
        """A matcher's matches in `text` that are not denied: no `negations` word in the `reach`
        words before one (NEGATION_REACH unless given), in its clause ("no swelling or redness", "the
        bone isnt tender"; "can't put weight on it" says the negation inside the match, and counts);
        an "or" on the way gives the reach again ("no leg pain or numbness"), and carries it back over
        the list's commas ("doesn't hurt, swell or give way"), as does one just after the match ("no
        dizziness, chest pain or fainting"); and not a name `wondered` about. A
        negation inside one of `negation_idioms` ("lost weight without trying and sweating at night")
        denies nothing."""
        negated = not self._negations.isdisjoint(analysed.words)
        if not negated and not wondered:
            return lambda matcher, reach=NEGATION_REACH: matcher.find(text, analysed)
        ws, clause = analysed.words, clauses(text, analysed) if negated else []
        idioms = ({k for m in self._negation_idioms.find(text, analysed) for k in range(m.start, m.end)}
                  if negated else set())

        def denied(m: Match, reach: int) -> bool:
            if (m.start, m.end) in wondered:
                return True
            if not negated:
                return False
            # A match with an "or" just after it, or after the list's next items, is inside a list already
            # ("no dizziness, chest pain or fainting"; "no headache, dizziness, nausea or anything else"):
            # the denial reaches it back over the list's commas too.
            listed = _list_goes_on(text, analysed, clause, m.end)
            i, left = m.start - 1, reach
            while i >= 0 and left > 0 and (clause[i] == clause[i + 1] or (
                    listed and _comma(text, analysed, i) and ws[i + 1] not in CONTRASTS)):
                if ws[i] in self._negations and i not in idioms and not _cannot_without(ws, clause, i):
                    return True
                # Each item of a list starts the reach afresh, as an "or" does.
                fresh = ws[i] in DENIAL_LISTS or clause[i] != clause[i + 1]
                listed = listed or ws[i] in DENIAL_LISTS
                left = reach if fresh else left - 1
                i -= 1
            return False

        return lambda matcher, reach=NEGATION_REACH: [m for m in matcher.find(text, analysed) if not denied(m, reach)]


def _list_goes_on(text: str, analysed: Analysed, clause: Sequence[int], end: int) -> bool:
    """Whether an "or" follows word `end - 1` within LIST_LOOKAHEAD words of each list item, the
    items parted by commas alone ("dizziness | , nausea | or")."""
    ws, left = analysed.words, LIST_LOOKAHEAD
    for j in range(end, len(ws)):
        if clause[j] != clause[j - 1]:
            if not _comma(text, analysed, j - 1):
                return False
            left = LIST_LOOKAHEAD
        if ws[j] in DENIAL_LISTS:
            return True
        left -= 1
        if left == 0:
            return False
    return False


def _each_said(said: _Said, groups: Sequence[PhraseMatcher]) -> list[list[Match]]:
    """What the text says of each group, or nothing unless it says one of every group."""
    found = []
    for group in groups:
        matches = said(group)
        if not matches:
            return []
        found.append(matches)
    return found


def _ruled_out(cause: Match, tried: Sequence[Match]) -> bool:
    """Whether a `ruled_out` phrase comes right before the harmless cause ("even after | I loosened
    my laces", "not from | sitting on it") or just after it ("loosened my laces and | it didn't
    help")."""
    # They may share a word: "even after" and the cause "after I loosened".
    return any((t.start < cause.start and cause.start - t.end <= RULED_OUT_BEFORE)
               or (t.end > cause.end and t.start - cause.end <= RULED_OUT_AFTER) for t in tried)


def _cannot_without(ws: Sequence[str], clause: Sequence[int], i: int) -> bool:
    """Whether the negation at `i` is a "without" after a "can't" in the same clause."""
    return ws[i] == WITHOUT and any(ws[j] in CANNOT for j in range(i) if clause[j] == clause[i])


class _Said(Protocol):
    """A matcher's matches in one text less those denied within `reach` words (see `_said`)."""

    def __call__(self, matcher: PhraseMatcher, reach: int = ...) -> list[Match]: ...


def _comma(text: str, analysed: Analysed, i: int) -> bool:
    """Only a comma between word `i` and the next: inside a list once an "or" has been passed ("it
    doesn't hurt, swell or give way"), not a new clause ("no pain, calf swollen and hot")."""
    return text[analysed.ends[i]:analysed.starts[i + 1]].strip() == ","


def _joined(between: Sequence[str], joiners: frozenset[str]) -> bool:
    return len(between) <= MAX_JOINERS and all(w in joiners for w in between)


def _lower_first(name: str) -> str:
    """"IT band syndrome" stays; "Plantar fasciitis" -> "plantar fasciitis"."""
    first = name.split(" ", 1)[0]
    return name if len(first) > 1 and first[1:2].isupper() else name[:1].lower() + name[1:]


def _dated(text: str, analysed: Analysed, match: Match, years: Sequence[int]) -> bool:
    """Whether a year at most PAST_REACH words from `match`, in its sentence, dates it."""
    for year in years:
        first, last = (year, match.start) if year < match.start else (match.end - 1, year)
        if last - first <= PAST_REACH and same_sentence(text, analysed, first, last):
            return True
    return False

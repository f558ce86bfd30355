"""How a query becomes a ranking: tiers instead of cut-offs, feedback for questions, corrections.

* A keyword query ranks the posts that match every group first (all words, each body part,
  injury and kind of post asked for), then continues with the best partial matches by score, so
  a page is never cut short while good posts exist (Meilisearch's "words" rule, Elasticsearch's
  `minimum_should_match`). Partial matches under ANY_WORD_FLOOR of the best score are left out:
  a post sharing only "running" with a question is not an answer.
* A question (QUESTION_TERMS or more content words, no operators) ranks by score alone, plus
  RM3 feedback words from its first ranking's top posts: nobody writes every word of a question;
  then the posts most like its best answer are raised (`nearness`).
* The immutable index is only read: nothing here locks.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import numpy.typing as npt

from .feedback import FEEDBACK_DOCS, FEEDBACK_WEIGHT, MIN_QUERY_TERMS, relevance_model_arrays
from .impact import ImpactMatrix
from .nearness import TermWeights, near_the_best
from .part import Feedback
from .query_compile import Clause, ScoringPlan
from .scoring import Docs, PhraseBudget, PhraseCheck, Sparse, evaluate

ANY_NOTICE = "showing results for any of the words"
ANY_WORD_FLOOR = 0.1
QUESTION_TERMS = MIN_QUERY_TERMS
# Work on one search stops adding clauses (and reading phrase positions) once it has run this
# long; what was found is shown.
TIME_BUDGET_SECONDS = 0.25
# A broad body-part group counts toward "all the words" for a post scoring at least this share of
# its best post (a post about the knee, not one that says "knee" once).
ABOUT_SHARE = 0.3
# In a question (ranked by score alone, no tiers), a kind of post asked for beside a body part
# ("hamstrings feel tight ...": stretches) adds up to this share of the body part's best post, as
# the first tier does for a short search ("tight hamstrings"): the kind's own row is one short field
# and would otherwise weigh next to nothing beside a body part named in every field.
KIND_SHARE = 0.25
# An injury named ("sore neck") weighs at least this share of its body part's best post: an
# injury's own row is one short field, and would otherwise weigh less than a kind of post or a
# trigger beside it ("stiff sore neck after long runs": the neck posts, not the stiff low back).
NAMED_PART_SHARE = 0.5
# A place or trigger said weighs at least this share of the strongest group's best post: its row is
# one short tagged field, and would otherwise weigh less than a plain word in a title ("knees won't
# lift late in races": the hip-flexor post, not "Race Week"). Causes too ("can't lift my knees in
# the last miles", a way of running, is a cause): a body part beside one then weighs at most
# CAUSE_PART_SHARE of the lifted cause (see _narrowed).
TELLING_SHARE = 0.5
# A kind of post asked for beside a body part, place or injury counts this share on posts about
# none of them: "foam roll hamstrings" wants the hamstring posts that are foam rolling before the
# quad roller, "tight inner thigh" the groin stretches before a piriformis post with "Tight" in its
# title.
OFF_TOPIC_KIND_SHARE = 0.5
# With a place said ("the front of my ankle"), the search's plain words count this share on posts
# that never name the place's body part: they tell the story around it ("when I squat down in the
# gym"), and a post on another body part must not win by them (*Step-Downs for Runner's Knee* over
# the ankle mobility post). On the symptom sets 0.5 and 0.7 gain two right first, 0.3 and 0.1
# three, none lost; no other collection moves (they say no places). A post that names the body part
# in passing still counts them in full (the desk hamstring post, which says "hips").
OFF_PLACE_WORD_SHARE = 0.3
# Feedback words add at most this share of the first ranking's best score to a post: they reorder
# close calls, but do not overturn a clear first ranking ("foot lands way out ahead of me, jars up
# into my knee": the overstriding post, not the downhill post its knee words lead to). Cranfield
# gains a right first result; MED 0.715 -> 0.717.
FEEDBACK_CAP = 0.3
# A post of a kind the reader says has not helped keeps this share of its score: enough to put the
# other posts on the problem first where the two are close, not to bury it (on the symptom sets,
# 0.9 and 0.7 change the same two searches, and none for the worse).
TURNED_DOWN_SHARE = 0.85
# With a cause named (new shoes, more miles, a new footstrike, the foot landing out in front), the
# reader's other plain words count this share: they tell the story around the cause ("switched to
# thin flat trainers last week ... absolutely battered"), and a post sharing them by chance (*Race
# Week*) must not outrank the post on the cause. Body parts, places, triggers, kinds and injuries
# said keep their weight. (0.7: three more right first on the symptom sets, none fewer, though a
# plain word that helped can count less: "reach out" beside "out in front"; 0.6 loses one, 0.8
# gains two.)
CAUSE_PLAIN_SHARE = 0.7
# With a cause named, a sore body part beside it weighs at most this share of the cause's best post:
# the reader says why it hurts ("sore knees, watch says 152 steps per min"), and the posts on the
# knee otherwise match the cause's typed words by chance ("steps": Step-Downs). (0.5: ten more right
# first on the symptom sets, one fewer; 0.35 and 0.65 gain one less; 1.0 was the cause's full weight.)
CAUSE_PART_SHARE = 0.5
PHRASES_CUT = "quoted phrases were checked in the best-matching posts only"

Match = Literal["all", "any", "none"]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Ranking:
    """The posts a query found (ascending docnums) with their scores, and which matched it all."""

    docs: npt.NDArray[np.int32]
    scores: npt.NDArray[np.float64]
    full: Mask  # per post in `docs`: matched every group (the first tier)
    match: Match
    notices: tuple[str, ...] = ()
    marks: frozenset[str] = field(default_factory=frozenset)
    tiered: bool = True  # False for a question: ranked by score alone
    phrase_marks: frozenset[tuple[str, ...]] = field(default_factory=frozenset)

    @property
    def total(self) -> int:
        return len(self.docs)

    @property
    def all_words(self) -> int:
        return int(self.full.sum())

    def top(self, start: int, stop: int) -> list[tuple[int, float, bool]]:
        """(docnum, score, in the first tier) of ranks [start, stop): first tier, then score, then docnum."""
        if stop <= start or not len(self.docs):
            return []
        k = min(stop, len(self.docs))
        # One composite key: every first-tier post above every other one.
        lift = float(self.scores.max(initial=0.0)) + 1.0
        key = self.scores + np.where(self.full, lift, 0.0)
        pick = np.argpartition(-key, k - 1)[:k] if k < len(key) else np.arange(len(key))
        kth = key[pick].min()
        pick = np.flatnonzero(key >= kth)  # ties at the boundary are all considered, then cut
        order = pick[np.lexsort((self.docs[pick], -key[pick]))][:k]
        return [(int(self.docs[i]), float(self.scores[i]), bool(self.full[i])) for i in order[start:]]

    def by_date(self, start: int, stop: int, date_rank: npt.NDArray[np.int32]) -> list[tuple[int, float, bool]]:
        """The same posts, newest first."""
        if stop <= start or not len(self.docs):
            return []
        ranks = date_rank[self.docs]
        k = min(stop, len(ranks))
        pick = np.argpartition(ranks, k - 1)[:k] if k < len(ranks) else np.arange(len(ranks))
        order = pick[np.argsort(ranks[pick], kind="stable")]
        return [(int(self.docs[i]), float(self.scores[i]), bool(self.full[i])) for i in order[start:stop]]


@dataclass(frozen=True)
class RankingData:
    """What a ranking reads of an open search part: the impact rows, feedback counts, and the phrase check."""

    impact: ImpactMatrix
    term_ids: Mapping[str, int]
    feedback: Feedback
    feedback_eligible: Mask  # per term: may RM3 add it (a real word in at most MAX_DF_RATIO of posts)
    term_weights: TermWeights  # how alike two posts' feedback counts are (nearness)
    size: int
    phrase_check: PhraseCheck


def rank(plan: ScoringPlan, index: RankingData, allowed: Mask | None, *, question: bool,
         strict: bool = False) -> Ranking:
    """Score the plan's groups and extras, apply filters and exclusions, and tier the result.

    `strict` (the reader wrote AND, OR, NOT or parentheses): only posts that satisfy the whole
    expression, no partial matches."""
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    budget = PhraseBudget(deadline)
    notices: list[str] = list(plan.notices)
    groups: list[Sparse] = []
    for clause in plan.groups:
        if time.monotonic() > deadline:
            notices.append("the search took too long; results for its first words only")
            break
        groups.append(evaluate(clause, index.impact, index.size, index.phrase_check, budget))
    groups = _named_lifted(groups, plan.named, index)
    groups = _telling_lifted(groups, plan)
    # With a cause named, a body part counts for every post that names it: the post about the cause
    # names it in passing ("forefoot striking puts more on the calf").
    counted = _about(groups, () if plan.causes else plan.broad)
    groups = _narrowed(groups, plan.broad, plan.narrow, plan.causes)
    groups = _around_the_cause(groups, plan)
    if question:
        groups = _kind_weighted(groups, plan, index, counted)
    on_topic = _words_on_the_place(_kinds_on_topic(groups, plan, index), plan, index)
    score, count = _accumulate(on_topic, (*plan.extras, *_following(plan.followers, index)), index, counted)
    # The floor for partial matches reads the kinds as asked: a post of that kind off the topic is
    # still an answer, only further down.
    held_back = [(g[0], g[1] - o[1]) for g, o in zip(groups, on_topic, strict=True) if o is not g]
    as_asked = score + _accumulate(held_back, (), index)[0] if held_back else score
    candidates = (count > 0) | (score > 0)
    for clause in plan.exclude:
        docs, _ = evaluate(clause, index.impact, index.size, index.phrase_check, budget)
        candidates[docs] = False
    if budget.cut:
        notices.append(PHRASES_CUT)
    if allowed is not None:
        candidates &= allowed[: index.size]
    if question and time.monotonic() <= deadline:
        before = score
        score, candidates = _with_feedback(plan, index, score, candidates)
        as_asked = as_asked + (score - before)
    score = _turned_down(score, plan.turned_down, index)
    if question:
        score = near_the_best(score, candidates, index.feedback, index.term_weights)
    full = (count >= len(plan.groups)) & candidates if (plan.groups and not question) else np.zeros(index.size, bool)
    if strict and not question:
        candidates &= full
    return _ranking(score, candidates, full, plan, notices, question, as_asked)


def _about(groups: list[Sparse], broad: tuple[int, ...]) -> list[Docs]:
    """The posts each group counts for in the first tier. A broad body-part group counts only for
    posts about the body part (at least ABOUT_SHARE of its best post's score), not for every post
    that names it once in passing ("the lumbar spine" in a thoracic post)."""
    out = []
    for i, (docs, scores) in enumerate(groups):
        if i in broad and len(docs):
            docs = docs[scores >= np.float32(ABOUT_SHARE) * scores.max()]
        out.append(docs)
    return out


def _scaled(group: Sparse, factor: float) -> Sparse:
    return group[0], (group[1] * np.float32(factor)).astype(np.float32)


def _raised(group: Sparse, floor: float) -> Sparse:
    """`group` scaled up so that its best post scores `floor`, where it scores less (not at all: as it is)."""
    top = float(group[1].max()) if len(group[1]) else 0.0
    return _scaled(group, floor / top) if 0 < top < floor else group


def _named_lifted(groups: list[Sparse], named: tuple[tuple[int, int], ...], index: RankingData) -> list[Sparse]:
    """Each named injury's group scaled up, where it weighs less, so that its best post weighs
    NAMED_PART_SHARE of its body part's best post."""
    out = list(groups)
    for i, part in named:
        if i < len(groups) and len(scores := index.impact.row(part)[1]):
            out[i] = _raised(groups[i], NAMED_PART_SHARE * float(scores.max()))
    return out


def _telling_lifted(groups: list[Sparse], plan: ScoringPlan) -> list[Sparse]:
    """Each place or trigger group scaled up, where it weighs less, so that its best post weighs
    TELLING_SHARE of the strongest group's best post."""
    tops = [float(scores.max()) for _, scores in groups if len(scores)]
    if not plan.narrow or not tops:
        return groups
    floor = TELLING_SHARE * max(tops)
    out = list(groups)
    for i in plan.narrow:
        if i < len(groups):
            out[i] = _raised(groups[i], floor)
    return out


def _narrowed(groups: list[Sparse], broad: tuple[int, ...], narrow: tuple[int, ...],
              causes: tuple[int, ...] = ()) -> list[Sparse]:
    """Telling words keep their weight: a broad body-part group ("knee", every name of the knee, in
    every field) is scaled so that its best post weighs no more than the best post of the strongest
    group that narrows it: a place ("outside of the knee") or a trigger ("going downstairs") that
    reaches fewer posts, or CAUSE_PART_SHARE of a cause whatever its reach ("calves sore since I
    switched to forefoot running": the footstrike post, not the calf stretches). The order within
    the body part is kept; a post with the narrowing words is no longer drowned by it. (Plain words
    and kinds of post are left alone: on the exercise reader queries, "sore hamstrings after
    running" is about the hamstrings, not "after".)"""
    if not broad or not narrow:
        return groups
    out = list(groups)
    for i in broad:
        if i >= len(groups) or not len(groups[i][0]):
            continue
        reach = len(groups[i][0])
        narrower = [float(groups[j][1].max()) * (CAUSE_PART_SHARE if j in causes else 1.0) for j in narrow
                    if j < len(groups) and len(groups[j][0]) and (len(groups[j][0]) < reach or j in causes)]
        top = float(groups[i][1].max())
        if narrower and top > max(narrower):
            out[i] = _scaled(groups[i], max(narrower) / top)
    return out


def _said_groups(plan: ScoringPlan) -> set[int]:
    """The groups that say something the vocabulary knows (a body part, place, trigger, kind or
    injury); the rest are the search's plain words."""
    return {*plan.broad, *plan.narrow, *(g for g, _ in plan.kinds), *(g for g, _ in plan.named)}


def _around_the_cause(groups: list[Sparse], plan: ScoringPlan) -> list[Sparse]:
    """Each plain-word group scaled to CAUSE_PLAIN_SHARE when the search names a cause."""
    if not plan.causes:
        return groups
    said = _said_groups(plan)
    return [g if i in said or not len(g[0]) else _scaled(g, CAUSE_PLAIN_SHARE) for i, g in enumerate(groups)]


def _kind_weighted(groups: list[Sparse], plan: ScoringPlan, index: RankingData, about: list[Docs]) -> list[Sparse]:
    """A kind-of-post group of a question with the kind's own row weighted so that its best post
    weighs KIND_SHARE of the strongest body-part group's best post, in the posts about a body part
    asked for (`about`: see _about): calf posts that are stretches, not every stretch."""
    parts = [float(groups[i][1].max()) for i in plan.broad if i < len(groups) and len(groups[i][0])]
    if not parts or not plan.kinds:
        return groups
    on_topic = np.unique(np.concatenate([about[i] for i in plan.broad if i < len(about)]))
    out = list(groups)
    for i, kind in plan.kinds:
        clause = plan.groups[i] if i < len(plan.groups) else None
        _, data = index.impact.row(kind)
        if clause is None or not len(data) or i >= len(groups) or not len(groups[i][0]):
            continue
        weight = KIND_SHARE * max(parts) / float(data.max())
        if weight <= 1.0:
            continue
        docs, scores = evaluate(_kind_scaled(clause, kind, weight), index.impact, index.size, index.phrase_check)
        # The same posts (weights only): off topic, a post keeps its score as typed.
        scores = np.where(np.isin(docs, on_topic), scores, groups[i][1]).astype(np.float32)
        out[i] = (docs, scores)
    return out


def _kind_scaled(clause: Clause, kind: int, weight: float) -> Clause:
    """`clause` with the kind's own row weighted `weight` times (the reader's word beside it kept)."""
    if clause.kind == "rows":
        return replace(clause, rows=tuple((r, w * weight if r == kind else w) for r, w in clause.rows))
    return replace(clause, children=tuple(_kind_scaled(c, kind, weight) for c in clause.children))


def _kinds_on_topic(groups: list[Sparse], plan: ScoringPlan, index: RankingData) -> list[Sparse]:
    """Each kind group scaled to OFF_TOPIC_KIND_SHARE on the posts off the search's topic: reached
    by no body part or injury group of the search, nor by the body part of a place said; where the
    search says neither, by no group of a place or trigger. (A trigger's common words reach every
    post: "outside of my hip stiff after trail runs" is about the hip, and the lumbar mobility post
    is off it. Posts that name the body part at all count as on it: only posts "about" it, as the
    first tier counts them, cost the exercise reader queries 0.714 -> 0.712.) The groups left as
    they were are the same objects."""
    said = (*plan.broad, *(g for g, _ in plan.named))
    topic = [groups[i][0] for i in (said if said or plan.place_parts else plan.narrow) if i < len(groups)]
    topic += [index.impact.row(part)[0] for part in plan.place_parts]
    if not plan.kinds or not any(len(t) for t in topic):
        return groups
    on_topic = np.unique(np.concatenate(topic))
    out = list(groups)
    for i, _ in plan.kinds:
        if i < len(groups) and len(groups[i][0]):
            out[i] = _scaled_off(groups[i], on_topic, OFF_TOPIC_KIND_SHARE)
    return out


def _words_on_the_place(groups: list[Sparse], plan: ScoringPlan, index: RankingData) -> list[Sparse]:
    """Each plain-word group scaled to OFF_PLACE_WORD_SHARE on the posts that do not name the body
    part of a place said. Groups of body parts, places, triggers, kinds and injuries are left as
    they were (the same objects)."""
    parts = [docs for part in plan.place_parts if len(docs := index.impact.row(part)[0])]
    if not parts:
        return groups
    on_place = np.unique(np.concatenate(parts))
    said = _said_groups(plan)
    return [g if i in said or not len(g[0]) else _scaled_off(g, on_place, OFF_PLACE_WORD_SHARE)
            for i, g in enumerate(groups)]


def _scaled_off(group: Sparse, on: Docs, factor: float) -> Sparse:
    """`group` scaled by `factor` on its posts that are not in `on` (as it is on those that are)."""
    docs, scores = group
    return docs, np.where(np.isin(docs, on), scores, scores * np.float32(factor)).astype(np.float32)


def _turned_down(score: npt.NDArray[np.float64], rows: tuple[int, ...], index: RankingData) -> npt.NDArray[np.float64]:
    """Each post of a kind the reader says has not helped scaled to TURNED_DOWN_SHARE: "stretched
    it for weeks, no change" puts the strengthening post on the same problem before the stretches,
    and the stretches stay in the results."""
    if not rows:
        return score
    out = score.copy()
    for row in rows:
        out[index.impact.row(row)[0]] *= TURNED_DOWN_SHARE
    return out


def _following(followers: tuple[tuple[int, int, float], ...], index: RankingData) -> list[tuple[int, float]]:
    """Each follower row as an extra, weighted so its best post scores its share of the
    reference row's best: the share holds whatever the two rows' own scales."""
    out = []
    for row, reference, share in followers:
        top, ref = index.impact.row(row)[1], index.impact.row(reference)[1]
        if len(top) and len(ref) and float(top.max()) > 0:
            out.append((row, share * float(ref.max()) / float(top.max())))
    return out


def _accumulate(groups: list[Sparse], extras: tuple[tuple[int, float], ...], index: RankingData,
                counted: list[Docs] | None = None) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int32]]:
    """Each post's summed score and how many groups reach it (`counted`: the posts each group
    counts for, when not every post it reaches)."""
    size = index.size
    pieces = [g for g in groups if len(g[0])]
    for term_id, weight in extras:
        docs, data = index.impact.row(term_id)
        pieces.append((docs, data * np.float32(weight)))
    if pieces:
        docs = np.concatenate([p[0] for p in pieces])
        score = np.bincount(docs, weights=np.concatenate([p[1] for p in pieces]).astype(np.float64),
                            minlength=size).astype(np.float64)
    else:
        score = np.zeros(size, dtype=np.float64)
    counted = [d for d in (counted if counted is not None else [g[0] for g in groups]) if len(d)]
    count = (np.bincount(np.concatenate(counted), minlength=size) if counted else np.zeros(size, np.int64)).astype(
        np.int32
    )
    return score[:size], count[:size]


def _with_feedback(plan: ScoringPlan, index: RankingData, score: npt.NDArray[np.float64], candidates: Mask
                   ) -> tuple[npt.NDArray[np.float64], Mask]:
    """`score` plus RM3 feedback words from the top FEEDBACK_DOCS posts of the first ranking."""
    docs = np.flatnonzero(candidates)
    if not len(docs):
        return score, candidates
    k = min(FEEDBACK_DOCS, len(docs))
    top = docs[np.lexsort((docs, -score[docs]))][:k]
    fb = index.feedback
    rows = [(float(score[d]), fb.terms[fb.ptr[d]:fb.ptr[d + 1]], fb.counts[fb.ptr[d]:fb.ptr[d + 1]])
            for d in top.tolist()]
    asked = np.asarray([i for t in plan.content_terms if (i := index.term_ids.get(t)) is not None], dtype=np.int32)
    extra = np.zeros(index.size, dtype=np.float64)
    for term_id, weight in relevance_model_arrays(rows, index.feedback_eligible, asked):
        posts, data = index.impact.row(term_id)
        extra[posts] += data.astype(np.float64) * (FEEDBACK_WEIGHT * weight)  # a row holds each post once
    most, best = float(extra.max()), float(score[top[0]])
    if most > FEEDBACK_CAP * best > 0:
        extra *= FEEDBACK_CAP * best / most
    return score + extra, candidates | (extra > 0)


def _ranking(score: npt.NDArray[np.float64], candidates: Mask, full: Mask, plan: ScoringPlan,
             notices: list[str], question: bool, floor_score: npt.NDArray[np.float64]) -> Ranking:
    """`floor_score`: the scores the floor for partial matches reads."""
    if candidates.any():
        best = float(floor_score[candidates].max())
        # Partial matches under the floor are not answers; the first tier is always shown.
        candidates = candidates & (full | (floor_score >= ANY_WORD_FLOOR * best))
    docs = np.flatnonzero(candidates).astype(np.int32)
    full_docs = full[docs]
    if full_docs.any():
        match: Match = "all"
        partial = len(docs) - int(full_docs.sum())
        if partial:
            matched = int(full_docs.sum())
            notices.append(f"{matched} {_posts(matched)} all the words; {partial} more {_match(partial)} some of them")
    else:
        match = "any"
        if (len(docs) and not question and len(plan.groups) > 1) or (question and len(docs)):
            notices.insert(0, ANY_NOTICE)
    return Ranking(docs, score[docs], full_docs, match, tuple(notices), plan.marks, tiered=not question,
                   phrase_marks=plan.phrase_marks)


def _posts(n: int) -> str:
    return "post matches" if n == 1 else "posts match"


def _match(n: int) -> str:
    return "matches" if n == 1 else "match"

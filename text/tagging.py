"""Each post analysed once: its words and terms per field, the concepts it mentions, and its tags
(body parts, injuries, kinds of post). The search index and the related-posts vectors are both
written from this one analysis."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from ..index.post import Post
from .analysis import Analysed, analyse
from .phrases import Match
from .symptoms import Place
from .vocabulary import Vocabulary, dedupe

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
DESCRIBED_WINDOW = 30  # words between a place and a trigger that describe one injury together
PAIN_WINDOW = 6  # words between a place and a word of pain ("sharp pain on the outside of the knee")
LABEL_JOINER = " . "  # keeps a phrase from running from one category or tag into the next
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|</p\s*>", re.IGNORECASE)

FIELDS = ("title", "tags", "body")


@dataclass(frozen=True)
class AnalysedPost:
    """A tagged post and its analysis: what the search writer and the related vectors read."""

    post: Post
    title: Analysed
    tags: Analysed  # categories and tags, joined with LABEL_JOINER
    body: Analysed
    # field ("title", "tags", "body") -> concept key -> mentions in that field
    concepts: dict[str, Counter[str]]
    # field ("title", "body") -> place key ("knee.outside") -> mentions (where it hurts, see symptoms)
    places: dict[str, Counter[str]] = field(default_factory=dict)
    # field ("title", "body") -> trigger key ("first_steps") -> mentions (when it hurts)
    triggers: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def labels_text(self) -> str:
        return LABEL_JOINER.join((*self.post.categories, *self.post.tags))


def analyse_post(post: Post, vocabulary: Vocabulary) -> AnalysedPost:
    """Analyse the post's fields once and tag it with body parts, injuries and kinds."""
    labels_text = LABEL_JOINER.join((*post.categories, *post.tags))
    title, tags, body = analyse(post.title), analyse(labels_text), analyse(post.body)
    labels = [(label, analyse(label)) for label in (*post.categories, *post.tags)]
    title_matches = vocabulary.find(post.title, title)
    label_keys: list[str] = []
    mapped: list[str] = []
    for position, (label, analysed) in enumerate(labels):
        by_map = vocabulary.categories.get(" ".join(analysed.words)) if position < len(post.categories) else None
        if by_map is not None:
            mapped += by_map
            label_keys += by_map
        else:
            label_keys += vocabulary.concepts_in(label, analysed)
    body_matches = vocabulary.find(post.body, body)
    title_keys = list(dict.fromkeys(m.key for m in title_matches))
    labelled = bool(title_keys or label_keys)
    # The blog writes to its reader: "the outside of your thigh" is the place "outside of the thigh".
    body_places = _not_instructions(vocabulary.places(post.body, body, reader=True), body_matches, body, vocabulary)
    body_triggers = vocabulary.triggers(post.body, body)
    keys = [*title_keys, *label_keys, *_salient(post.body, body, body_matches, vocabulary, labelled),
            *_described(body, body_places, body_triggers, vocabulary)]
    body_parts: list[str] = []
    injuries: list[str] = []
    for key in dedupe(keys):
        concept = vocabulary.concept(key)
        if concept.kind == "injury":
            injuries.append(key)
            if concept.body_part:
                body_parts.append(concept.body_part)
        else:
            body_parts.append(key)
    tagged = post.with_changes(
        body_parts=dedupe(body_parts), injuries=tuple(injuries),
        kinds=_kinds(post, title, body, labels, vocabulary),
    )
    concepts = {
        "title": Counter(m.key for m in title_matches),
        "tags": Counter(m.key for m in vocabulary.find(labels_text, tags)) + Counter(mapped),
        "body": Counter(m.key for m in body_matches),
    }
    places = {
        "title": Counter(p.key for p in vocabulary.places(post.title, title, reader=True)),
        "body": Counter(p.key for p in body_places),
    }
    triggers = {
        "title": Counter(m.key for m in vocabulary.triggers(post.title, title)),
        "body": Counter(m.key for m in body_triggers),
    }
    return AnalysedPost(tagged, title, tags, body, concepts, places, triggers)


def tag(post: Post, vocabulary: Vocabulary) -> Post:
    """`post` with body_parts, injuries and kinds derived from its text."""
    return analyse_post(post, vocabulary).post


def _kinds(post: Post, title: Analysed, body: Analysed, labels: list[tuple[str, Analysed]],
           vocabulary: Vocabulary) -> tuple[str, ...]:
    """The 1-2 best kinds of post by cue score; ("other",) when no cue is strong enough."""
    scores: dict[str, float] = {}
    for match in vocabulary.cues(post.title, title):
        scores[match.key] = scores.get(match.key, 0.0) + TITLE_WEIGHT
    for label, analysed in labels:
        for key in dedupe(m.key for m in vocabulary.cues(label, analysed)):
            scores[key] = scores.get(key, 0.0) + LABEL_WEIGHT
    for key, count in Counter(m.key for m in vocabulary.cues(post.body, body)).items():
        scores[key] = scores.get(key, 0.0) + min(count * BODY_WEIGHT, BODY_CAP)
    order = {kind.key: i for i, kind in enumerate(vocabulary.kinds)}
    ranked = sorted(
        (key for key, score in scores.items() if score >= MIN_KIND_SCORE),
        key=lambda key: (-scores[key], order[key]),
    )
    if not ranked:
        return ("other",)
    best = scores[ranked[0]]
    return tuple(k for k in ranked[:2] if scores[k] >= best * SECOND_KIND_RATIO)


def _salient(text: str, analysed: Analysed, matches: list[Match], vocabulary: Vocabulary, labelled: bool) -> list[str]:
    """Keys the body is about, not just mentions.

    Injuries are specific, so two mentions (or one in the lead) are enough. Body parts also
    turn up in exercise cues ("bend your knee"): those mentions never count (the vocabulary's
    `exercise_cues`), and a post whose title, categories or tags already name its topic needs a
    body part mentioned BODY_PART_MIN_MENTIONS times.
    """
    lead_end = _lead_words(text, analysed)
    matches = [m for m in matches if not (vocabulary.concept(m.key).kind == "body_part"
                                          and vocabulary.is_exercise_cue(analysed, m))]
    counts = Counter(m.key for m in matches)

    def salient(key: str, start: int) -> bool:
        if vocabulary.concept(key).kind == "injury" or not labelled:
            return counts[key] >= BODY_MIN_MENTIONS or start < lead_end
        return counts[key] >= BODY_PART_MIN_MENTIONS

    return [m.key for m in matches if salient(m.key, m.start)]


def _not_instructions(places: list[Place], matches: list[Match], analysed: Analysed,
                      vocabulary: Vocabulary) -> list[Place]:
    """`places` less those whose body-part word is an exercise cue: "turn your top toes slightly
    down" (the upper leg's toes, lying on your side) is an instruction, not the top of the foot, as
    "bend your knee" is no mention of the knee (see _salient)."""
    cues = [m for m in matches
            if vocabulary.concept(m.key).kind == "body_part" and vocabulary.is_exercise_cue(analysed, m, place=True)]
    return [p for p in places if not any(p.start <= m.start and m.end <= p.end for m in cues)]


def _described(analysed: Analysed, places: list[Place], triggers: list[Match], vocabulary: Vocabulary) -> list[str]:
    """Injuries the body describes without naming them ("sharp pain on the outside of the knee during
    runs, often starting at the same mile"): one of the injury's places, said to hurt, with one of its
    triggers near it."""
    if not places:
        return []
    pain = vocabulary.pain_words
    hurts = [i for i, stem in enumerate(analysed.stems) if stem in pain]
    out = []
    for injury in vocabulary.injuries:
        # A place that hurts ("pain on the outside of the knee"), not one an exercise is felt in.
        where = [p for p in places if (p.body_part, p.region) in injury.where
                 and any(abs(i - p.start) <= PAIN_WINDOW for i in hurts)]
        if not where:
            continue
        # A trigger counts only near the place (the same few sentences), not anywhere in the post.
        near = any(t.key in injury.when and abs(t.start - p.start) <= DESCRIBED_WINDOW for t in triggers for p in where)
        if near:
            out.append(injury.key)
    return out


def _lead_words(text: str, analysed: Analysed) -> int:
    """How many of the body's words are in its lead (first paragraph with words, capped)."""
    starts = analysed.starts
    for piece in _PARAGRAPH_BREAK.finditer(text):
        inside = bisect_left(starts, piece.start())  # words before this break: all in the lead
        if inside:
            return min(inside, LEAD_WORDS)
    return min(len(starts), LEAD_WORDS)

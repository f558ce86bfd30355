"""`SearchIndex`: an opened search part answering searches and type-ahead.

Everything it reads was computed at build and never changes, so any number of threads may
search at once without a lock. Only a reader's own "quoted phrase" opens the Whoosh text store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..index.bounded_cache import BoundedCache
from ..index.errors import IndexDamaged
from ..index.post import Post
from ..text.analysis import analyse, words
from ..text.symptoms import place_part
from ..text.vocabulary import Vocabulary
from .excerpts import excerpt
from .feedback import MAX_DF_RATIO
from .nearness import term_weights
from .part import NO_DATE, SearchPart, load
from .query_compile import ScoringPlan, compile_plan
from .query_parse import QueryPlan, operators_as_words, plan, sanitize
from .results import SearchHit, SearchRequest, SearchResult, Suggestion
from .scoring import evaluate
from .spelling import Speller, corrected_text, corrections, put_right
from .strategy import QUESTION_TERMS, Ranking, RankingData, rank
from .suggest import Suggester
from .text_store import TextStore

Mask = npt.NDArray[np.bool_]
NO_WORDS = "no searchable words in {query!r}: showing the newest posts"
NO_QUERY = "no search words: showing the newest posts"
NEARBY_PARTS = 2
GUESSES_REMEMBERED = 64  # the injury a text points to, for the last few texts (a search reads it twice)
CLINICIAN = "{reason} Please see a doctor or physical therapist; the posts below are general advice."
REMEMBERED_SEARCHES = 1024  # distinct searches answered from memory per open index (a result is a few KB)
REMEMBERED_BYTES = 64 * 1024 * 1024  # and at most this much of them, by `_result_bytes`
# A request whose text is longer than this is worked out every time: it is cut to MAX_QUERY_CHARS
# anyway, and as a key it would hold up to 16 KB of URL per entry.
REMEMBERED_QUERY_CHARS = 1000
# Did-you-mean is for a few typed words; a pasted paragraph gets its any-word ranking as it is
# (unless a correction names what it is about: see SearchIndex._read_as).
SPELLED_CLAUSES = 12  # "calf and ankle posts": more would be a browse, not an answer
SHOWING_CORRECTED = "showing results for {fixed}"  # the notice over a corrected search's results
SEARCHED_IN_ENGLISH = "searched in English as: {english}"  # the notice over a search in another language
# Words or phrases of one language a search must hold to be searched as its English: one alone is as
# often a word of a language the vocabulary has no translations for ("dobara kab dor sakta hun": Hindi
# "run", not the Portuguese "pain"; "front a mi shin", Jamaican, is no Spanish "a mí", "to me") ...
TRANSLATED_PHRASES_LEAST = 2
# ... unless the search is written mostly in words the blog never uses and at least this share of
# them are the language's ("maraton haftası ne yapayım": Turkish "marathon week").
TRANSLATED_SHARE_LEAST = 0.25
# Over the closest posts to an AND / OR / NOT search that no post matches as written.
NO_EXACT_MATCH = "no post matches the whole search as written (AND, OR, NOT): showing the closest posts"


class SearchIndex:
    """One open search part; `search()` and `suggest()` are safe to call from many threads."""

    def __init__(self, part: SearchPart, posts: Mapping[str, Post], vocabulary: Vocabulary, directory: Path,
                 *, remember: int = REMEMBERED_SEARCHES) -> None:
        missing = [pid for pid in part.ids if pid not in posts]
        if missing:
            raise IndexDamaged(f"the search index in {directory} names {len(missing)} posts the bundle lacks "
                               f"(e.g. {missing[0]!r}); rebuild with `runphys build`")
        self._part = part
        self._posts = [posts[pid] for pid in part.ids]
        self._vocab = vocabulary
        # A search reads the injury its text points to twice (to rank, and for the notice).
        self._guess = lru_cache(maxsize=GUESSES_REMEMBERED)(vocabulary.guess)
        self._size = len(part.ids)
        self._term_ids = {term: i for i, term in enumerate(part.impact.terms)}
        self._text = TextStore(directory / "text", self._size)
        self._index = RankingData(part.impact, self._term_ids, part.feedback, feedback_eligible(part),
                                  term_weights(part.feedback, len(part.impact.terms)), self._size,
                                  self._text.phrase_check)
        self._date_rank = np.empty(self._size, dtype=np.int32)
        self._date_rank[part.date_order] = np.arange(self._size, dtype=np.int32)
        # Every word the author wrote is a word ("stabs" is a pain word, not a typo of "stays"); a
        # misspelling listed for a concept, or its name in another language ("enkel" for "ankel"), is
        # not one to correct towards, nor is such a name inside a longer phrase ("side of the slaunis"
        # would turn the Scots "staunin" into a Lithuanian thigh).
        misspelt = {m for c in (*vocabulary.body_parts, *vocabulary.injuries)
                    for m in (*c.misspellings, *c.other_languages)}
        misspelt_words = {w for m in misspelt if len(ws := words(m)) == 1 for w in ws}
        self._speller = Speller(part.words, lambda t: t in self._term_ids,
                                [w for s in vocabulary.phrases() if s not in misspelt for w in words(s)
                                 if w not in misspelt_words],
                                [w for v in vocabulary.vague_words for w in words(v)])
        self._suggester = Suggester(part.suggest)
        self._remembered: BoundedCache[SearchRequest, SearchResult] = BoundedCache(
            REMEMBERED_BYTES, remember, _result_bytes)

    @classmethod
    def open(cls, directory: Path, posts: Mapping[str, Post], vocabulary: Vocabulary,
             *, remember: int = REMEMBERED_SEARCHES) -> SearchIndex:
        """Open the search part in `directory` (IndexMissing, IndexDamaged, IndexVersionMismatch).

        `remember`: how many distinct searches to answer from memory (0: work out every one)."""
        return cls(load(directory), posts, vocabulary, directory, remember=remember)

    @property
    def doc_count(self) -> int:
        return self._size

    def verify(self) -> None:
        """Open the text store now (IndexDamaged if it cannot be read), not on the first phrase."""
        self._text.open()

    def close(self) -> None:
        self._remembered.clear()
        self._text.close()

    # -- type-ahead ----------------------------------------------------------------------------

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Prefix suggestions (vocabulary terms with most posts first, then titles)."""
        return self._suggester.suggest(prefix, max(0, min(limit, 50)))

    # -- search --------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        """One search: parse, tiers, feedback for questions, spelling, facets, one page of hits.

        The index never changes once open, so an answer stays true: the last `remember`
        distinct searches are answered from memory (readers repeat the popular ones)."""
        if len(request.q) > REMEMBERED_QUERY_CHARS:
            return self._search(request)
        return self._remembered.get(request, lambda: self._search(request))

    def _search(self, request: SearchRequest) -> SearchResult:
        request.validate()
        text, notices = sanitize(request.q)
        allowed = self._filter(request)
        searched, in_english = self._in_english(text)
        query = plan(searched, self._vocab)
        # One reading of the typos serves the red flags and the did-you-mean; a red flag rests only on
        # a sure typo ("numbnes"), not on a word the blog never uses put right ("caster sugar": "cancer").
        found = corrections(query, self._speller, self._vocab) if query.searchable else []
        fixed = put_right(searched, found)
        flags = self._red_flags(text, put_right(searched, [c for c in found if c.sure]))
        notices = (*flags, *notices, *in_english)
        query, corrected, read_as = self._read_as(query, fixed)
        notices = (*notices, *read_as)
        if not query.searchable:
            return replace(self._browse(request, text, query, allowed, notices), red_flags=flags)
        ranking, did_you_mean = self._decide(query, allowed, corrected)
        start = (request.page - 1) * request.per_page
        stop = start + request.per_page
        ranked = ranking.by_date(start, stop, self._date_rank) if request.sort == "date" else ranking.top(start, stop)
        hits = self._hits(ranked, ranking.marks, ranking.phrase_marks)
        mask = np.zeros(self._size, dtype=bool)
        mask[ranking.docs] = True
        nearby, offer = self._nearby(query, allowed, request.per_page)
        return SearchResult(
            query=text, total=ranking.total, page=request.page, per_page=request.per_page, hits=tuple(hits),
            facets=self._part.facets.count(mask, self._label), did_you_mean=did_you_mean,
            notices=(*notices, *query.notices, *self._guessed(query), *ranking.notices, *offer), match=ranking.match,
            total_all_words=ranking.all_words, nearby=nearby, red_flags=flags,
        )

    def _read_as(self, query: QueryPlan, fixed: str | None) -> tuple[QueryPlan, QueryPlan | None, tuple[str, ...]]:
        """The query to search, its correction (parsed) left to offer, and the notice saying so: a
        correction that names what the search is about (a body part, injury, place or trigger the
        words as typed do not) is searched in their place, however long the search ("planter
        fashitis 2 months now n stretching isnt cutting it": plantar fasciitis, not every post with
        "stretching"); any other is left to _decide."""
        if fixed is None:
            return query, None, ()
        corrected = plan(fixed, self._vocab)
        if not _named(corrected) - _named(query):
            return query, corrected, ()
        return corrected, None, (SHOWING_CORRECTED.format(fixed=fixed),)

    def _in_english(self, text: str) -> tuple[str, tuple[str, ...]]:
        """The text to search, and the notice saying so: a search holding words of another language
        the vocabulary translates is searched as its English ("dolor por fuera de la rodilla" as
        "pain on the outside of the knee"), as the blog is written."""
        read = self._vocab.in_english(text)
        if read is None:
            return text, ()
        if read.phrases < TRANSLATED_PHRASES_LEAST:
            said = [t for t in analyse(text).terms if t and not t.isdigit()]
            unknown = sum(t not in self._term_ids for t in said)
            if 2 * unknown <= len(said) or len(read.words) < TRANSLATED_SHARE_LEAST * unknown:
                return text, ()
        return read.text, (SEARCHED_IN_ENGLISH.format(english=read.text),)

    def _red_flags(self, text: str, fixed: str | None) -> tuple[str, ...]:
        """The clinician notices of the search, read as typed and as `fixed` (its typos corrected):
        a misspelt symptom ("numbnes down my leg") must not hide one. Another language is read as
        typed only: its words corrected towards English ("numa perna", in a leg, as "numb perna")
        are no longer that language."""
        found = self._vocab.red_flags(text)
        if fixed is not None:
            found += self._vocab.red_flags(fixed, other_languages=False)
        return tuple(dict.fromkeys(CLINICIAN.format(reason=f.reason) for f in found))

    def _guessed(self, query: QueryPlan) -> tuple[str, ...]:
        """"Pain on the outside of the knee when running is often IT band syndrome.", when the blog
        has posts on the injury a description points to."""
        guess = self._guess(query.text)
        if guess is None or not self._part.facets.facets["injury"].having(guess.injury, self._size).any():
            return ()
        return (guess.notice,)

    def ranked_ids(self, q: str, limit: int = 100) -> list[str]:
        """Post ids in the order `search()` pages through them (all tiers), without the pages.

        The benchmarks' and tests' entry point (benchmarks/search_quality.py times it beside the
        peers, which return ids only); the service never calls it."""
        text, _ = sanitize(q)
        query = plan(self._in_english(text)[0], self._vocab)
        if not query.searchable:
            return []
        query, corrected, _ = self._read_as(query, corrected_text(query, self._speller, self._vocab))
        ranking, _ = self._decide(query, None, corrected)
        return [self._posts[d].id for d, _, _ in ranking.top(0, max(0, int(limit)))]

    def _decide(self, query: QueryPlan, allowed: Mask | None,
                corrected: QueryPlan | None) -> tuple[Ranking, str | None]:
        """The ranking to show and an optional did-you-mean (`corrected`: the query with its typos
        corrected, parsed; None when it has none).

        A correction is offered only when it finds more posts with every word than the query as
        typed; when the query as typed finds nothing at all, the corrected results are shown.
        """
        ranking = self._rank(query, allowed)
        spell = ranking.match != "none" and query.clause_count <= SPELLED_CLAUSES
        fixed = corrected if spell else None
        if fixed is None:
            return ranking, None
        alternative = self._rank(fixed, allowed)
        if _strict(alternative) <= _strict(ranking):
            return ranking, None
        if _strict(ranking) == 0:
            shown = replace(alternative, notices=(SHOWING_CORRECTED.format(fixed=fixed.text), *alternative.notices))
            return shown, None
        return ranking, fixed.text

    def _rank(self, query: QueryPlan, allowed: Mask | None) -> Ranking:
        """The query's ranking. One with AND, OR or NOT finds only the posts that match it as
        written; when none does, the closest posts are shown with a notice saying so (a reader's
        "worth it OR waste of time" is words, and a dead end helps nobody)."""
        scoring = self._compile(query)
        question = not query.boolean and query.clause_count >= 3 and len(scoring.content_terms) >= QUESTION_TERMS
        ranking = rank(scoring, self._index, allowed, question=question, strict=query.boolean)
        if not query.boolean or ranking.total:
            return ranking
        closest = self._rank(plan(operators_as_words(query.text), self._vocab), allowed)
        return replace(closest, notices=(NO_EXACT_MATCH, *closest.notices)) if closest.total else ranking

    def _compile(self, query: QueryPlan) -> ScoringPlan:
        impact = self._part.impact
        return compile_plan(query, self._term_ids.get, lambda i: impact.df(i) > 0, self._vocab,
                            self._guess(query.text))

    def _browse(self, request: SearchRequest, text: str, query: QueryPlan, allowed: Mask | None,
                notices: tuple[str, ...]) -> SearchResult:
        """No words to search for: the newest posts (filtered, minus any -excluded words)."""
        shown = np.ones(self._size, dtype=bool) if allowed is None else allowed.copy()
        for clause in self._compile(query).exclude:
            shown[evaluate(clause, self._part.impact, self._size, self._text.phrase_check)[0]] = False
        order = self._part.date_order
        chosen = order[shown[order]]
        start = (request.page - 1) * request.per_page
        page = chosen[start : start + request.per_page]
        hits = [self._hit(int(d), None, "none", ()) for d in page]
        notice = NO_WORDS.format(query=text[:80]) if text else (NO_QUERY if allowed is None else "")
        return SearchResult(
            query=text, total=len(chosen), page=request.page, per_page=request.per_page, hits=tuple(hits),
            facets=self._part.facets.count(shown, self._label), did_you_mean=None,
            notices=(*notices, *((notice,) if notice else ())), match="none", total_all_words=0,
        )

    def _nearby(
        self, query: QueryPlan, allowed: Mask | None, limit: int
    ) -> tuple[tuple[SearchHit, ...], tuple[str, ...]]:
        """For a search on a body part or injury no post is about yet (even when its other words
        match posts): the best posts on its nearest body parts (the vocabulary's `near`), and the
        notice that offers them."""
        facets = self._part.facets.facets
        # A place counts as its body part ("just above my heel": the Achilles).
        keys = [token.key if token.kind == "concept" else place_part(token.key)
                for token in query.tokens if token.kind in ("concept", "place")]
        for key in keys:
            if not self._vocab.has_concept(key):
                continue
            concept = self._vocab.concept(key)
            if facets[concept.kind].having(concept.key, self._size).any():
                continue  # written about: the filters or the other words left it out
            parts = [k for k in self._vocab.nearby(concept.key) if facets["body_part"].having(k, self._size).any()]
            shown = np.zeros(self._size, dtype=bool)
            for key in parts[:NEARBY_PARTS]:
                shown |= facets["body_part"].having(key, self._size)
            if allowed is not None:
                shown &= allowed
            if not shown.any():
                continue
            labels = [self._vocab.label(k) for k in parts[:NEARBY_PARTS]]
            ranking = self._rank(plan(" ".join(labels), self._vocab), shown)
            hits = self._hits(ranking.top(0, limit), ranking.marks, ranking.phrase_marks)
            return tuple(hits), (f"No posts on {concept.name} yet — {_listed(labels)} posts:",)
        return (), ()

    # -- filters -------------------------------------------------------------------------------

    def _filter(self, r: SearchRequest) -> Mask | None:
        """A mask of the posts the filters allow (None: no filter)."""
        from .facets import category_key

        facets = self._part.facets.facets
        masks: list[Mask] = []
        if r.category:
            masks.append(facets["category"].having(category_key(r.category), self._size))
        if r.body_part:
            masks.append(facets["body_part"].having(r.body_part, self._size))
        if r.injury:
            masks.append(facets["injury"].having(r.injury, self._size))
        if r.video is not None:
            masks.append(self._part.video == bool(r.video))
        if r.year is not None:
            masks.append(self._part.year == r.year)
        if r.date_from or r.date_to:
            dates = self._part.date
            inside = dates != NO_DATE
            if r.date_from:
                inside &= dates >= _epoch(r.date_from, 0)
            if r.date_to:
                inside &= dates < _epoch(r.date_to, 1)
            masks.append(inside)
        if not masks:
            return None
        out = masks[0].copy()
        for mask in masks[1:]:
            out &= mask
        return out

    # -- hits ----------------------------------------------------------------------------------

    def _hits(self, ranked: list[tuple[int, float, bool]], marks: frozenset[str],
              phrases: frozenset[tuple[str, ...]] = frozenset()) -> list[SearchHit]:
        if not ranked:
            return []
        wanted = np.zeros(len(self._term_ids), dtype=bool)
        wanted[[i for t in marks if (i := self._term_ids.get(t)) is not None]] = True
        wanted[[i for p in phrases for t in p if (i := self._term_ids.get(t)) is not None]] = True
        return [self._hit(d, score, "all" if full else "any", marks, wanted, phrases) for d, score, full in ranked]

    def _hit(self, docnum: int, score: float | None, match: Any, marks: Any,
             wanted: npt.NDArray[np.bool_] | None = None,
             phrases: frozenset[tuple[str, ...]] = frozenset()) -> SearchHit:
        post = self._posts[docnum]
        return SearchHit(
            id=post.id,
            slug=post.slug or post.id,
            title=post.title,
            url=post.url,
            date=post.date.isoformat() if post.date else None,
            score=None if score is None else round(score, 4),
            excerpt=excerpt(post.body, post.excerpt, docnum, wanted, marks, self._part.sentences, phrases),
            categories=post.categories,
            body_parts=post.body_parts,
            injuries=post.injuries,
            has_video=post.has_video,
            thumbnail_url=post.thumbnail_url,
            match=match,
        )

    def _label(self, facet: str, value: Any) -> str:
        if facet == "category":
            return self._part.facets.category_labels.get(value, str(value))
        if facet in ("body_part", "injury"):
            return self._vocab.label(value) if self._vocab.has_concept(value) else str(value).replace("_", " ")
        if facet == "video":
            return "With video" if value else "Without video"
        return str(value)


def _result_bytes(request: SearchRequest, result: SearchResult) -> int:
    """About what a remembered search holds: its key's text and its hits' strings, plus overheads."""
    strings = sum(len(h.excerpt) + len(h.title) + len(h.url or "") + len(h.slug) + 600 for h in result.hits)
    strings += sum(len(n) for n in result.notices) + sum(len(h.excerpt) + 600 for h in result.nearby)
    strings += 150 * sum(len(values) for values in result.facets.values())
    return 2_000 + 2 * len(request.q) + 2 * len(result.query) + 2 * strings


def feedback_eligible(part: SearchPart) -> Mask:
    """Terms RM3 may add: words of three letters or more, not numbers, in at most MAX_DF_RATIO of
    the posts' bodies (vocabulary, kind and stop-word rows are never feedback)."""
    limit = MAX_DF_RATIO * len(part.ids)
    ok = [len(t) > 2 and not t.isdigit() and ":" not in t for t in part.impact.terms]
    return np.asarray(ok, dtype=bool) & (part.body_df <= limit)


def _listed(labels: list[str]) -> str:
    """"calf and ankle"; "foot and arch, ankle" when a label has its own "and"."""
    lowered = [label[0].lower() + label[1:] for label in labels]
    if len(lowered) > 1 and not any(" and " in label for label in lowered):
        return ", ".join(lowered[:-1]) + " and " + lowered[-1]
    return ", ".join(lowered)


def _strict(ranking: Ranking) -> int:
    """How many posts a ranking finds that match it fully (for a question: all it finds)."""
    return ranking.all_words if ranking.tiered else ranking.total


def _epoch(day: date, days_after: int) -> int:
    """Seconds since the epoch of the start of `day` (+ days_after days), UTC; far dates clamped."""
    if isinstance(day, datetime):
        day = day.date()
    try:
        moment = datetime.combine(day, time.min, tzinfo=UTC)
        return int(moment.timestamp()) + days_after * 86_400
    except (OverflowError, ValueError, OSError):
        return int(np.iinfo(np.int64).max) if day.year > 1970 else int(NO_DATE) + 1


def _named(query: QueryPlan) -> set[tuple[str, str]]:
    """What a query names that the vocabulary knows: body parts, injuries, places and triggers."""
    return {(t.kind, t.key) for t in query.tokens if t.kind in ("concept", "place", "trigger")}

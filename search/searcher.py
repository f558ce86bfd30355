"""SearchIndex: opens the Whoosh index once and answers searches and type-ahead."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.reading import TermNotFound

from ..index.errors import IndexDamaged, IndexMissing
from .analysis import term_spans, words
from .excerpts import excerpt
from .facets import FacetTable, category_key, split_keywords
from .feedback import (
    FEEDBACK_CHARS,
    FEEDBACK_DOCS,
    FEEDBACK_WEIGHT,
    MIN_QUERY_TERMS,
    relevance_model,
)
from .matching import Or
from .query import (
    ANY_NOTICE,
    STOP_FIELD,
    QueryPlan,
    content_terms,
    corrected_text,
    expansion_query,
    has_positive,
    plan,
    sanitize,
    to_any_query,
    to_query,
)
from .results import SearchHit, SearchRequest, SearchResult, Suggestion
from .schema import TEXT_FIELDS, weighting
from .scorer import ArrayScorer
from .spelling import Speller
from .suggest import Suggester

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

__all__ = ["SearchIndex", "SearchRequest", "SearchResult", "SearchHit", "Suggestion"]

HANDFUL = 3  # an all-words result smaller than this also tries any-word (natural language)
# An any-word result shows readers the posts scoring at least this share of the best one: a
# question shares "running" or "when" with nearly every post, and those posts are not answers.
# ranked_ids() keeps the whole ranking (its tail is what recall is measured on).
ANY_WORD_FLOOR = 0.15
TERM_CACHE_POSTS = 2_048  # feedback term counts kept per searcher
REFRESH_SECONDS = 1.0  # how often to check whether the index on disk changed


@dataclass
class _Outcome:
    """The query whose hits are shown, the matching docnums and how it was chosen."""

    query: wq.Query
    docs: np.ndarray
    match: str
    strict_total: int
    notices: tuple[str, ...] = ()
    # What excerpts mark (the query before feedback words were added).
    shown: wq.Query | None = None
    # The any-word query that continues an all-words ranking (ranked_ids only).
    loose: wq.Query | None = field(default=None, repr=False)
    # The filter mask `docs` was cut with (date sorting must apply it too).
    allowed: np.ndarray | None = field(default=None, repr=False)
    # Relevance score of each of `docs` (None when the outcome is browsing by date).
    scores: np.ndarray | None = field(default=None, repr=False)


class SearchIndex:
    """One open index; `search()` and `suggest()` are safe to call from many threads."""

    def __init__(self, ix: Any, vocabulary: Vocabulary) -> None:
        self._ix = ix
        self._vocab = vocabulary
        self._lock = threading.RLock()
        self._searcher = ix.searcher(weighting=weighting())
        self._checked = time.monotonic()
        try:
            self._load()
        except BaseException:
            self._searcher.close()  # a damaged segment must not leave files open
            raise

    @classmethod
    def open(cls, directory: Path, vocabulary: Vocabulary) -> SearchIndex:
        """Open the index in `directory` (IndexMissing if there is none)."""
        if not whoosh_index.exists_in(str(directory)):
            raise IndexMissing(f"no search index in {directory}; run `runphys build`")
        try:
            ix = whoosh_index.open_dir(str(directory))
        except Exception as exc:  # noqa: BLE001 - whoosh raises many kinds on damage
            raise IndexDamaged(f"cannot open the search index in {directory}: {exc}") from exc
        try:
            return cls(ix, vocabulary)
        except Exception as exc:  # noqa: BLE001 - a damaged segment fails while reading
            ix.close()
            raise IndexDamaged(f"cannot read the search index in {directory}: {exc}") from exc

    @property
    def doc_count(self) -> int:
        with self._lock:
            self._refresh()
            return int(self._searcher.doc_count())

    def close(self) -> None:
        with self._lock:
            self._searcher.close()
            self._ix.close()

    # -- caches --------------------------------------------------------------------------------

    def _load(self) -> None:
        """Facet arrays, spelling list and type-ahead: built once per searcher, never per query."""
        reader = self._searcher.reader()
        stored = list(reader.iter_docs())
        self._facet_table = FacetTable.build(stored, reader.doc_count_all())
        self._array = ArrayScorer(self._searcher, (*TEXT_FIELDS, STOP_FIELD))
        self._term_cache: dict[int, Counter[str]] = {}  # docnums change when the searcher does
        self._speller = Speller(reader, {w for s, _ in self._vocab.prefix_terms() for w in words(s)})
        titles = [(f.get("title") or "", f.get("slug") or f.get("id")) for _, f in stored]
        counts = Counter(
            k for _, f in stored for k in (*split_keywords(f.get("body_parts")), *split_keywords(f.get("injuries")))
        )
        concepts = []
        for surface, key in self._vocab.prefix_terms():
            try:
                concept = self._vocab.concept(key)
            except KeyError:
                continue
            concepts.append((surface, key, concept.kind, counts.get(key, 0), surface == concept.name))
        self._suggester = Suggester.build(titles, concepts)

    def _refresh(self) -> None:
        now = time.monotonic()
        if now - self._checked < REFRESH_SECONDS:
            return
        self._checked = now
        if not self._searcher.up_to_date():
            # A fresh searcher, not Searcher.refresh(): refresh() reuses segment readers and
            # keeps their old deletion sets, so deleted posts would still match.
            old, self._searcher = self._searcher, self._ix.searcher(weighting=weighting())
            old.close()
            self._load()

    # -- type-ahead ----------------------------------------------------------------------------

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Prefix suggestions (vocabulary terms with most posts first, then titles)."""
        if not isinstance(prefix, str) or not isinstance(limit, int):
            return []
        with self._lock:
            self._refresh()
            suggester = self._suggester
        return suggester.suggest(prefix, max(0, min(limit, 50)))

    # -- search --------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        """Run one search: parse, expand, all-words then any-word, spelling, facets, page."""
        request.validate()
        text, notices = sanitize(request.q)
        with self._lock:
            self._refresh()
            allowed = self._filter(request)
            outcome, did_you_mean = self._decide(text, allowed)
            _keep_relevant(outcome)
            hits = self._page(outcome, request)
            facets = self._facet_table.count(outcome.docs, self._label)
        return SearchResult(
            query=text,
            total=len(outcome.docs),
            page=request.page,
            per_page=request.per_page,
            hits=tuple(hits),
            facets=facets,
            did_you_mean=did_you_mean,
            notices=(*notices, *outcome.notices),
            match=outcome.match,  # type: ignore[arg-type]
        )

    def ranked_ids(self, q: str, limit: int = 100) -> list[str]:
        """Post ids in the order `search()` ranks them, without facets, excerpts or paging.

        The same query building (concepts, spelling, all-words then any-word, feedback) and
        scoring as `search()`, with `q` cut at MAX_QUERY_CHARS like a reader's query. When the
        all-words results run out, the any-word ranking continues the list (as a "more results"
        page would). Used by benchmarks/search_quality.py; usable by the gap report.
        """
        text, _ = sanitize(q)
        limit = max(0, int(limit))
        with self._lock:
            self._refresh()
            outcome, _ = self._decide(text, None)
            docnums = [d for d, _ in self._top(outcome, 0, limit)]
            if len(docnums) < limit and outcome.loose is not None:
                seen = set(docnums)
                more = _best(*self._scored(outcome.loose, None), limit)
                docnums += [d for d, _ in more if d not in seen][: limit - len(docnums)]
            stored = self._searcher.stored_fields
            return [stored(d)["id"] for d in docnums]

    def _decide(self, text: str, allowed: np.ndarray | None) -> tuple[_Outcome, str | None]:
        """The outcome to show and an optional did-you-mean (see the spelling rules below)."""
        query_plan = plan(text, self._vocab)
        outcome = self._run(query_plan, allowed)
        outcome.allowed = allowed
        did_you_mean = None
        fixed = self._correction(query_plan) if outcome.match != "none" else None
        if fixed is not None:
            alternative = self._run(plan(fixed, self._vocab), allowed)
            alternative.allowed = allowed
            if alternative.strict_total > outcome.strict_total:
                if outcome.strict_total == 0:
                    outcome = alternative
                    outcome.notices = (f"showing results for {fixed}", *alternative.notices[1:])
                else:
                    did_you_mean = fixed
        return outcome, did_you_mean

    def _docs(self, q: wq.Query, allowed: np.ndarray | None) -> np.ndarray:
        found = np.fromiter(self._searcher.docs_for_query(q), dtype=np.int64)
        return found if allowed is None else found[allowed[found]]

    def _scored(self, q: wq.Query, allowed: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Every matching docnum and its score in one pass (the total, facets and top-k all
        come from it; Whoosh would match once for the doc set and again for the top hits)."""
        groups = self._array.groups_of(q)
        if groups is not None:
            docs, values = self._array.score_all(groups)
            return (docs, values) if allowed is None else (docs[allowed[docs]], values[allowed[docs]])
        ids: list[int] = []
        scores: list[float] = []
        for sub, offset in self._searcher.leaf_searchers():
            try:
                m = q.matcher(sub, sub.context())
            except TermNotFound:
                continue
            while m.is_active():
                ids.append(m.id() + offset)
                scores.append(m.score())
                m.next()
        docs, values = np.array(ids, dtype=np.int64), np.array(scores, dtype=np.float64)
        if allowed is None:
            return docs, values
        keep = allowed[docs]
        return docs[keep], values[keep]

    def _outcome(self, q: wq.Query, allowed: np.ndarray | None, match: str, **kw: Any) -> _Outcome:
        docs, scores = self._scored(q, allowed)
        return _Outcome(q, docs, match, kw.pop("strict_total", len(docs)), scores=scores, **kw)

    def _run(self, query_plan: QueryPlan, allowed: np.ndarray | None) -> _Outcome:
        tree = query_plan.tree
        if tree is None or not has_positive(tree):
            neg = to_query(tree, self._vocab) if tree is not None else None
            q = neg if neg is not None else wq.Every()
            return _Outcome(q, self._docs(q, allowed), "none", 0)
        natural = not query_plan.operators and query_plan.clause_count >= 3
        if natural and len(content_terms(tree)) >= MIN_QUERY_TERMS:
            # A question, not keywords: requiring every word would find nothing, so rank by
            # any word at once, with feedback words from the first ranking's top posts.
            loose = to_any_query(tree, self._vocab)
            if loose is not None:
                first = self._outcome(loose, allowed, "any", notices=(ANY_NOTICE,), shown=loose)
                return self._with_feedback(first, tree, allowed)
        strict = self._outcome(to_query(tree, self._vocab) or wq.Every(), allowed, "all")
        strict.loose = to_any_query(tree, self._vocab)
        total = len(strict.docs)
        if strict.loose is not None and (total == 0 or (natural and total < HANDFUL)):
            loose = self._outcome(strict.loose, allowed, "any", strict_total=total, notices=(ANY_NOTICE,))
            if len(loose.docs) > total:
                return loose
        return strict

    def _with_feedback(self, first: _Outcome, tree: Any, allowed: np.ndarray | None) -> _Outcome:
        """`first` plus the scores of RM3 feedback terms from its top posts."""
        docs = [(score, self._doc_terms(d)) for d, score in _best(first.docs, first.scores, FEEDBACK_DOCS)]  # type: ignore[arg-type]
        reader = self._searcher.reader()
        frequency = partial(reader.doc_frequency, "body")
        model = relevance_model(docs, set(content_terms(tree)), frequency, reader.doc_count())
        extra = expansion_query(model, FEEDBACK_WEIGHT)
        if extra is None:
            return first
        # Scores add up: score the feedback words alone and merge, not the whole query again.
        more_docs, more_scores = self._scored(extra, allowed)
        merged, where = np.unique(np.concatenate([first.docs, more_docs]), return_inverse=True)
        scores = np.bincount(where, weights=np.concatenate([first.scores, more_scores]))  # type: ignore[list-item]
        first.query, first.docs, first.scores = Or([first.query, extra]), merged, scores
        first.strict_total = len(merged)
        return first

    def _doc_terms(self, docnum: int) -> Counter[str]:
        """Term counts of a post's title and body start (cached: top posts recur across queries)."""
        counts = self._term_cache.get(docnum)
        if counts is None:
            stored = self._searcher.stored_fields(docnum)
            text = f"{stored.get('title') or ''} {(stored.get('body') or '')[:FEEDBACK_CHARS]}"
            counts = Counter(t for _, _, t in term_spans(text))
            if len(self._term_cache) >= TERM_CACHE_POSTS:
                self._term_cache.pop(next(iter(self._term_cache)))  # oldest first
            self._term_cache[docnum] = counts
        return counts

    def _whoosh_filter(self, allowed: np.ndarray | None) -> set[int] | None:
        return None if allowed is None else set(np.flatnonzero(allowed).tolist())

    def _filter(self, r: SearchRequest) -> np.ndarray | None:
        """A boolean mask over docnums of the posts the filters allow (None: no filter)."""
        parts: list[wq.Query] = []
        if r.category:
            parts.append(wq.Term("categories", category_key(r.category)))
        if r.body_part:
            parts.append(wq.Term("body_parts", r.body_part))
        if r.injury:
            parts.append(wq.Term("injuries", r.injury))
        if r.video is not None:
            parts.append(wq.Term("has_video", bool(r.video)))
        if r.year is not None:
            parts.append(wq.NumericRange("year", r.year, r.year))
        if r.date_from or r.date_to:
            start = _day_start(r.date_from) if r.date_from else None
            end = _day_start(r.date_to) + timedelta(days=1) - timedelta(microseconds=1) if r.date_to else None
            parts.append(wq.DateRange("date", start, end))
        if not parts:
            return None
        mask = np.zeros(self._facet_table.doc_count + 1, dtype=bool)
        mask[np.fromiter(self._searcher.docs_for_query(wq.And(parts)), dtype=np.int64)] = True
        return mask

    # -- spelling ------------------------------------------------------------------------------

    def _correction(self, query_plan: QueryPlan) -> str | None:
        return corrected_text(query_plan, self._speller.known, self._speller.suggest, self._vocab)

    # -- hits, excerpts, facets ----------------------------------------------------------------

    def _top(self, outcome: _Outcome, start: int, stop: int, by_date: bool = False) -> list[tuple[int, float]]:
        """(docnum, score) of ranks [start, stop): by score, or newest first."""
        if stop <= start or len(outcome.docs) == 0:
            return []
        if outcome.scores is not None and not by_date:
            return _best(outcome.docs, outcome.scores, stop)[start:]
        results = self._searcher.search(
            outcome.query,
            filter=self._whoosh_filter(outcome.allowed),
            limit=stop,
            sortedby="date",
            reverse=True,
        )
        return [(results.docnum(i), float(results.score(i) or 0.0)) for i in range(start, min(stop, results.scored_length()))]

    def _page(self, outcome: _Outcome, r: SearchRequest) -> list[SearchHit]:
        start = (r.page - 1) * r.per_page
        ranked = self._top(outcome, start, r.page * r.per_page, by_date=r.sort == "date")
        shown = outcome.shown if outcome.shown is not None else outcome.query
        highlight_terms = {t for f, t in _all_terms(shown) if f == "body"}
        hits = []
        for docnum, score in ranked:
            hits.append(self._hit(self._searcher.stored_fields(docnum), score, highlight_terms))
        return hits

    def _hit(self, stored: dict[str, Any], score: float, body_terms: set[str]) -> SearchHit:
        meta = stored.get("meta") or {}
        return SearchHit(
            id=stored["id"],
            slug=stored.get("slug") or stored["id"],
            title=stored.get("title") or "",
            url=meta.get("url") or "",
            date=meta.get("date"),
            score=round(score, 4),
            excerpt=excerpt(stored.get("body") or "", meta.get("excerpt") or "", body_terms),
            categories=tuple(meta.get("categories") or ()),
            body_parts=split_keywords(stored.get("body_parts")),
            injuries=split_keywords(stored.get("injuries")),
            has_video=bool(stored.get("has_video")),
            thumbnail_url=meta.get("thumbnail_url") or "",
        )

    def _label(self, facet: str, value: Any) -> str:
        if facet == "category":
            return self._facet_table.category_labels.get(value, value)
        if facet in ("body_part", "injury"):
            try:
                return self._vocab.label(value)
            except KeyError:
                return str(value).replace("_", " ")
        if facet == "video":
            return "With video" if value else "Without video"
        return str(value)


def _best(docs: np.ndarray, scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The k best (docnum, score), highest score first, ties by docnum (as Whoosh orders)."""
    if k <= 0 or len(docs) == 0:
        return []
    order = np.lexsort((docs, -scores))[:k]
    return [(int(docs[i]), float(scores[i])) for i in order]


def _day_start(day: date) -> datetime:
    if isinstance(day, datetime):
        day = day.date()
    return datetime.combine(day, dtime.min)


def _all_terms(q: wq.Query) -> set[tuple[str, str]]:
    try:
        return {(f, t if isinstance(t, str) else t.decode("utf-8", "replace")) for f, t in q.iter_all_terms()}
    except Exception:  # noqa: BLE001
        return set()


def _keep_relevant(outcome: _Outcome) -> None:
    """Cut an any-word outcome to the posts within ANY_WORD_FLOOR of the best score."""
    if outcome.match != "any" or outcome.scores is None or len(outcome.scores) == 0:
        return
    keep = outcome.scores >= ANY_WORD_FLOOR * float(outcome.scores.max())
    outcome.docs, outcome.scores = outcome.docs[keep], outcome.scores[keep]
    # Sorting by date goes through Whoosh with `allowed` as its filter: narrow it the same way.
    allowed = np.zeros(int(outcome.docs.max()) + 1 if len(outcome.docs) else 0, dtype=bool)
    allowed[outcome.docs] = True
    if outcome.allowed is not None:
        allowed &= outcome.allowed[: len(allowed)]
    outcome.allowed = allowed

"""SearchIndex: opens the Whoosh index once and answers searches and type-ahead."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time as dtime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq

from index.errors import IndexDamaged, IndexMissing
from search.analysis import term_spans, words
from search.excerpts import excerpt
from search.matching import Or
from search.facets import FacetTable, category_key, split_keywords
from search.feedback import FEEDBACK_CHARS, FEEDBACK_DOCS, FEEDBACK_WEIGHT, MIN_QUERY_TERMS
from search.feedback import relevance_model
from search.query import ANY_NOTICE, QueryPlan, content_terms, corrected_text, has_positive, plan
from search.query import expansion_query, sanitize, to_any_query, to_query
from search.results import SearchHit, SearchRequest, SearchResult, Suggestion
from search.schema import weighting
from search.spelling import Speller
from search.suggest import Suggester

if TYPE_CHECKING:
    from search.vocabulary import Vocabulary

__all__ = ["SearchIndex", "SearchRequest", "SearchResult", "SearchHit", "Suggestion"]

HANDFUL = 3  # an all-words result smaller than this also tries any-word (natural language)
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
    # The filter mask `docs` was cut with (scoring must apply it too).
    allowed: np.ndarray | None = field(default=None, repr=False)


class SearchIndex:
    """One open index; `search()` and `suggest()` are safe to call from many threads."""

    def __init__(self, ix: Any, vocabulary: Vocabulary) -> None:
        self._ix = ix
        self._vocab = vocabulary
        self._lock = threading.RLock()
        self._searcher = ix.searcher(weighting=weighting())
        self._checked = time.monotonic()
        self._load()

    @classmethod
    def open(cls, directory: Path, vocabulary: Vocabulary) -> SearchIndex:
        """Open the index in `directory` (IndexMissing if there is none)."""
        if not whoosh_index.exists_in(str(directory)):
            raise IndexMissing(f"no search index in {directory}; run `runphys build`")
        try:
            ix = whoosh_index.open_dir(str(directory))
        except Exception as exc:  # noqa: BLE001 - whoosh raises many kinds on damage
            raise IndexDamaged(f"cannot open the search index in {directory}: {exc}") from exc
        return cls(ix, vocabulary)

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
        scoring as `search()` (`q` is cut at MAX_QUERY_CHARS like a reader's query); when the all-words results run out, the any-word ranking
        continues the list, as a "more results" page would. For benchmarks and gap reports.
        """
        text, _ = sanitize(q)
        limit = max(0, int(limit))
        with self._lock:
            self._refresh()
            outcome, _ = self._decide(text, None)
            ids = [hit["id"] for hit in self._ranked(outcome, limit)]
            if len(ids) < limit and outcome.loose is not None:
                seen = set(ids)
                for hit in self._searcher.search(outcome.loose, limit=limit):
                    if hit["id"] not in seen and len(ids) < limit:
                        ids.append(hit["id"])
        return ids

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
                expanded = self._with_feedback(loose, tree, allowed)
                docs = self._docs(expanded, allowed)
                return _Outcome(expanded, docs, "any", len(docs), (ANY_NOTICE,), shown=loose)
        strict = to_query(tree, self._vocab) or wq.Every()
        docs = self._docs(strict, allowed)
        loose = to_any_query(tree, self._vocab)
        if loose is not None and (len(docs) == 0 or (natural and len(docs) < HANDFUL)):
            more = self._docs(loose, allowed)
            if len(more) > len(docs):
                return _Outcome(loose, more, "any", len(docs), (ANY_NOTICE,))
        return _Outcome(strict, docs, "all", len(docs), loose=loose)

    def _with_feedback(self, loose: wq.Query, tree: Any, allowed: np.ndarray | None) -> wq.Query:
        """`loose` plus RM3 feedback terms from its top posts (unchanged if there are none)."""
        top = self._searcher.search(loose, limit=FEEDBACK_DOCS, filter=self._whoosh_filter(allowed))
        docs = []
        for hit in top:
            stored = hit.fields()
            text = f"{stored.get('title') or ''} {(stored.get('body') or '')[:FEEDBACK_CHARS]}"
            docs.append((float(hit.score or 0.0), Counter(t for _, _, t in term_spans(text))))
        reader = self._searcher.reader()
        candidates = {t for _, counts in docs for t in counts}
        frequency = {t: reader.doc_frequency("body", t) for t in candidates}
        model = relevance_model(docs, set(content_terms(tree)), frequency, reader.doc_count())
        extra = expansion_query(model, FEEDBACK_WEIGHT)
        return loose if extra is None else Or([loose, extra])

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

    def _ranked(self, outcome: _Outcome, limit: int) -> Any:
        """The top `limit` Whoosh hits of an outcome (its docs are exactly the query's matches)."""
        if limit <= 0 or len(outcome.docs) == 0:
            return []
        kw: dict[str, Any] = {"limit": limit, "filter": self._whoosh_filter(outcome.allowed)}
        if outcome.match == "none":
            return self._searcher.search(outcome.query, sortedby="date", reverse=True, **kw)
        return self._searcher.search(outcome.query, **kw)

    def _page(self, outcome: _Outcome, r: SearchRequest) -> list[SearchHit]:
        if not len(outcome.docs):
            return []
        limit = r.page * r.per_page
        if r.sort == "date" and outcome.match != "none":
            results = self._searcher.search(
                outcome.query,
                filter=self._whoosh_filter(outcome.allowed),
                limit=limit,
                sortedby="date",
                reverse=True,
            )
        else:
            results = self._ranked(outcome, limit)
        start = (r.page - 1) * r.per_page
        shown = outcome.shown if outcome.shown is not None else outcome.query
        highlight_terms = {t for f, t in _all_terms(shown) if f == "body"}
        hits = []
        for hit in list(results)[start:limit]:
            hits.append(self._hit(hit.fields(), float(hit.score or 0.0), highlight_terms))
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


def _day_start(day: date) -> datetime:
    if isinstance(day, datetime):
        day = day.date()
    return datetime.combine(day, dtime.min)


def _all_terms(q: wq.Query) -> set[tuple[str, str]]:
    try:
        return {(f, t if isinstance(t, str) else t.decode("utf-8", "replace")) for f, t in q.iter_all_terms()}
    except Exception:  # noqa: BLE001
        return set()

"""SearchIndex: opens the Whoosh index once and answers searches and type-ahead."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time as dtime, timedelta
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight
from whoosh.spelling import ListCorrector

from index.errors import IndexDamaged, IndexMissing
from search.analysis import fold, terms, words
from search.query import ANY_NOTICE, QueryPlan, corrected_text, has_positive, plan, sanitize
from search.query import to_any_query, to_query
from search.results import SearchHit, SearchRequest, SearchResult, Suggestion
from search.schema import TEXT_FIELDS, weighting
from search.suggest import Suggester

if TYPE_CHECKING:
    from search.vocabulary import Vocabulary

__all__ = ["SearchIndex", "SearchRequest", "SearchResult", "SearchHit", "Suggestion"]

HANDFUL = 3  # an all-words result smaller than this also tries any-word (natural language)
EXCERPT_CHARS = 240
REFRESH_SECONDS = 1.0  # how often to check whether the index on disk changed
FACETS = ("category", "body_part", "injury", "video", "year")


class _MarkFormatter(HtmlFormatter):
    """`<mark>term</mark>`, everything else HTML-escaped."""

    def __init__(self) -> None:
        super().__init__(tagname="mark", between=" … ")

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        from whoosh.highlight import get_text

        return f"<mark>{escape(get_text(text, token, replace), quote=False)}</mark>"


@dataclass(frozen=True)
class _Row:
    """What facets and hits need of one document, loaded once per searcher."""

    categories: tuple[str, ...]
    body_parts: tuple[str, ...]
    injuries: tuple[str, ...]
    video: bool
    year: int | None


@dataclass
class _Outcome:
    query: wq.Query
    docs: set[int]
    match: str
    strict_total: int
    notices: tuple[str, ...] = ()


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
        """Per-document facet rows, labels, spelling list and the type-ahead structure."""
        rows: dict[int, _Row] = {}
        labels: dict[str, str] = {}
        titles: list[tuple[str, str]] = []
        for docnum, stored in self._searcher.reader().iter_docs():
            meta = stored.get("meta") or {}
            names = meta.get("categories") or []
            for name in names:
                labels.setdefault(fold(name).replace(",", " ").strip(), name)
            rows[docnum] = _Row(
                categories=tuple(fold(n).replace(",", " ").strip() for n in names),
                body_parts=_split(stored.get("body_parts")),
                injuries=_split(stored.get("injuries")),
                video=bool(stored.get("has_video")),
                year=stored.get("year"),
            )
            titles.append((stored.get("title") or "", stored.get("slug") or stored.get("id")))
        self._rows = rows
        self._category_labels = labels
        self._words: ListCorrector | None = None
        self._word_freq: dict[str, int] = {}
        counts = Counter(k for r in rows.values() for k in (*r.body_parts, *r.injuries))
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
            query_plan = plan(text, self._vocab)
            outcome = self._run(query_plan, allowed)
            did_you_mean = None
            fixed = self._correction(query_plan) if outcome.match != "none" else None
            if fixed is not None:
                alternative = self._run(plan(fixed, self._vocab), allowed)
                if alternative.strict_total > outcome.strict_total:
                    if outcome.strict_total == 0:
                        outcome = alternative
                        outcome.notices = (f"showing results for {fixed}", *alternative.notices[1:])
                    else:
                        did_you_mean = fixed
            hits = self._page(outcome, request)
            facets = self._facets(outcome.docs)
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

    def _docs(self, q: wq.Query, allowed: set[int] | None) -> set[int]:
        found = set(self._searcher.docs_for_query(q))
        return found if allowed is None else found & allowed

    def _run(self, query_plan: QueryPlan, allowed: set[int] | None) -> _Outcome:
        tree = query_plan.tree
        if tree is None or not has_positive(tree):
            neg = to_query(tree, self._vocab) if tree is not None else None
            q = neg if neg is not None else wq.Every()
            return _Outcome(q, self._docs(q, allowed), "none", 0)
        strict = to_query(tree, self._vocab) or wq.Every()
        docs = self._docs(strict, allowed)
        natural = not query_plan.operators and query_plan.clause_count >= 3
        if len(docs) == 0 or (natural and len(docs) < HANDFUL):
            loose = to_any_query(tree, self._vocab)
            if loose is not None:
                more = self._docs(loose, allowed)
                if len(more) > len(docs):
                    return _Outcome(loose, more, "any", len(docs), (ANY_NOTICE,))
        return _Outcome(strict, docs, "all", len(docs))

    def _filter(self, r: SearchRequest) -> set[int] | None:
        parts: list[wq.Query] = []
        if r.category:
            parts.append(wq.Term("categories", fold(r.category).replace(",", " ").strip()))
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
        return set(self._searcher.docs_for_query(wq.And(parts)))

    # -- spelling ------------------------------------------------------------------------------

    def _known(self, word: str) -> bool:
        reader = self._searcher.reader()
        ts = terms(word)
        if not ts:
            return True  # stop words are never "misspelled"
        folded = words(word)
        if any(("words", w) in reader for w in folded):
            return True
        return all(any((f, t) in reader for f in TEXT_FIELDS) for t in ts)

    def _suggest_word(self, word: str) -> str | None:
        folded = "".join(words(word))
        if len(folded) < 4 or not folded.isalpha():
            return None
        if self._words is None:
            reader = self._searcher.reader()
            vocab_words = {w for surface, _ in self._vocab.prefix_terms() for w in words(surface)}
            freq = {w: reader.doc_frequency("words", w) for w in reader.lexicon("words")}
            for w in vocab_words:
                freq[w] = freq.get(w, 0) + 1
            self._word_freq = {w if isinstance(w, str) else w.decode(): n for w, n in freq.items()}
            self._words = ListCorrector(sorted(self._word_freq))
        maxdist = 1 if len(folded) < 6 else 2
        best: tuple[int, int, str] | None = None
        for score, candidate in self._words._suggestions(folded, maxdist, 1):
            key = (int(-score), -self._word_freq.get(candidate, 0), candidate)
            if candidate != folded and (best is None or key < best):
                best = key
        return best[2] if best else None

    def _correction(self, query_plan: QueryPlan) -> str | None:
        return corrected_text(query_plan, self._known, self._suggest_word, self._vocab)

    # -- hits, excerpts, facets ----------------------------------------------------------------

    def _page(self, outcome: _Outcome, r: SearchRequest) -> list[SearchHit]:
        if not outcome.docs:
            return []
        limit = r.page * r.per_page
        if r.sort == "date" or outcome.match == "none":
            results = self._searcher.search(
                outcome.query, filter=outcome.docs, limit=limit, sortedby="date", reverse=True
            )
        else:
            results = self._searcher.search(outcome.query, filter=outcome.docs, limit=limit)
        start = (r.page - 1) * r.per_page
        highlight_terms = {t for f, t in _all_terms(outcome.query) if f == "body"}
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
            excerpt=self._excerpt(stored.get("body") or "", meta.get("excerpt") or "", body_terms),
            categories=tuple(meta.get("categories") or ()),
            body_parts=_split(stored.get("body_parts")),
            injuries=_split(stored.get("injuries")),
            has_video=bool(stored.get("has_video")),
            thumbnail_url=meta.get("thumbnail_url") or "",
        )

    def _excerpt(self, body: str, excerpt: str, body_terms: set[str]) -> str:
        if body_terms and body:
            try:
                marked = highlight(
                    body,
                    body_terms,
                    self._searcher.schema["body"].analyzer,
                    ContextFragmenter(maxchars=EXCERPT_CHARS, surround=60),
                    _MarkFormatter(),
                    top=2,
                )
            except Exception:  # noqa: BLE001 - an excerpt must never fail a search
                marked = ""
            if marked:
                return marked
        plain = excerpt or body
        if len(plain) > EXCERPT_CHARS:
            plain = plain[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
        return escape(plain, quote=False)

    def _facets(self, docs: set[int]) -> dict[str, list[dict[str, Any]]]:
        counters: dict[str, Counter[Any]] = {name: Counter() for name in FACETS}
        rows = self._rows
        for docnum in docs:
            row = rows.get(docnum)
            if row is None:
                continue
            counters["category"].update(row.categories)
            counters["body_part"].update(row.body_parts)
            counters["injury"].update(row.injuries)
            counters["video"][row.video] += 1
            if row.year is not None:
                counters["year"][row.year] += 1
        out: dict[str, list[dict[str, Any]]] = {}
        for name, counter in counters.items():
            if name == "year":
                ordered = sorted(counter.items(), key=lambda kv: -kv[0])
            else:
                ordered = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
            out[name] = [{"value": v, "label": self._label(name, v), "count": n} for v, n in ordered]
        return out

    def _label(self, facet: str, value: Any) -> str:
        if facet == "category":
            return self._category_labels.get(value, value)
        if facet in ("body_part", "injury"):
            try:
                return self._vocab.label(value)
            except KeyError:
                return str(value).replace("_", " ")
        if facet == "video":
            return "With video" if value else "Without video"
        return str(value)


def _split(value: Any) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(",") if v)


def _day_start(day: date) -> datetime:
    if isinstance(day, datetime):
        day = day.date()
    return datetime.combine(day, dtime.min)


def _all_terms(q: wq.Query) -> set[tuple[str, str]]:
    try:
        return {(f, t if isinstance(t, str) else t.decode("utf-8", "replace")) for f, t in q.iter_all_terms()}
    except Exception:  # noqa: BLE001
        return set()

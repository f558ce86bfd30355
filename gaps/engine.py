"""The gap report over an opened `api.engine.Engine`: what the CLI and the HTTP route call."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .freshness import as_datetime
from .records import GapReport
from .report import When, build_gap_report


def engine_search(engine: Any):
    """A `search` callable for `build_gap_report` that does not write to the search log."""
    from ..search.searcher import SearchRequest

    def run(query: str) -> tuple[int, float | None, Sequence[Any]]:
        result = engine.search(SearchRequest(q=query, per_page=3), record=False)
        top = result.hits[0].score if result.hits else None
        return result.total, top, list(result.hits)

    return run


def report_for_engine(
    engine: Any, *, since: When = None, until: When = None, now: When = None, silence_days: int = 365
) -> GapReport:
    """The report for the engine's bundle and search log (the log read for [since, until])."""
    start, end = as_datetime(since), as_datetime(until, end_of_day=True)
    entries = list(engine.search_log.read(start, end)) if engine.search_log is not None else []
    return build_gap_report(
        list(engine.bundle.posts.values()), engine.vocabulary, engine.recommender, entries,
        since=start, until=end, now=now, silence_days=silence_days, search=engine_search(engine),
    )

"""`runphys gaps`: the coverage-gap report in the terminal, as JSON, HTML or CSV files."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from ..index.errors import BadRequest, RunphysError
from . import output
from .app import IndexOption, JsonOption, app, fail, open_service, settings_for

TERMINAL_ROWS = 10


def parse_day(value: str | None, option: str) -> date | datetime | None:
    """YYYY-MM-DD (or a full ISO 8601 time) from 1900 to 2199 from an option; BadRequest (exit 2) otherwise.

    The range is the API's: the report adds days to these dates, which must not run off the calendar.
    """
    if value is None:
        return None
    earliest, latest = date(1900, 1, 1), date(2199, 12, 31)
    try:
        parsed = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{option} must be a date like 2026-01-31 (got {value!r})") from None
    day = parsed.date() if isinstance(parsed, datetime) else parsed
    if not earliest <= day <= latest:
        raise BadRequest(f"{option} must be between {earliest} and {latest} (got {value!r})")
    return parsed


@app.command()
def gaps(
    index: IndexOption = None,
    since: Annotated[str | None, typer.Option(help="Search log from this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Search log up to and including this day (YYYY-MM-DD).")] = None,
    now: Annotated[
        str | None,
        typer.Option(help="Judge freshness at this day (default: the newest post's date)."),
    ] = None,
    silence_days: Annotated[
        int, typer.Option("--silence-days", min=1, help="An area is silent after this many days without a post.")
    ] = 365,
    html: Annotated[
        Path | None, typer.Option("--html", help="Write a self-contained HTML report to FILE.", metavar="FILE")
    ] = None,
    csv: Annotated[
        Path | None, typer.Option("--csv", help="Write one CSV file per section into DIR.", metavar="DIR")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Coverage gaps: thin body parts and kinds of post, missing injuries, missed searches, silence."""
    from ..gaps.html import write_html
    from ..gaps.tables import write_csv

    settings = settings_for(index)
    try:
        window = {
            name: parse_day(value, f"--{name}") for name, value in (("since", since), ("until", until), ("now", now))
        }
        service = open_service(settings, as_json)
        try:
            report = service.gap_report(silence_days=silence_days, **window).to_dict()
        finally:
            service.close()
    except RunphysError as error:
        fail(error, as_json)
    written = []
    if html is not None:
        written.append(write_html(report, html))
    if csv is not None:
        written.extend(write_csv(report, csv))
    if as_json:
        output.print_json(report)
        return
    summary(report)
    for path in written:
        output.console.print(f"wrote {path}")


def summary(report: dict[str, Any]) -> None:
    """The readable terminal version: suggestions, thin rows, injuries, demand, silence, duplicates."""
    from ..gaps.wording import counted
    rows = [
        [s["rank"], s["topic"], f"{s['score']:.2f}", "; ".join(s["reasons"])]
        for s in report["suggestions"][:TERMINAL_ROWS]
    ]
    output.table("What to write next", ["#", "topic", "score", "why"], rows)
    matrix = report["matrix"]
    thin = [[r["name"], r["posts"], r["videos"], r["status"]] for r in matrix["rows"] if r["status"] != "ok"]
    output.table(
        f"Thin or empty body parts (median {matrix['row_median']:g} posts)",
        ["body part", "posts", "with video", "status"],
        thin,
    )
    injuries = [[g["name"], g["post_count"], "; ".join(p["title"] for p in g["closest_posts"]) or "none comes close"]
                for g in report["injuries"]]
    output.table("Injuries with no post or a single post", ["injury", "posts", "closest posts"], injuries)
    demand = report["demand"]
    asked = [
        [i["topic"], i["searches"], i["no_results"], ", ".join(q["query"] for q in i["queries"][:3])]
        for i in demand["items"][:TERMINAL_ROWS]
    ]
    output.table(
        f"Missed searches ({demand['misses']} of {demand['entries'] - demand['unrecognised_searches']} understood)",
        ["topic", "searches", "no results", "examples"],
        asked,
    )
    output.console.print(demand["summary"])
    fresh = report["freshness"]
    silent = [[a["type"], a["name"], (a["last_post"] or "")[:10], a["days_silent"]] for a in fresh["silent"]]
    output.table(
        f"Quiet for over {counted(fresh['silence_days'], 'day')} (as of {fresh['now'][:10]})",
        ["type", "area", "last post", "days"],
        silent,
    )
    pairs = [[p["a"]["title"], p["b"]["title"], p["score"]] for p in report["near_duplicates"]]
    output.table("Near duplicates", ["post", "post", "similarity"], pairs)
    output.console.print(f"orphans: {', '.join(o['slug'] or o['id'] for o in report['orphans']) or 'none'}")

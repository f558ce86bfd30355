"""The report as flat tables (one per section): what the CSV export and the terminal print."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .records import JsonDoc


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]  # CSV cells: whatever the JSON holds (csv writes any value)


def _titles(refs: list[JsonDoc]) -> str:
    return "; ".join(ref["title"] for ref in refs)


def _slugs(refs: list[JsonDoc]) -> str:
    return "; ".join(ref["slug"] or ref["id"] for ref in refs)


def matrix_table(matrix: JsonDoc) -> Table:
    rows = tuple(
        (c["body_part"], c["kind"], c["posts"], c["videos"], c["status"]) for c in matrix["cells"]
    )
    return Table("matrix", ("body_part", "kind", "posts", "videos", "status"), rows)


def injuries_table(injuries: list[JsonDoc]) -> Table:
    rows = tuple(
        (g["key"], g["name"], g["body_part"] or "", g["status"], g["post_count"],
         _slugs(g["posts"]), _titles(g["closest_posts"]))
        for g in injuries
    )
    return Table("injuries", ("key", "name", "body_part", "status", "posts", "post_slugs", "closest_posts"), rows)


def demand_table(demand: JsonDoc) -> Table:
    rows = tuple(
        (i["key"], i["topic"], i["searches"], i["no_results"], i["weak_results"],
         "; ".join(f"{q['query']} ({q['count']})" for q in i["queries"]),
         (i["last_searched"] or "")[:19], "" if i["recheck"] is None else str(i["recheck"]["answered"]).lower(),
         _titles(i["closest_posts"]))
        for i in demand["items"]
    )
    return Table("demand", ("key", "topic", "searches", "no_results", "weak_results", "queries",
                            "last_searched", "answered_now", "closest_posts"), rows)


def freshness_table(freshness: JsonDoc) -> Table:
    rows = tuple(
        (a["type"], a["key"], a["name"], a["posts"], (a["first_post"] or "")[:10], (a["last_post"] or "")[:10],
         a["posts_per_year"], "" if a["days_silent"] is None else a["days_silent"], str(a["silent"]).lower())
        for section in ("categories", "body_parts", "injuries")
        for a in freshness[section]
    )
    return Table("freshness", ("type", "key", "name", "posts", "first_post", "last_post", "posts_per_year",
                               "days_silent", "silent"), rows)


def orphans_table(orphans: list[JsonDoc]) -> Table:
    rows = tuple((o["id"], o["slug"], o["title"], (o["date"] or "")[:10]) for o in orphans)
    return Table("orphans", ("id", "slug", "title", "date"), rows)


def near_duplicates_table(pairs: list[JsonDoc]) -> Table:
    rows = tuple(
        (p["a"]["slug"] or p["a"]["id"], p["a"]["title"], p["b"]["slug"] or p["b"]["id"], p["b"]["title"], p["score"])
        for p in pairs
    )
    return Table("near_duplicates", ("slug_a", "title_a", "slug_b", "title_b", "score"), rows)


def suggestions_table(suggestions: list[JsonDoc]) -> Table:
    rows = tuple(
        (s["rank"], s["topic"], s["key"], s["score"], " | ".join(s["reasons"]),
         s["evidence"].get("post_count", ""), s["evidence"].get("searches", ""),
         "; ".join(s["evidence"].get("example_queries", [])), _titles(s["evidence"].get("closest_posts", [])))
        for s in suggestions
    )
    return Table("suggestions", ("rank", "topic", "key", "score", "reasons", "posts", "searches",
                                 "example_queries", "closest_posts"), rows)


def report_tables(report: JsonDoc) -> list[Table]:
    """One table per section of `GapReport.to_dict()`, in report order."""
    return [
        matrix_table(report["matrix"]),
        injuries_table(report["injuries"]),
        demand_table(report["demand"]),
        freshness_table(report["freshness"]),
        orphans_table(report["orphans"]),
        near_duplicates_table(report["near_duplicates"]),
        suggestions_table(report["suggestions"]),
    ]


def write_csv(report: JsonDoc, directory: Path) -> list[Path]:
    """Write `<section>.csv` for every section into `directory`; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table in report_tables(report):
        path = directory / f"{table.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.columns)
            writer.writerows(table.rows)
        written.append(path)
    return written

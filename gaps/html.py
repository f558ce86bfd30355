"""The report as one self-contained HTML file (inline CSS, no network assets), and the heatmap view."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .records import JsonDoc
from .wording import counted

TEMPLATES = Path(__file__).parent / "templates"
LOW = (239, 246, 255)  # colour of a cell with one post
HIGH = (8, 69, 148)  # colour of the fullest cell


def heat_colour(level: float) -> str:
    """Background for a cell at `level` (0..1 of the fullest cell), light to dark blue."""
    level = min(max(level, 0.0), 1.0)
    r, g, b = (round(lo + (hi - lo) * level) for lo, hi in zip(LOW, HIGH, strict=True))
    return f"rgb({r}, {g}, {b})"


def heatmap(matrix: JsonDoc) -> JsonDoc:
    """`matrix` of `GapReport.to_dict()` as rows of cells with a heat level and colours."""
    maximum = max(matrix["max"], 1)
    by_cell = {(c["body_part"], c["kind"]): c for c in matrix["cells"]}
    rows = []
    for row in matrix["rows"]:
        cells = []
        for column in matrix["columns"]:
            cell = by_cell[row["key"], column["key"]]
            level = round(cell["posts"] / maximum, 3)
            cells.append({
                **cell,
                "level": level,
                "background": heat_colour(level) if cell["posts"] else "#ffffff",
                "ink": "#ffffff" if level > 0.55 else "#1a1a1a",
            })
        rows.append({**row, "cells": cells})
    return {"columns": matrix["columns"], "rows": rows, "max": matrix["max"]}


def safe_href(url: str | None) -> str:
    """`url` when it is http(s) or site-relative, else "" (no javascript: links from imported data).

    Backslashes and control characters are refused anywhere: browsers read a backslash as a slash
    and drop tabs and newlines, which turns a site path into another site's address.
    """
    url = (url or "").strip()
    if any(ch == "\\" or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return ""
    if url.startswith("/") and not url.startswith("//"):
        return url
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["href"] = safe_href
    env.globals["counted"] = counted
    return env


def render_html(report: JsonDoc, *, title: str = "Coverage gaps", generated_at: datetime | None = None) -> str:
    """The standalone HTML report of `GapReport.to_dict()`."""
    template = environment().get_template("report.html")
    return template.render(
        title=title,
        report=report,
        heat=heatmap(report["matrix"]),
        generated_at=(generated_at or datetime.now(UTC)).isoformat(timespec="seconds"),
    )


def write_html(report: JsonDoc, path: Path, *, title: str = "Coverage gaps",
               generated_at: datetime | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report, title=title, generated_at=generated_at), encoding="utf-8")
    return path

"""Terminal output: progress lines, tables and JSON. Everything the CLI prints goes through here."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

console = Console(highlight=False)
console_err = Console(stderr=True, highlight=False)


def status_line(message: str) -> None:
    """One progress line on stderr (stdout stays clean for --json)."""
    console_err.print(f"[dim]… {message}[/dim]")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    grid = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*(str(cell) for cell in row))
    console.print(grid)

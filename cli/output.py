"""Terminal output: progress lines, tables and JSON. Everything the CLI prints goes through here.

Attached to a terminal, lines wrap to its width; otherwise (a pipe, a log file) each message is one
unwrapped line, so logs stay easy to grep.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table


def _console(stderr: bool) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    attached = stream.isatty()
    return Console(stderr=stderr, highlight=False, soft_wrap=not attached, width=None if attached else 1_000)


console = _console(stderr=False)
console_err = _console(stderr=True)


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

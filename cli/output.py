"""Terminal output: progress lines, messages, tables and JSON. Everything the CLI prints goes through here.

On a terminal, tables are drawn as boxes and lines wrap to its width. Anywhere else (a pipe, a
file, a log) every message is one unwrapped line and a table is plain tab-separated lines: its
title, a header row, then one row per line, so `cut -f`, `grep` and spreadsheets read it as it is.
Text from posts and readers is printed as it is, never read as markup ("[video]" stays "[video]").
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


def _console(stderr: bool) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    attached = stream.isatty()
    return Console(stderr=stderr, highlight=False, soft_wrap=not attached, width=None if attached else 1_000)


console = _console(stderr=False)
console_err = _console(stderr=True)


def on_terminal() -> bool:
    """Whether standard output is a terminal (asked each time: a test or a caller may swap it)."""
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty is not None and isatty())


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """"1 post", "2 posts", "0 posts"; `plural_form` for the irregular ones ("1 injury", "2 injuries")."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def status_line(message: str) -> None:
    """One progress line on stderr (stdout stays clean for --json and for pipes)."""
    console_err.print(Text(f"… {message}", style="dim"))


def say(message: str, style: str = "") -> None:
    """One message on stdout, printed as it is (never read as markup)."""
    console.print(Text(message, style=style))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A table under its title (none when empty): boxes on a terminal, tab-separated lines anywhere else."""
    if not on_terminal():
        lines = [*([_cell(title)] if title else []), "\t".join(columns),
                 *("\t".join(_cell(value) for value in row) for row in rows)]
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
        return
    grid = Table(title=Text(title) if title else None, title_justify="left", show_lines=False)
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*(Text(str(value)) for value in row))
    console.print(grid)


def _cell(value: Any) -> str:
    # A tab or a line break inside a value would split its row; a title never needs either.
    return " ".join(str(value).split())

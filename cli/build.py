"""`runphys build` and `runphys stats`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from ..index.errors import RunphysError
from . import output
from .app import IndexOption, JsonOption, app, fail, open_service, settings_for


@app.command()
def build(
    sources: Annotated[list[str], typer.Argument(help="Files, folders or globs to import (formats may mix).")],
    index: IndexOption = None,
    format: Annotated[
        str, typer.Option("--format", help="auto|wxr|wp-json|html|text|markdown|json|jsonl")
    ] = "auto",
    map: Annotated[
        str | None,
        typer.Option("--map", help="Field mapping for JSON records: FIELD=KEY,... ('+' joins keys)."),
    ] = None,
    include_drafts: Annotated[bool, typer.Option("--include-drafts", help="Also import drafts.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (and keep the old index) on any problem.")] = False,
    discard_edits: Annotated[
        bool, typer.Option("--discard-edits", help="Drop the author's admin edits instead of replaying them.")
    ] = False,
    vocabulary: Annotated[
        Path | None,
        typer.Option("--vocabulary", help="Use this vocabulary file, and keep it at the index root for every later "
                     "build (checked first: a mistake names the line).", metavar="FILE"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Import posts from SOURCES and build the index bundle (switched in atomically)."""
    from ..index.sources import FORMATS, parse_mapping
    from ..service.pipeline import BuildOptions, build_from_sources

    if format not in FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FORMATS)}", param_hint="--format")
    settings = settings_for(index)
    try:
        mapping = parse_mapping(map) if map else None
        with _file_progress(enabled=not as_json and output.console_err.is_terminal) as tick:
            options = BuildOptions(
                vocabulary=vocabulary, vocabulary_override=settings.vocabulary, discard_author_edits=discard_edits,
                progress=None if as_json else output.status_line,
            )
            report = build_from_sources(sources, settings.index, format=format, mapping=mapping,
                                        include_drafts=include_drafts, strict=strict, options=options,
                                        file_progress=tick)
    except RunphysError as error:
        if isinstance(error.detail, dict) and not as_json:
            _print_problems(error.detail.get("problems", []))
        fail(error, as_json)
    if as_json:
        output.print_json(report.to_dict())
        return
    _print_problems([p.to_dict() for p in report.problems])
    output.console.print(
        f"imported {report.posts} posts, skipped {report.skipped}, duplicates {report.duplicates}, "
        f"problems {len(report.problems)}, author edits replayed {report.edits} → {settings.index}"
    )


@app.command()
def stats(index: IndexOption = None, as_json: JsonOption = False) -> None:
    """Show what the index holds: posts, categories, videos, where and when it was built."""
    settings = settings_for(index)
    try:
        service = open_service(settings, as_json)
        try:
            data = service.stats()
        finally:
            service.close()
    except RunphysError as error:
        fail(error, as_json)
    if as_json:
        output.print_json(data)
        return
    output.console.print(
        f"{data['posts']} posts, {data['videos']} with video · built {data['built_at']} · {data['index']}"
    )
    output.table("Categories", ["category", "posts"], [[k, v] for k, v in data["categories"].items()])


class _file_progress:
    """A progress bar over source files when attached to a terminal; a no-op callback otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.bar = (
            Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(), console=output.console_err)
            if enabled
            else None
        )
        self.task = None

    def __enter__(self):
        if self.bar is None:
            return None
        self.bar.start()
        self.task = self.bar.add_task("import", total=None)
        return self.tick

    def tick(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_problems(problems: list[dict]) -> None:
    for problem in problems[:50]:
        colour = "red" if problem.get("severity") == "error" else "yellow"
        output.console_err.print(
            f"[{colour}]{problem.get('severity')}[/{colour}] {problem.get('source')} "
            f"({problem.get('where')}): {problem.get('reason')}"
        )
    if len(problems) > 50:
        output.console_err.print(f"… and {len(problems) - 50} more problems (use --json for all)")

"""`runphys build` and `runphys stats`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

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
        with _ProgressBars(enabled=not as_json and output.console_err.is_terminal) as bars:
            options = BuildOptions(
                vocabulary=vocabulary, vocabulary_override=settings.vocabulary, discard_author_edits=discard_edits,
                progress=None if as_json else output.status_line, post_progress=bars.tick("analysing"),
            )
            report = build_from_sources(sources, settings.index, format=format, mapping=mapping,
                                        include_drafts=include_drafts, strict=strict, options=options,
                                        file_progress=bars.tick("reading"))
    except RunphysError as error:
        if isinstance(error.detail, dict) and not as_json:
            _print_problems(error.detail.get("problems", []))
        fail(error, as_json)
    if as_json:
        output.print_json(report.to_dict())
        return
    _print_problems([p.to_dict() for p in report.problems])
    output.say(
        f"imported {output.plural(report.posts, 'post')}, skipped {output.plural(report.skipped, 'record')}, "
        f"{output.plural(report.duplicates, 'duplicate')}, {output.plural(len(report.problems), 'problem')}, "
        f"{output.plural(report.edits, 'author edit')} replayed → {settings.index}"
    )


@app.command()
def stats(index: IndexOption = None, as_json: JsonOption = False) -> None:
    """Show what the index holds: posts, videos and categories, its build id and format version,
    when it was built and where it is."""
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
    output.say(f"{output.plural(data['posts'], 'post')}, {data['videos']} with video")
    output.say(f"build {data['version']} (format version {data['format_version']}), built {data['built_at']}")
    output.say(f"index {data['index']}")
    output.table(f"Categories ({len(data['categories'])})", ["category", "posts"],
                 [[k, v] for k, v in data["categories"].items()])


class _ProgressBars:
    """Bars for the files read and the posts analysed, on a terminal; none in a pipe or a log."""

    def __init__(self, enabled: bool) -> None:
        self.bar = (
            Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                     console=output.console_err)
            if enabled
            else None
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> _ProgressBars:
        if self.bar is not None:
            self.bar.start()
        return self

    def tick(self, name: str) -> Callable[[int, int], None] | None:
        """A (done, total) callback for one bar, or None when there are no bars."""
        bar = self.bar
        if bar is None:
            return None

        def tick(done: int, total: int) -> None:
            if name not in self.tasks:
                self.tasks[name] = bar.add_task(name, total=total)
            bar.update(self.tasks[name], completed=done, total=total)

        return tick

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_problems(problems: list[dict[str, Any]]) -> None:
    from rich.markup import escape  # source text can hold "[...]": print it, never read it as markup

    for problem in problems[:50]:
        colour = "red" if problem.get("severity") == "error" else "yellow"
        # A problem with the whole file (missing, unreadable) has no position inside it.
        where = f" ({problem['where']})" if problem.get("where") else ""
        output.console_err.print(
            f"[{colour}]{problem.get('severity')}:[/{colour}] "
            + escape(f"{problem.get('source')}{where}: {problem.get('reason')}"),
            highlight=False,
        )
    if len(problems) > 50:
        output.console_err.print(f"… and {output.plural(len(problems) - 50, 'more problem')} (use --json for all)")

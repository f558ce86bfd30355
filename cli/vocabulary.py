"""`runphys vocabulary export|check`: the author's vocabulary as a file to read, edit and check."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..index.errors import BadRequest, RunphysError
from . import output
from .app import App, IndexOption, JsonOption, app, fail, settings_for

vocabulary_app = App(
    name="vocabulary",
    help="Export the vocabulary in use, or check an edited one (install it with `runphys build --vocabulary`).",
    no_args_is_help=True,
)
app.add_typer(vocabulary_app)

File = Annotated[Path, typer.Argument(help="The vocabulary file ('-' for standard output when exporting).")]


@vocabulary_app.command("export")
def export(
    file: File,
    index: IndexOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Write the vocabulary the live index uses (or the next build would use) to FILE."""
    from ..service.author import current_vocabulary

    settings = settings_for(index)
    try:
        vocabulary, origin = current_vocabulary(settings.index, settings.vocabulary)
        if str(file) == "-":
            sys.stdout.write(vocabulary.source.text)
            return
        if file.exists() and not force:
            raise BadRequest(f"{file} exists; use --force to overwrite it")
        try:
            file.write_text(vocabulary.source.text, encoding="utf-8")
        except OSError as exc:
            raise BadRequest(f"cannot write {file}: {exc.strerror or exc}") from exc
    except RunphysError as error:
        fail(error, as_json)
    summary = {"file": str(file), "from": origin, "sha256": vocabulary.source.sha256, **_counts(vocabulary)}
    if as_json:
        output.print_json(summary)
        return
    output.say(f"wrote the vocabulary of {origin} to {file} (sha256 {vocabulary.source.sha256[:12]}…)")


@vocabulary_app.command("check")
def check(file: File, as_json: JsonOption = False) -> None:
    """Check an edited vocabulary file: a mistake names the line and exits 1; a warning (names
    combined past the cap) names the line and still exits 0."""
    from ..text.vocabulary_file import read_vocabulary

    try:
        vocabulary = read_vocabulary(file)
    except RunphysError as error:
        fail(error, as_json)
    counts = _counts(vocabulary)
    summary = {"file": str(file), "sha256": vocabulary.source.sha256, **counts,
               "warnings": list(vocabulary.warnings)}
    if as_json:
        output.print_json(summary)
        return
    for warning in vocabulary.warnings:  # valid, but something was cut short: say what
        output.console_err.print(f"[yellow]warning[/yellow] {escape(warning)}", highlight=False)
    output.say(
        f"{file} is valid: {output.plural(counts['body_parts'], 'body part')}, "
        f"{output.plural(counts['injuries'], 'injury', 'injuries')}, "
        f"{output.plural(counts['kinds'], 'kind of post', 'kinds of post')}, "
        f"{output.plural(counts['synonym_groups'], 'synonym group')}"
        + (f", {output.plural(len(vocabulary.warnings), 'warning')}" if vocabulary.warnings else "")
    )


def _counts(vocabulary: object) -> dict[str, int]:
    return {
        name: len(getattr(vocabulary, attr))
        for name, attr in (
            ("body_parts", "body_parts"),
            ("injuries", "injuries"),
            ("kinds", "kinds"),
            ("synonym_groups", "synonyms"),
        )
    }

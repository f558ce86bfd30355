"""The Typer app and what every command shares: options, settings, errors, opening the service."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperArgument, TyperCommand

from ..index.errors import BadRequest, RunphysError
from ..service.settings import Settings
from . import output

if TYPE_CHECKING:
    from ..service.service import Service

CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])


class PlainUsageCommand(TyperCommand):
    """A command that names its arguments the usual way, in capitals: `QUERY`, `[POST]`,
    `SOURCES...` in the usage line, the help and the errors (Typer writes `{query}`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # Any: passed through to Typer as given
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument) and param.metavar is None:
                param.metavar = (param.name or "").upper() + ("..." if param.nargs != 1 else "")

    def collect_usage_pieces(self, ctx: Any) -> list[str]:  # Any: Typer's own (vendored) click Context
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = (param.metavar or param.name or "").upper().removesuffix("...")
                name = name if param.required else f"[{name}]"
                pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces


class App(typer.Typer):
    """Typer with `PlainUsageCommand` for every command registered on it; help and usage errors
    drawn in boxes only on a terminal, plain lines in a pipe or a file (as every other output)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # Any: passed through to Typer as given
        attached = sys.stdout.isatty() and sys.stderr.isatty()
        kwargs.setdefault("rich_markup_mode", "rich" if attached else None)
        super().__init__(*args, **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[CommandFunction], CommandFunction]:
        kwargs.setdefault("cls", PlainUsageCommand)
        return super().command(*args, **kwargs)


app = App(
    name="runphys",
    help="Search, related videos and coverage gaps for a running and physical-therapy blog.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

IndexOption = Annotated[
    Path | None,
    typer.Option("--index", help="Index bundle directory (default: $RUNPHYS_INDEX, else the per-user data directory)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def settings_for(index: Path | None, **overrides: Any) -> Settings:
    """Settings from the environment, with the command's flags on top (BadRequest naming the
    variable when one is out of range or not a value of its type)."""
    from pydantic import ValidationError

    if index is not None:
        overrides["index"] = index
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        def named(field: str) -> str:  # as the user gave it: a flag of this command, or the variable
            return f"--{field.replace('_', '-')}" if field in overrides else f"RUNPHYS_{field.upper()}"

        problems = "; ".join(f"{named(str(e['loc'][0]))}: {e['msg']} (got {e.get('input')!r})" for e in exc.errors())
        raise BadRequest(f"bad setting: {problems}") from None


def report(error: RunphysError, as_json: bool) -> None:
    """Print a library error the same way everywhere."""
    if as_json:
        print(json.dumps(error.to_dict(), default=str))
    else:
        from rich.markup import escape  # a message may quote a path or a value holding "[...]"

        output.console_err.print(f"[red]error:[/red] {escape(error.message)}", highlight=False)


def fail(error: RunphysError, as_json: bool) -> None:
    """Report a library error and exit with its code."""
    report(error, as_json)
    raise typer.Exit(error.exit_code)


def ensure_bundle(settings: Settings, as_json: bool) -> None:
    """Build the demo blog first when no bundle exists (so every command that only reads works on a
    fresh machine); commands that change an index use `require_bundle` instead."""
    from ..index.bundle import has_bundle

    if not has_bundle(settings.index):
        from ..service.pipeline import ensure_index  # building imports what reading never needs

        ensure_index(settings.index, progress=None if as_json else output.status_line)


def require_bundle(settings: Settings) -> None:
    """Commands that change an index (pin, exclude, curation …) need one already built: a mistyped
    --index must not quietly become a demo index that takes the author's pins."""
    from ..index.bundle import has_bundle
    from ..index.errors import IndexMissing

    if not has_bundle(settings.index):
        raise IndexMissing(f"no index at {settings.index}: check --index (or RUNPHYS_INDEX), or build one first "
                           "with `runphys build SOURCES`")


def open_service(settings: Settings, as_json: bool) -> Service:
    """The service over the bundle, building the demo blog first when no bundle exists."""
    from ..service.service import Service

    ensure_bundle(settings, as_json)
    return Service.open(settings)

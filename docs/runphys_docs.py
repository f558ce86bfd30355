"""The generated parts of docs/: each function returns the markdown one `[[[cog ]]]` block prints.

The pages are regenerated with `python docs/regenerate.py` and checked by
`tests/docs/test_generated_docs.py`. Everything here reads the code as it is (the real `--help`
output, the `Settings` fields, the app's OpenAPI schema) and must give the same text on every
machine: fixed terminal width, no colour, no value taken from the environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

# What `--help` reads from the environment: one width, no colour, Click's plain layout (rich's
# panels change with every rich and typer release; the words and flags are the same).
HELP_ENV = {"COLUMNS": "80", "LINES": "25", "TYPER_USE_RICH": "0", "NO_COLOR": "1", "TERM": "dumb",
            "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}
HELP_ENV_DROPPED = ("FORCE_COLOR", "PY_COLORS", "CLICOLOR_FORCE", "GITHUB_ACTIONS", "TERMINAL_WIDTH",
                    "_TYPER_FORCE_DISABLE_TERMINAL")
# Runs the `runphys` console script's own entry point under the name a user types.
RUN_CLI = "import sys; sys.argv[0] = 'runphys'; from runphys.cli.main import run; run()"


def cli_commands() -> list[tuple[str, ...]]:
    """Every registered command and subcommand, sorted: `()` is `runphys` itself."""
    import typer

    from runphys.cli.main import app

    root = typer.main.get_command(app)
    found: list[tuple[str, ...]] = [()]
    for name, command in sorted(getattr(root, "commands", {}).items()):
        found.append((name,))
        found += [(name, sub) for sub in sorted(getattr(command, "commands", {}))]
    return found


def help_text(command: tuple[str, ...]) -> str:
    """What `runphys COMMAND --help` prints, trailing spaces removed."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("RUNPHYS_") and key not in HELP_ENV_DROPPED}
    env.update(HELP_ENV)
    done = subprocess.run([sys.executable, "-c", RUN_CLI, *command, "--help"], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"runphys {' '.join(command)} --help failed ({done.returncode}): {done.stderr}")
    return "\n".join(line.rstrip() for line in done.stdout.strip("\n").splitlines())


def cli_reference() -> str:
    """One `###` section per command with its `--help` in a code block."""
    commands = cli_commands()
    with ThreadPoolExecutor(max_workers=4) as pool:
        texts = list(pool.map(help_text, commands))
    sections = []
    for command, text in zip(commands, texts, strict=True):
        title = " ".join(("runphys", *command))
        sections.append(f"### `{title}`\n\n```\n$ {title} --help\n{text}\n```\n")
    return "\n".join(sections)


def _cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _type_name(annotation: Any) -> str:
    """A reader's name for a field's type: `int`, `path or unset`, `list of str (JSON)`."""
    import types
    import typing

    from pydantic import SecretStr

    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        present = [arg for arg in args if arg is not type(None)]
        name = " or ".join(_type_name(arg) for arg in present)
        return f"{name} or unset" if len(present) < len(args) else name
    if typing.get_origin(annotation) is list:
        return f"list of {_type_name(args[0])} (JSON)"
    if annotation is SecretStr:
        return "str (secret)"
    if annotation is Path:
        return "path"
    return str(getattr(annotation, "__name__", annotation))


def _bounds(metadata: list[Any]) -> str:
    """The range a field's constraints allow, e.g. `0–65535` or `≥ 1024`."""
    low = next((getattr(m, "ge", None) for m in metadata if getattr(m, "ge", None) is not None), None)
    high = next((getattr(m, "le", None) for m in metadata if getattr(m, "le", None) is not None), None)
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return f"≥ {low}"
    return f"≤ {high}" if high is not None else ""


def _default(field: Any) -> str:
    """The default as a user would write it; a computed default is described by its function."""
    from pydantic_core import PydanticUndefined

    if field.default_factory is not None:
        made = field.default_factory
        if made in (list, tuple, dict, set):
            return f"`{made()!r}`"
        return _cell((made.__doc__ or made.__name__).strip().splitlines()[0])
    if field.default is PydanticUndefined:
        return "required"
    if field.default is None:
        return "unset"
    if field.default == "":
        return "empty"
    return f"`{field.default}`"


def settings_reference() -> str:
    """One table row per `Settings` field, in the order the class declares them."""
    from runphys.service.settings import Settings

    prefix = str(Settings.model_config.get("env_prefix", ""))
    rows = ["| setting | variable | type | allowed | default | description |",
            "|---|---|---|---|---|---|"]
    for name, field in Settings.model_fields.items():
        variable = field.validation_alias if isinstance(field.validation_alias, str) else f"{prefix}{name}".upper()
        rows.append(f"| `{name}` | `{variable}` | {_cell(_type_name(field.annotation))} | {_bounds(field.metadata)} "
                    f"| {_default(field)} | {_cell(field.description or '')} |")
    return "\n".join(rows) + "\n"


def _operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    order = ("get", "post", "put", "patch", "delete")
    for path, operations in schema["paths"].items():
        for method in sorted(operations, key=order.index):
            yield method.upper(), path, operations[method]


def http_reference() -> str:
    """One table row per operation of the app's OpenAPI schema, in the order the app serves them."""
    from runphys.api.app import create_app
    from runphys.service.settings import Settings

    # Defaults only (no environment, no index opened: the app opens the index in its lifespan).
    schema = create_app(Settings.model_construct()).openapi()
    rows = ["| method | path | parameters | author (when a token is set) | what |", "|---|---|---|---|---|"]
    for method, path, operation in _operations(schema):
        names = [f"`{p['name']}`" for p in operation.get("parameters", []) if p["in"] == "query"]
        if "requestBody" in operation:
            names.append("JSON body" if "application/json" in operation["requestBody"]["content"] else "body")
        author = "yes" if "401" in operation["responses"] else ""
        what = (operation.get("description") or operation.get("summary") or "").split("\n\n")[0]
        rows.append(f"| {method} | `{path}` | {', '.join(names)} | {author} | {_cell(what)} |")
    return "\n".join(rows) + "\n"

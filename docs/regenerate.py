"""Regenerate the docs pages made from the code: `python docs/regenerate.py [--check] [PAGE...]`.

Runs cog (PyPI `cogapp`, in the `dev` extra) over every page in GENERATED: each `[[[cog ]]]` block
calls a function of `docs/runphys_docs.py` and its output replaces the text up to `[[[end]]]`.
Run it after changing a CLI command or flag, a setting or a route; `tests/docs/` fails until then.
`--check` only compares (and prints the difference); PAGE is a path like `docs/cli.md`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cogapp import Cog

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
# The pages with cog blocks, relative to the repository root.
GENERATED = ("docs/cli.md", "docs/settings.md", "docs/http.md")
COMMAND = "python docs/regenerate.py"


def cog_arguments(check: bool, pages: tuple[str, ...] = GENERATED) -> list[str]:
    """cog's command line: `-r` rewrites the pages in place, `--check` only says which would change."""
    mode = ["--check", "--diff", "--check-fail-msg", f"regenerate with: {COMMAND}"] if check else ["-r"]
    return ["cog", *mode, "-I", str(DOCS), "--verbosity", "1", *(str(ROOT / page) for page in pages)]


def main(argv: list[str]) -> int:
    """`[--check] [PAGE...]`: every page in GENERATED unless some are named."""
    pages = tuple(arg for arg in argv if not arg.startswith("--")) or GENERATED
    return Cog().main(cog_arguments("--check" in argv, pages))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The `runphys` command: a thin layer over the library (build, stats, search, related, serve)."""

from __future__ import annotations

import sys

from ..index.errors import RunphysError
from . import build, curation, gaps, query, serve, sync, vocabulary  # noqa: F401  (each module registers its commands)
from .app import app, report


def run() -> None:
    """Console-script entry point. A library error a command did not report itself (such as a bad
    RUNPHYS_* setting, read before any work) is reported here: one line and its exit code."""
    try:
        app()
    except RunphysError as error:
        report(error, as_json="--json" in sys.argv[1:])
        sys.exit(error.exit_code)

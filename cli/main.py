"""The `runphys` command: a thin layer over the library (build, stats, search, related, serve)."""

from __future__ import annotations

from cli import build, gaps, query, serve  # noqa: F401  (each module registers its commands)
from cli.app import app


def run() -> None:
    """Console-script entry point."""
    app()

"""The `runphys` command: a thin layer over the library (build, stats, search, related, serve)."""

from __future__ import annotations

from . import build, curation, gaps, query, serve, vocabulary  # noqa: F401  (each module registers its commands)
from .app import app


def run() -> None:
    """Console-script entry point."""
    app()

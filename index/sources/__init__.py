"""Importers: read WordPress exports, REST API dumps, saved pages, Markdown and JSON into `Post`s."""

from .mapping import parse_mapping
from .problems import ImportResult, Problem
from .reader import FORMATS, read_sources

__all__ = ["FORMATS", "ImportResult", "Problem", "parse_mapping", "read_sources"]

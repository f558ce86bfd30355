"""Importers: read WordPress exports, REST API dumps, saved pages, Markdown and JSON into `Post`s."""

from index.sources.mapping import parse_mapping
from index.sources.problems import ImportResult, Problem
from index.sources.reader import FORMATS, read_sources

__all__ = ["FORMATS", "ImportResult", "Problem", "parse_mapping", "read_sources"]

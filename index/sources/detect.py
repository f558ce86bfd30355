"""Guess a file's format from its content (the extension only breaks ties)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .json_text import json_lines, load_json
from .text_page import find_header
from .wp_json import flatten, is_wp_post

_WXR_NS = re.compile(r"https?://wordpress\.org/export/1\.\d+/?")
_HTML = re.compile(r"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>])", re.I | re.S)
# Markdown needs its front matter to be recognised: a README.md is not a post.
_EXTENSIONS = {".html": "html", ".htm": "html"}
_HEAD = 20_000  # WXR files start with a long comment; the <rss> tag comes after it


def _json_format(data: Any) -> str:
    posts = flatten(data)
    return "wp-json" if posts and is_wp_post(posts[0]) else "json"


def _is_jsonl(text: str) -> bool:
    lines = [line for line in json_lines(text) if line.strip()][:5]
    try:
        return len(lines) > 1 and isinstance(load_json(lines[0]), dict)
    except (ValueError, RecursionError):
        return False


def _structured(text: str) -> str | None:
    stripped = text.lstrip()
    head = stripped[:_HEAD]
    if "<rss" in head and _WXR_NS.search(head):
        return "wxr"
    if head.startswith("<?xml") and "<!ENTITY" in head:
        return "wxr"  # a DOCTYPE can push <rss> far down; the XML reader refuses entities clearly
    if _HTML.match(head):
        return "html"
    if stripped.startswith(("{", "[")):
        try:
            return _json_format(load_json(stripped))
        except (ValueError, RecursionError):
            # Invalid JSON still goes to the JSON reader, which names the line that broke.
            return "jsonl" if _is_jsonl(stripped) else "json"
    if stripped.startswith("---"):
        return "markdown"
    return None


def detect_format(path: str, text: str) -> str | None:
    """One of the FORMATS (not "auto") for this content, or None when nothing fits."""
    found = _structured(text)
    if found:
        return found
    if find_header(text[:200_000].splitlines()) is not None:
        return "text"
    return _EXTENSIONS.get(Path(path).suffix.lower())

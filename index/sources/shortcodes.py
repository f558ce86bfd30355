"""WordPress shortcodes and block comments, rewritten into plain HTML before text extraction."""

from __future__ import annotations

import re

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
_VIDEO = re.compile(r"\[video\b([^\]]*)\](?:.*?\[/video\])?", re.S | re.I)
_VIDEO_URL = re.compile(r"""\b(?:src|mp4|m4v|webm|ogv|url)\s*=\s*["']?([^"'\s\]]+)""", re.I)
_CAPTION = re.compile(r"\[(caption|wp_caption)\b[^\]]*\](.*?)\[/\1\]", re.S | re.I)
# Any other [name attrs] or [/name]: brackets dropped, inner text kept.
_OTHER = re.compile(r"\[/?[A-Za-z_][\w-]*(?:\s[^\[\]]*)?/?\]")


def _own_line(url: str) -> str:
    # A URL alone in its paragraph is what the text extractor reads as an oEmbed video.
    return f"\n\n{url.strip()}\n\n"


def _video(match: re.Match[str]) -> str:
    url = _VIDEO_URL.search(match.group(1))
    return _own_line(url.group(1)) if url else ""


def expand_shortcodes(content: str) -> str:
    """Drop block comments; turn [embed]/[video] into bare URLs; keep caption and unknown inner text."""
    content = _BLOCK_COMMENT.sub("", content)
    content = _EMBED.sub(lambda m: _own_line(m.group(1)), content)
    content = _VIDEO.sub(_video, content)
    content = _CAPTION.sub(lambda m: f"<p>{m.group(2)}</p>", content)
    return _OTHER.sub("", content)

"""A small Markdown → plain text converter: paragraphs kept, syntax dropped, Hugo video shortcodes found."""

from __future__ import annotations

import re

from ..post import Video
from .html_text import split_videos
from .normalize import paragraphs
from .videos import unique_videos, vimeo_video, youtube_video

# Every pattern here stops at the next opener of its kind ("{", "[", "<", the same emphasis mark)
# instead of scanning to the end of the text: with thousands of unclosed openers in one hostile
# body, a lazy `.*?` per opener makes the work quadratic (minutes for 100 kB, hours for 2 MB).
_SHORTCODE = re.compile(r"\{\{[<%]\s*+(\w++)([^>%{}]*+)[>%]\}\}")
_ARG = re.compile(r"""(?:\w+\s*=\s*)?["']?([\w-]+)["']?""")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE = [
    (re.compile(r"<!--(?:(?!<!--|-->).)*+-->", re.S), ""),
    (re.compile(r"!\[([^\[\]]*+)\]\([^)\[]*+\)"), r"\1"),  # images → alt text
    (re.compile(r"\[([^\[\]]++)\]\([^)\[]*+\)"), r"\1"),  # links → their text
    (re.compile(r"\[([^\[\]]++)\]\[[^\[\]]*+\]"), r"\1"),  # reference links
    (re.compile(r"<[^<>\n]++>"), ""),  # inline HTML tags
    (re.compile(r"`+([^`]*)`+"), r"\1"),
    (re.compile(r"(?<!\w)(\*\*|__|\*|_|~~)(?=\S)((?:(?!\1).)+?)(?<=\S)\1(?!\w)"), r"\2"),
]
_LINE_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
# Headings and list items are paragraphs of their own even without blank lines around them.
_OWN_PARAGRAPH = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d+[.)]\s)")


def _shortcode_video(name: str, args: str) -> Video | None:
    match = _ARG.search(args)
    if not match:
        return None
    if name == "youtube":
        return youtube_video(match.group(1))
    return vimeo_video(match.group(1)) if name == "vimeo" else None


def _clean_line(line: str) -> str:
    if _RULE.match(line) or _REF_DEF.match(line):
        return ""
    if line.lstrip().startswith("#"):
        line = line.rstrip().rstrip("#")
    line = _LINE_MARKS.sub("", line)
    for pattern, replacement in _INLINE:
        line = pattern.sub(replacement, line)
    return line


def markdown_to_text(markdown: str) -> tuple[str, tuple[Video, ...]]:
    """Plain text (blank-line paragraphs) and the videos of a Markdown body."""
    videos: list[Video] = []

    def shortcode(match: re.Match[str]) -> str:
        video = _shortcode_video(match.group(1).lower(), match.group(2).strip())
        videos.extend([video] if video else [])
        return ""

    text = _SHORTCODE.sub(shortcode, markdown)
    lines: list[str] = []
    for line in text.splitlines():
        own = bool(_OWN_PARAGRAPH.match(line))
        lines.extend(["", _clean_line(line), ""] if own else ["" if _FENCE.match(line) else _clean_line(line)])
    body, bare = split_videos("\n".join(lines))
    return "\n\n".join(paragraphs(body)), unique_videos([*videos, *bare])

"""WordPress shortcodes and block comments, rewritten into plain HTML before text extraction."""

from __future__ import annotations

import html
import re

from .videos import video_from_url

# Each pattern stops at the next tag of its kind rather than scanning on to the end: a lazy `.*?`
# per opener makes thousands of unclosed openers in one hostile post quadratic (hours for 2 MB).
_BLOCK_COMMENT = re.compile(r"<!--\s*+/?wp:(?:(?!<!--|-->).)*+-->", re.S)
_EMBED = re.compile(r"\[embed[^\[\]]*+\]((?:(?!\[/?embed\b).)*+)\[/embed\]", re.S | re.I)
_VIDEO = re.compile(r"\[video\b([^\[\]]*+)\](?:(?:(?!\[/?video\b).)*+\[/video\])?", re.S | re.I)
_VIDEO_URL = re.compile(r"""\b(?:src|mp4|m4v|webm|ogv|flv|mov|url)\s*=\s*["']?([^"'\s\]]+)""", re.I)
_POSTER = re.compile(r"""\bposter\s*=\s*["']?([^"'\s\]]+)""", re.I)
_CAPTION = re.compile(r"\[(caption|wp_caption)\b[^\[\]]*+\]((?:(?!\[/?(?:wp_)?caption\b).)*+)\[/\1\]",
                      re.S | re.I)
# Any other [name attrs] or [/name]: brackets dropped, inner text kept.
_OTHER = re.compile(r"\[/?[A-Za-z_][\w-]*(?:\s[^\[\]]*)?/?\]")


def _own_line(url: str) -> str:
    # A URL alone in its paragraph is what the text extractor reads as an oEmbed video.
    return f"\n\n{url.strip()}\n\n"


def _video(match: re.Match[str]) -> str:
    url = _VIDEO_URL.search(match.group(1))
    if not url:
        return ""
    poster = _POSTER.search(match.group(1))
    if video_from_url(url.group(1)) and not poster:
        return _own_line(url.group(1))  # read in document order with the [embed]s around it
    # As the <video> element WordPress renders: a player is a video whatever its URL says.
    poster_attr = f' poster="{_attribute(poster.group(1))}"' if poster else ""
    return f'\n\n<video src="{_attribute(url.group(1))}"{poster_attr}></video>\n\n'


def _attribute(value: str) -> str:
    # Shortcode text sits in HTML: "&amp;" there already means "&", so unescape before escaping.
    return html.escape(html.unescape(value))


def expand_video_shortcodes(content: str) -> str:
    """Only [video] shortcodes turned into <video> elements (for content that is already HTML)."""
    return _VIDEO.sub(_video, content)


def expand_shortcodes(content: str) -> str:
    """Drop block comments; [embed] to bare URLs, [video] to players; keep caption and unknown inner text."""
    content = _BLOCK_COMMENT.sub("", content)
    content = _EMBED.sub(lambda m: _own_line(m.group(1)), content)
    content = _VIDEO.sub(_video, content)
    content = _CAPTION.sub(lambda m: f"<p>{m.group(2)}</p>", content)
    return _OTHER.sub("", content)

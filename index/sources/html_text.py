"""HTML → clean text: paragraphs separated by blank lines, videos pulled out, scripts/styles dropped."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from ..post import Video
from .normalize import paragraphs
from .videos import file_video, unique_videos, video_from_url

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "table",
        "tr",
        "thead",
        "tbody",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "main",
        "nav",
        "dl",
        "dt",
        "dd",
        "hr",
        "address",
        "details",
        "summary",
    ]
)
# Never text: code, styling, media players and form controls.
_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "object",
        "svg",
        "button",
        "form",
        "input",
        "select",
        "textarea",
        "head",
        "title",
        "meta",
        "link",
        "canvas",
        "map",
        "audio",
    ]
)
_MEDIA = frozenset(("iframe", "embed", "video"))
_BARE_URL = re.compile(r"^(?:https?:)?//\S+$")


def _media_video(el: lxml.html.HtmlElement, poster: str = "") -> Video | None:
    player = el.tag in ("video", "source")
    for attr in ("src", "data-src", "data-lazy-src"):
        url = (el.get(attr) or "").strip()
        video = video_from_url(url)
        if player and url and (video is None or video.provider == "file"):
            # A <video> (or its <source>) is a player whatever its URL says: a self-hosted file.
            video = file_video(url, poster)
        if video:
            return video
    return None


def _player_video(el: lxml.html.HtmlElement) -> Video | None:
    """The one video a player element shows: its own src, else its first usable <source>."""
    poster = (el.get("poster") or "") if el.tag == "video" else ""
    candidates = [el, *el.iter("source")]
    return next((video for video in (_media_video(c, poster) for c in candidates) if video), None)


def _embed_figure_video(el: lxml.html.HtmlElement) -> Video | None:
    if el.tag != "figure" or "wp-block-embed" not in (el.get("class") or ""):
        return None
    for text in el.itertext():
        video = video_from_url(text.strip())
        if video:
            return video
    return None


class _Walker:
    """Collects text with paragraph breaks at block edges, and the videos met on the way."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.videos: list[Video] = []

    def walk(self, el: lxml.etree._Element) -> None:
        """Visit one element, its children, then its tail."""
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag and tag not in _SKIP:
            self._visit(el, tag)
        self.parts.append(el.tail or "")

    def _visit(self, el: lxml.html.HtmlElement, tag: str) -> None:
        if tag in _MEDIA:
            found = _player_video(el)
            self.videos.extend([found] if found else [])
            return
        embedded = _embed_figure_video(el)
        if embedded:
            self.videos.append(embedded)
            for caption in el.iter("figcaption"):
                self.parts.append("\n\n" + caption.text_content() + "\n\n")
            return
        block = tag in _BLOCKS
        self.parts.append("\n\n" if block else ("\n" if tag == "br" else ""))
        self.parts.append(el.text or "")
        for child in el:
            self.walk(child)
        self.parts.append("\n\n" if block else "")


def split_videos(text: str) -> tuple[str, list[Video]]:
    """Move paragraphs that are only a video URL (oEmbed style) out of the text."""
    kept: list[str] = []
    videos: list[Video] = []
    for para in paragraphs(text):
        video = video_from_url(para) if _BARE_URL.match(para) else None
        if video:
            videos.append(video)
        else:
            kept.append(para)
    return "\n\n".join(kept), videos


def element_to_text(el: lxml.html.HtmlElement) -> tuple[str, tuple[Video, ...]]:
    """Clean text and videos of one parsed element (its tail excluded)."""
    walker = _Walker()
    tail, el.tail = el.tail, None
    walker.walk(el)
    el.tail = tail
    text, bare = split_videos("".join(walker.parts))
    return text, unique_videos([*walker.videos, *bare])


def parse_fragment(html: str) -> lxml.html.HtmlElement | None:
    """An HTML fragment wrapped in one <div>, or None when there is nothing to parse."""
    if not html or not html.strip():
        return None
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None


def html_to_text(html: str) -> tuple[str, tuple[Video, ...]]:
    """Clean text (blank-line paragraphs) and the embedded videos of an HTML fragment."""
    root = parse_fragment(html)
    return element_to_text(root) if root is not None else ("", ())


def inline_text(html: str) -> str:
    """Plain one-line text of a short HTML snippet (titles), entities unescaped."""
    text, _ = html_to_text(html)
    return re.sub(r"\s+", " ", text).strip()

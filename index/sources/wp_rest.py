"""WordPress REST API post objects (as `runphys sync` fetches them, with `_embed`) → `Post` records.

Pure conversion: the HTTP side is `wp_client`. A post read here is the same `Post` a WXR export of
the same site gives (`wxr.read_wxr`): with `context=edit` (an application password) the API hands
over what the author typed, exactly what an export holds, and it goes through the WXR reader's
own clean-up. Without one, WordPress shows only the rendered text, read the way `wp_json` reads a
saved response.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..post import Post, SourceRef, Video
from .html_text import html_to_text, inline_text
from .json_text import long_number_reason, long_numbers
from .normalize import assemble
from .problems import Problem, guarded
from .shortcodes import expand_shortcodes, expand_video_shortcodes
from .videos import file_video, unique_videos
from .wp_json import embedded, embedded_author, embedded_terms, is_wp_post

PUBLISHED = ("publish",)
# What `--include-drafts` adds: the statuses the WXR importer takes with its own --include-drafts.
DRAFTS = ("publish", "future", "draft", "pending", "private")
# WordPress ends the excerpt it makes from the body (wp_trim_excerpt) with this.
_MORE = "[…]"
# Rendered text has been through wptexturize, which curls the straight quotes the author typed:
# straightened again, the text is the author's (dashes and ellipses stay as WordPress set them).
_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "′": "'", "“": '"', "”": '"', "″": '"'})


def _field(post: Mapping[str, Any], key: str) -> tuple[str, bool]:
    """The author's text of `key` when the API gave it (context=edit), else the rendered one; and which."""
    value = post.get(key)
    if isinstance(value, dict):
        if isinstance(value.get("raw"), str):
            return value["raw"], True
        return str(value.get("rendered") or ""), False
    return ("" if value is None else str(value)), True


def _featured_video(post: Mapping[str, Any]) -> list[Video]:
    """A featured media that is a video file (an image says nothing a search or a list uses)."""
    media = embedded(post, "wp:featuredmedia")
    first = media[0] if isinstance(media, list) and media else None
    if not isinstance(first, dict) or not str(first.get("mime_type") or "").startswith("video/"):
        return []
    video = file_video(str(first.get("source_url") or ""))
    return [video] if video else []


def _own_excerpt(excerpt: str, body: str) -> str:
    """The rendered excerpt unless WordPress made it from the body (the body's first words, then
    "[…]", or the whole short body): a WXR export has no excerpt there, and neither has the post."""
    words, body_words = excerpt.split(), body.split()
    if excerpt.endswith(_MORE):
        head = excerpt[: -len(_MORE)].split()
        if head[:10] == body_words[: min(10, len(head))]:
            return ""
    elif words and words == body_words:
        return ""
    return excerpt


def _date(post: Mapping[str, Any]) -> Any:
    gmt = post.get("date_gmt")
    return gmt if isinstance(gmt, str) and gmt and not gmt.startswith("0000") else post.get("date")


def _post(post: Mapping[str, Any], source: SourceRef) -> Iterator[Post | Problem]:
    terms = embedded_terms(post)
    if terms is None and (post.get("categories") or post.get("tags")):
        yield Problem.at(source, "term names missing from the answer (no _embed)", "warning", code="no-terms")
    numbers = long_numbers(post)
    if numbers:
        yield Problem.at(source, long_number_reason(numbers), "warning", code="number-too-long")
    content, raw = _field(post, "content")
    # The author's text takes the WXR reader's path; rendered HTML has its shortcodes run already.
    body, videos = html_to_text(expand_shortcodes(content) if raw else expand_video_shortcodes(content))
    body = body if raw else body.translate(_STRAIGHT)
    title_html, raw_title = _field(post, "title")
    title = inline_text(title_html) if raw_title else inline_text(title_html).translate(_STRAIGHT)
    excerpt_html, raw_excerpt = _field(post, "excerpt")
    excerpt = inline_text(expand_shortcodes(excerpt_html) if raw_excerpt else excerpt_html)
    excerpt = excerpt if raw_excerpt else _own_excerpt(excerpt.translate(_STRAIGHT), " ".join(body.split()))
    yield from assemble(
        source,
        id=post.get("id", ""),
        title=title,
        slug=str(post.get("slug") or ""),
        url=str(post.get("link") or ""),
        date=_date(post),
        author=embedded_author(post),
        categories=terms[0] if terms else (),
        tags=terms[1] if terms else (),
        body=body,
        excerpt=excerpt,
        videos=unique_videos([*videos, *_featured_video(post)]),
    )


def post_id(item: Any) -> int | None:
    """The numeric id of a post object, None when it has none."""
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def rest_posts(site: str, item: Any, statuses: tuple[str, ...] = PUBLISHED) -> list[Post | Problem]:
    """The `Post` (with its warnings) of one REST post object, or one Problem naming it; nothing for a
    post of another type or status (e.g. a draft when drafts are not synced)."""
    number = post_id(item)
    source = SourceRef(site, f"post {number}" if number is not None else "a post without an id")
    if not is_wp_post(item) or number is None:
        return [Problem.at(source, "not a WordPress REST API post object (no id, title or content)",
                           code="not-a-wp-post")]
    if item.get("type", "post") != "post" or item.get("status", "publish") not in statuses:
        return []
    return guarded(source, _post, item, source)


def modified(item: Any) -> str:
    """The post's `modified_gmt` as the API wrote it ("" when missing or not a date)."""
    value = item.get("modified_gmt") if isinstance(item, dict) else None
    return value if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", value) else ""

"""WordPress export (WXR) files: published posts, with entity expansion refused (defusedxml)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import defusedxml
import defusedxml.ElementTree as SafeET

from ..post import Post, SourceRef
from .html_text import html_to_text, inline_text
from .normalize import assemble
from .problems import Problem, guarded
from .shortcodes import expand_shortcodes

DRAFT_STATUSES = frozenset(("draft", "pending", "future", "private"))


def _local(tag: object) -> str:
    # Namespaces differ between exports (http/https, 1.0-1.2): match on the local name only.
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ns(tag: object) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _text(el: ET.Element, name: str) -> str:
    for child in el:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _encoded(item: ET.Element, kind: str) -> str:
    """The content:encoded (kind "content") or excerpt:encoded (kind "excerpt") text."""
    for child in item:
        if _local(child.tag) == "encoded":
            is_excerpt = "/excerpt" in _ns(child.tag)
            if is_excerpt == (kind == "excerpt"):
                return child.text or ""
    return ""


def _authors(channel: ET.Element) -> dict[str, str]:
    names: dict[str, str] = {}
    for child in channel:
        if _local(child.tag) == "author":
            login = _text(child, "author_login")
            if login:
                names[login] = _text(child, "author_display_name") or login
    return names


def _terms(item: ET.Element) -> tuple[list[str], list[str]]:
    categories: list[str] = []
    tags: list[str] = []
    for child in item:
        if _local(child.tag) != "category":
            continue
        domain = child.get("domain") or "category"
        name = (child.text or "").strip()
        if domain == "category":
            categories.append(name)
        elif domain == "post_tag":
            tags.append(name)
    return categories, tags


def _date(item: ET.Element) -> str:
    gmt = _text(item, "post_date_gmt")
    if gmt and not gmt.startswith("0000"):
        return gmt  # naive → UTC in parse_date, which is what _gmt means
    local = _text(item, "post_date")
    return _text(item, "pubDate") or ("" if local.startswith("0000") else local)


def _wanted(item: ET.Element, include_drafts: bool) -> bool:
    if _text(item, "post_type") != "post":
        return False
    status = _text(item, "status")
    return status == "publish" or (include_drafts and status in DRAFT_STATUSES)


def _item_posts(item: ET.Element, source: SourceRef, authors: dict[str, str]) -> Iterator[Post | Problem]:
    body, videos = html_to_text(expand_shortcodes(_encoded(item, "content")))
    categories, tags = _terms(item)
    creator = _text(item, "creator")
    yield from assemble(
        source,
        id=_text(item, "post_id"),
        title=inline_text(_text(item, "title")),
        slug=_text(item, "post_name"),
        url=_text(item, "link"),
        date=_date(item),
        author=authors.get(creator, creator),
        categories=categories,
        tags=tags,
        body=body,
        excerpt=inline_text(expand_shortcodes(_encoded(item, "excerpt"))),
        videos=videos,
    )


def parse_wxr(text: str) -> ET.Element:
    """Parse WXR safely; raises ValueError with a clear reason (entities, DTD, broken XML)."""
    try:
        root: ET.Element = SafeET.fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        return root
    except defusedxml.EntitiesForbidden as exc:
        raise ValueError(f"XML entity declarations are refused (possible XML bomb): {exc}") from exc
    except defusedxml.DefusedXmlException as exc:
        raise ValueError(f"unsafe XML refused: {exc}") from exc
    except ET.ParseError as exc:
        raise ValueError(f"broken XML: {exc}") from exc


def read_wxr(path: str, text: str, *, include_drafts: bool = False, **_: object) -> Iterator[Post | Problem]:
    """Posts of one WXR file (published only unless `include_drafts`), one Problem per bad item."""
    try:
        root = parse_wxr(text)
    except ValueError as exc:
        yield Problem(path, "", str(exc), code="invalid-xml")
        return
    channel = next((el for el in root.iter() if _local(el.tag) == "channel"), root)
    authors = _authors(channel)
    items = [el for el in channel if _local(el.tag) == "item"]
    for number, item in enumerate(items, start=1):
        if _wanted(item, include_drafts):
            ref = SourceRef(path, f"item {number}")
            yield from guarded(ref, _item_posts, item, ref, authors)

"""Writes Posts into the Whoosh search index: a fresh build or an incremental update."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index
from whoosh.index import LockError

from ..index.errors import IndexBusy, IndexMissing
from ..index.post import Post
from .analysis import words
from .schema import SCHEMA_VERSION, build_schema

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

# 2 cores: one process; memory per writer kept modest.
WRITER_OPTIONS: dict[str, Any] = {"procs": 1, "limitmb": 128}


def _default_vocabulary() -> Vocabulary:
    from .vocabulary import load_vocabulary

    return load_vocabulary()


def _keyword(values: Sequence[str]) -> str:
    # Commas separate keyword values, so a value must not contain one.
    return ",".join(v.replace(",", " ").strip() for v in values if v and v.strip())


def _topic_text(keys: Sequence[str], vocabulary: Vocabulary) -> str:
    parts: list[str] = []
    for key in keys:
        try:
            parts.append(vocabulary.label(key))
            parts.extend(vocabulary.expansions(key))
        except KeyError:
            parts.append(key.replace("_", " "))
    return " . ".join(parts)


def post_document(post: Post, vocabulary: Vocabulary) -> dict[str, Any]:
    """The Whoosh document (field -> value) for one tagged post."""
    tag_text = " . ".join((*post.categories, *post.tags))
    tagged = tuple(dict.fromkeys((*post.body_parts, *post.injuries)))
    found = vocabulary.concepts_in(f"{post.title}\n{tag_text}\n{post.body}")
    concepts = tuple(dict.fromkeys((*tagged, *found)))
    doc: dict[str, Any] = {
        "id": post.id,
        "slug": post.slug or post.id,
        "title": post.title,
        "body": post.body,
        "tags": tag_text,
        "topics": _topic_text(tagged, vocabulary),
        "categories": _keyword(post.categories),
        "body_parts": _keyword(post.body_parts),
        "injuries": _keyword(post.injuries),
        "concepts": _keyword(concepts),
        "words": " ".join(words(f"{post.title} {tag_text} {post.body}")),
        "author": post.author,
        "has_video": post.has_video,
        "meta": {
            "url": post.url,
            "excerpt": post.excerpt,
            "thumbnail_url": post.thumbnail_url,
            "categories": list(post.categories),
            "date": post.date.isoformat() if post.date else None,
        },
    }
    if post.date is not None:
        doc["date"] = post.date.astimezone(timezone.utc).replace(tzinfo=None)
        doc["year"] = post.date.year
    return doc


def write_search_index(
    posts: Sequence[Post], directory: Path, vocabulary: Vocabulary | None = None
) -> dict[str, Any]:
    """Build a fresh index of `posts` in `directory` (created; any old index is replaced)."""
    vocabulary = vocabulary or _default_vocabulary()
    started = time.perf_counter()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(directory), build_schema())
    try:
        writer = ix.writer(**WRITER_OPTIONS)
    except LockError as exc:
        raise IndexBusy(f"search index at {directory} is locked by another writer", str(exc)) from exc
    try:
        for post in posts:
            writer.add_document(**post_document(post, vocabulary))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    count = ix.doc_count()
    ix.close()
    return {
        "documents": count,
        "schema_version": SCHEMA_VERSION,
        "seconds": round(time.perf_counter() - started, 3),
    }


def update_search_index(
    directory: Path,
    upserts: Sequence[Post],
    delete_ids: Sequence[str],
    vocabulary: Vocabulary | None = None,
) -> None:
    """Add or replace `upserts` (by id) and delete `delete_ids`, in one commit."""
    directory = Path(directory)
    if not whoosh_index.exists_in(str(directory)):
        raise IndexMissing(f"no search index at {directory}; build it first")
    vocabulary = vocabulary or _default_vocabulary()
    ix = whoosh_index.open_dir(str(directory))
    try:
        try:
            writer = ix.writer(**WRITER_OPTIONS)
        except LockError as exc:
            raise IndexBusy(
                f"search index at {directory} is being written by another process; try again",
                str(exc),
            ) from exc
        try:
            for post_id in delete_ids:
                writer.delete_by_term("id", post_id)
            for post in upserts:
                writer.update_document(**post_document(post, vocabulary))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
    finally:
        ix.close()

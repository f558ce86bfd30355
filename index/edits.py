"""The author's single-post edits (admin upserts and deletes), kept beside the bundle.

A full rebuild from sources would otherwise drop them, so every build replays them on top of the
imported posts until the author discards them (`runphys build --discard-edits`).

A line that cannot be read back (damaged by hand, a disk error) is never dropped in silence: it
stays in the file, the build reports it as a problem naming the line, and its manifest records it
(`author_state.edits.problems`) for the gap page. A torn last line from a crash is reported the
same way; the edits before and after it still count.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .author_problems import AuthorProblem
from .errors import StorageFailed, is_transient, storage_error
from .post import Post

EDITS_FILE = "edits.jsonl"
_QUOTE_CHARS = 120  # of a damaged line, in its problem


@dataclass(frozen=True)
class Replayed:
    """Posts with the edits replayed, how many applied, and the lines that could not be."""

    posts: list[Post]
    applied: int
    problems: list[AuthorProblem] = field(default_factory=list)


def record_edits(index_dir: Path, upserts: Sequence[Post] = (), delete_ids: Sequence[str] = ()) -> None:
    """Append the edits durably (called under the build lock, before the switch).

    A write that fails (disk full) is cut back to the file's old length, so no torn line is left to
    swallow the next edit, and is a StorageFull or StorageFailed naming the file."""
    lines = [json.dumps({"op": "upsert", "post": post.to_dict()}, ensure_ascii=False) for post in upserts]
    lines += [json.dumps({"op": "delete", "id": post_id}) for post_id in delete_ids]
    if not lines:
        return
    path = index_dir / EDITS_FILE
    try:
        with path.open("a", encoding="utf-8") as out:
            size = out.tell()
            try:
                if size and not _ends_with_newline(path):
                    out.write("\n")  # a torn line from a crash must not swallow this edit's first line
                out.write("\n".join(lines) + "\n")
                out.flush()
                os.fsync(out.fileno())
            except OSError:
                with contextlib.suppress(OSError):
                    os.truncate(path, size)
                raise
    except OSError as exc:
        if is_transient(exc):
            raise
        raise storage_error(path, exc, "writing") from exc


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def replay_edits(index_dir: Path, posts: Sequence[Post]) -> Replayed:
    """Posts with the recorded edits replayed in order, and the lines that could not be read."""
    path = index_dir / EDITS_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Replayed(list(posts), 0)
    except OSError as exc:
        if is_transient(exc):
            raise
        error = storage_error(path, exc, "reading")
        raise StorageFailed(f"{error.message}; fix it, or build with --discard-edits to drop the edits",
                            error.detail) from exc
    by_id = {post.id: post for post in posts}
    applied = 0
    problems: list[AuthorProblem] = []
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            edit = json.loads(line)
            if edit["op"] == "upsert":
                post = Post.from_dict(edit["post"])
                by_id[post.id] = post
            elif edit["op"] == "delete":
                by_id.pop(str(edit["id"]), None)
            else:
                raise ValueError(f"unknown op {str(edit['op'])[:40]!r}")
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            problems.append({"file": str(path), "line": number, "reason": _reason(exc, line)})
            continue
        applied += 1
    return Replayed(list(by_id.values()), applied, problems)


def _reason(exc: BaseException, line: str) -> str:
    what = "nested too deeply" if isinstance(exc, RecursionError) else f"{type(exc).__name__}: {exc}"[:200]
    quoted = line[:_QUOTE_CHARS] + ("…" if len(line) > _QUOTE_CHARS else "")
    return f"not a readable edit ({what}); the line is kept in the file but not applied: {quoted!r}"


def discard_edits(index_dir: Path) -> None:
    path = index_dir / EDITS_FILE
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        path.unlink(missing_ok=True)
    except OSError as exc:
        if is_transient(exc):
            raise
        raise storage_error(path, exc, "removing") from exc

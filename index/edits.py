"""The author's single-post edits (admin upserts and deletes), kept beside the bundle.

A full rebuild from sources would otherwise drop them, so every build replays them on top of the
imported posts until the author discards them (`runphys build --discard-edits`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from .post import Post

EDITS_FILE = "edits.jsonl"


def record_edits(index_dir: Path, upserts: Sequence[Post] = (), delete_ids: Sequence[str] = ()) -> None:
    """Append the edits durably (called under the build lock, before the switch)."""
    lines = [json.dumps({"op": "upsert", "post": post.to_dict()}, ensure_ascii=False) for post in upserts]
    lines += [json.dumps({"op": "delete", "id": post_id}) for post_id in delete_ids]
    if not lines:
        return
    path = index_dir / EDITS_FILE
    with path.open("a", encoding="utf-8") as out:
        if out.tell() and not _ends_with_newline(path):
            out.write("\n")  # a torn line from a crash must not swallow this edit's first line
        out.write("\n".join(lines) + "\n")
        out.flush()
        os.fsync(out.fileno())


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def apply_edits(index_dir: Path, posts: Sequence[Post]) -> tuple[list[Post], int]:
    """Posts with the recorded edits replayed in order; also how many edits applied."""
    path = index_dir / EDITS_FILE
    if not path.exists():
        return list(posts), 0
    by_id = {post.id: post for post in posts}
    applied = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            edit = json.loads(line)
            if edit["op"] == "upsert":
                post = Post.from_dict(edit["post"])
                by_id[post.id] = post
            elif edit["op"] == "delete":
                by_id.pop(str(edit["id"]), None)
            else:
                continue
        except (ValueError, KeyError, TypeError):
            continue  # a torn last line from a crash; the edits before it still count
        applied += 1
    return list(by_id.values()), applied


def discard_edits(index_dir: Path) -> None:
    (index_dir / EDITS_FILE).unlink(missing_ok=True)

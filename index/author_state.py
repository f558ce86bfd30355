"""The author's own state: files at the index root, beside the versions, never inside one.

    INDEX_DIR/edits.jsonl       single-post edits made through the admin API (see `edits`)
    INDEX_DIR/curation.json     pins, excludes and excluded categories of related lists
    INDEX_DIR/vocabulary.yaml   the author's vocabulary (when they installed one)
    INDEX_DIR/searches/         the search log (what readers asked for)

Every build reads them and records in its manifest what it applied, with checksums, so a version
says exactly which state it was built with. Back them up with the index root; the versions can
always be built again from the sources and these files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .author_problems import AuthorProblem
from .edits import EDITS_FILE
from .errors import is_transient, storage_error

CURATION_FILE = "curation.json"
VOCABULARY_FILE = "vocabulary.yaml"
SEARCHES_DIR = "searches"


def checksum(path: Path) -> str | None:
    """SHA-256 of a file, or None when there is none."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # none, or unreadable: reading it for real reports why
        return None


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves the old file or the new one, whole.

    A failed write (disk full, read-only, a folder in the way) removes its temporary file and is a
    StorageFull or StorageFailed naming `path`: the old file stays as it was."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
        dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        if is_transient(exc):
            raise
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise storage_error(path, exc, "writing") from exc


def remove_leftovers(index_dir: Path) -> None:
    """Temporary files of author-state writes a killed process left (called under the build lock)."""
    for name in (CURATION_FILE, VOCABULARY_FILE):
        with contextlib.suppress(OSError):
            (index_dir / f".{name}.tmp").unlink(missing_ok=True)


def read_json(path: Path) -> Any:
    """The JSON in `path`, {} when there is no file; ValueError when it is not JSON (or nests too
    deep to read), StorageFailed when it cannot be read (a folder in its place, no permission)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        if is_transient(exc):
            raise
        raise storage_error(path, exc, "reading") from exc
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply to read") from None


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_json(path: Path, data: Any) -> None:
    write_atomically(path, json_text(data))


def applied(index_dir: Path, *, edits: int, curation_posts: int, vocabulary: str, vocabulary_sha256: str,
            curation_sha256: str | None = None, problems: dict[str, list[AuthorProblem]] | None = None,
            ) -> dict[str, Any]:
    """What a build applied of the author's state, for its manifest; `problems` (per file: edits,
    curation, vocabulary) are what could not be applied, kept for the gap page and `build`."""
    found = problems or {}
    return {
        "edits": {"file": EDITS_FILE, "sha256": checksum(index_dir / EDITS_FILE), "applied": edits,
                  "problems": found.get("edits", [])},
        "curation": {"file": CURATION_FILE,
                     "sha256": curation_sha256 if curation_sha256 is not None else checksum(index_dir / CURATION_FILE),
                     "posts": curation_posts, "problems": found.get("curation", [])},
        "vocabulary": {"source": vocabulary, "sha256": vocabulary_sha256, "problems": found.get("vocabulary", [])},
    }

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

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .edits import EDITS_FILE

CURATION_FILE = "curation.json"
VOCABULARY_FILE = "vocabulary.yaml"
SEARCHES_DIR = "searches"


def checksum(path: Path) -> str | None:
    """SHA-256 of a file, or None when there is none."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves the old file or the new one, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
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


def read_json(path: Path) -> Any:
    """The JSON in `path`, {} when there is no file (ValueError when it is not JSON)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(text)


def write_json(path: Path, data: Any) -> None:
    write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def applied(index_dir: Path, *, edits: int, curation_posts: int, vocabulary: str, vocabulary_sha256: str
            ) -> dict[str, Any]:
    """What a build applied of the author's state, for its manifest."""
    return {
        "edits": {"file": EDITS_FILE, "sha256": checksum(index_dir / EDITS_FILE), "applied": edits},
        "curation": {"file": CURATION_FILE, "sha256": checksum(index_dir / CURATION_FILE), "posts": curation_posts},
        "vocabulary": {"source": vocabulary, "sha256": vocabulary_sha256},
    }

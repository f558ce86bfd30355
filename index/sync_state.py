"""The WordPress sync's own state at the index root, beside the author's other files:

    INDEX_DIR/sync.json     the site followed, the newest `modified_gmt` seen, the post ids seen
    INDEX_DIR/.sync.lock    held by the one sync running (any process, any worker)

It lives outside the versions, so every rebuild keeps it; back it up with the rest of the index
root. It is written only after the version it describes is live: a crash in between makes the
next sync fetch the same changes again, never skip one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .author_state import read_json, write_json
from .bundle import file_lock
from .errors import BadRequest

SYNC_FILE = "sync.json"
SYNC_LOCK = ".sync.lock"


@dataclass(frozen=True)
class SyncState:
    """What the last sync applied: `ids` are the site's post ids the index holds from it."""

    site: str
    statuses: tuple[str, ...] = ("publish",)
    modified_gmt: str = ""
    ids: tuple[int, ...] = ()
    synced_at: str = ""
    build_id: str = ""
    api: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"site": self.site, "api": self.api, "statuses": list(self.statuses),
                "modified_gmt": self.modified_gmt, "ids": sorted(self.ids), "synced_at": self.synced_at,
                "build_id": self.build_id}

    def summary(self) -> dict[str, Any]:
        """What a manifest records of it (the ids are counted, not listed)."""
        return {"file": SYNC_FILE, "site": self.site, "statuses": list(self.statuses),
                "modified_gmt": self.modified_gmt, "posts": len(self.ids)}


def read_sync_state(index_dir: Path) -> SyncState | None:
    """The state at the index root, None when the index never synced; BadRequest when unreadable."""
    path = index_dir / SYNC_FILE
    try:
        data = read_json(path)
    except ValueError as exc:
        raise BadRequest(f"{path} is not valid JSON ({exc}); remove it and sync with --full") from exc
    if not data:
        return None
    try:
        return SyncState(
            site=str(data["site"]), api=str(data.get("api") or ""),
            statuses=tuple(str(s) for s in data.get("statuses") or ("publish",)),
            modified_gmt=str(data.get("modified_gmt") or ""),
            ids=tuple(int(i) for i in data.get("ids") or ()),
            synced_at=str(data.get("synced_at") or ""), build_id=str(data.get("build_id") or ""),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadRequest(f"{path} is not a sync state ({type(exc).__name__}: {exc}); remove it and sync with "
                         "--full") from exc


def write_sync_state(index_dir: Path, state: SyncState) -> None:
    write_json(index_dir / SYNC_FILE, state.to_dict())


@contextmanager
def sync_lock(index_dir: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the one-sync-at-a-time lock; IndexBusy when another sync still holds it after `wait_seconds`."""
    with file_lock(index_dir, SYNC_LOCK, "sync", wait_seconds):
        yield

"""Append-only search log (JSON lines, rotated), safe for several processes appending at once."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux
    fcntl = None  # type: ignore[assignment]

LOG_NAME = "searches.jsonl"
MAX_QUERY_CHARS = 500


@dataclass(frozen=True)
class LogEntry:
    time: datetime
    query: str
    results: int
    top_score: float | None


class SearchLog:
    """`record()` appends one line (one O_APPEND write); rotation is done under a file lock."""

    def __init__(self, directory: Path, max_bytes: int = 5_000_000, backups: int = 3) -> None:
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self.backups = backups
        self.path = self.directory / LOG_NAME

    def _file(self, n: int) -> Path:
        return self.path if n == 0 else self.path.with_name(f"{LOG_NAME}.{n}")

    def record(
        self, query_normalised: str, results: int, top_score: float | None, when: datetime | None = None
    ) -> None:
        """Append one entry: time, query, result count, top score (no personal data)."""
        when = when or datetime.now(UTC)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        line = json.dumps(
            {
                "t": when.isoformat(),
                "q": query_normalised[:MAX_QUERY_CHARS],
                "n": int(results),
                "s": None if top_score is None else round(float(top_score), 4),
            },
            ensure_ascii=True,
        )
        data = (line + "\n").encode("ascii")
        self._rotate_if_needed(len(data))
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except FileNotFoundError:  # the first entry (or the folder was removed): make it, once
            self.directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)  # one write < PIPE_BUF: lines never interleave
        finally:
            os.close(fd)

    def _rotate_if_needed(self, incoming: int) -> None:
        try:
            if self.path.stat().st_size + incoming <= self.max_bytes:
                return
        except FileNotFoundError:
            return
        lock_fd = os.open(self.directory / ".rotate.lock", os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            if fcntl is not None:
                fcntl.flock(lock_fd, fcntl.LOCK_EX)
            # Another process may have rotated while we waited for the lock.
            try:
                if self.path.stat().st_size + incoming <= self.max_bytes:
                    return
            except FileNotFoundError:
                return
            if self.backups < 1:
                self.path.unlink(missing_ok=True)
                return
            self._file(self.backups).unlink(missing_ok=True)
            for n in range(self.backups - 1, -1, -1):
                if self._file(n).exists():
                    os.replace(self._file(n), self._file(n + 1))
        finally:
            os.close(lock_fd)  # closing releases the flock

    def read(self, since: datetime | None = None, until: datetime | None = None) -> Iterator[LogEntry]:
        """Entries oldest first across rotated files, within [since, until); bad lines skipped."""
        for n in range(self.backups, -1, -1):
            path = self._file(n)
            try:
                handle = path.open("rb")
            except FileNotFoundError:
                continue
            with handle:
                for raw in handle:
                    entry = _parse(raw)
                    if entry is None:
                        continue
                    if since is not None and entry.time < _aware(since):
                        continue
                    if until is not None and entry.time >= _aware(until):
                        continue
                    yield entry


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parse(raw: bytes) -> LogEntry | None:
    try:
        data = json.loads(raw)
        score = data.get("s")
        return LogEntry(
            time=_aware(datetime.fromisoformat(data["t"])),
            query=str(data["q"]),
            results=int(data["n"]),
            top_score=None if score is None else float(score),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None

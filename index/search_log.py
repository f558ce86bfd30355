"""Append-only search log (JSON lines, rotated), safe for several processes appending at once.

The log is a side effect of a reader's search: a write that fails (disk full, a read-only
folder, `searches/` replaced by a file, a file size limit) never fails the search. It is counted
per log folder in this process (`health()`), logged once when it starts failing, and shown by
`/readyz` and on the author's gap page. Each entry is one `os.write` of one whole line; a short
write (the disk filled up mid-line) leaves at worst a torn line, and the next entry starts on a
line of its own, so the reader skips the torn piece without losing the entry after it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
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
ENTRY_START = b'{"t"'  # every entry's first bytes: where a reader finds an entry after a torn piece

logger = logging.getLogger(__name__)


@dataclass
class LogHealth:
    """How writing one log folder has gone in this process."""

    failures: int = 0  # writes that failed, ever
    failing_since: datetime | None = None  # the first failure since the last good write
    last_error: str = ""
    torn: bool = False  # the last write may have left a line without its end

    def describe(self) -> str | None:
        """None while writes succeed; else "failing since <time>: <reason> (<n> failed writes)"."""
        if self.failing_since is None:
            return None
        return (f"failing since {self.failing_since.isoformat(timespec='seconds')}: {self.last_error} "
                f"({self.failures} failed writes)")


_HEALTH: dict[Path, LogHealth] = {}
_HEALTH_LOCK = threading.Lock()


def log_health(directory: Path) -> LogHealth:
    """The shared health record of the log in `directory` (one per folder per process)."""
    key = Path(directory).absolute()
    with _HEALTH_LOCK:
        return _HEALTH.setdefault(key, LogHealth())


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
        self.health = log_health(self.directory)

    def _file(self, n: int) -> Path:
        return self.path if n == 0 else self.path.with_name(f"{LOG_NAME}.{n}")

    def record(
        self, query_normalised: str, results: int, top_score: float | None, when: datetime | None = None
    ) -> bool:
        """Append one entry: time, query, result count, top score (no personal data).

        False when it could not be written (counted in `health`); never raises for the disk."""
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
        # After a torn write the line starts with its own newline, so it cannot join the torn piece.
        data = ("\n" if self.health.torn else "").encode("ascii") + (line + "\n").encode("ascii")
        try:
            self._rotate_if_needed(len(data))
            written = self._append(data)
        except OSError as exc:
            self._failed(f"{type(exc).__name__}: {exc.strerror or exc}")
            return False
        if written < len(data):
            self.health.torn = True
            self._failed(f"short write ({written} of {len(data)} bytes): the disk may be full")
            return False
        health = self.health
        if health.failing_since is not None:
            logger.warning("the search log at %s is written again after %d failed writes", self.path, health.failures)
        health.failing_since, health.torn = None, False
        return True

    def _append(self, data: bytes) -> int:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except FileNotFoundError:  # the first entry (or the folder was removed): make it, once
            self.directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            return os.write(fd, data)  # one write of whole lines < PIPE_BUF: lines never interleave
        finally:
            os.close(fd)

    def _failed(self, reason: str) -> None:
        health = self.health
        health.failures += 1
        health.last_error = reason
        if health.failing_since is None:
            health.failing_since = datetime.now(UTC)
            logger.error("the search log at %s cannot be written (%s); searches go on unlogged", self.path, reason)

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
            except OSError as exc:  # `searches` is a file, or unreadable: no demand to read, no 500
                logger.warning("the search log %s cannot be read: %s", path, exc)
                continue
            with handle:
                for raw in handle:
                    entry = _parse(raw)
                    if entry is None:
                        entry = _after_torn(raw)
                    if entry is None:
                        continue
                    if since is not None and entry.time < _aware(since):
                        continue
                    if until is not None and entry.time >= _aware(until):
                        continue
                    yield entry


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _after_torn(raw: bytes) -> LogEntry | None:
    """The whole entry at the end of a line that starts with a torn one (written before torn
    lines were ended; a short write is never followed on its line any more)."""
    start = raw.rfind(ENTRY_START)
    return _parse(raw[start:]) if start > 0 else None


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
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None

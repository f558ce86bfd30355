"""The live engine of a running server: switches to a newer bundle without a restart."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from .service import Engine
from ..index.bundle import current_build_id
from ..index.errors import RunphysError

logger = logging.getLogger(__name__)

# Old engines stay open this long after a switch, so requests that started on them finish.
RETIRE_AFTER_SECONDS = 60.0


class LiveEngine:
    """Hands each request one Engine; checks the bundle's `current` link at most every interval."""

    def __init__(self, index_dir: Path, *, check_seconds: float = 1.0, log_max_bytes: int = 5_000_000):
        self.index_dir = index_dir
        self.check_seconds = check_seconds
        self.log_max_bytes = log_max_bytes
        self._engine: Engine | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()
        self._retired: list[tuple[float, Engine]] = []
        self._refused: str | None = None  # a damaged build id, not retried until `current` moves on
        self.last_error: str | None = None

    def get(self) -> Engine:
        """The engine for one request: the newest bundle, opened once and shared."""
        engine = self._engine
        now = time.monotonic()
        if engine is not None and now - self._checked_at < self.check_seconds:
            return engine
        with self._lock:
            self._checked_at = now
            engine = self._engine
            current = current_build_id(self.index_dir)
            stale = engine is None or current not in (None, engine.build_id)
            if stale and not (engine is not None and current == self._refused):
                try:
                    fresh = Engine.open(self.index_dir, log_max_bytes=self.log_max_bytes)
                except RunphysError as exc:
                    self.last_error = exc.message
                    if engine is None:
                        raise
                    # The last good bundle keeps serving; the problem is reported, not served.
                    self._refused = current
                    logger.error("keeping build %s: %s", engine.build_id, exc.message)
                    return engine
                self.last_error = None
                self._refused = None
                if engine is not None:
                    self._retired.append((now, engine))
                self._engine = engine = fresh
            self._close_retired(now)
            return engine

    def reload(self) -> Engine:
        """Switch now (after a rebuild in this process)."""
        self._checked_at = 0.0
        return self.get()

    def _close_retired(self, now: float) -> None:
        keep = []
        for retired_at, old in self._retired:
            if now - retired_at > RETIRE_AFTER_SECONDS:
                old.close()
            else:
                keep.append((retired_at, old))
        self._retired = keep

    def close(self) -> None:
        with self._lock:
            for _, old in self._retired:
                old.close()
            self._retired = []
            if self._engine is not None:
                self._engine.close()
                self._engine = None

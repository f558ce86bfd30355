"""The live service of a running server: switches to a newer bundle without a restart."""

from __future__ import annotations

import logging
import threading
import time

from ..index.bundle import current_build_id
from ..index.errors import RunphysError
from .service import Service
from .settings import Settings

logger = logging.getLogger(__name__)

# Old services stay open this long after a switch, so requests that started on them finish.
RETIRE_AFTER_SECONDS = 60.0


class LiveService:
    """Hands each request one Service; checks the bundle's `current` link at most every interval."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._service: Service | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()
        self._retired: list[tuple[float, Service]] = []
        self._refused: str | None = None  # a damaged build id, not retried until `current` moves on
        self.last_error: str | None = None

    def get(self) -> Service:
        """The service for one request: the newest bundle, opened once and shared."""
        service = self._service
        now = time.monotonic()
        if service is not None and now - self._checked_at < self.settings.reload_check_seconds:
            return service
        with self._lock:
            self._checked_at = now
            service = self._service
            current = current_build_id(self.settings.index)
            stale = service is None or current not in (None, service.build_id)
            if stale and not (service is not None and current == self._refused):
                try:
                    fresh = Service.open(self.settings, verify=True)
                except RunphysError as exc:
                    self.last_error = exc.message
                    if service is None:
                        raise
                    # The last good bundle keeps serving; the problem is reported, not served.
                    self._refused = current
                    logger.error("keeping build %s: %s", service.build_id, exc.message)
                    return service
                self.last_error = None
                self._refused = None
                if service is not None:
                    self._retired.append((now, service))
                self._service = service = fresh
            self._close_retired(now)
            return service

    def reload(self) -> Service:
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
            if self._service is not None:
                self._service.close()
                self._service = None

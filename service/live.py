"""The live service of a running server: switches to a newer bundle without a restart.

Each request leases the service it uses (`acquire`, then `release` when its response is sent). A
service replaced by a newer version is closed as soon as its last lease ends, or at the latest
RETIRE_AFTER_SECONDS after the switch (a request stuck that long no longer holds files open), so
descriptors stay bounded however often the author writes.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
import time
from collections.abc import Iterator

from ..index.bundle import current_build_id
from ..index.errors import RunphysError, is_transient
from ..search.spelling import everyday_english
from .service import Service
from .settings import Settings

logger = logging.getLogger(__name__)

# The upper bound a replaced service stays open for requests that took it before the switch.
RETIRE_AFTER_SECONDS = 60.0
# Opening a version can fail for reasons that say nothing about its files (too many open files,
# out of memory, an interrupted call): tried this often, with a short pause growing each time.
OPEN_ATTEMPTS = 3
RETRY_PAUSE_SECONDS = 0.05


@contextlib.contextmanager
def collector_held_off() -> Iterator[None]:
    """Python's cycle collector kept out of the way of readers while a version opens.

    A version is hundreds of thousands of long-lived objects, and every full collection walks all
    of them with the GIL held: each reader waits (200 ms and more a collection at 24,000 posts,
    several while a version opens, then one every so often while it serves). Instead: one
    collection before the open (it frees the cycles of the versions closed since the last one),
    none during it, and everything alive afterwards set aside (`gc.freeze`), so later collections
    walk only what requests make. The next switch takes it back (`gc.unfreeze`) before collecting,
    so a closed version is never kept.
    """
    gc.unfreeze()
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.freeze()


class IndexUnavailable(RunphysError):
    """No version could be opened for a passing reason (the OS ran out of something); try again."""

    code, status = "index_unavailable", 503


def transient_cause(exc: BaseException) -> BaseException | None:
    """The transient OS error behind `exc` (itself, or what it was raised from), if there is one."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if is_transient(current):
            return current
        seen.add(id(current))
        current = current.__cause__
    return None


class LiveService:
    """Hands each request one Service; checks the bundle's `current` link at most every interval."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._service: Service | None = None
        self._checked_at = 0.0
        # `_switch` is held while a version is opened (slow); `_state` guards the fields below (fast).
        self._switch = threading.Lock()
        self._state = threading.Lock()
        self._leases: dict[Service, int] = {}
        self._retired: dict[Service, float] = {}  # replaced services still leased -> when replaced
        self._refused: str | None = None  # a damaged build id, not retried until `current` moves on
        self.last_error: str | None = None

    # -- what requests use ---------------------------------------------------------------------

    def acquire(self, *, refresh: bool = False) -> Service:
        """The newest service, leased until `release`; with `refresh`, look at `current` now."""
        self._refresh(force=refresh)
        with self._state:
            service = self._service
            if service is None:
                raise IndexUnavailable("no index version is open yet; try again")
            self._leases[service] = self._leases.get(service, 0) + 1
            return service

    def acquire_if_current(self) -> Service | None:
        """The open service, leased, when no look at `current` is due; None when one is (then
        `acquire`, which may open a new version, belongs in a worker thread)."""
        with self._state:
            service = self._service
            if service is None or time.monotonic() - self._checked_at >= self.settings.reload_check_seconds:
                return None
            self._leases[service] = self._leases.get(service, 0) + 1
            return service

    def release(self, service: Service) -> None:
        """One request is done with `service`; a replaced service closes with its last lease."""
        with self._state:
            left = self._leases.get(service, 0) - 1
            if left > 0:
                self._leases[service] = left
                return
            self._leases.pop(service, None)
            if self._retired.pop(service, None) is not None:
                service.close()

    def warm_up(self) -> None:
        """Open the newest version, and read now what a first search would otherwise wait for: the
        speller's English word list (about 70 ms), read on a reader's first unknown word."""
        everyday_english()
        self.get()

    def get(self) -> Service:
        """The newest service, not leased (for a warm-up or a caller that holds it only briefly)."""
        self._refresh(force=False)
        with self._state:
            service = self._service
        if service is None:
            raise IndexUnavailable("no index version is open yet; try again")
        return service

    # -- switching -----------------------------------------------------------------------------

    def _refresh(self, *, force: bool) -> None:
        now = time.monotonic()
        if not force and self._service is not None and now - self._checked_at < self.settings.reload_check_seconds:
            return
        if not force and self._service is not None:
            # A reader never waits for a version to open (seconds at blog scale): the current one
            # answers while a background thread opens the new one and swaps it in.
            if not self._switch.acquire(blocking=False):
                return  # another look is under way
            opening = False
            try:
                self._checked_at = now
                if current_build_id(self.settings.index) not in (None, self._service.build_id, self._refused):
                    threading.Thread(target=self._look_in_background, args=(now,), name="runphys-open-version",
                                     daemon=True).start()
                    opening = True  # the thread releases `_switch`
                    return
                with self._state:
                    self._close_overdue(now)
            finally:
                if not opening:
                    self._switch.release()
            return
        # A forced look (after an admin write) or a server with nothing open yet waits for it.
        self._switch.acquire()
        try:
            self._checked_at = now
            self._switch_if_stale(now)
            with self._state:
                self._close_overdue(now)
        finally:
            self._switch.release()

    def _look_in_background(self, now: float) -> None:
        """`_switch_if_stale` off the readers' path; `_switch` was taken for it and is released here."""
        try:
            self._switch_if_stale(now)
            with self._state:
                self._close_overdue(now)
        except Exception as exc:  # a thread has no caller to raise to: the current version serves on
            self.last_error = f"the newest index version could not be opened: {exc}"
            logger.exception("opening the newest index version failed")
        finally:
            self._switch.release()

    def _switch_if_stale(self, now: float) -> None:
        service = self._service
        current = current_build_id(self.settings.index)
        stale = service is None or current not in (None, service.build_id)
        if not stale or (service is not None and current == self._refused):
            return
        try:
            fresh = self._open()
        except Exception as exc:
            passing = transient_cause(exc)
            if passing is not None:
                # Not the bundle's fault: nothing is recorded against it, the next look tries again.
                self.last_error = f"build {current} could not be opened for now ({passing}); retrying"
                logger.warning("index version %s not opened yet: %s", current, passing)
                if service is None:
                    raise IndexUnavailable(f"the index could not be opened for now ({passing}); try again") from exc
                return
            if not isinstance(exc, RunphysError):
                raise
            self.last_error = exc.message
            if service is None:
                raise
            # The last good bundle keeps serving; the problem is reported, not served.
            self._refused = current
            logger.error("keeping build %s: %s", service.build_id, exc.message)
            return
        self.last_error = None
        self._refused = None
        with self._state:
            self._service = fresh
            if service is not None:
                if self._leases.get(service):
                    self._retired[service] = now
                else:
                    service.close()

    def _open(self) -> Service:
        """Service.open, tried again after a transient OS error (never taken for damage)."""
        for attempt in range(1, OPEN_ATTEMPTS + 1):
            try:
                with collector_held_off():
                    return Service.open(self.settings, verify=True)
            except Exception as exc:
                passing = transient_cause(exc)
                if passing is None or attempt == OPEN_ATTEMPTS:
                    raise
                logger.warning("opening the index failed for now (attempt %d of %d): %s", attempt, OPEN_ATTEMPTS,
                               passing)
                time.sleep(RETRY_PAUSE_SECONDS * attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _close_overdue(self, now: float) -> None:
        """Close replaced services leased for longer than RETIRE_AFTER_SECONDS (a stuck request)."""
        for old, retired_at in list(self._retired.items()):
            if now - retired_at > RETIRE_AFTER_SECONDS:
                del self._retired[old]
                old.close()

    def close(self) -> None:
        with self._switch, self._state:
            for old in self._retired:
                old.close()
            self._retired.clear()
            self._leases.clear()
            if self._service is not None:
                self._service.close()
                self._service = None

"""Test helpers over `LiveService` (kept out of the production class: only tests need them)."""

from __future__ import annotations

from runphys.service.live import LiveService
from runphys.service.service import Service


def switch_now(live: LiveService) -> Service:
    """Look at the bundle's `current` link now and answer with the newest service, not leased
    (what a request does with `acquire(refresh=True)`, minus the lease)."""
    service = live.acquire(refresh=True)
    live.release(service)
    return service


def open_services(live: LiveService) -> int:
    """Services holding files open: the current one and the replaced ones still leased."""
    with live._state:
        return len(live._retired) + (live._service is not None)

"""`X-Index-Version`: the build id of the one bundle version a response was computed from."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import Receive, Scope, Send

from ..service.live import LiveService
from ..service.service import Service
from .middleware import ResponseHeaders

HEADER = "X-Index-Version"
LEASES = "runphys.leases"


def lease(scope: Scope, live: LiveService, service: Service) -> None:
    """Hold `service` (acquired from `live`) until this request's response has been sent."""
    scope["state"].setdefault(LEASES, []).append((live, service))


class IndexVersionHeader(ResponseHeaders):
    """Stamps each response with the build id of the service its request took (see `deps.get_service`),
    and gives back every service the request leased once the response is sent.

    The request's service lives in `scope["state"]`; the dict is created here so the inner app and
    this middleware share it even when a middleware in between copies the scope.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope.setdefault("state", {})
        try:
            await super().handle(scope, receive, send)
        finally:
            for live, service in state.pop(LEASES, []):
                live.release(service)

    def set_headers(self, scope: Scope, headers: MutableHeaders) -> None:
        service = scope["state"].get("service")
        if service is not None:
            headers[HEADER] = service.build_id

"""`check_address`: can `runphys serve` listen where it was told to? Asked before anything else.

Light on purpose (the socket module only): the check runs before the web stack is imported and
before any demo build, so a taken port costs a moment, not a build and then uvicorn's Errno 98.
"""

from __future__ import annotations

import errno
import socket

from ..index.errors import PortUnavailable


def check_address(host: str, port: int) -> None:
    """PortUnavailable, in one sentence, when `host:port` cannot be listened on: checked before any
    work, so a taken port is not found only after a demo build, in uvicorn's own words."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise PortUnavailable(f"cannot serve on {host}:{port}: {host!r} is not an address of this machine "
                              f"({exc.strerror})") from None
    family, kind, proto, _, address = found[0]
    with socket.socket(family, kind, proto) as probe:
        # As uvicorn binds: a port left in TIME_WAIT by a server just stopped is free to use.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortUnavailable(f"port {port} on {host} is already in use (another server is listening "
                                      "there); stop it or choose another with --port") from None
            raise PortUnavailable(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None

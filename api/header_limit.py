"""uvicorn's httptools protocol with a limit on the request line plus headers.

httptools (llhttp) reads headers of any size: a 128 MB header was answered 200, and twenty
unfinished 16 MB headers held 286 MB of one worker. h11 has a limit (`h11_max_incomplete_event_size`)
but parses in Python, which costs every request (see `benchmarks/middleware.py`). This protocol
keeps httptools and counts the bytes of each request's head as they arrive: past the limit the
client gets `431 Request Header Fields Too Large` and the connection is closed, before the parser
has buffered more than the limit plus one read. The limit is `Config.h11_max_incomplete_event_size`,
the same figure h11 would use (`Settings.max_header_bytes`), so it reaches every worker process
with the rest of uvicorn's configuration.
"""

from __future__ import annotations

import asyncio

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

MESSAGE = b"request headers are too large"


class HeaderLimitedHttpTools(HttpToolsProtocol):
    """HttpToolsProtocol refusing a request whose line and headers exceed the configured size."""

    def __init__(self, config: Config, server_state: ServerState,
                 app_state: dict[str, object], _loop: asyncio.AbstractEventLoop | None = None) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self._head_limit = config.h11_max_incomplete_event_size or 0
        self._in_head = True  # a connection starts with a request head
        self._head_bytes = 0
        self._begun = 0  # requests begun on this connection

    def data_received(self, data: bytes) -> None:
        if not (self._in_head and self._head_limit) or self._head_bytes + len(data) <= self._head_limit:
            if self._in_head:
                self._head_bytes += len(data)
            super().data_received(data)
            return
        # Over the limit with this read: feed what fits; if the head is still not complete, refuse.
        room = max(self._head_limit - self._head_bytes, 0)
        begun = self._begun
        self._head_bytes += room
        if room:
            super().data_received(data[:room])
        if self.transport.is_closing():
            return
        if self._in_head and self._begun == begun:
            self._refuse()
            return
        self.data_received(data[room:])  # the body, or the next request's head (counted afresh)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._begun += 1

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head = True
        self._head_bytes = 0

    def _refuse(self) -> None:
        if self.transport.is_closing():
            return
        self.transport.write(
            b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
            b"content-type: text/plain; charset=utf-8\r\n"
            b"content-length: " + str(len(MESSAGE)).encode("ascii") + b"\r\n"
            b"connection: close\r\n\r\n" + MESSAGE
        )
        self.transport.close()

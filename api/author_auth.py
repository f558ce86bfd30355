"""Author pages' auth: the admin bearer header, or a session cookie (browsers cannot send the header).

Logging in with the admin token starts a server-side session (see `sessions.py`): the cookie holds
a random id that expires with the session, is refused once logged out, and stops working when the
token changes. Login and logout accept only same-origin browser requests, and failed logins slow a
client down exponentially.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..service.settings import Settings
from .admin_auth import admin_token, bearer_token, check_admin, token_fingerprint, token_matches
from .sessions import SessionStore

COOKIE = "runphys_author"
COOKIE_MAX_AGE = 8 * 3600
LOGIN = "/author/login"
# A top-level form post from our own pages says "same-origin"; "none" is the user's own action
# (typed or bookmarked). Anything else came from another site.
SAFE_FETCH_SITES = ("same-origin", "none")
DEFAULT_PORTS = {"http": 80, "https": 443}


def session_store(settings: Settings) -> SessionStore | None:
    """The app's session store (None when author pages are open: no token, no sessions)."""
    token = admin_token(settings)
    if token is None:
        return None
    return SessionStore(settings.index, token, COOKIE_MAX_AGE, fingerprint=token_fingerprint(token))


def sessions(request: Request) -> SessionStore | None:
    store: SessionStore | None = request.app.state.sessions
    return store


def require_author(request: Request) -> None:
    """Open without a token (a local, single-author setup); else a live session or the bearer header."""
    settings: Settings = request.app.state.settings
    store = sessions(request)
    if store is None:
        return
    if store.is_valid(request.cookies.get(COOKIE)):
        return
    authorization = request.headers.get("authorization")
    if authorization is None and _wants_login_redirect(request):
        raise StarletteHTTPException(303, headers={"Location": LOGIN, "Cache-Control": "no-store"})
    check_admin(settings, authorization)


def is_author(request: Request) -> bool:
    """The author's own request (the bearer token or a live session): not reader demand."""
    store = sessions(request)
    if store is None:
        return False  # no token configured: the author cannot be told apart from a reader
    cookie = request.cookies.get(COOKIE)
    if cookie and store.is_valid(cookie):
        return True
    token = bearer_token(request.headers.get("authorization"))
    return token is not None and token_matches(request.app.state.settings, token)


def _wants_login_redirect(request: Request) -> bool:
    """A browser asking for an author page (not the JSON API): sent to the login form instead of a 401."""
    return request.url.path.startswith("/author/") and "text/html" in request.headers.get("accept", "")


# -- cross-site requests ---------------------------------------------------------------------


def _host_port(scheme: str, netloc: str) -> str | None:
    """`host:port` as a browser compares origins (lower case, the scheme's default port filled in)."""
    try:
        parts = urlsplit("//" + netloc.strip())
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname or parts.username is not None:
        return None
    return f"{parts.hostname}:{port or DEFAULT_PORTS[scheme]}"


def is_same_origin(request: Request) -> bool:
    """False for a request a browser sent from another site.

    Browsers mark every request with Sec-Fetch-Site (2020 on) and a POST with Origin; both are
    checked when present. A request with neither is not from a browser, so it carries no
    victim's cookie. The Origin's host must be the Host the browser addressed (whatever scheme a
    TLS-terminating proxy hides from us), or the configured public URL's origin.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None and site.strip().lower() not in SAFE_FETCH_SITES:
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    parts = urlsplit(origin.strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.netloc or parts.path not in ("", "/"):
        return False  # "null" (sandboxed or privacy-stripped) and anything odd
    claimed = _host_port(parts.scheme, parts.netloc)
    if claimed is None:
        return False
    if claimed == _host_port(parts.scheme, request.headers.get("host", "")):
        return True
    public_url: str | None = request.app.state.settings.public_url
    if public_url:
        public = urlsplit(public_url)
        return parts.scheme == public.scheme and claimed == _host_port(public.scheme, public.netloc)
    return False


def require_same_origin(request: Request) -> None:
    if not is_same_origin(request):
        raise StarletteHTTPException(403, "cross-site requests to the author login are refused")


# -- login throttling ------------------------------------------------------------------------


@dataclass
class _Tries:
    failures: int = 0
    locked_until: float = 0.0
    last: float = 0.0


class LoginThrottle:
    """Exponential backoff on login attempts per client (in memory, per worker).

    Every attempt is counted as a failure when it starts (and forgiven when it succeeds), so a burst
    of parallel guesses is counted as fully as a sequence. After `free` failures each further one
    locks the client out for base, 2 x base, 4 x base ... seconds, at most `cap`; a client quiet for
    `forget_after` seconds starts again from zero.
    """

    def __init__(
        self,
        free: int = 3,
        base: float = 1.0,
        cap: float = 900.0,
        forget_after: float = 3600.0,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free, self.base, self.cap = free, base, cap
        self.forget_after, self.max_clients = forget_after, max_clients
        self._clock = clock
        self._clients: dict[str, _Tries] = {}
        self._lock = threading.Lock()

    def wait(self, client: str) -> int:
        """Whole seconds until `client` may try again (0 now); counts nothing."""
        now = self._clock()
        with self._lock:
            tries = self._clients.get(client)
            return max(1, math.ceil(tries.locked_until - now)) if tries and now < tries.locked_until else 0

    def attempt(self, client: str) -> int:
        """0 when this attempt may go ahead (and is counted), else whole seconds to wait."""
        now = self._clock()
        with self._lock:
            tries = self._clients.get(client)
            if tries is None or (now - tries.last > self.forget_after and now >= tries.locked_until):
                tries = self._clients[client] = _Tries()
                self._bound(now)
            if now < tries.locked_until:
                return max(1, math.ceil(tries.locked_until - now))
            tries.failures += 1
            tries.last = now
            if tries.failures >= self.free:
                delay = min(self.cap, self.base * 2 ** min(tries.failures - self.free, 32))
                tries.locked_until = now + delay
            return 0

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._clients.pop(client, None)

    def _bound(self, now: float) -> None:
        """Forget quiet clients; past `max_clients` the longest quiet go first."""
        if len(self._clients) <= self.max_clients:
            return
        for key in [k for k, t in self._clients.items() if now - t.last > self.forget_after and now >= t.locked_until]:
            del self._clients[key]
        if len(self._clients) > self.max_clients:
            by_age = sorted(self._clients, key=lambda k: self._clients[k].last)
            for key in by_age[: len(self._clients) - self.max_clients]:
                del self._clients[key]

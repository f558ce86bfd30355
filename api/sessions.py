"""Author sessions: a random id per login, kept on the server with an expiry, revoked at logout.

Every worker process of one server reads and writes the same small file at the index root
(INDEX_DIR/.sessions), so a session made by one worker is honoured by the others without a
database or a shared cache to run. Writes take an exclusive lock on INDEX_DIR/.sessions.lock,
re-read the file, change it and replace it with one atomic rename; reads take no lock (a rename is
all or nothing). A check reads the file again whenever it changed (its inode, size or mtime), and
otherwise answers from the copy read last: a forged cookie on every request costs one stat, not a
read, and no cache can keep a revoked session alive in another worker (every change is a rename).

The file holds, per session, HMAC-SHA256(admin token, session id) and the expiry, never an id:
a copy of the file opens nothing, and a changed admin token voids every session at once. It also
names the token it was written under (`token_fingerprint`): a server started with another token
empties it, so switching the token back later does not revive the sessions of before.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..index.errors import RunphysError

logger = logging.getLogger(__name__)

SESSIONS_FILE = ".sessions"
LOCK_FILE = ".sessions.lock"
# Only the token holder can create sessions; the cap keeps the file small even so.
MAX_SESSIONS = 1000
_ID = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)

Sessions = dict[str, float]  # digest -> expiry (Unix time: workers share no monotonic clock)


class SessionsUnavailable(RunphysError):
    """The session file cannot be written (a read-only or missing index folder)."""

    code, status = "sessions_unavailable", 503


class SessionStore:
    """Create, check and revoke author sessions, shared by every worker through one file."""

    def __init__(self, directory: Path, key: str, lifetime: float, clock: Callable[[], float] = time.time,
                 *, fingerprint: str = "") -> None:
        self.path = directory / SESSIONS_FILE
        self.lock_path = directory / LOCK_FILE
        self.lifetime = lifetime
        self.fingerprint = fingerprint
        self._key = key.encode()
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: tuple[tuple[int, int, int], Sessions] | None = None  # (stat signature, sessions)
        self._claim()

    def create(self) -> str:
        """A new session id (what the cookie holds), valid for `lifetime` seconds from now."""
        session_id = secrets.token_urlsafe(32)
        expires = self._clock() + self.lifetime
        self._change(lambda sessions: sessions.__setitem__(self._digest(session_id), expires))
        return session_id

    def is_valid(self, session_id: str | None) -> bool:
        if not session_id or not _ID.match(session_id):
            return False
        expires = self._read().get(self._digest(session_id))
        return expires is not None and expires > self._clock()

    def revoke(self, session_id: str | None) -> None:
        """Forget one session (unknown or malformed ids are ignored)."""
        if not session_id or not _ID.match(session_id):
            return
        digest = self._digest(session_id)
        if digest in self._read():
            self._change(lambda sessions: sessions.pop(digest, None))

    def count(self) -> int:
        """Sessions not yet expired."""
        now = self._clock()
        return sum(1 for expires in self._read().values() if expires > now)

    # -- the file ----------------------------------------------------------------------------

    def _claim(self) -> None:
        """Empty a file written under another token, so its sessions never come back."""
        owner = self._owner()
        if owner is None or owner == self.fingerprint:
            return
        # A read-only folder: the file is refused by `_read` all the same.
        with contextlib.suppress(SessionsUnavailable):
            self._change(lambda sessions: sessions.clear())

    def _owner(self) -> str | None:
        """The fingerprint the file names ("" for a file of before fingerprints; None: no file)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        return str(data.get("token", "")) if isinstance(data, dict) else None

    def _digest(self, session_id: str) -> str:
        return hmac.new(self._key, session_id.encode(), hashlib.sha256).hexdigest()

    def _read(self, *, for_change: bool = False) -> Sessions:
        """The sessions in the file; unreadable counts as none, except before a change (which must
        not write "none" over sessions it merely failed to read)."""
        try:
            stat = self.path.stat()
            signature = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
            if not for_change and self._seen is not None and self._seen[0] == signature:
                return self._seen[1]
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply to read
            # A damaged file logs every author out; it is written again whole at the next change.
            logger.error("author sessions at %s are damaged (%s); starting afresh", self.path, exc)
            return {}
        except OSError as exc:
            if for_change:
                raise
            logger.error("author sessions at %s cannot be read: %s", self.path, exc)
            return {}
        raw = data.get("sessions") if isinstance(data, dict) else None
        owner = str(data.get("token", "")) if isinstance(data, dict) else ""
        if not isinstance(raw, dict) or (owner and self.fingerprint and owner != self.fingerprint):
            sessions: Sessions = {}
        else:
            sessions = {str(k): float(v) for k, v in raw.items() if isinstance(v, int | float)}
        self._seen = (signature, sessions)
        return sessions

    def _change(self, change: Callable[[Sessions], object]) -> None:
        """Read, change and atomically replace the file under the cross-process lock."""
        try:
            with self._lock, self.lock_path.open("a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                sessions = self._read(for_change=True)
                sessions = dict(sessions)  # never the cached copy
                change(sessions)
                now = self._clock()
                live = sorted(((d, e) for d, e in sessions.items() if e > now), key=lambda item: item[1])
                self._write(dict(live[-MAX_SESSIONS:]))
        except OSError as exc:
            logger.error("author sessions cannot be written to %s: %s", self.path, exc)
            raise SessionsUnavailable(
                "author sessions cannot be stored (the index folder is not writable); see the server log"
            ) from exc

    def _write(self, sessions: Sessions) -> None:
        handle, name = tempfile.mkstemp(prefix=SESSIONS_FILE + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"version": 1, "token": self.fingerprint, "sessions": sessions}, out)
            os.replace(name, self.path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise

"""The project's domain errors. Each carries an HTTP status and a CLI exit code, and one
`to_dict()` that is the error shape of both the API and `--json` output."""

from __future__ import annotations

import errno
import os
import shutil
from typing import Any

# OS errors that say nothing about the files read (too many open files, out of memory,
# interrupted): raised as they are, so an opener retries instead of calling a bundle damaged.
TRANSIENT_ERRNOS = frozenset((errno.EMFILE, errno.ENFILE, errno.ENOMEM, errno.EINTR, errno.EAGAIN))


def is_transient(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in TRANSIENT_ERRNOS


class RunphysError(Exception):
    """Base of every error this project raises on purpose."""

    code = "error"
    status = 500
    exit_code = 1

    def __init__(self, message: str, detail: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def to_dict(self) -> dict[str, Any]:
        """`{"error": {"code", "message", "detail"}}`: the one error shape (pinned by a test)."""
        return {"error": {"code": self.code, "message": self.message, "detail": self.detail}}


class PostNotFound(RunphysError):
    code, status = "post_not_found", 404


class IndexMissing(RunphysError):
    code, status = "index_missing", 503


class IndexVersionMismatch(RunphysError):
    code, status = "index_version_mismatch", 503


class IndexDamaged(RunphysError):
    code, status = "index_damaged", 503


class IndexBusy(RunphysError):
    """Another build holds the bundle's lock."""

    code, status = "index_busy", 409


class SlugTaken(RunphysError):
    """Another post already has this slug."""

    code, status = "slug_taken", 409


class PortUnavailable(RunphysError):
    """The address to serve on is taken (another server listens there) or cannot be used."""

    code = "port_unavailable"


class BadQuery(RunphysError):
    code, status, exit_code = "bad_query", 400, 2


class BadRequest(RunphysError):
    code, status, exit_code = "bad_request", 400, 2


class ImportFailed(RunphysError):
    """Nothing usable was imported (or, with --strict, any problem at all)."""

    code, status = "import_failed", 422


class VocabularyError(RunphysError):
    """The vocabulary file is not valid; the message names the file, the line and the problem."""

    code, status = "vocabulary_invalid", 422


class SyncFailed(RunphysError):
    """A sync could not read the WordPress site; nothing was changed. The message names the URL
    and the step (discovery, listing page N, fetching post N, the id listing)."""

    code, status, exit_code = "sync_failed", 502, 3


# Write errors that mean "no room" (disk full, a quota, a file-size limit): 507 rather than 503.
FULL_ERRNOS = frozenset((errno.ENOSPC, errno.EFBIG, errno.EDQUOT))


class StorageFull(RunphysError):
    """The disk (or a quota or file-size limit) refused a write; nothing was half-written."""

    code, status = "insufficient_storage", 507


class StorageFailed(RunphysError):
    """A file of the index cannot be read or written: permissions, a read-only disk, a folder where
    a file belongs. Nothing was half-written."""

    code, status = "storage_unavailable", 503


class AuthorFileInvalid(RunphysError):
    """A file the author keeps at the index root (curation.json) is not in its format."""

    code, status = "author_file_invalid", 400


def storage_error(path: object, exc: OSError, doing: str) -> RunphysError:
    """The error for an OSError met while `doing` ("writing", "reading") `path`: StorageFull when
    the disk is full, else StorageFailed; both name the file and the reason."""
    reason = exc.strerror or type(exc).__name__
    full = exc.errno in FULL_ERRNOS
    copied = exc.args[0] if isinstance(exc, shutil.Error) and exc.args else None
    if isinstance(copied, list) and copied and len(copied[0]) == 3:  # copytree: (source, target, why) per file
        path, reason = copied[0][1], str(copied[0][2])
        full = any(os.strerror(number) in reason for number in FULL_ERRNOS)
    if full:
        return StorageFull(f"cannot finish {doing} {path}: {reason} (the disk or a size limit is full); nothing "
                           "was changed; free some space and try again", {"file": str(path), "reason": reason})
    verb = {"reading": "read", "removing": "remove"}.get(doing, "write")
    return StorageFailed(f"cannot {verb} {path}: {reason}; nothing was changed", {"file": str(path), "reason": reason})

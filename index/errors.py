"""The project's domain errors. Each carries an HTTP status and a CLI exit code, mapped in one place."""

from __future__ import annotations


class RunphysError(Exception):
    """Base of every error this project raises on purpose."""

    code = "error"
    status = 500
    exit_code = 1

    def __init__(self, message: str, detail: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


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


class BadQuery(RunphysError):
    code, status, exit_code = "bad_query", 400, 2


class BadRequest(RunphysError):
    code, status, exit_code = "bad_request", 400, 2


class ImportFailed(RunphysError):
    """Nothing usable was imported (or, with --strict, any problem at all)."""

    code, status = "import_failed", 422

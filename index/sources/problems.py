"""What an import reports besides posts: `Problem`, the overall `ImportResult`, and `guarded` records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ParamSpec

from ..post import Post, SourceRef

_P = ParamSpec("_P")
_MESSAGE_CHARS = 300


@dataclass(frozen=True)
class Problem:
    """Something wrong in a source: "error" means the record was skipped, "warning" kept but flagged.

    `where` is the position inside `source` ("record 3", "line 7", "item 2", "front matter"), empty
    only when the whole file is concerned; `code` is a stable name for the kind of problem.
    """

    source: str
    where: str
    reason: str
    severity: str = "error"
    code: str = ""

    @classmethod
    def at(cls, source: SourceRef, reason: str, severity: str = "error", *, code: str = "") -> Problem:
        """A problem on the record `source` points to."""
        return cls(source.file, source.position, reason, severity, code)

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "where": self.where, "reason": self.reason, "severity": self.severity,
                "code": self.code}

    def __str__(self) -> str:
        place = f"{self.source}:{self.where}" if self.where else self.source
        return f"{self.severity}: {place}: {self.reason}"


@dataclass
class ImportResult:
    """Posts read from the sources (duplicates resolved), the problems met, and file checksums."""

    posts: list[Post] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0
    duplicates: int = 0
    files: dict[str, str] = field(default_factory=dict)


def describe(exc: BaseException) -> str:
    """"Type: message" on one line, cut short: an exception's text may quote a whole hostile value."""
    try:
        message = " ".join(str(exc).split())
    except Exception:  # a broken __str__ must not hide the exception's type
        message = ""
    if len(message) > _MESSAGE_CHARS:
        message = message[:_MESSAGE_CHARS] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def guarded(
    source: SourceRef, read: Callable[_P, Iterable[Post | Problem]], *args: _P.args, **kwargs: _P.kwargs
) -> list[Post | Problem]:
    """All that `read(*args, **kwargs)` yields for the record at `source`, or one error Problem if it raises.

    The items are collected first, so a record that fails half-way leaves no stray warnings. A
    RecursionError or MemoryError still goes up to the file's reader (`reader._read_one`), which
    reports the whole file: after those, carrying on inside the same file is not safe.
    """
    try:
        return list(read(*args, **kwargs))
    except (RecursionError, MemoryError):
        raise
    except Exception as exc:
        return [Problem.at(source, f"record skipped: {describe(exc)}", code="record-failed")]

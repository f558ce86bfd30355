"""What an import reports besides posts: `Problem` and the overall `ImportResult`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..post import Post


@dataclass(frozen=True)
class Problem:
    """Something wrong in a source: "error" means the record was skipped, "warning" kept but flagged."""

    source: str
    where: str
    reason: str
    severity: str = "error"

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "where": self.where, "reason": self.reason, "severity": self.severity}

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

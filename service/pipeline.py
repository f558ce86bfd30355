"""Sources in, bundle out: the build steps the CLI and the admin API share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..index.bundle import Manifest, build_bundle, has_bundle, open_bundle
from ..index.errors import ImportFailed
from ..index.sources import ImportResult, Problem, read_sources

from ..index.demo import POSTS as DEMO_POSTS


@dataclass
class BuildReport:
    """What a build imported and produced; `to_dict()` is the `runphys build --json` output."""

    index: str
    posts: int = 0
    skipped: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    edits: int = 0
    manifest: Manifest | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "posts": self.posts,
            "skipped": self.skipped,
            "duplicates": self.duplicates,
            "problems": [vars(problem).copy() for problem in self.problems],
            "edits": self.edits,
            "build_id": self.manifest.build_id if self.manifest else None,
            "built_at": self.manifest.built_at if self.manifest else None,
        }


def build_from_sources(
    sources: Sequence[str | Path],
    index_dir: Path,
    *,
    format: str = "auto",
    mapping: dict[str, list[str]] | None = None,
    include_drafts: bool = False,
    strict: bool = False,
    discard_author_edits: bool = False,
    wait_seconds: float = 0.0,
    progress: Callable[[str], None] | None = None,
    file_progress: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Import, then build and switch; with nothing usable (or any problem under `strict`) nothing is switched."""
    result = read_sources(
        sources, format=format, mapping=mapping, include_drafts=include_drafts, progress=file_progress
    )
    report = _report(index_dir, result)
    if not result.posts:
        raise ImportFailed("nothing usable was imported; the index was left as it was", report.to_dict())
    if strict and result.problems:
        raise ImportFailed(
            f"{len(result.problems)} problem(s) with --strict; the index was left as it was",
            report.to_dict(),
        )
    sources_map = {str(Path(path).resolve()): digest for path, digest in result.files.items()}
    report.manifest = build_bundle(
        result.posts, index_dir, sources=sources_map, progress=progress,
        discard_author_edits=discard_author_edits, wait_seconds=wait_seconds,
    )
    report.posts, report.edits = report.manifest.posts, report.manifest.edits
    return report


def rebuild(
    index_dir: Path, progress: Callable[[str], None] | None = None, *, wait_seconds: float = 0.0
) -> BuildReport:
    """Build again from the sources the live bundle was built from (the demo when there is none).

    `wait_seconds`: how long to queue behind a build already running before IndexBusy.
    """
    sources: list[str | Path] = [DEMO_POSTS]
    if has_bundle(index_dir):
        recorded = [path for path in open_bundle(index_dir).manifest.sources if Path(path).exists()]
        sources = list(recorded) or sources
    return build_from_sources(sources, index_dir, progress=progress, wait_seconds=wait_seconds)


def ensure_index(index_dir: Path, progress: Callable[[str], None] | None = None) -> bool:
    """Build the demo bundle when no bundle exists; True when it built one."""
    if has_bundle(index_dir):
        return False
    if progress:
        progress(f"no index at {index_dir}: building the demo blog first")
    build_from_sources([DEMO_POSTS], index_dir, format="markdown", progress=progress)
    return True


def _report(index_dir: Path, result: ImportResult) -> BuildReport:
    return BuildReport(
        index=str(index_dir),
        posts=len(result.posts),
        skipped=result.skipped,
        duplicates=result.duplicates,
        problems=list(result.problems),
    )

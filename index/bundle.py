"""The index bundle format: versioned folders built beside the live one and switched in atomically.

INDEX_DIR/current -> versions/<build-id>   (a symlink, replaced with one atomic rename)
INDEX_DIR/versions/<build-id>/{manifest.json, posts.jsonl, <part>/...}
INDEX_DIR/.build.lock                      (held by the one build running)

This module knows the format only: staging, manifest, lock, switch, prune and open. What goes into
the parts (search/, related/, ...) is written into the staging folder by the pipeline.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from .errors import (
    IndexBusy,
    IndexDamaged,
    IndexMissing,
    IndexVersionMismatch,
    PostNotFound,
    is_transient,
    storage_error,
)
from .post import Post

FORMAT_VERSION = 2  # 2: installed as the `runphys` namespace (Whoosh pickles module paths)
KEEP_VERSIONS = 3
LIBRARIES = ("runphys-search", "whoosh3", "scikit-learn", "numpy", "scipy")
REBUILD_HINT = "rebuild with `runphys build`"

Progress = Callable[[str], None]

# A build's phases, in order: where the test-only pause hook (`pause_at`) can stop it.
PHASES = ("importing", "analysing", "writing search part", "writing related part", "committing", "switching")
# Test-only: the phase to stop at and the file to create there (read by `pause_at` and nowhere else).
PAUSE_AT_ENV = "RUNPHYS_TEST_PAUSE_AT"
PAUSE_MARKER_ENV = "RUNPHYS_TEST_PAUSE_MARKER"
PAUSE_SECONDS = 600.0


def pause_at(phase: str) -> None:
    """Test-only hook: when RUNPHYS_TEST_PAUSE_AT names `phase`, create the file named by
    RUNPHYS_TEST_PAUSE_MARKER and sleep (up to PAUSE_SECONDS), so a test can kill the build exactly
    in that phase (tests/hardening/test_reliability_build.py). Unset, as always outside the tests,
    it costs one environment lookup per phase."""
    if os.environ.get(PAUSE_AT_ENV) != phase:
        return
    marker = os.environ.get(PAUSE_MARKER_ENV)
    if marker:
        Path(marker).write_text(f"{phase}\n{os.getpid()}\n", encoding="utf-8")
    time.sleep(PAUSE_SECONDS)


@dataclass(frozen=True)
class Manifest:
    """What a bundle holds and how it was made."""

    format_version: int
    build_id: str
    built_at: str
    posts: int
    categories: dict[str, int]
    videos: int
    sources: dict[str, str] = field(default_factory=dict)
    libraries: dict[str, str] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)
    edits: int = 0
    # The author's state this version was built with (see index/author_state.py): checksums.
    author_state: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class OpenBundle:
    """One bundle version, read: its manifest, its posts, and where its parts live."""

    index_dir: Path
    path: Path
    manifest: Manifest
    posts: dict[str, Post]
    slugs: dict[str, str]

    def part(self, name: str) -> Path:
        return self.path / name

    def post(self, id_or_slug: str) -> Post:
        """The post with this id, else this slug; PostNotFound otherwise."""
        key = id_or_slug if id_or_slug in self.posts else self.slugs.get(id_or_slug)
        if key is None:
            raise PostNotFound(f"no post with id or slug {id_or_slug[:200]!r}")
        return self.posts[key]


# -- locations -------------------------------------------------------------------------------


def current_link(index_dir: Path) -> Path:
    return index_dir / "current"


def current_build_id(index_dir: Path) -> str | None:
    """The live build id, read from the symlink without opening anything (cheap enough per request)."""
    try:
        return Path(os.readlink(current_link(index_dir))).name
    except OSError:
        return None


def has_bundle(index_dir: Path) -> bool:
    return current_build_id(index_dir) is not None


# -- building --------------------------------------------------------------------------------


@contextmanager
def build_lock(index_dir: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the single-builder lock; a second build waits up to `wait_seconds`, then IndexBusy."""
    with file_lock(index_dir, ".build.lock", "build", wait_seconds):
        yield


@contextmanager
def file_lock(index_dir: Path, name: str, what: str, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the lock file `name` at the index root, one holder at a time across processes; waits
    up to `wait_seconds`, then IndexBusy ("another `what` of INDEX is running")."""
    lock = index_dir / name
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(lock, "a+")  # noqa: SIM115 - closed by the `with` below
    except OSError as exc:
        if is_transient(exc):
            raise
        raise storage_error(lock, exc, "writing") from exc
    with handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(
                        f"another {what} of {index_dir} is running; try again when it finishes"
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Staging:
    """A version being written: its folder (not yet visible to readers) and its build id."""

    index_dir: Path
    path: Path
    build_id: str

    def part(self, name: str) -> Path:
        return self.path / name


@contextmanager
def staged(index_dir: Path, copy_from: OpenBundle | None = None) -> Iterator[Staging]:
    """A fresh staging folder beside the live version (or a copy of `copy_from` to update in
    place); removed again unless `commit` made it a version. The caller holds `build_lock`."""
    versions = index_dir / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    _remove_debris(versions)
    build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:8]
    path = versions / f".tmp-{build_id}"
    try:
        if copy_from is None:
            path.mkdir()
        else:
            shutil.copytree(copy_from.path, path, ignore=shutil.ignore_patterns("manifest.json"))
        yield Staging(index_dir, path, build_id)
    except OSError as exc:
        if is_transient(exc) or exc.filename is not None:
            raise
        # A write that names no file (a full disk met by `write`): name the version being written.
        raise storage_error(path, exc, "writing") from exc
    finally:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)


def commit(
    staging: Staging,
    posts: Sequence[Post],
    *,
    sources: Mapping[str, str],
    edits: int = 0,
    author_state: Mapping[str, Any] | None = None,
    before_switch: Callable[[], None] | None = None,
    progress: Progress | None = None,
) -> Manifest:
    """Finish a staged version (posts, manifest, fsync), make it a version and switch `current`.

    `before_switch` runs once the version is complete and durable, just before the switch (a
    crash after it must not lose what it records).
    """
    path = staging.path
    pause_at("committing")
    _write_posts(path / "posts.jsonl", posts)
    manifest = _manifest(staging.build_id, posts, sources, path, edits, author_state or {})
    (path / "manifest.json").write_text(json.dumps(manifest.to_dict(), indent=2))
    _fsync_tree(path)
    final = path.parent / staging.build_id
    os.rename(path, final)
    try:
        if before_switch is not None:
            before_switch()
        pause_at("switching")
    except BaseException:
        shutil.rmtree(final, ignore_errors=True)  # what it was to record is not saved: never serve it
        raise
    _switch(staging.index_dir, final)
    _prune(final.parent, keep=KEEP_VERSIONS, live=final.name)
    if progress is not None:
        progress(f"built {manifest.posts} posts into {final}")
    return manifest


def _write_posts(path: Path, posts: Sequence[Post]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for post in posts:
            out.write(json.dumps(post.to_dict(), ensure_ascii=False) + "\n")


def _manifest(
    build_id: str, posts: Sequence[Post], sources: Mapping[str, str], path: Path, edits: int,
    author_state: Mapping[str, Any],
) -> Manifest:
    categories = Counter(c for post in posts for c in post.categories)
    files = {
        str(p.relative_to(path)): p.stat().st_size for p in sorted(path.rglob("*")) if p.is_file()
    }
    return Manifest(
        format_version=FORMAT_VERSION,
        build_id=build_id,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        posts=len(posts),
        categories=dict(sorted(categories.items())),
        videos=sum(1 for post in posts if post.has_video),
        sources=dict(sources),
        libraries={name: _version(name) for name in LIBRARIES},
        files=files,
        edits=edits,
        author_state=dict(author_state),
    )


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


def _fsync_tree(path: Path) -> None:
    """Flush every file and folder so a crash right after the switch cannot expose empty files."""
    for item in sorted(path.rglob("*"), reverse=True):
        flags = os.O_RDONLY | (os.O_DIRECTORY if item.is_dir() else 0)
        fd = os.open(item, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _switch(index_dir: Path, target: Path) -> None:
    """Point `current` at target with one rename, so readers see the old or the new, never neither."""
    temporary = index_dir / f".current-{uuid.uuid4().hex[:8]}"
    os.symlink(Path("versions") / target.name, temporary)
    os.replace(temporary, current_link(index_dir))
    dir_fd = os.open(index_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _remove_debris(versions: Path) -> None:
    """Staging folders and stray links left by killed builds (we hold the lock, so none is live)."""
    for item in versions.glob(".tmp-*"):
        shutil.rmtree(item, ignore_errors=True)
    for item in versions.parent.glob(".current-*"):
        item.unlink(missing_ok=True)


def _prune(versions: Path, keep: int, live: str) -> None:
    """Keep the newest versions: workers that have not switched yet may still read the previous one."""
    built = sorted(
        (p for p in versions.iterdir() if not p.name.startswith(".") and p.name != live),
        key=lambda p: p.name,  # build ids start with a UTC timestamp to the microsecond
    )
    for old in built[: max(0, len(built) - (keep - 1))]:
        shutil.rmtree(old, ignore_errors=True)


# -- reading ---------------------------------------------------------------------------------


def open_bundle(index_dir: Path) -> OpenBundle:
    """Read the live bundle, checking it is complete and of this format version."""
    link = current_link(index_dir)
    if not link.is_symlink() and not link.exists():
        raise IndexMissing(f"no index at {index_dir}: build one with `runphys build`")
    path = link.resolve()
    if path.parent != (index_dir / "versions").resolve():
        raise IndexDamaged(f"{link} points outside {index_dir / 'versions'}; {REBUILD_HINT}")
    manifest = read_manifest(path)
    posts: dict[str, Post] = {}
    posts_file = path / "posts.jsonl"
    try:
        with posts_file.open(encoding="utf-8") as lines:
            for line in lines:
                post = Post.from_dict(json.loads(line))
                posts[post.id] = post
    except (OSError, ValueError, TypeError, KeyError) as exc:
        if is_transient(exc):
            raise  # the OS ran out of something: no verdict on the file, the opener tries again
        raise IndexDamaged(
            f"{posts_file} is damaged near line {len(posts) + 1} ({exc}); {REBUILD_HINT}"
        ) from exc
    if len(posts) != manifest.posts:
        raise IndexDamaged(
            f"{posts_file} holds {len(posts)} posts but the manifest says {manifest.posts}; {REBUILD_HINT}"
        )
    slugs = {post.slug: post.id for post in posts.values() if post.slug}
    return OpenBundle(index_dir=index_dir, path=path, manifest=manifest, posts=posts, slugs=slugs)


def read_manifest(path: Path) -> Manifest:
    """The manifest of one bundle version; damaged, missing-file or wrong-version bundles are refused."""
    manifest_file = path / "manifest.json"
    try:
        data = json.loads(manifest_file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IndexDamaged(f"{manifest_file} is missing; {REBUILD_HINT}") from exc
    except (OSError, ValueError) as exc:
        if is_transient(exc):
            raise  # the OS ran out of something: no verdict on the file, the opener tries again
        raise IndexDamaged(f"{manifest_file} is unreadable ({exc}); {REBUILD_HINT}") from exc
    version = data.get("format_version") if isinstance(data, dict) else None
    if version != FORMAT_VERSION:
        raise IndexVersionMismatch(
            f"the index at {path} has format version {version!r}, this program reads "
            f"{FORMAT_VERSION}; {REBUILD_HINT}"
        )
    try:
        manifest = Manifest(**data)
    except TypeError as exc:
        raise IndexDamaged(f"{manifest_file} has unexpected fields ({exc}); {REBUILD_HINT}") from exc
    for name, size in manifest.files.items():
        actual = path / name
        if not actual.is_file() or actual.stat().st_size != size:
            raise IndexDamaged(f"{actual} is missing or truncated; {REBUILD_HINT}")
    return manifest

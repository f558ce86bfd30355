"""The build pipeline, in one place: read sources → replay the author's edits → tag → write the
bundle's parts → switch. The CLI, the admin API and the tests all build through here."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..index.author_problems import AuthorProblem
from ..index.author_state import CURATION_FILE, applied, checksum, remove_leftovers, write_atomically
from ..index.bundle import (
    Manifest,
    OpenBundle,
    Staging,
    build_lock,
    commit,
    has_bundle,
    open_bundle,
    pause_at,
    staged,
)
from ..index.demo import POSTS as DEMO_POSTS
from ..index.edits import discard_edits, record_edits, replay_edits
from ..index.errors import ImportFailed, PostNotFound, SlugTaken, is_transient, storage_error
from ..index.post import Post
from ..index.sources.problems import ImportResult, Problem
from ..recommend.builder import RelatedPartWriter, relist, update_related
from ..recommend.curation import Curation
from ..search.writer import SearchPartWriter
from ..text.tagging import analyse_post
from ..text.vocabulary import Vocabulary
from ..text.vocabulary_compiled import write_compiled
from ..text.vocabulary_file import SNAPSHOT, digest, read_vocabulary
from .author import (
    bundle_vocabulary,
    curation_for_build,
    curation_text,
    install_vocabulary,
    read_curation,
    recorded_problems,
    vocabulary_for_build,
)

Progress = Callable[[str], None]
Tick = Callable[[int, int], None]  # (done, total)
TICK_EVERY = 25  # posts between progress updates (a bar redrawn per post costs more than the post)


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
            "problems": [problem.to_dict() for problem in self.problems],
            "edits": self.edits,
            "build_id": self.manifest.build_id if self.manifest else None,
            "built_at": self.manifest.built_at if self.manifest else None,
        }


@dataclass(frozen=True)
class BuildOptions:
    """How a build runs, whatever its posts came from."""

    # A vocabulary file to use, and to install at the index root for every later build.
    vocabulary: Path | None = None
    # A vocabulary file to use as it is, not installed (RUNPHYS_VOCABULARY).
    vocabulary_override: Path | None = None
    discard_author_edits: bool = False
    wait_seconds: float = 0.0  # how long to queue behind a build already running
    progress: Progress | None = None
    post_progress: Tick | None = None
    # The WordPress sync state this build applies (`index.sync_state.SyncState.summary()`), if any.
    sync: dict[str, Any] | None = None


def build_from_sources(
    sources: Sequence[str | Path],
    index_dir: Path,
    *,
    format: str = "auto",
    mapping: dict[str, list[str]] | None = None,
    include_drafts: bool = False,
    strict: bool = False,
    options: BuildOptions = BuildOptions(),
    file_progress: Tick | None = None,
) -> BuildReport:
    """Import, then build and switch; with nothing usable (or any problem under `strict`) nothing is switched."""
    from ..index.sources import read_sources  # the importers (lxml, trafilatura): only a build needs them

    if options.vocabulary is not None:
        read_vocabulary(options.vocabulary)  # a mistake in it is reported before anything is read
    pause_at("importing")
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
    report.manifest = build_posts(result.posts, index_dir, sources=sources_map, options=options)
    report.posts, report.edits = report.manifest.posts, report.manifest.edits
    report.problems += _build_problems(report.manifest)
    return report


def build_posts(
    posts: Sequence[Post], index_dir: Path, *, sources: dict[str, str] | None = None,
    options: BuildOptions = BuildOptions(),
) -> Manifest:
    """Replay the author's edits over `posts`, analyse and tag each post once with the author's
    vocabulary, write the parts from that one analysis with the author's curation, and switch.

    An edit line or a curation file that cannot be used is reported in the manifest's
    `author_state` (see `author_problems`), never dropped in silence; a write the disk refuses is
    a StorageFull or StorageFailed naming the file, with the live version left as it was."""
    say = options.progress or (lambda _msg: None)
    with build_lock(index_dir, options.wait_seconds), _storage_errors():
        remove_leftovers(index_dir)
        if options.vocabulary is not None:
            install_vocabulary(index_dir, options.vocabulary)
        vocabulary = vocabulary_for_build(index_dir, None if options.vocabulary else options.vocabulary_override)
        curation, curation_problems = curation_for_build(index_dir)
        if options.discard_author_edits:
            discard_edits(index_dir)
        replayed = replay_edits(index_dir, posts)
        problems = {"edits": replayed.problems, "curation": curation_problems,
                    "vocabulary": _vocabulary_problems(vocabulary)}
        with staged(index_dir) as staging:
            say(f"analysing and tagging {len(replayed.posts)} posts")
            tagged = _write_parts(replayed.posts, staging, vocabulary, curation, options.post_progress, say)
            return commit(staging, tagged, sources=sources or {}, edits=replayed.applied,
                          author_state=_applied(index_dir, replayed.applied, curation, vocabulary, options.sync,
                                                 problems=problems),
                          progress=options.progress)


def update_posts(
    index_dir: Path,
    upserts: Sequence[Post] = (),
    delete_ids: Sequence[str] = (),
    *,
    wait_seconds: float = 60.0,
    as_edits: bool = True,
    sync: dict[str, Any] | None = None,
) -> Manifest:
    """Apply single-post changes as a new version: a copy of the live one, updated in place.

    `as_edits` records them as the author's edits (replayed by every build); a sync's changes come
    from the site itself and are not, and record the `sync` state they apply instead.

    Checked under the build lock, so two writers can never both take one slug. The search part is
    made again whole (its scores depend on every post); the related part is repaired in place.
    The posts are tagged with the vocabulary the live version was built with.
    """
    with build_lock(index_dir, wait_seconds), _storage_errors():
        remove_leftovers(index_dir)
        live = open_bundle(index_dir)
        _check_changes(live, upserts, delete_ids)
        vocabulary = bundle_vocabulary(live)
        curation, curation_problems = curation_for_build(index_dir)
        problems = {"edits": live.manifest.author_state.get("edits", {}).get("problems", []),
                    "curation": curation_problems, "vocabulary": _vocabulary_problems(vocabulary)}
        posts = {pid: post for pid, post in live.posts.items() if pid not in set(delete_ids)}
        posts.update({post.id: post for post in upserts})
        changed = {post.id for post in upserts}
        with staged(index_dir, copy_from=live) as staging:
            pause_at("analysing")
            shutil.rmtree(staging.part("search"))
            search = SearchPartWriter(staging.part("search"), vocabulary)
            tagged: dict[str, Post] = {}
            changed_docs = []
            for post in posts.values():
                doc = analyse_post(post, vocabulary)
                search.add(doc)
                tagged[post.id] = doc.post
                if post.id in changed:
                    changed_docs.append(doc)
            pause_at("writing search part")
            search.finish()
            pause_at("writing related part")
            update_related(staging.part("related"), tagged, changed_docs, set(delete_ids), curation=curation,
                           vocabulary=vocabulary)
            edits = live.manifest.edits + (len(upserts) + len(delete_ids) if as_edits else 0)
            # Recorded just before the switch: a crash after it must not lose an edit the bundle shows.
            return commit(
                staging, list(tagged.values()), sources=live.manifest.sources, edits=edits,
                author_state=_applied(index_dir, edits, curation, vocabulary, sync or _live_sync(live),
                                      problems=problems),
                before_switch=(lambda: record_edits(index_dir, upserts, delete_ids)) if as_edits else None,
            )


def curate(index_dir: Path, change: Callable[[OpenBundle, dict[str, Curation]], dict[str, Curation]], *,
           wait_seconds: float = 60.0) -> tuple[Manifest, dict[str, Curation]]:
    """Change the author's curation and make the related lists again with it, as a new version.

    `change` gets the live bundle (to resolve ids and slugs) and the current curation, and returns
    the new one. Saved and served as one step: the new `curation.json` is written only once the new
    version is complete and durable, just before the switch, so a change that fails (disk full, an
    error, kill -9 before that point) is neither saved nor served. A change that changes nothing
    builds nothing: the live version is returned as it is (unless the file is not what it serves, as
    after a kill between saving and switching: then it is served now).
    """
    with build_lock(index_dir, wait_seconds), _storage_errors():
        remove_leftovers(index_dir)
        live = open_bundle(index_dir)
        before = read_curation(index_dir)  # an unusable file is refused here, never overwritten
        curation = change(live, before)
        served = live.manifest.author_state.get("curation", {}).get("sha256")
        if curation == before and served == checksum(index_dir / CURATION_FILE):
            return live.manifest, curation  # nothing to change, and the file is what the live version serves
        vocabulary = bundle_vocabulary(live)
        text = curation_text(curation)
        problems = {"edits": live.manifest.author_state.get("edits", {}).get("problems", []),
                    "vocabulary": _vocabulary_problems(vocabulary)}
        with staged(index_dir, copy_from=live) as staging:
            pause_at("writing related part")
            relist(staging.part("related"), live.posts, curation, vocabulary)
            manifest = commit(staging, list(live.posts.values()), sources=live.manifest.sources,
                              edits=live.manifest.edits,
                              author_state=_applied(index_dir, live.manifest.edits, curation, vocabulary,
                                                    _live_sync(live), curation_sha256=digest(text),
                                                    problems=problems),
                              before_switch=lambda: write_atomically(index_dir / CURATION_FILE, text))
        return manifest, curation


def _build_problems(manifest: Manifest) -> list[Problem]:
    """What a version could not apply of the author's state (damaged edit lines, an unusable
    curation.json, vocabulary caps), as build problems for `runphys build` (and its --json)."""
    return [Problem(found["file"], f"line {found['line']}" if found["line"] else "", found["reason"],
                    "warning" if part == "vocabulary" else "error", f"{part}-not-applied")
            for part, found in recorded_problems(manifest)]


@contextmanager
def _storage_errors() -> Iterator[None]:
    """An OSError a build meets writing its version (disk full, read-only) becomes StorageFull or
    StorageFailed naming the file: `staged` has already removed the half-written version."""
    try:
        yield
    except OSError as exc:
        if is_transient(exc):
            raise
        raise storage_error(exc.filename or "the index", exc, "writing") from exc


def _vocabulary_problems(vocabulary: Vocabulary) -> list[AuthorProblem]:
    return [{"file": vocabulary.source.name, "line": 0, "reason": warning} for warning in vocabulary.warnings]


def rebuild(index_dir: Path, options: BuildOptions = BuildOptions()) -> BuildReport:
    """Build again from the sources the live bundle was built from (the demo when there is none)."""
    sources: list[str | Path] = [DEMO_POSTS]
    if has_bundle(index_dir):
        live = open_bundle(index_dir)
        recorded = [path for path in live.manifest.sources if Path(path).exists()]
        synced = _live_sync(live)
        if not recorded and synced is not None:
            # A synced index's posts came from the site, not from files: built again from its own posts.
            manifest = build_posts(list(live.posts.values()), index_dir, sources=live.manifest.sources,
                                   options=replace(options, sync=synced))
            return BuildReport(index=str(index_dir), posts=manifest.posts, edits=manifest.edits, manifest=manifest)
        sources = list(recorded) or sources
    return build_from_sources(sources, index_dir, options=options)


def ensure_index(index_dir: Path, progress: Progress | None = None) -> bool:
    """Build the demo bundle when no bundle exists; True when it built one."""
    if has_bundle(index_dir):
        return False
    if progress:
        progress(f"no index at {index_dir}: building the demo blog first")
    build_from_sources([DEMO_POSTS], index_dir, format="markdown", options=BuildOptions(progress=progress))
    return True


def _write_parts(posts: Sequence[Post], staging: Staging, vocabulary: Vocabulary,
                 curation: dict[str, Curation], tick: Tick | None, say: Progress) -> list[Post]:
    """Analyse each post once, hand it to every part, then finish the parts; the tagged posts."""
    pause_at("analysing")
    search = SearchPartWriter(staging.part("search"), vocabulary)
    related = RelatedPartWriter(vocabulary=vocabulary)
    tagged = []
    for done, post in enumerate(posts, start=1):
        doc = analyse_post(post, vocabulary)
        search.add(doc)
        related.add(doc)
        tagged.append(doc.post)
        if tick is not None and (done % TICK_EVERY == 0 or done == len(posts)):
            tick(done, len(posts))
    say("writing the search index")
    pause_at("writing search part")
    search.finish()
    say("finding related posts")
    pause_at("writing related part")
    related.finish(staging.part("related"), curation)
    write_atomically(staging.path / SNAPSHOT, vocabulary.source.text)
    write_compiled(staging.path, vocabulary)  # parsed once here, loaded by every worker
    return tagged


def _applied(index_dir: Path, edits: int, curation: dict[str, Curation], vocabulary: Vocabulary,
             sync: dict[str, Any] | None = None, *, curation_sha256: str | None = None,
             problems: dict[str, list[AuthorProblem]] | None = None) -> dict[str, Any]:
    state = applied(index_dir, edits=edits, curation_posts=len(curation), vocabulary=vocabulary.source.name,
                    vocabulary_sha256=vocabulary.source.sha256, curation_sha256=curation_sha256, problems=problems)
    if sync is not None:
        state["sync"] = sync
    return state


def _live_sync(live: OpenBundle) -> dict[str, Any] | None:
    """The sync state a live version applied (a copy of it carries its posts, so the record too)."""
    sync = live.manifest.author_state.get("sync")
    return sync if isinstance(sync, dict) else None


def _check_changes(live: OpenBundle, upserts: Sequence[Post], delete_ids: Sequence[str]) -> None:
    for post_id in delete_ids:
        if post_id not in live.posts:
            raise PostNotFound(f"no post with id {post_id[:200]!r}")
    # The slugs after the change: a post changed in the same batch gives up its old slug (a sync
    # can bring a renamed post and the post that took its old slug together).
    changing = set(delete_ids) | {post.id for post in upserts}
    owners = {slug: pid for slug, pid in live.slugs.items() if pid not in changing}
    for post in upserts:
        owner = owners.setdefault(post.slug, post.id) if post.slug else post.id
        if owner != post.id:
            raise SlugTaken(f"slug {post.slug!r} already belongs to post {owner!r}",
                            {"slug": post.slug, "post": owner})


def _report(index_dir: Path, result: ImportResult) -> BuildReport:
    return BuildReport(
        index=str(index_dir),
        posts=len(result.posts),
        skipped=result.skipped,
        duplicates=result.duplicates,
        problems=list(result.problems),
    )

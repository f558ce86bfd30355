"""The build pipeline, in one place: read sources → replay the author's edits → tag → write the
bundle's parts → switch. The CLI, the admin API and the tests all build through here."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..index.bundle import Manifest, OpenBundle, Staging, build_lock, commit, has_bundle, open_bundle, staged
from ..index.demo import POSTS as DEMO_POSTS
from ..index.edits import apply_edits, discard_edits, record_edits
from ..index.errors import ImportFailed, PostNotFound, SlugTaken
from ..index.post import Post
from ..index.sources import ImportResult, Problem, read_sources
from ..recommend.builder import RelatedPartWriter, update_related
from ..search.tagging import analyse_post
from ..search.vocabulary import Vocabulary
from ..search.vocabulary_file import package_vocabulary
from ..search.writer import SearchPartWriter

Progress = Callable[[str], None]
Tick = Callable[[int, int], None]  # (done, total)


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
    progress: Progress | None = None,
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
    report.manifest = build_posts(
        result.posts, index_dir, sources=sources_map, progress=progress,
        discard_author_edits=discard_author_edits, wait_seconds=wait_seconds,
    )
    report.posts, report.edits = report.manifest.posts, report.manifest.edits
    return report


def build_posts(
    posts: Sequence[Post],
    index_dir: Path,
    *,
    sources: dict[str, str] | None = None,
    progress: Progress | None = None,
    post_progress: Tick | None = None,
    wait_seconds: float = 0.0,
    discard_author_edits: bool = False,
) -> Manifest:
    """Replay the author's edits over `posts`, analyse and tag each post once, write the parts
    from that one analysis, and switch to the new version."""
    say = progress or (lambda _msg: None)
    with build_lock(index_dir, wait_seconds):
        if discard_author_edits:
            discard_edits(index_dir)
        edited, applied = apply_edits(index_dir, posts)
        vocabulary = package_vocabulary()
        with staged(index_dir) as staging:
            say(f"analysing and tagging {len(edited)} posts")
            tagged = _write_parts(edited, staging, vocabulary, post_progress)
            return commit(staging, tagged, sources=sources or {}, edits=applied, progress=progress)


def update_posts(
    index_dir: Path,
    upserts: Sequence[Post] = (),
    delete_ids: Sequence[str] = (),
    *,
    wait_seconds: float = 60.0,
) -> Manifest:
    """Apply single-post changes as a new version: a copy of the live one, updated in place.

    Checked under the build lock, so two writers can never both take one slug. The search part is
    made again whole (its scores depend on every post); the related part is repaired in place.
    """
    with build_lock(index_dir, wait_seconds):
        live = open_bundle(index_dir)
        _check_changes(live, upserts, delete_ids)
        vocabulary = package_vocabulary()
        posts = {pid: post for pid, post in live.posts.items() if pid not in set(delete_ids)}
        posts.update({post.id: post for post in upserts})
        changed = {post.id for post in upserts}
        with staged(index_dir, copy_from=live) as staging:
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
            search.finish()
            update_related(staging.part("related"), tagged, changed_docs, set(delete_ids), vocabulary=vocabulary)
            # Recorded just before the switch: a crash after it must not lose an edit the bundle shows.
            return commit(
                staging, list(tagged.values()), sources=live.manifest.sources,
                edits=live.manifest.edits + len(upserts) + len(delete_ids),
                before_switch=lambda: record_edits(index_dir, upserts, delete_ids),
            )


def rebuild(index_dir: Path, progress: Progress | None = None, *, wait_seconds: float = 0.0) -> BuildReport:
    """Build again from the sources the live bundle was built from (the demo when there is none).

    `wait_seconds`: how long to queue behind a build already running before IndexBusy.
    """
    sources: list[str | Path] = [DEMO_POSTS]
    if has_bundle(index_dir):
        recorded = [path for path in open_bundle(index_dir).manifest.sources if Path(path).exists()]
        sources = list(recorded) or sources
    return build_from_sources(sources, index_dir, progress=progress, wait_seconds=wait_seconds)


def ensure_index(index_dir: Path, progress: Progress | None = None) -> bool:
    """Build the demo bundle when no bundle exists; True when it built one."""
    if has_bundle(index_dir):
        return False
    if progress:
        progress(f"no index at {index_dir}: building the demo blog first")
    build_from_sources([DEMO_POSTS], index_dir, format="markdown", progress=progress)
    return True


def _write_parts(posts: Sequence[Post], staging: Staging, vocabulary: Vocabulary, tick: Tick | None) -> list[Post]:
    """Analyse each post once, hand it to every part, then finish the parts; the tagged posts."""
    search = SearchPartWriter(staging.part("search"), vocabulary)
    related = RelatedPartWriter(vocabulary=vocabulary)
    tagged = []
    for done, post in enumerate(posts, start=1):
        doc = analyse_post(post, vocabulary)
        search.add(doc)
        related.add(doc)
        tagged.append(doc.post)
        if tick is not None:
            tick(done, len(posts))
    search.finish()
    related.finish(staging.part("related"))
    return tagged


def _check_changes(live: OpenBundle, upserts: Sequence[Post], delete_ids: Sequence[str]) -> None:
    for post_id in delete_ids:
        if post_id not in live.posts:
            raise PostNotFound(f"no post with id {post_id[:200]!r}")
    for post in upserts:
        owner = live.slugs.get(post.slug) if post.slug else None
        if owner is not None and owner != post.id and owner not in delete_ids:
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

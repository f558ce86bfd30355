"""A WordPress site's posts into the index: `runphys sync`, POST /api/v1/admin/sync, the poller.

fetch (index.sources.wp_client) → Posts (index.sources.wp_rest) → pipeline. The first sync, a
change of site or statuses, and `--full` read every post and build a version from them; after
that a sync asks only for posts modified since the newest one seen, plus the list of ids, and
applies what changed the way admin upserts and deletes are applied (related rows repaired in
place). A sync that changes nothing makes no version. Posts are removed only after a complete id
listing; any failure raises SyncFailed before anything is written, so the live index keeps serving.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..index.bundle import OpenBundle, has_bundle, open_bundle
from ..index.edits import replay_edits
from ..index.errors import BadRequest, ImportFailed, IndexBusy, RunphysError, SyncFailed
from ..index.post import Post
from ..index.sources.problems import Problem
from ..index.sources.slugs import unique_slugs
from ..index.sources.wp_client import Credentials, WordPressClient, site_url
from ..index.sources.wp_rest import DRAFTS, PUBLISHED, modified, post_id, rest_posts
from ..index.sync_state import SyncState, read_sync_state, sync_lock, write_sync_state
from .settings import Settings

logger = logging.getLogger(__name__)

# Only what a post needs is embedded (not its comments): categories, tags, author, featured media.
EMBED = "author,wp:term,wp:featuredmedia"
# modified_after is strict and to the second: asked from a little earlier, and what comes back
# unchanged is recognised as unchanged.
OVERLAP = timedelta(seconds=2)
_DERIVED = {"body_parts": (), "injuries": (), "kinds": ()}
# With a password, the author's text only: WordPress then skips rendering the content and the
# excerpt it would make from it (the_content filters, twice), the costliest part of its answer.
EDIT_FIELDS = ("id,date,date_gmt,modified_gmt,slug,status,type,link,title,content.raw,excerpt.raw,author,"
               "featured_media,categories,tags,_links,_embedded")


@dataclass
class SyncReport:
    """What a sync did; `to_dict()` is the `--json` output and the admin route's answer."""

    site: str
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    build_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"site": self.site, "added": self.added, "updated": self.updated, "removed": self.removed,
                "unchanged": self.unchanged, "problems": [p.to_dict() for p in self.problems],
                "build_id": self.build_id}


@dataclass(frozen=True)
class SyncOptions:
    """How one sync runs."""

    credentials: Credentials | None = None
    include_drafts: bool = False
    full: bool = False
    timeout: float = 30.0
    wait_seconds: float = 60.0  # for a sync or a build already running
    vocabulary_override: Path | None = None


def options_from(settings: Settings, **changes: Any) -> SyncOptions:
    """The sync options the settings give (RUNPHYS_SYNC_*), with `changes` on top."""
    password = settings.sync_app_password.get_secret_value() if settings.sync_app_password else ""
    credentials = Credentials(settings.sync_user, password) if settings.sync_user and password else None
    base: dict[str, Any] = {"credentials": credentials, "timeout": settings.sync_timeout,
                            "vocabulary_override": settings.vocabulary}
    return SyncOptions(**{**base, **changes})


def sync_site(index_dir: Path, site: str, options: SyncOptions = SyncOptions()) -> SyncReport:
    """Sync the whole site (incrementally when the index already follows it)."""
    return _run(index_dir, site, options, None)


def sync_post(index_dir: Path, site: str, number: int, options: SyncOptions = SyncOptions()) -> SyncReport:
    """Fetch one post: published or updated → upserted; trashed, unpublished or gone → removed."""
    if number < 1:
        raise BadRequest(f"post_id must be a positive number (got {number})")
    return _run(index_dir, site, options, number)


def _run(index_dir: Path, site: str, options: SyncOptions, number: int | None) -> SyncReport:
    site = site_url(site)
    if options.include_drafts and options.credentials is None:
        raise BadRequest("--include-drafts needs --user and --app-password (drafts are not public)")
    statuses = DRAFTS if options.include_drafts else PUBLISHED
    with sync_lock(index_dir, options.wait_seconds):
        state = read_sync_state(index_dir)
        if state is not None and state.site != site and not options.full:
            raise BadRequest(f"the index at {index_dir} follows {state.site}; sync {site} with --full to follow "
                             "it instead")
        live = open_bundle(index_dir) if has_bundle(index_dir) else None
        follows = (not options.full and state is not None and live is not None and state.statuses == statuses
                   and _synced_site(live) == site)
        job = _Sync(index_dir, site, options, statuses)
        try:
            with job.client:
                if not follows or state is None or live is None:
                    return job.full(live)
                if number is not None:
                    return job.one(live, state, number)
                return job.changes(live, state)
        except SyncFailed as exc:
            raise SyncFailed(f"{exc.message}; nothing was changed, the index keeps serving", exc.detail) from None


def _synced_site(live: OpenBundle) -> str | None:
    sync = live.manifest.author_state.get("sync")
    return str(sync.get("site")) if isinstance(sync, dict) else None


def _plain(post: Post) -> Post:
    """A post as the site gives it: without what a build derives from it."""
    return post.with_changes(**_DERIVED)


class _Sync:
    """One sync run: its client, what it fetched, and how it is applied."""

    def __init__(self, index_dir: Path, site: str, options: SyncOptions, statuses: tuple[str, ...]) -> None:
        self.index_dir = index_dir
        self.site = site
        self.options = options
        self.statuses = statuses
        self.client = WordPressClient(site, credentials=options.credentials, timeout=options.timeout)
        self.params: dict[str, Any] = {"_embed": EMBED, "status": ",".join(statuses),
                                       "context": "edit" if options.credentials else "view"}
        if options.credentials:
            self.params["_fields"] = EDIT_FIELDS
        self.newest = ""

    # -- reading ---------------------------------------------------------------------------------

    def convert(self, items: Sequence[Any]) -> tuple[list[Post], list[Problem]]:
        posts: dict[str, Post] = {}
        problems: list[Problem] = []
        for item in items:
            self.newest = max(self.newest, modified(item))
            for found in rest_posts(self.site, item, self.statuses):
                if isinstance(found, Problem):
                    problems.append(found)
                else:
                    posts[found.id] = found
        return list(posts.values()), problems

    def state(self, ids: set[int], build_id: str, previous: SyncState | None = None) -> SyncState:
        newest = max(self.newest, previous.modified_gmt if previous else "")
        return SyncState(site=self.site, api=self.client.api, statuses=self.statuses, modified_gmt=newest,
                         ids=tuple(sorted(ids)), synced_at=datetime.now(UTC).isoformat(timespec="seconds"),
                         build_id=build_id)

    # -- the three kinds of sync -------------------------------------------------------------------

    def full(self, live: OpenBundle | None) -> SyncReport:
        """Every post, built into a new version (none when nothing differs from the live one)."""
        posts, problems = self.convert(self.client.pages(self.params, "listing"))
        posts, renamed = unique_slugs(posts)
        report = SyncReport(self.site, problems=problems + renamed)
        if not posts:
            raise ImportFailed(f"{self.site} has no post to sync ({len(problems)} problem(s)); the index was left "
                               "as it was", report.to_dict())
        edited = replay_edits(self.index_dir, posts).posts
        before = {pid: _plain(post) for pid, post in live.posts.items()} if live else {}
        now = {post.id: post for post in edited}
        report.added = sum(pid not in before for pid in now)
        report.updated = sum(pid in before and before[pid] != post for pid, post in now.items())
        report.unchanged = len(now) - report.added - report.updated
        report.removed = sum(pid not in now for pid in before)
        ids = {int(post.id) for post in posts if post.id.isdigit()}
        if live is not None and not report.added and not report.updated and not report.removed \
                and _synced_site(live) == self.site:
            report.build_id = live.manifest.build_id
            write_sync_state(self.index_dir, self.state(ids, report.build_id))
            return report
        from .pipeline import BuildOptions, build_posts  # building: imported only when there is work

        state = self.state(ids, "")
        options = BuildOptions(vocabulary_override=self.options.vocabulary_override,
                               wait_seconds=self.options.wait_seconds, sync=state.summary())
        manifest = build_posts(posts, self.index_dir, sources={self.site: "wordpress"}, options=options)
        report.build_id = manifest.build_id
        write_sync_state(self.index_dir, _with_build(state, manifest.build_id))
        return report

    def changes(self, live: OpenBundle, state: SyncState) -> SyncReport:
        """Posts modified since the last sync, new ids, and ids gone from the complete listing."""
        params = dict(self.params)
        if state.modified_gmt:
            since = datetime.fromisoformat(state.modified_gmt).replace(tzinfo=UTC) - OVERLAP
            params["modified_after"] = since.strftime("%Y-%m-%dT%H:%M:%SZ")
        id_query = {"_fields": "id", "status": self.params["status"]}
        try:
            listing, items = self._listings(state, id_query, params)
        except SyncFailed as exc:
            reason = exc.detail.get("reason") if isinstance(exc.detail, dict) else None
            if reason not in ("not_found", "not_json") or not state.api:
                raise
            # The address that answered last time does not any more (permalinks changed?): find it again.
            listing, items = self._listings(SyncState(site=state.site), id_query, params)
        listed = {post_id(item) for item in listing}
        complete = None not in listed
        listed.discard(None)
        seen = {number for number in map(post_id, items) if number is not None}
        new = sorted(n for n in listed if n is not None and n not in state.ids and n not in seen)
        if new:
            items = [*items, *self.client.posts_by_id(new, self.params)]
        posts, problems = self.convert(items)
        gone = sorted(str(n) for n in state.ids if n not in listed) if complete else []
        return self.apply(live, state, posts, problems, gone, listed_count=len(listed))

    def _listings(self, state: SyncState, id_query: dict[str, Any],
                  params: dict[str, Any]) -> tuple[list[Any], list[Any]]:
        """The complete id listing and the changed posts: both at once when the API's address is known
        from the last sync, else the id listing's first page finds it."""
        if not self.client.assume(state.api):
            self.client.forget()
            self.client.discover({**id_query, "per_page": 1}, "id listing")
        with ThreadPoolExecutor(max_workers=2) as pool:
            listing = pool.submit(self.client.pages, id_query, "id listing")
            items = self.client.pages(params, "changes listing")
            return listing.result(), items

    def one(self, live: OpenBundle, state: SyncState, number: int) -> SyncReport:
        """One post, as a ping after it was published, updated, trashed or deleted."""
        self.client.assume(state.api)
        item = self.client.post(number, self.params)
        posts, problems = self.convert([item] if item is not None else [])
        # Nothing to keep (gone, not public, not a post of a synced status) and no problem: removed.
        gone = [str(number)] if not posts and not problems else []
        self.newest = ""  # one post never moves the mark: posts changed before it are still to fetch
        return self.apply(live, state, posts, problems, gone, listed_count=None)

    # -- applying ----------------------------------------------------------------------------------

    def apply(self, live: OpenBundle, state: SyncState, posts: list[Post], problems: list[Problem],
              gone: list[str], *, listed_count: int | None) -> SyncReport:
        report = SyncReport(self.site, problems=problems)
        fetched = {post.id for post in posts}
        edited = [post for post in replay_edits(self.index_dir, posts).posts if post.id in fetched]
        upserts = [post for post in edited if post.id not in live.posts or _plain(live.posts[post.id]) != post]
        deletes = [pid for pid in gone if pid in live.posts and pid not in fetched]
        report.added = sum(post.id not in live.posts for post in upserts)
        report.updated = len(upserts) - report.added
        report.removed = len(deletes)
        held = (set(state.ids) | {int(pid) for pid in fetched if pid.isdigit()}) - {int(pid) for pid in gone}
        report.unchanged = (listed_count if listed_count is not None else len(fetched)) - len(upserts)
        report.unchanged = max(report.unchanged, 0)
        new_state = self.state(held, live.manifest.build_id, state)
        if not upserts and not deletes:
            report.build_id = live.manifest.build_id
            write_sync_state(self.index_dir, new_state)
            return report
        if len(deletes) >= len(live.posts) and not upserts:
            raise ImportFailed(f"the sync would remove every post of the index; the index was left as it was "
                               f"(sync {self.site} with --full to check)", report.to_dict())
        from .pipeline import update_posts

        manifest = update_posts(self.index_dir, upserts, deletes, wait_seconds=self.options.wait_seconds,
                                as_edits=False, sync=new_state.summary())
        report.build_id = manifest.build_id
        write_sync_state(self.index_dir, _with_build(new_state, manifest.build_id))
        return report


def _with_build(state: SyncState, build_id: str) -> SyncState:
    return SyncState(site=state.site, api=state.api, statuses=state.statuses, modified_gmt=state.modified_gmt,
                     ids=state.ids, synced_at=state.synced_at, build_id=build_id)


# -- polling (`runphys serve` with RUNPHYS_SYNC_URL and RUNPHYS_SYNC_EVERY) --------------------------


class Poller:
    """Syncs the configured site every `sync_every` seconds in a daemon thread until `stop()`.

    Every worker of a server runs one; the sync lock at the index root lets only one sync run at a
    time, and a worker skips its turn when another synced less than an interval ago.
    """

    def __init__(self, settings: Settings) -> None:
        if not settings.sync_url or not settings.sync_every:
            raise BadRequest("polling needs both RUNPHYS_SYNC_URL and RUNPHYS_SYNC_EVERY")
        self.settings = settings
        self.every = settings.sync_every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="runphys-sync", daemon=True)
        self.last: SyncReport | None = None
        self.last_error: str | None = None

    def start(self) -> Poller:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.wait(0 if self.last is None and self.last_error is None else self.every):
            self.run_once()

    def run_once(self) -> SyncReport | None:
        """One turn: a sync, unless another is running or ran less than an interval ago."""
        index_dir, site = self.settings.index, str(self.settings.sync_url)
        try:
            if not self._due(index_dir):
                return None
            self.last = _run(index_dir, site, options_from(self.settings, wait_seconds=0.0), None)
            self.last_error = None
            logger.info("synced %s: %s", site, self.last.to_dict())
            return self.last
        except IndexBusy:
            return None  # another worker (or a command) is syncing or building right now
        except RunphysError as exc:
            self.last_error = exc.message
            logger.error("sync of %s failed: %s", site, exc.message)
        except Exception as exc:  # the poller must outlive any one bad turn
            self.last_error = f"{type(exc).__name__}: {exc}"
            logger.exception("sync of %s failed", site)
        return None

    def _due(self, index_dir: Path) -> bool:
        state = read_sync_state(index_dir)
        if state is None or not state.synced_at:
            return True
        try:
            last = datetime.fromisoformat(state.synced_at)
        except ValueError:
            return True
        return (datetime.now(UTC) - last).total_seconds() >= self.every * 0.9

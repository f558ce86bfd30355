"""What the sync tests share: `runphys sync` through the console script, and reading the index it left."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from runphys.index.bundle import current_build_id, open_bundle
from runphys.index.post import Post
from runphys.search.results import SearchRequest
from runphys.service.service import Service
from runphys.service.settings import Settings
from tests.live_server import clean_env, runphys
from tests.wordpress.site import WordPressSite

JSON_FIELDS = {"site", "added", "updated", "removed", "unchanged", "problems", "build_id"}


def run_sync(site: WordPressSite, index: Path, *args: str, auth: bool = True, url: str | None = None,
             **settings: str) -> subprocess.CompletedProcess[str]:
    """`runphys sync` as a user types it (with the application password unless `auth` is off)."""
    login = ["--user", site.user, "--app-password", site.app_password] if auth else []
    return subprocess.run([*runphys(), "sync", url or site.url, "--index", str(index), *login, *args],
                          env=clean_env(**settings), capture_output=True, text=True, check=False, timeout=600)


def sync_json(site: WordPressSite, index: Path, *args: str, auth: bool = True, **settings: str) -> dict[str, Any]:
    """`runphys sync --json`'s answer; AssertionError with its output when it failed."""
    done = run_sync(site, index, *args, "--json", auth=auth, **settings)
    assert done.returncode == 0, f"sync failed ({done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}"
    data: dict[str, Any] = json.loads(done.stdout)
    assert set(data) == JSON_FIELDS
    return data


def plain(post: Post) -> Post:
    """A post as a source gives it: without where it was read from or what a build derives."""
    return post.with_changes(source=None, body_parts=(), injuries=(), kinds=())


def indexed(index: Path) -> dict[str, Post]:
    return {pid: plain(post) for pid, post in open_bundle(index).posts.items()}


def versions(index: Path) -> list[str]:
    return sorted(p.name for p in (index / "versions").iterdir() if not p.name.startswith("."))


def build_id(index: Path) -> str | None:
    return current_build_id(index)


def search_ids(index: Path, query: str) -> list[str]:
    service = Service.open(Settings(index=index))
    try:
        return [hit.id for hit in service.search(SearchRequest(q=query, per_page=20), record=False).hits]
    finally:
        service.close()


def related_ids(index: Path) -> dict[str, list[str]]:
    """Every post's related list (ids), as the service answers it."""
    service = Service.open(Settings(index=index))
    try:
        bundle = open_bundle(index)
        return {pid: [item.id for item in service.related(pid, limit=10)[1]] for pid in bundle.posts}
    finally:
        service.close()

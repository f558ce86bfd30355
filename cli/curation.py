"""`runphys pin`, `unpin`, `exclude`, `unexclude` and `curation`: the author's say over related lists.

Each change is saved at the index root (kept by every later build) and served at once: the related
lists are made again as a new version. They need an index built before (`runphys build`): a
mistyped --index is "no index at PATH", exit 1, never a demo index made there.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import typer

from ..index.errors import RunphysError
from ..recommend.curation import Curation, ListChange
from . import output
from .app import IndexOption, JsonOption, app, fail, require_bundle, settings_for

Post = Annotated[str, typer.Argument(help="The post whose related list changes (id or slug).", show_default=False)]
Others = Annotated[list[str], typer.Argument(help="Related posts (ids or slugs).", show_default=False)]
MAX_WAIT_SECONDS = 86_400.0


def _seconds(value: float) -> float:
    if not math.isfinite(value) or not 0 <= value <= MAX_WAIT_SECONDS:
        raise typer.BadParameter(f"must be a number of seconds from 0 to {MAX_WAIT_SECONDS:.0f} (got {value})")
    return value


Wait = Annotated[float, typer.Option("--wait", callback=_seconds,
                                     help="Seconds to wait for a build already running (0 to 86400).")]
Categories = Annotated[
    list[str] | None,
    typer.Option("--category", help="A category whose posts are never shown under POST (repeatable)."),
]


@app.command()
def pin(post: Post, related: Others, index: IndexOption = None, wait: Wait = 60.0, as_json: JsonOption = False) -> None:
    """Show RELATED posts first under POST, in this order, whatever their score."""
    _edit(post, [ListChange("pin", add=tuple(related))], index, wait, as_json)


@app.command()
def unpin(
    post: Post,
    related: Annotated[list[str] | None, typer.Argument(help="Pinned posts to unpin (default: all).")] = None,
    index: IndexOption = None,
    wait: Wait = 60.0,
    as_json: JsonOption = False,
) -> None:
    """Take pins off POST's related list (all of them when no RELATED is given)."""
    _edit(post, [ListChange("pin", remove=tuple(related or ()), clear=not related)], index, wait, as_json)


@app.command()
def exclude(
    post: Post,
    related: Annotated[list[str] | None, typer.Argument(help="Posts never to show under POST.")] = None,
    category: Categories = None,
    index: IndexOption = None,
    wait: Wait = 60.0,
    as_json: JsonOption = False,
) -> None:
    """Never show RELATED posts (or posts filed under --category) under POST."""
    if not related and not category:
        raise typer.BadParameter("name at least one related post or --category")
    _edit(post, [ListChange("exclude", add=tuple(related or ())),
                 ListChange("exclude_categories", add=tuple(category or ()))], index, wait, as_json)


@app.command()
def unexclude(
    post: Post,
    related: Annotated[list[str] | None, typer.Argument(help="Excluded posts to allow again.")] = None,
    category: Categories = None,
    all_: Annotated[bool, typer.Option("--all", help="Allow every excluded post and category again.")] = False,
    index: IndexOption = None,
    wait: Wait = 60.0,
    as_json: JsonOption = False,
) -> None:
    """Allow excluded posts (or categories) under POST again."""
    if not (related or category or all_):
        raise typer.BadParameter("name at least one related post, --category or --all")
    _edit(post, [ListChange("exclude", remove=tuple(related or ()), clear=all_),
                 ListChange("exclude_categories", remove=tuple(category or ()), clear=all_)], index, wait, as_json)


@app.command()
def curation(
    post: Annotated[str | None, typer.Argument(help="Only this post (id or slug).")] = None,
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the author's pins and excludes (every curated post, or one), posts by slug and title:
    one row per pinned post (in its place), excluded post and excluded category."""
    from ..service.curating import show

    settings = settings_for(index)
    try:
        require_bundle(settings)
        changes = show(settings.index, post)
    except RunphysError as error:
        fail(error, as_json)
    if as_json:
        output.print_json({"curation": [change.to_dict() for change in changes]})
        return
    posts = _Names(settings.index)
    if not changes:
        output.say("No pins or excludes yet.")
        return
    if post is not None and changes[0].curation.empty:
        output.say(f"No pins or excludes under {posts.slug(changes[0].post_id)}.")
        return
    rows = [row for change in changes for row in _rows(change.post_id, change.curation, posts)]
    output.table(f"Curation ({output.plural(len(changes), 'post')})", ["post", "list", "related", "title"], rows)


def _edit(post: str, changes: list[ListChange], index: IndexOption, wait: float, as_json: bool) -> None:
    from ..service.curating import edit

    settings = settings_for(index)
    try:
        require_bundle(settings)
        change = edit(settings.index, post, changes, wait_seconds=wait)
    except RunphysError as error:
        fail(error, as_json)
    if as_json:
        output.print_json(change.to_dict())
        return
    posts = _Names(settings.index)
    entry = change.curation
    output.say(f"{posts.slug(change.post_id)} ({posts.title(change.post_id)}) → build {change.build_id}")
    if entry.empty:
        output.say("  no pins or excludes")
    for list_name, related, title in (row[1:] for row in _rows(change.post_id, entry, posts)):
        output.say(f"  {list_name}: {related}" + (f" ({title})" if title else ""))


class _Names:
    """Slugs and titles of the live bundle's posts, for ids the curation holds."""

    def __init__(self, index: Path) -> None:
        from ..index.bundle import open_bundle

        self._posts = open_bundle(index).posts

    def slug(self, post_id: str) -> str:
        post = self._posts.get(post_id)
        return post.slug or post.id if post is not None else post_id

    def title(self, post_id: str) -> str:
        post = self._posts.get(post_id)
        # A pinned or excluded post deleted since keeps its place in the curation, by id.
        return post.title if post is not None else "(no longer in the index)"


def _rows(post_id: str, entry: Curation, posts: _Names) -> list[list[str]]:
    """One row per pinned post, excluded post and excluded category: post, list, related, title."""
    slug = posts.slug(post_id)
    rows = [[slug, f"pinned {place}", posts.slug(pid), posts.title(pid)] for place, pid in enumerate(entry.pin, 1)]
    rows += [[slug, "excluded", posts.slug(pid), posts.title(pid)] for pid in entry.exclude]
    rows += [[slug, "excluded category", name, ""] for name in entry.exclude_categories]
    return rows

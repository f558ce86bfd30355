"""Changing the author's pins and excludes: resolve the posts the author named (id or slug), check
the change against the live bundle, save it at the index root and make the related lists again.

The CLI (`runphys pin` …) and the admin API (`/api/v1/admin/curation/…`) both come through here,
so they accept and refuse the same things with the same errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..index.bundle import OpenBundle, open_bundle
from ..index.errors import BadRequest, PostNotFound
from ..recommend.curation import Curation, Field, ListChange, changed
from .author import read_curation
from .pipeline import curate

DEFAULT_WAIT_SECONDS = 60.0
Change = Callable[[OpenBundle, dict[str, Curation]], dict[str, Curation]]


@dataclass(frozen=True)
class CurationChange:
    """One post's curation after a change, and the build that serves it."""

    post_id: str
    curation: Curation
    build_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "post": self.post_id,
            "pin": list(self.curation.pin),
            "exclude": list(self.curation.exclude),
            "exclude_categories": list(self.curation.exclude_categories),
            "build_id": self.build_id,
        }


def show(index_dir: Path, post: str | None = None) -> list[CurationChange]:
    """The author's curation (one post's, or every curated post's), ids resolved by the live bundle."""
    curation = read_curation(index_dir)
    live = open_bundle(index_dir)
    build_id = live.manifest.build_id
    if post is not None:
        post_id = live.post(post).id
        return [CurationChange(post_id, curation.get(post_id, Curation()), build_id)]
    return [CurationChange(post_id, entry, build_id) for post_id, entry in sorted(curation.items())]


def edit(index_dir: Path, post: str, changes: Sequence[ListChange], *,
         wait_seconds: float = DEFAULT_WAIT_SECONDS) -> CurationChange:
    """Change a post's lists, in one new version; posts are named by id or slug."""

    def change(live: OpenBundle, curation: dict[str, Curation]) -> dict[str, Curation]:
        post_id = live.post(post).id
        for item in changes:
            current = getattr(curation.get(post_id, Curation()), item.key)
            removed = list(current) if item.clear else _resolve(
                live, post_id, item.key, list(item.remove), adding=False, known=current)
            added = _resolve(live, post_id, item.key, list(item.add), adding=True)
            curation = changed(curation, post_id, item.key, add=added, remove=removed)
        _refuse_conflicts(curation, post_id)
        return curation

    return _apply(index_dir, post, change, wait_seconds)


def replace(index_dir: Path, post: str, entry: Mapping[str, Iterable[str]], *,
            wait_seconds: float = DEFAULT_WAIT_SECONDS) -> CurationChange:
    """Set a post's whole curation (the lists not given become empty); an empty entry removes it."""
    lists: dict[Field, list[str]] = {"pin": list(entry.get("pin", ())), "exclude": list(entry.get("exclude", ())),
                                     "exclude_categories": list(entry.get("exclude_categories", ()))}

    def change(live: OpenBundle, curation: dict[str, Curation]) -> dict[str, Curation]:
        post_id = live.post(post).id
        out = dict(curation)
        out.pop(post_id, None)
        for key, values in lists.items():
            out = changed(out, post_id, key, add=_resolve(live, post_id, key, values, adding=True))
        _refuse_conflicts(out, post_id)
        return out

    return _apply(index_dir, post, change, wait_seconds)


def _refuse_conflicts(curation: Mapping[str, Curation], post_id: str) -> None:
    """A post cannot be both pinned and excluded under one post: say which, and how to choose."""
    entry = curation.get(post_id, Curation())
    both = [pid for pid in entry.pin if pid in set(entry.exclude)]
    if both:
        names = ", ".join(repr(pid[:200]) for pid in both[:10])
        raise BadRequest(f"{names} would be both pinned and excluded under {post_id[:200]!r}; a post is either shown "
                         "first or never shown: unpin it or allow it again (unexclude) first",
                         {"post": post_id, "pinned_and_excluded": both})


def _apply(index_dir: Path, post: str, change: Change, wait_seconds: float) -> CurationChange:
    manifest, curation = curate(index_dir, change, wait_seconds=wait_seconds)
    post_id = open_bundle(index_dir).post(post).id
    return CurationChange(post_id, curation.get(post_id, Curation()), manifest.build_id)


def _resolve(live: OpenBundle, post_id: str, key: str, values: list[str], *, adding: bool,
             known: Iterable[str] = ()) -> list[str]:
    """Ids for the posts named (categories as the bundle spells them), refusing what cannot apply."""
    if key == "exclude_categories":
        return [_category(live, name) if adding else name for name in values]
    out: list[str] = []
    for name in values:
        if not adding and name in set(known):
            out.append(name)  # a pinned post since deleted can still be unpinned by its id
            continue
        try:
            target = live.post(name).id
        except PostNotFound as error:
            raise PostNotFound(f"{key}: {error.message}") from None
        if target == post_id:
            raise BadRequest(f"{key}: a post cannot be curated under itself ({name[:200]!r})")
        out.append(target)
    return out


def _category(live: OpenBundle, name: str) -> str:
    categories = {c.casefold(): c for post in live.posts.values() for c in post.categories}
    found = categories.get(name.strip().casefold())
    if found is None:
        known = ", ".join(sorted(categories.values())[:30])
        raise BadRequest(f"exclude_categories: no post is filed under {name[:200]!r} (categories: {known})")
    return found

"""One opened bundle with its searcher and recommender: what the CLI and every HTTP route call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..index.bundle import REBUILD_HINT, OpenBundle, open_bundle
from ..index.errors import BadQuery, IndexDamaged, RunphysError
from ..index.post import Post
from ..recommend.model import RelatedIndex, RelatedItem
from ..search.searcher import SearchIndex, SearchRequest, SearchResult, Suggestion
from ..search.log import SearchLog
from ..search.vocabulary import load_vocabulary

T = TypeVar("T")


@dataclass(frozen=True)
class PostPage:
    total: int
    page: int
    per_page: int
    posts: list[Post]


class Engine:
    """Search, suggestions, posts and related posts over one bundle version."""

    def __init__(self, bundle: OpenBundle, search_log: SearchLog | None = None) -> None:
        self.bundle = bundle
        self.vocabulary = load_vocabulary()
        self.searcher = _opened(bundle, lambda: SearchIndex.open(bundle.search_dir, self.vocabulary))
        try:
            self.recommender = _opened(bundle, lambda: RelatedIndex.load(bundle.related_dir, bundle.posts))
        except BaseException:
            self.searcher.close()
            raise
        self.search_log = search_log

    @classmethod
    def open(cls, index_dir: Path, *, log_max_bytes: int = 5_000_000) -> Engine:
        log = SearchLog(index_dir / "searches", max_bytes=log_max_bytes)
        return cls(open_bundle(index_dir), log)

    @property
    def build_id(self) -> str:
        return self.bundle.manifest.build_id

    def search(self, request: SearchRequest, *, record: bool = True) -> SearchResult:
        """Search; a reader's search (not type-ahead) is recorded in the search log."""
        result = self.searcher.search(request)
        if record and self.search_log is not None and request.q.strip() and request.page == 1:
            top = result.hits[0].score if result.hits else None
            self.search_log.record(result.query, result.total, top)
        return result

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        return self.searcher.suggest(prefix, limit)

    def post(self, id_or_slug: str) -> Post:
        return self.bundle.post(id_or_slug)

    def posts(
        self,
        *,
        category: str | None = None,
        body_part: str | None = None,
        injury: str | None = None,
        video: bool | None = None,
        page: int = 1,
        per_page: int = 20,
        max_per_page: int = 50,
    ) -> PostPage:
        """Posts newest first, filtered like search facets."""
        if page < 1 or not 1 <= per_page <= max_per_page:
            raise BadQuery(f"page must be >= 1 and per_page between 1 and {max_per_page}")
        chosen = [
            post
            for post in self.bundle.posts.values()
            if (category is None or category in post.categories)
            and (body_part is None or body_part in post.body_parts)
            and (injury is None or injury in post.injuries)
            and (video is None or post.has_video == video)
        ]
        chosen.sort(key=lambda p: (p.date is not None, p.date), reverse=True)
        start = (page - 1) * per_page
        return PostPage(len(chosen), page, per_page, chosen[start : start + per_page])

    def related(self, id_or_slug: str, limit: int = 5, **options: Any) -> tuple[Post, list[RelatedItem]]:
        post = self.post(id_or_slug)
        return post, self.recommender.related(post.id, limit=limit, **options)

    def related_to_text(self, text: str, limit: int = 5, **options: Any) -> list[RelatedItem]:
        return self.recommender.related_to_text(text, limit=limit, **options)

    def stats(self) -> dict[str, Any]:
        manifest = self.bundle.manifest
        return {
            "posts": manifest.posts,
            "categories": manifest.categories,
            "videos": manifest.videos,
            "index": str(self.bundle.index_dir),
            "version": manifest.build_id,
            "format_version": manifest.format_version,
            "built_at": manifest.built_at,
        }

    def close(self) -> None:
        self.searcher.close()


def _opened(bundle: OpenBundle, part: Callable[[], T]) -> T:
    """Open one part of the bundle; a damaged part whose size still matches the manifest is IndexDamaged."""
    try:
        return part()
    except RunphysError:
        raise
    except Exception as exc:
        raise IndexDamaged(
            f"the bundle at {bundle.path} cannot be opened ({type(exc).__name__}: {exc}); {REBUILD_HINT}"
        ) from exc

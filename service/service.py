"""`Service`: one opened bundle version and everything asked of it. The CLI, the HTTP routes and the
gap report all go through these narrow methods; nothing outside reaches into the bundle's parts."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ..index.author_problems import AuthorProblem
from ..index.bundle import REBUILD_HINT, OpenBundle, open_bundle
from ..index.errors import BadQuery, IndexDamaged, RunphysError, is_transient
from ..index.post import Post
from ..index.search_log import LogHealth, SearchLog
from ..search.results import SearchHit, SearchRequest, SearchResult, Suggestion
from ..text.vocabulary import Vocabulary
from .author import author_problems, bundle_vocabulary
from .settings import Settings

if TYPE_CHECKING:
    from ..gaps import GapReport
    from ..gaps.lexicon import Lexicon
    from ..recommend.model import RelatedIndex, RelatedItem
    from ..search.searcher import SearchIndex

T = TypeVar("T")
When = date | datetime | str | None


@dataclass(frozen=True)
class PostPage:
    total: int
    page: int
    per_page: int
    posts: list[Post]


@dataclass(frozen=True)
class PostFilter:
    """Which posts a list shows: the same filters as the search facets."""

    category: str | None = None
    body_part: str | None = None
    injury: str | None = None
    video: bool | None = None

    def allows(self, post: Post) -> bool:
        return (
            (self.category is None or self.category in post.categories)
            and (self.body_part is None or self.body_part in post.body_parts)
            and (self.injury is None or self.injury in post.injuries)
            and (self.video is None or post.has_video == self.video)
        )


class Service:
    """Search, suggestions, posts, related posts, stats and the gap report over one bundle version."""

    def __init__(self, bundle: OpenBundle, settings: Settings, *, verify: bool = False) -> None:
        self._bundle = bundle
        self.settings = settings
        self._vocab: Vocabulary | None = None
        self._search_log = SearchLog(bundle.index_dir / "searches", max_bytes=settings.search_log_max_bytes)
        self._parts_lock = threading.Lock()
        self._search: SearchIndex | None = None
        self._recommender: RelatedIndex | None = None
        self._lexicon: Lexicon | None = None  # the posts' words, for the gap report (once per version)
        if verify:
            try:
                _opened(bundle, self._searcher.verify)
                # Opened now, so a damaged part is refused before serving, with what the first draft
                # would otherwise wait for (0.3 s at 24,000 posts).
                self._related.prepare_drafts()
            except BaseException:
                self.close()
                raise

    @classmethod
    def open(cls, settings: Settings, *, verify: bool = False) -> Service:
        """The live bundle of `settings.index` (IndexMissing, IndexDamaged, IndexVersionMismatch).

        `verify` opens every part now, the text store included, so a server refuses a damaged
        version before switching to it and no first reader waits for a part to open; a one-off
        command opens only the parts it uses."""
        return cls(open_bundle(settings.index), settings, verify=verify)

    @property
    def _vocabulary(self) -> Vocabulary:
        if self._vocab is None:
            self._vocab = _opened(self._bundle, lambda: bundle_vocabulary(self._bundle))
        return self._vocab

    @property
    def _searcher(self) -> SearchIndex:
        if self._search is None:
            with self._parts_lock:
                if self._search is None:
                    from ..search.searcher import SearchIndex  # each part is imported when first used

                    bundle = self._bundle
                    self._search = _opened(
                        bundle, lambda: SearchIndex.open(bundle.part("search"), bundle.posts, self._vocabulary,
                                                 remember=self.settings.remembered_searches))
        return self._search

    @property
    def _related(self) -> RelatedIndex:
        if self._recommender is None:
            with self._parts_lock:
                if self._recommender is None:
                    from ..recommend.model import RelatedIndex

                    bundle = self._bundle
                    self._recommender = _opened(
                        bundle, lambda: RelatedIndex.load(bundle.part("related"), bundle.posts,
                                                          vocabulary=self._vocabulary))
        return self._recommender

    @property
    def build_id(self) -> str:
        return self._bundle.manifest.build_id

    @property
    def post_count(self) -> int:
        return self._bundle.manifest.posts

    # -- readers -------------------------------------------------------------------------------

    def search(self, request: SearchRequest, *, record: bool) -> SearchResult:
        """Search; with `record`, a reader's first page is written to the search log (demand)."""
        self._check_page_size(request.per_page)
        result = self._searcher.search(request)
        # match "none" is browsing: an empty query or one with no searchable words is not demand.
        if record and result.match != "none" and request.page == 1:
            top = result.hits[0].score if result.hits else None
            self._search_log.record(result.query, result.total, top)
        return result

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        if not 1 <= limit <= self.settings.max_suggestions:
            raise BadQuery(f"limit must be between 1 and {self.settings.max_suggestions} (got {limit})")
        return self._searcher.suggest(prefix, limit)

    def post(self, id_or_slug: str) -> Post:
        return self._bundle.post(id_or_slug)

    def posts(self, where: PostFilter = PostFilter(), *, page: int = 1, per_page: int = 20) -> PostPage:
        """Posts newest first, filtered like search facets."""
        self._check_page_size(per_page)
        if page < 1:
            raise BadQuery(f"page must be >= 1 (got {page})")
        chosen = [post for post in self._bundle.posts.values() if where.allows(post)]
        chosen.sort(key=lambda p: (p.date is not None, p.date), reverse=True)
        start = (page - 1) * per_page
        return PostPage(len(chosen), page, per_page, chosen[start : start + per_page])

    def related(self, id_or_slug: str, limit: int = 5, *, videos_only: bool = False) -> tuple[Post, list[RelatedItem]]:
        self._check_related_limit(limit)
        post = self.post(id_or_slug)
        return post, self._related.related(post.id, limit=limit, videos_only=videos_only)

    def related_to_text(self, text: str, limit: int = 5, *, videos_only: bool = False) -> list[RelatedItem]:
        """Posts related to a draft; only its first `related_text_max_chars` characters are read
        (see `draft_cut` for the notice that says so)."""
        self._check_related_limit(limit)
        text, _ = draft_cut(text, self.settings.related_text_max_chars)
        return self._related.related_to_text(text, limit=limit, videos_only=videos_only)

    # -- the author ----------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        manifest = self._bundle.manifest
        return {
            "posts": manifest.posts,
            "categories": manifest.categories,
            "videos": manifest.videos,
            "index": str(self._bundle.index_dir),
            "version": manifest.build_id,
            "format_version": manifest.format_version,
            "built_at": manifest.built_at,
        }

    def gap_report(
        self, *, since: When = None, until: When = None, now: When = None, silence_days: int = 365
    ) -> GapReport:
        """The coverage-gap report for this bundle and the search log read for [since, until]."""
        from ..gaps import build_gap_report
        from ..gaps.freshness import as_datetime
        from ..gaps.lexicon import Lexicon

        start, end = as_datetime(since), as_datetime(until, end_of_day=True)
        posts = list(self._bundle.posts.values())
        if self._lexicon is None:
            self._lexicon = Lexicon.of_posts(posts)  # a version's posts never change: read them once
        return build_gap_report(
            posts, self._vocabulary, self._related, list(self._search_log.read(start, end)),
            lexicon=self._lexicon, since=start, until=end, now=now, silence_days=silence_days,
            search=self._recheck,
        )

    def _recheck(self, query: str) -> tuple[int, float | None, list[SearchHit]]:
        """A search for the gap report: never logged (the author is not a reader)."""
        result = self._searcher.search(SearchRequest(q=query, per_page=3))
        top = result.hits[0].score if result.hits else None
        return result.total, top, list(result.hits)

    def author_problems(self) -> list[AuthorProblem]:
        """What this version could not apply of the author's state (damaged lines of edits.jsonl,
        an unusable curation.json, vocabulary names cut at a cap) and a curation.json it does not
        serve yet: for the author's pages (the gap page) and `/api/v1/admin/author-state`."""
        return author_problems(self._bundle)

    @property
    def search_log_health(self) -> LogHealth:
        """How writing the search log has gone in this process (failures never fail a search)."""
        return self._search_log.health

    @property
    def vocabulary(self) -> Vocabulary:
        return self._vocabulary

    def close(self) -> None:
        if self._search is not None:
            self._search.close()

    # -- limits --------------------------------------------------------------------------------

    def _check_page_size(self, per_page: int) -> None:
        if not 1 <= per_page <= self.settings.max_per_page:
            raise BadQuery(f"per_page must be between 1 and {self.settings.max_per_page} (got {per_page})")

    def _check_related_limit(self, limit: int) -> None:
        if not 1 <= limit <= self.settings.max_related:
            raise BadQuery(f"limit must be between 1 and {self.settings.max_related} (got {limit})")


def draft_cut(text: str, limit: int) -> tuple[str, tuple[str, ...]]:
    """A draft cut to `limit` characters (at a space when there is one near), and the notice saying so."""
    if len(text) <= limit:
        return text, ()
    cut = text[:limit]
    space = cut.rfind(" ", limit - 200)
    return (cut[:space] if space > 0 else cut), (f"text cut to {limit} characters",)


def _opened(bundle: OpenBundle, part: Callable[[], T]) -> T:
    """Open one part of the bundle; a damaged part whose size still matches the manifest is IndexDamaged."""
    try:
        return part()
    except RunphysError:
        raise
    except OSError as exc:
        if is_transient(exc):
            raise  # out of descriptors or memory for now: worth a retry, not damage
        raise IndexDamaged(
            f"the bundle at {bundle.path} cannot be opened ({type(exc).__name__}: {exc}); {REBUILD_HINT}"
        ) from exc
    except Exception as exc:
        raise IndexDamaged(
            f"the bundle at {bundle.path} cannot be opened ({type(exc).__name__}: {exc}); {REBUILD_HINT}"
        ) from exc

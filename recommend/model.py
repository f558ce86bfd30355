"""`RelatedIndex`: related posts for a post (a stored list, sliced) or for a draft text.

Every post's list was made at build (see `builder` and `lists`); a request with the usual options
is a slice of stored arrays. Options of its own (another threshold, more exclusions, recent posts
first, deeper than the stored depth) run the same list-making function for that one post.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..index.bounded_cache import BoundedCache
from ..index.errors import IndexDamaged, PostNotFound
from ..index.post import Post
from ..text.vocabulary import Vocabulary
from . import store
from .config import RelatedConfig
from .items import RelatedItem, make_item
from .lists import FALLBACK, PINNED, Catalogue, Entry, Options, draft_list, related_list
from .topics import injury_body_parts
from .vectors import text_terms, transform
from .why import Explainer

__all__ = ["RelatedConfig", "RelatedIndex", "RelatedItem"]

# Settings a caller may change when loading (the others shaped the stored vectors and lists).
QUERY_TIME = ("min_score", "same_body_part_boost", "same_topic_boost", "recency_weight", "recency_half_life_days",
              "mmr_lambda", "near_duplicate_threshold")
# Stored lists answered from memory per open index: (post, videos or all, limit) for a blog's
# every post and the widget's two or three limits.
REMEMBERED_LISTS = 4096
REMEMBERED_LIST_BYTES = 32 * 1024 * 1024  # by `_list_bytes`: a limit of 50 holds ten times a limit of 5
# A draft is compared through its most telling terms only, as Lucene's MoreLikeThis does: every
# term reads its posts, and a long draft's thousandth term moves no list (a whole post's top 10 is
# unchanged at 200 on the exercises scaled to 24,000 posts; a 20,000-character draft costs ~5× less).
DRAFT_TERMS = 200


class RelatedIndex:
    """A loaded related/ part plus the posts it indexes (ids must all be present)."""

    def __init__(self, stored: store.Stored, posts: Mapping[str, Post], vocabulary: Vocabulary | None = None,
                 *, stored_lists_apply: bool = True) -> None:
        self.config = stored.config
        self._stored = stored
        self.ids = stored.ids
        self.posts = [posts[pid] for pid in stored.ids]
        self.row = {pid: i for i, pid in enumerate(stored.ids)}
        self._vocabulary = vocabulary
        self._catalogue: Catalogue | None = None
        self._explainer: Explainer | None = None
        self._columns: tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float32]] | None = None
        self._stored_lists_apply = stored_lists_apply  # False when query-time settings were changed
        # The widget asks for the same few lists again and again, and a bundle never changes.
        self._listed: BoundedCache[tuple[int, str, int], tuple[RelatedItem, ...]] = BoundedCache(
            REMEMBERED_LIST_BYTES, REMEMBERED_LISTS, _list_bytes)

    @classmethod
    def load(cls, directory: Path, posts: Mapping[str, Post] | Sequence[Post], *, config: RelatedConfig | None = None,
             vocabulary: Vocabulary | None = None) -> RelatedIndex:
        """Open `directory` (checked); `config` overrides query-time settings only."""
        stored = store.load(Path(directory))
        changed = False
        if config is not None:
            overrides = {name: getattr(config, name) for name in QUERY_TIME}
            changed = any(getattr(stored.config, name) != value for name, value in overrides.items())
            stored.config = stored.config.with_changes(**overrides)
        by_id = dict(posts) if isinstance(posts, Mapping) else {post.id: post for post in posts}
        missing = [pid for pid in stored.ids if pid not in by_id]
        if missing:
            raise IndexDamaged(f"related index {directory} names {len(missing)} posts that are not in the bundle "
                               f"(e.g. {missing[0]!r}); rebuild with `runphys build`", missing[:20])
        return cls(stored, by_id, vocabulary, stored_lists_apply=not changed)

    # -- public queries --------------------------------------------------------------------

    def related(self, post_id: str, limit: int = 5, *, videos_only: bool = False, min_score: float | None = None,
                exclude: Iterable[str] = (), exclude_categories: Iterable[str] = (), pins: Iterable[str] = (),
                same_body_part_boost: float | None = None, prefer_recent: bool = False) -> list[RelatedItem]:
        """Up to `limit` posts related to `post_id`: pins, then neighbours, then marked fallbacks."""
        if post_id not in self.row:
            raise PostNotFound(f"no post with id {post_id!r}", post_id)
        i = self.row[post_id]
        mode = "videos" if videos_only else "all"
        options = Options(limit, videos_only, min_score, frozenset(exclude),
                          frozenset(c.casefold() for c in exclude_categories), tuple(pins), same_body_part_boost,
                          prefer_recent)
        if self._stored_lists_apply and options == Options(limit, videos_only) and limit <= store.LIST_DEPTH:
            return list(self._listed.get((i, mode, limit), lambda: self._from_lists(i, mode, limit)))
        entries = related_list(i, options, self.catalogue, self._stored.neighbours[mode], self._stored.curation,
                               self.config)
        return [self._item(i, entry) for entry in entries]

    def related_to_text(self, text: str, limit: int = 5, *, videos_only: bool = False, min_score: float | None = None,
                        exclude: Iterable[str] = (), exclude_categories: Iterable[str] = (),
                        same_body_part_boost: float | None = None, prefer_recent: bool = False) -> list[RelatedItem]:
        """Related posts for a draft (not in the index), through the same terms, weights and idf."""
        counts = text_terms(text or "", self._vocabulary_or_raise(), self.config)
        query = transform([counts], self._stored.space)
        cols, vals = query.row(0)
        if len(cols) > DRAFT_TERMS:
            keep = np.sort(np.argsort(-vals, kind="stable")[:DRAFT_TERMS])
            cols, vals = cols[keep], vals[keep]
        cosine = np.zeros(len(self.posts), dtype=np.float64)
        col_ptr, col_rows, col_vals = self._by_column()
        for col, value in zip(cols.tolist(), vals.tolist(), strict=False):
            rows = col_rows[col_ptr[col] : col_ptr[col + 1]]
            cosine[rows] += value * col_vals[col_ptr[col] : col_ptr[col + 1]]
        concepts = [t.split(":", 1)[1] for t in counts if t.startswith("concept:")]
        vocabulary = self._vocabulary
        parts = tuple(k for k in concepts if vocabulary is None or vocabulary.concept(k).kind == "body_part")
        injuries = tuple(k for k in concepts if vocabulary is not None and vocabulary.concept(k).kind == "injury")
        about = Post(id="\0draft", title="", body_parts=parts, injuries=injuries)
        options = Options(limit, videos_only, min_score, frozenset(exclude),
                          frozenset(c.casefold() for c in exclude_categories), (), same_body_part_boost, prefer_recent)
        mode = "videos" if videos_only else "all"
        entries = draft_list(about, cosine, options, self.catalogue, self._stored.neighbours[mode], self.config)
        return [make_item(about, self.posts[j], s, (), vocabulary, fallback=bool(f & FALLBACK)) for j, s, f in entries]

    def near_duplicates(self, threshold: float | None = None) -> list[tuple[str, str, float]]:
        """Pairs at or above `threshold` cosine (default near_duplicate_threshold), once each, best first."""
        limit = self.config.near_duplicate_threshold if threshold is None else threshold
        ids, scores = self._stored.neighbours["all"]
        rows, cols = np.nonzero((scores >= limit) & (ids >= 0))
        pairs: dict[tuple[str, str], float] = {}
        for r, c in zip(rows.tolist(), cols.tolist(), strict=False):
            a, b = sorted((self.ids[r], self.ids[int(ids[r, c])]))
            pairs[(a, b)] = max(pairs.get((a, b), 0.0), round(float(scores[r, c]), 4))
        return sorted(((a, b, s) for (a, b), s in pairs.items()), key=lambda t: (-t[2], t[0], t[1]))

    def orphans(self, min_score: float | None = None) -> list[str]:
        """Posts with no neighbour at or above `min_score` and in no other post's list above it."""
        limit = self.config.min_score if min_score is None else min_score
        ids, scores = self._stored.neighbours["all"]
        good = (scores >= limit) & (ids >= 0)
        pointed = set(ids[good].tolist())
        return [pid for i, pid in enumerate(self.ids) if not good[i].any() and i not in pointed]

    # -- steps -----------------------------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = Catalogue(self.posts, injury_body_parts(self._vocabulary), self._stored.topics)
        return self._catalogue

    def _from_lists(self, i: int, mode: str, limit: int) -> tuple[RelatedItem, ...]:
        lists = self._stored.lists[mode]
        start = int(lists.ptr[i])
        end = min(int(lists.ptr[i + 1]), start + limit)
        words = self._stored.why_words
        about = self.posts[i]
        out = []
        for e in range(start, end):
            j, flags = int(lists.rows[e]), int(lists.flags[e])
            if flags & FALLBACK:
                terms: tuple[str, ...] = ()
            elif e - start < store.WHY_DEPTH:
                terms = tuple(words[w] for w in lists.why[lists.why_ptr[e] : lists.why_ptr[e + 1]].tolist())
            else:  # deeper than the stored reasons: worked out now
                terms = self.explainer.words(i, j)
            out.append(make_item(about, self.posts[j], float(lists.scores[e]), terms, self._vocabulary,
                                 fallback=bool(flags & FALLBACK), pinned=bool(flags & PINNED)))
        return tuple(out)

    def _item(self, i: int, entry: Entry) -> RelatedItem:
        j, score, flags = entry
        terms = () if flags & FALLBACK else self.explainer.words(i, j)
        return make_item(self.posts[i], self.posts[j], score, terms, self._vocabulary,
                         fallback=bool(flags & FALLBACK), pinned=bool(flags & PINNED))

    @property
    def explainer(self) -> Explainer:
        if self._explainer is None:
            self._explainer = Explainer(self._stored.matrix, self._stored.space, self.posts, self._vocabulary,
                                        self.config.why_terms)
        return self._explainer

    def prepare_drafts(self) -> None:
        """Make now what the first draft would wait for (the posts' catalogue, the matrix by term)."""
        self.catalogue  # noqa: B018 - built on first use
        self._by_column()

    def _by_column(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        """The matrix by term (built on the first draft): which posts hold each term, and how much."""
        if self._columns is None:
            m = self._stored.matrix
            owner = np.repeat(np.arange(m.shape[0], dtype=np.int32), np.diff(m.indptr))
            order = np.argsort(m.indices, kind="stable")
            ptr = np.zeros(m.columns + 1, dtype=np.int64)
            np.cumsum(np.bincount(m.indices, minlength=m.columns), out=ptr[1:])
            self._columns = (ptr, owner[order], m.data[order])
        return self._columns

    def _vocabulary_or_raise(self) -> Vocabulary:
        if self._vocabulary is None:
            raise ValueError("related_to_text needs the vocabulary the index was built with")
        return self._vocabulary


def _list_bytes(key: tuple[int, str, int], items: tuple[RelatedItem, ...]) -> int:
    """About what a remembered list holds (an item is a few strings and numbers)."""
    return 200 + 1_000 * len(items)

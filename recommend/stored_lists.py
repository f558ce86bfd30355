"""Every post's related lists made at build, and packed with their reasons into the stored arrays.

Two passes. First every list is made (`related_list`, per mode), noting the pairs whose reasons
are stored: the first WHY_DEPTH entries that are not fallbacks. A pair (a, b) is the same pair as
(b, a), so each pair is explained once (`PairReasons`), in one batched product. Then each list
entry is given its pair's words: the stored `why` arrays point into one shared word table.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..index.post import Post
from ..text.vocabulary import Vocabulary
from . import store
from .lists import FALLBACK, Catalogue, Options, related_list
from .topics import injury_body_parts
from .why import Explainer


@dataclass
class _Made:
    """One mode's lists as made, before reasons: entries of post i are [starts[i], starts[i + 1])."""

    starts: array[int]
    rows: array[int]
    scores: array[float]
    flags: array[int]

    def shows_reasons(self) -> npt.NDArray[np.bool_]:
        """Per entry: whether its reasons are stored (within WHY_DEPTH of its list, not a fallback)."""
        starts = np.asarray(self.starts, dtype=np.int64)
        place_in_list = np.arange(len(self.rows)) - np.repeat(starts[:-1], np.diff(starts))
        not_fallback = (np.asarray(self.flags, dtype=np.uint8) & FALLBACK) == 0
        shown: npt.NDArray[np.bool_] = (place_in_list < store.WHY_DEPTH) & not_fallback
        return shown

    def listed_posts(self) -> npt.NDArray[np.int64]:
        """Per entry: the row of the post whose list it is in."""
        starts = np.asarray(self.starts, dtype=np.int64)
        return np.repeat(np.arange(len(starts) - 1), np.diff(starts))


def make_lists(stored: store.Stored, posts: Sequence[Post], vocabulary: Vocabulary | None) -> None:
    """Every post's related list for each mode into `stored.lists`, with the reasons of the first
    WHY_DEPTH entries (`stored.why_words` holds the words they point to)."""
    catalogue = Catalogue(posts, injury_body_parts(vocabulary), stored.topics)
    made = {mode: _lists_of_mode(stored, catalogue, mode) for mode in store.MODES}
    pairs = PairKeys(len(posts))
    for lists in made.values():
        shown = lists.shows_reasons()
        pairs.add(lists.listed_posts()[shown], np.asarray(lists.rows, dtype=np.int64)[shown])
    explainer = Explainer(stored.matrix, stored.space, posts, vocabulary, stored.config.why_terms)
    reasons = PairReasons.of(pairs, explainer)
    for mode, lists in made.items():
        why_ptr, why = reasons.per_entry(lists.listed_posts(), np.asarray(lists.rows, dtype=np.int64),
                                         lists.shows_reasons())
        stored.lists[mode] = store.Lists(
            np.asarray(lists.starts, dtype=np.int64), np.asarray(lists.rows, dtype=np.int32),
            np.asarray(lists.scores, dtype=np.float32), np.asarray(lists.flags, dtype=np.uint8), why_ptr, why)
    stored.why_words = reasons.words


def _lists_of_mode(stored: store.Stored, catalogue: Catalogue, mode: str) -> _Made:
    """Every post's list for one mode ("all" or "videos"), as made for readers (no reasons yet)."""
    made = _Made(array("q", [0]), array("i"), array("f"), array("B"))
    options = Options(limit=store.LIST_DEPTH, videos_only=mode == "videos")
    for i in range(len(catalogue.posts)):
        for row, score, flags in related_list(i, options, catalogue, stored.neighbours[mode], stored.curation,
                                              stored.config):
            made.rows.append(row)
            made.scores.append(score)
            made.flags.append(flags)
        made.starts.append(len(made.rows))
    return made


class PairKeys:
    """Unordered pairs of posts as one integer each (smaller row * n + larger row), collected."""

    def __init__(self, posts: int) -> None:
        self.n = max(posts, 1)
        self._found: list[npt.NDArray[np.int64]] = []

    def key(self, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        return np.minimum(a, b) * self.n + np.maximum(a, b)

    def add(self, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> None:
        self._found.append(self.key(a, b))

    def unique(self) -> npt.NDArray[np.int64]:
        """Every pair added, once each, sorted."""
        return np.unique(np.concatenate(self._found)) if self._found else np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class PairReasons:
    """The words of each pair: `pairs` sorted; pair p's words are `word_ids[starts[p]:starts[p + 1]]`,
    indexes into `words`."""

    keys: PairKeys
    pairs: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]
    word_ids: npt.NDArray[np.int32]
    words: list[str]

    @classmethod
    def of(cls, keys: PairKeys, explainer: Explainer) -> PairReasons:
        """Each pair explained once (a batched product), its words numbered in a shared table."""
        pairs = keys.unique()
        as_rows = np.stack([pairs // keys.n, pairs % keys.n], axis=1) if len(pairs) else np.zeros((0, 2), np.int64)
        table: dict[str, int] = {}
        starts = np.zeros(len(pairs) + 1, dtype=np.int64)
        word_ids: list[int] = []
        for p, said in enumerate(explainer.words_of_pairs(as_rows)):
            word_ids.extend(table.setdefault(word, len(table)) for word in said)
            starts[p + 1] = len(word_ids)
        return cls(keys, pairs, starts, np.asarray(word_ids, dtype=np.int32), list(table))

    def per_entry(self, listed: npt.NDArray[np.int64], rows: npt.NDArray[np.int64], shown: npt.NDArray[np.bool_]
                  ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]:
        """For list entries (post `listed` lists post `rows`): (why_ptr, why), entry e's word ids
        being why[why_ptr[e]:why_ptr[e + 1]]; empty where `shown` is False."""
        pair = np.searchsorted(self.pairs, self.keys.key(listed, rows))
        first = self.starts[np.minimum(pair, len(self.pairs))]
        end = self.starts[np.minimum(pair + 1, len(self.pairs))]
        count = np.where(shown, end - first, 0)
        why_ptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(count, out=why_ptr[1:])
        # The k-th word of entry e is word_ids[first[e] + k], for k < count[e].
        offset_in_entry = np.arange(int(why_ptr[-1])) - np.repeat(why_ptr[:-1], count)
        taken = np.repeat(first, count) + offset_in_entry
        return why_ptr, self.word_ids[taken] if len(taken) else np.zeros(0, dtype=np.int32)

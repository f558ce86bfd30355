"""Quoted phrases cost a bounded amount: phrases per query, posts and positions per phrase, and the
search's deadline, each leaving a notice when it cut something (issue 20)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from runphys.search.query_compile import MAX_PHRASES
from runphys.search.scoring import PHRASE_DOCS, PhraseBudget
from runphys.search.text_store import TextStore
from runphys.text.analysis import terms
from tests.search_fixtures import write_text_store

TEXTS = [f"hold for thirty seconds then the starting position again, post {n}" for n in range(60)] + [
    "the starting position", "hold on for a while"]


def store(tmp_path: Path) -> TextStore:
    write_text_store(tmp_path / "text", [{"body": terms(text)} for text in TEXTS])
    return TextStore(tmp_path / "text", len(TEXTS))


def test_only_candidates_are_read_best_first_within_the_bound(tmp_path: Path) -> None:
    text = store(tmp_path)
    try:
        docs = np.arange(len(TEXTS), dtype=np.int32)
        scores = np.arange(len(TEXTS), dtype=np.float32)  # the later posts score best
        budget = PhraseBudget(float("inf"), docs_per_phrase=10, work_seconds=float("inf"))
        keep = text.phrase_check(terms("thirty seconds"), docs, scores, budget)
        # The 10 best are 52-61 (read: 52-59 hold it, 60 and 61 do not); 0-51 are unread and kept.
        assert budget.cut and budget.docs_left == PHRASE_DOCS - 10
        assert keep[:60].all() and not keep[60:].any()
        unbounded = PhraseBudget(float("inf"), docs_per_phrase=1000, docs_left=1000, work_seconds=float("inf"))
        assert text.phrase_check(terms("thirty seconds"), docs, scores, unbounded).sum() == 60 and not unbounded.cut
    finally:
        text.close()


def test_positions_and_the_deadline_bound_a_phrase(tmp_path: Path) -> None:
    text = store(tmp_path)
    try:
        docs = np.arange(61, dtype=np.int32)  # the candidates: posts holding both words
        scores = np.zeros(61, dtype=np.float32)
        few = PhraseBudget(float("inf"), docs_left=1000, docs_per_phrase=1000, positions_left=20,
                           work_seconds=float("inf"))
        keep = text.phrase_check(terms("starting position"), docs, scores, few)
        # Positions ran out after a few posts: the rest are unread, kept as holding the words.
        assert few.cut and few.positions_left <= 0 and keep.all()
        late = PhraseBudget(0.0, docs_left=1000, docs_per_phrase=1000)  # the deadline has passed
        assert text.phrase_check(terms("starting position"), docs, scores, late).all() and late.cut
        spent = PhraseBudget(float("inf"), docs_left=0)  # the search's posts are used up
        assert spent.docs_left == 0
        idle = PhraseBudget(float("inf"), docs_left=1000, docs_per_phrase=1000, work_seconds=0.0)  # no time left
        assert text.phrase_check(terms("starting position"), docs, scores, idle).all() and idle.cut
        assert text.phrase_check(terms("starting position"), docs, scores, spent).all() and spent.cut
    finally:
        text.close()


def test_phrases_past_the_limit_are_matched_as_words(tmp_path: Path) -> None:
    from runphys.search.results import SearchRequest
    from tests.search_fixtures import build_index, sample_posts

    search_index = build_index(tmp_path / "ix", sample_posts())

    phrases = " OR ".join(f'"{a} {b}"' for a, b in [("training", "load"), ("easy", "miles"), ("single", "session"),
                                                  ("most", "runners"), ("any", "single"), ("through", "a season")])
    result = search_index.search(SearchRequest(q=phrases))
    assert any(f"first {MAX_PHRASES} quoted phrases" in n for n in result.notices)
    assert result.total > 0
    search_index.close()


def test_a_phrase_repeating_a_word_reads_it_once_and_keeps_the_order(tmp_path: Path) -> None:
    texts = ["easy easy pace today", "easy pace, easy does it", "pace easy easy"]
    write_text_store(tmp_path / "text", [{"body": terms(text)} for text in texts])
    text = TextStore(tmp_path / "text", len(texts))
    try:
        assert text.phrase_mask(terms("easy easy pace")).tolist() == [True, False, False]
        assert text.phrase_mask(terms("pace easy easy")).tolist() == [False, False, True]
    finally:
        text.close()


def test_only_a_quoted_phrase_checked_in_part_gets_the_notice(tmp_path: Path) -> None:
    from runphys.search.results import SearchRequest
    from runphys.search.strategy import PHRASES_CUT
    from tests.posts_factory import make_post
    from tests.search_fixtures import build_index

    # More posts hold both words than one phrase may read: the check is cut either way.
    posts = [make_post(f"p{n}", title=f"Knee post {n}", body=f"Runner's knee, day {n}: runners know the knee. Slow "
                       "runners run long and hold a steady pace.") for n in range(40)]
    search_index = build_index(tmp_path / "ix", posts)
    try:
        assert PHRASES_CUT in search_index.search(SearchRequest(q='"slow runners"')).notices
        # A name of several words the reader did not quote ("runner's knee") says nothing about quotes.
        assert PHRASES_CUT not in search_index.search(SearchRequest(q="runner's knee")).notices
    finally:
        search_index.close()

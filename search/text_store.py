"""The Whoosh text store: every post's terms with their positions, for what arrays cannot answer
(a reader's own "quoted phrase"). Written from terms analysed once elsewhere (Whoosh is handed
term lists, not text), and opened only when a search first needs it.

A phrase is checked only in the posts the impact rows already found holding all its words, the
best-scoring first, within the search's `PhraseBudget` (posts, positions and time spent reading,
the search's deadline):
what phrases cost does not grow with the blog. The posts left unchecked hold every word of the
phrase and stay in the results (after the checked ones, which score best), with a notice.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..index.errors import IndexDamaged
from .schema import TEXT_FIELDS
from .scoring import PhraseBudget

# Most phrases are found in the body: looked at first, a post found there is not read again.
FIELD_ORDER = ("body", *(name for name in TEXT_FIELDS if name != "body"))

# 2 cores: one process; memory per writer kept modest.
WRITER_OPTIONS: dict[str, Any] = {"procs": 1, "limitmb": 128}


class TextStoreWriter:
    """Indexes each post's field terms (positions kept) under its docnum, one post at a time."""

    def __init__(self, directory: Path) -> None:
        from whoosh import index as whoosh_index
        from whoosh.analysis.analyzers import SimpleAnalyzer
        from whoosh.fields import NUMERIC, TEXT, Schema

        # The analyzer is never run (terms arrive analysed); a Whoosh one keeps the schema portable.
        text = TEXT(analyzer=SimpleAnalyzer(), phrase=True)
        schema = Schema(doc=NUMERIC(int, stored=True, signed=False, bits=32), **dict.fromkeys(TEXT_FIELDS, text))
        directory.mkdir(parents=True, exist_ok=True)
        self._ix = whoosh_index.create_in(str(directory), schema)
        self._writer = self._ix.writer(**WRITER_OPTIONS)

    def add(self, docnum: int, fields: Mapping[str, Sequence[str]]) -> None:
        try:
            self._writer.add_document(doc=docnum, **{name: list(fields.get(name) or []) for name in TEXT_FIELDS})
        except BaseException:
            self._writer.cancel()
            self._ix.close()  # type: ignore[no-untyped-call]  # whoosh: partly annotated
            raise

    def close(self) -> None:
        self._writer.commit()
        self._ix.close()  # type: ignore[no-untyped-call]


class TextStore:
    """Phrase lookups over the store; opened on first use, one lookup at a time."""

    def __init__(self, directory: Path, size: int) -> None:
        self._directory = directory
        self._size = size
        self._lock = threading.Lock()
        self._ix: Any = None  # whoosh: untyped
        self._searcher: Any = None  # whoosh: untyped
        # Whoosh's own number of each post (None: the same as ours, as a store written whole has).
        self._internal: npt.NDArray[np.int64] | None = None

    def phrase_mask(self, terms: Sequence[str]) -> npt.NDArray[np.bool_]:
        """Posts where `terms` stand next to each other, in that order, in any text field (all
        posts checked, without bounds: for tests and tools, not for readers' searches)."""
        docs = np.arange(self._size, dtype=np.int32)
        unbounded = PhraseBudget(float("inf"), self._size, self._size, 2**62, float("inf"))
        return self.phrase_check(terms, docs, np.zeros(self._size, dtype=np.float32), unbounded)

    def phrase_check(self, terms: Sequence[str], docs: npt.NDArray[np.int32], scores: npt.NDArray[np.float32],
                     budget: PhraseBudget) -> npt.NDArray[np.bool_]:
        """Which of `docs` (ascending) hold `terms` next to each other, in that order, in a text field.

        Only the best-scoring of them that the budget allows are read (the budget's posts per phrase
        and per search, its positions and its deadline); the others are kept as matching, and the
        budget is marked `cut`."""
        keep = np.zeros(len(docs), dtype=bool)
        if not len(docs) or len(terms) < 1:
            return keep
        allowed = max(0, min(budget.docs_per_phrase, budget.docs_left))
        chosen = np.arange(len(docs))
        if len(docs) > allowed:
            best = np.argpartition(-scores, allowed - 1)[:allowed] if allowed else chosen[:0]
            keep[:] = True
            keep[best] = False  # unread posts keep their place; the read ones must show the phrase
            chosen = np.sort(best)
            budget.cut = True
        budget.docs_left -= len(chosen)
        if not len(chosen):
            return keep
        distinct = list(dict.fromkeys(terms))  # one matcher a word, however often the phrase repeats it
        places = [distinct.index(term) for term in terms]
        with self._lock:
            reader = self._opened().reader()  # opening the store once is not the search's phrase work
            started = time.monotonic()
            stop_at = min(budget.deadline, started + max(budget.work_seconds, 0.0))
            internal = docs[chosen].astype(np.int64) if self._internal is None else self._internal[docs[chosen]]
            order = np.argsort(internal, kind="stable")
            targets = list(zip(chosen[order].tolist(), internal[order].tolist(), strict=True))
            found = np.zeros(len(docs), dtype=bool)
            unread: list[int] = []
            for field in FIELD_ORDER:
                if time.monotonic() > stop_at:  # opening a field's postings costs too
                    unread = [i for i, _ in targets if not found[i]]
                    break
                matchers = _matchers(reader, field, distinct)
                if matchers is None:
                    continue
                hits, unread = _scan(matchers, places, targets, found, budget, stop_at)
                found[hits] = True
                if unread:
                    break
        budget.work_seconds -= time.monotonic() - started
        keep |= found
        if unread:
            keep[unread] = True
            budget.cut = True
        return keep

    def open(self) -> None:
        """Open the store now (IndexDamaged if it cannot be read)."""
        with self._lock:
            self._opened()

    def _opened(self) -> Any:  # whoosh's searcher: untyped
        if self._searcher is None:
            from whoosh import index as whoosh_index

            try:
                self._ix = whoosh_index.open_dir(str(self._directory))
                self._searcher = self._ix.searcher()
                self._internal = _internal_numbers(self._searcher, self._size)
            except Exception as exc:
                if self._ix is not None:
                    self._ix.close()
                    self._ix = None
                raise IndexDamaged(
                    f"cannot open the text store in {self._directory} ({exc}); rebuild with `runphys build`"
                ) from exc
        return self._searcher

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._ix.close()
                self._searcher = self._ix = None


def _internal_numbers(searcher: Any, size: int) -> npt.NDArray[np.int64] | None:  # whoosh: untyped
    """Whoosh's number of each of our posts; None when they are the same (checked, not assumed)."""
    reader = searcher.reader()
    total = reader.doc_count_all()
    stored = searcher.stored_fields
    probes = sorted({0, total // 2, total - 1}) if total else []
    if total == size and not reader.has_deletions() and all(int(stored(i)["doc"]) == i for i in probes):
        return None
    numbers = np.full(size, -1, dtype=np.int64)
    for internal in range(total):
        if not reader.is_deleted(internal):
            doc = int(stored(internal)["doc"])
            if 0 <= doc < size:
                numbers[doc] = internal
    return numbers


def _matchers(reader: Any, field: str, terms: Sequence[str]) -> list[Any] | None:  # whoosh: untyped
    """One posting matcher per term in `field`; None when a term is not in it at all."""
    from whoosh.reading import TermNotFound

    try:
        return [reader.postings(field, term) for term in terms]
    except TermNotFound:
        return None


def _scan(matchers: list[Any], places: list[int], targets: list[tuple[int, int]], done: npt.NDArray[np.bool_],
          budget: PhraseBudget, stop_at: float) -> tuple[list[int], list[int]]:  # whoosh's matchers: untyped
    """(targets holding the phrase in this field, targets left unread when the budget ran out).
    `matchers` are the phrase's distinct words; `places[k]` is the matcher of its k-th word."""
    found: list[int] = []
    for n, (index, internal) in enumerate(targets):
        if done[index] or internal < 0:
            continue
        out_of_time = time.monotonic() > stop_at  # one post's reading costs far more than this look
        if out_of_time or budget.positions_left <= 0:
            return found, [i for i, _ in targets[n:] if not done[i]]
        positions = []
        for matcher in matchers:
            if matcher.is_active() and matcher.id() < internal:
                matcher.skip_to(internal)
            if not matcher.is_active():
                return found, []  # a word has no more posts in this field
            if matcher.id() != internal:
                break
            positions.append(matcher.value_as("positions"))
        else:
            budget.positions_left -= sum(len(p) for p in positions)
            if _adjacent([positions[k] for k in places]):
                found.append(index)
    return found, []


def _adjacent(positions: list[Sequence[int]]) -> bool:
    """Some position p of the first term with p+1 of the second, p+2 of the third ..."""
    later = [set(p) for p in positions[1:]]
    return any(all(p + k in s for k, s in enumerate(later, start=1)) for p in positions[0])

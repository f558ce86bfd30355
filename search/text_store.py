"""The Whoosh text store: every post's terms with their positions, for what arrays cannot answer
(a reader's own "quoted phrase"). Written from terms analysed once elsewhere (Whoosh is handed
term lists, not text), and opened only when a search first needs it."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..index.errors import IndexDamaged
from .schema import TEXT_FIELDS

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
        self._ix: Any = None
        self._searcher: Any = None

    def phrase_mask(self, terms: Sequence[str]) -> npt.NDArray[np.bool_]:
        """Posts where `terms` stand next to each other, in that order, in any text field."""
        from whoosh.query.compound import Or
        from whoosh.query.positional import Phrase

        mask = np.zeros(self._size, dtype=bool)
        with self._lock:
            searcher = self._opened()
            q = Or([Phrase(name, list(terms)) for name in TEXT_FIELDS])
            stored = searcher.stored_fields
            for internal in searcher.docs_for_query(q):
                mask[int(stored(internal)["doc"])] = True
        return mask

    def open(self) -> None:
        """Open the store now (IndexDamaged if it cannot be read)."""
        with self._lock:
            self._opened()

    def _opened(self) -> Any:
        if self._searcher is None:
            from whoosh import index as whoosh_index

            try:
                self._ix = whoosh_index.open_dir(str(self._directory))
                self._searcher = self._ix.searcher()
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

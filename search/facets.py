"""Facet counts over a result set from per-document arrays built once per searcher (numpy)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .analysis import fold

FACETS = ("category", "body_part", "injury", "video", "year")


def split_keywords(value: Any) -> tuple[str, ...]:
    """A comma-separated keyword field as a tuple of values."""
    return tuple(v for v in (value or "").split(",") if v)


def category_key(name: str) -> str:
    """The indexed (folded) form of a category display name."""
    return fold(name).replace(",", " ").strip()


@dataclass(frozen=True)
class _Facet:
    """One facet as (document, value) pairs: `docs[i]` has value `values[codes[i]]`."""

    values: tuple[Any, ...]
    docs: np.ndarray
    codes: np.ndarray

    def counts(self, mask: np.ndarray) -> list[tuple[Any, int]]:
        hits = np.bincount(self.codes[mask[self.docs]], minlength=len(self.values))
        return [(self.values[i], int(hits[i])) for i in np.flatnonzero(hits)]


class FacetTable:
    """Facet values of every document of one searcher; `count(docnums)` is a few array ops."""

    def __init__(self, doc_count: int, facets: dict[str, _Facet], labels: dict[str, str]) -> None:
        self.doc_count = doc_count
        self._facets = facets
        self.category_labels = labels

    @classmethod
    def build(cls, stored_docs: Iterable[tuple[int, dict[str, Any]]], doc_count: int) -> FacetTable:
        """From (docnum, stored fields) pairs, e.g. `reader.iter_docs()`."""
        pairs: dict[str, list[tuple[int, Any]]] = {name: [] for name in FACETS}
        labels: dict[str, str] = {}
        for docnum, stored in stored_docs:
            names = (stored.get("meta") or {}).get("categories") or []
            for name in names:
                labels.setdefault(category_key(name), name)
            rows = {
                "category": {category_key(n) for n in names},
                "body_part": split_keywords(stored.get("body_parts")),
                "injury": split_keywords(stored.get("injuries")),
                "video": (bool(stored.get("has_video")),),
                "year": () if stored.get("year") is None else (stored["year"],),
            }
            for facet, values in rows.items():
                pairs[facet].extend((docnum, v) for v in dict.fromkeys(values))
        facets = {}
        for facet, items in pairs.items():
            values = tuple(dict.fromkeys(v for _, v in items))
            code = {v: i for i, v in enumerate(values)}
            facets[facet] = _Facet(
                values,
                np.fromiter((d for d, _ in items), dtype=np.int64, count=len(items)),
                np.fromiter((code[v] for _, v in items), dtype=np.int64, count=len(items)),
            )
        return cls(doc_count, facets, labels)

    def count(self, docnums: np.ndarray, label: Callable[[str, Any], str]) -> dict[str, list[dict[str, Any]]]:
        """Value counts per facet over `docnums`: years newest first, others most posts first."""
        mask = np.zeros(self.doc_count + 1, dtype=bool)
        mask[docnums] = True
        out: dict[str, list[dict[str, Any]]] = {}
        for name in FACETS:
            counted = self._facets[name].counts(mask)
            if name == "year":
                counted.sort(key=lambda kv: -kv[0])
            else:
                counted.sort(key=lambda kv: (-kv[1], str(kv[0])))
            out[name] = [{"value": v, "label": label(name, v), "count": n} for v, n in counted]
        return out

"""Facets and filters from arrays stored at build: which posts have which category, body part,
injury, video and year, as (post, value code) pairs. Counting a result set is one `bincount`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..text.analysis import fold

FACETS = ("category", "body_part", "injury", "video", "year")
Mask = npt.NDArray[np.bool_]


def category_key(name: str) -> str:
    """The indexed (folded) form of a category display name."""
    return " ".join(fold(name).replace(",", " ").split())


@dataclass(frozen=True)
class Facet:
    """One facet: `owners[i]` (a post) has value `values[codes[i]]`."""

    values: tuple[Any, ...]
    owners: npt.NDArray[np.int32]
    codes: npt.NDArray[np.int32]

    def counts(self, mask: Mask) -> list[tuple[Any, int]]:
        hits = np.bincount(self.codes[mask[self.owners]], minlength=len(self.values))
        return [(self.values[i], int(hits[i])) for i in np.flatnonzero(hits)]

    def having(self, value: Any, size: int) -> Mask:
        """A mask of the posts that have `value` (none when the value is unknown)."""
        mask = np.zeros(size, dtype=bool)
        try:
            code = self.values.index(value)
        except ValueError:
            return mask
        mask[self.owners[self.codes == code]] = True
        return mask


def make_facet(rows: list[tuple[Any, ...]]) -> Facet:
    """From each post's values (in post order), first-seen value order kept."""
    values: dict[Any, int] = {}
    owners: list[int] = []
    codes: list[int] = []
    for post, row in enumerate(rows):
        for value in dict.fromkeys(row):
            owners.append(post)
            codes.append(values.setdefault(value, len(values)))
    return Facet(tuple(values), np.asarray(owners, dtype=np.int32), np.asarray(codes, dtype=np.int32))


@dataclass(frozen=True)
class FacetTable:
    """Every facet of one index, and the category display names."""

    size: int
    facets: dict[str, Facet]
    category_labels: dict[str, str]

    def count(self, mask: Mask, label: Callable[[str, Any], str]) -> dict[str, list[dict[str, Any]]]:
        """Value counts per facet over the posts in `mask`: years newest first, others most posts first."""
        out: dict[str, list[dict[str, Any]]] = {}
        for name in FACETS:
            counted = self.facets[name].counts(mask)
            if name == "year":
                counted.sort(key=lambda kv: -kv[0])
            else:
                counted.sort(key=lambda kv: (-kv[1], str(kv[0])))
            out[name] = [{"value": v, "label": label(name, v), "count": n} for v, n in counted]
        return out

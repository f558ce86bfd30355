"""The search part of a bundle version: plain files (JSON and .npy), written at build and read back
whole with checks (no file stays open, so a retired version holds no descriptors).

    info.json                 format, post count, term count
    ids.json                  post ids in index order (a post's "docnum" is its place here)
    terms.json                term of each impact row ("knee", "concept:knee", "kind:stretch")
    impact.{indptr,indices,data}.npy       term x post BM25F scores (search.impact)
    feedback.{ptr,terms,counts}.npy        post x term counts of title + body start (RM3)
    body_df.npy               posts whose body holds each term (RM3 leaves common words out)
    facets.json               facet values, category display names
    facet.<name>.{owners,codes}.npy        (post, value) pairs per facet
    video.npy year.npy date.npy date_order.npy              filters and date sort
    sentences.{post_ptr,spans,term_ptr,terms}.npy           excerpts (search.excerpts)
    words.json                unstemmed words and how many posts use each (spelling)
    suggest.json              type-ahead entries (search.suggest)
    text/                     the Whoosh text store (search.text_store)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..index.errors import IndexDamaged, IndexMissing, IndexVersionMismatch
from ..index.part_files import REBUILD, read_part_file, write_json
from .excerpts import Sentences
from .facets import FACETS, Facet, FacetTable
from .impact import ImpactMatrix

FORMAT_VERSION = 1
NO_DATE = np.iinfo(np.int64).min


@dataclass(frozen=True)
class Feedback:
    """Per post: the terms of its title and body start, and how often each occurs."""

    ptr: npt.NDArray[np.int64]
    terms: npt.NDArray[np.int32]
    counts: npt.NDArray[np.uint16]


@dataclass(frozen=True)
class SearchPart:
    """Everything a search reads, in memory (or mapped)."""

    ids: list[str]
    impact: ImpactMatrix
    feedback: Feedback
    body_df: npt.NDArray[np.int32]
    facets: FacetTable
    video: npt.NDArray[np.bool_]
    year: npt.NDArray[np.int32]
    date: npt.NDArray[np.int64]  # seconds since the epoch (UTC); NO_DATE when undated
    date_order: npt.NDArray[np.int32]  # docnums, newest first, undated last
    sentences: Sentences
    words: dict[str, int]
    suggest: list[list[Any]]


def save(directory: Path, part: SearchPart) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    write_json(directory / "info.json", {"format_version": FORMAT_VERSION, "posts": len(part.ids),
                                         "terms": len(part.impact.terms)})
    write_json(directory / "ids.json", part.ids)
    write_json(directory / "terms.json", part.impact.terms)
    arrays: dict[str, npt.NDArray[Any]] = {
        "impact.indptr": part.impact.indptr, "impact.indices": part.impact.indices, "impact.data": part.impact.data,
        "feedback.ptr": part.feedback.ptr, "feedback.terms": part.feedback.terms,
        "feedback.counts": part.feedback.counts, "body_df": part.body_df, "video": part.video, "year": part.year,
        "date": part.date, "date_order": part.date_order, "sentences.post_ptr": part.sentences.post_ptr,
        "sentences.spans": part.sentences.spans, "sentences.term_ptr": part.sentences.term_ptr,
        "sentences.terms": part.sentences.terms,
    }
    for name in FACETS:
        arrays[f"facet.{name}.owners"] = part.facets.facets[name].owners
        arrays[f"facet.{name}.codes"] = part.facets.facets[name].codes
    for name, array in arrays.items():
        np.save(directory / f"{name}.npy", array, allow_pickle=False)
    write_json(directory / "facets.json", {
        "values": {name: list(part.facets.facets[name].values) for name in FACETS},
        "category_labels": part.facets.category_labels,
    })
    write_json(directory / "words.json", part.words)
    write_json(directory / "suggest.json", part.suggest)


def load(directory: Path) -> SearchPart:
    """Read and check a search part; IndexMissing, IndexVersionMismatch or IndexDamaged."""
    if not (directory / "info.json").exists():
        raise IndexMissing(f"no search index in {directory}; {REBUILD}")
    where = f"the search index in {directory}"
    info = read_part_file(directory / "info.json", where)
    if not isinstance(info, dict) or info.get("format_version") != FORMAT_VERSION:
        raise IndexVersionMismatch(f"{where} is of another format; {REBUILD}")
    ids, terms, facet_info, words, suggest = (
        read_part_file(directory / name, where)
        for name in ("ids.json", "terms.json", "facets.json", "words.json", "suggest.json"))
    a = {p.name[: -len(".npy")]: read_part_file(p, where) for p in sorted(directory.glob("*.npy"))}
    n, t = len(ids), len(terms)
    try:
        impact = ImpactMatrix(list(terms), a["impact.indptr"], a["impact.indices"], a["impact.data"])
        feedback = Feedback(a["feedback.ptr"], a["feedback.terms"], a["feedback.counts"])
        sentences = Sentences(a["sentences.post_ptr"], a["sentences.spans"], a["sentences.term_ptr"],
                              a["sentences.terms"])
        facets = {
            name: Facet(tuple(facet_info["values"][name]), a[f"facet.{name}.owners"], a[f"facet.{name}.codes"])
            for name in FACETS
        }
        part = SearchPart(
            list(ids), impact, feedback, a["body_df"], FacetTable(n, facets, dict(facet_info["category_labels"])),
            a["video"], a["year"], a["date"], a["date_order"], sentences, dict(words), list(suggest),
        )
    except (KeyError, TypeError) as exc:
        raise IndexDamaged(f"{where} is incomplete ({exc}); {REBUILD}") from exc
    checks = [
        (len(impact.indptr) == t + 1 and int(impact.indptr[-1]) == len(impact.indices) == len(impact.data),
         "impact rows"),
        (len(feedback.ptr) == n + 1 and int(feedback.ptr[-1]) == len(feedback.terms) == len(feedback.counts),
         "feedback rows"),
        (len(part.body_df) == t, "body_df"),
        (all(len(x) == n for x in (part.video, part.year, part.date, part.date_order)), "post arrays"),
        (len(sentences.post_ptr) == n + 1 and int(sentences.post_ptr[-1]) == len(sentences.spans), "sentences"),
        (len(impact.indices) == 0 or int(impact.indices.max()) < n, "impact posts"),
        (len(impact.indices) == 0 or int(impact.indices.min()) >= 0, "impact posts"),
    ]
    for ok, what in checks:
        if not ok:
            raise IndexDamaged(f"{where} is damaged ({what} do not agree); {REBUILD}")
    return part

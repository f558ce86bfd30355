"""The related/ part of a bundle version: plain files (JSON, .npy), written and read back with checks.

    config.json       RelatedConfig.to_dict() (format_version, weights, thresholds)
    ids.json          post ids: the row order of every array
    vocab.json        term -> column;  idf.npy float32 [terms];  surface.json stem -> readable word
    matrix.{indptr,indices,data}.npy          post x term TF-IDF rows, l2-normalised
    neighbours.{all,videos}.{ids,scores}.npy  int32/float32 [posts, k]: top-k cosines, descending
    lists.{all,videos}.{ptr,rows,scores,flags,why_ptr,why}.npy   each post's related list, ready
    why_words.json    the words `lists.*.why` point into
    curation.json     the author's pins and excludes these lists were built with
    topics.json       per row, the injuries its title, categories or tags name (`topics`); a part
                      written before it existed has none, and then every tagged injury counts
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..index.errors import IndexDamaged, IndexMissing, IndexVersionMismatch
from ..index.part_files import REBUILD, read_part_file, write_json
from .config import FORMAT_VERSION, RelatedConfig
from .curation import Curation, dump, parse
from .vectors import Rows, TermSpace

MODES = ("all", "videos")
# Entries stored per post and mode: what the widget and the API's usual limits ask for; a longer
# list is made on request from the k stored neighbours.
LIST_DEPTH = 10
# Reasons are stored for the first entries of each list (the widget shows four or five); deeper
# entries get theirs when asked for.
WHY_DEPTH = 6


@dataclass(frozen=True)
class Lists:
    """Every post's stored related list for one mode (CSR-style)."""

    ptr: npt.NDArray[np.int64]
    rows: npt.NDArray[np.int32]
    scores: npt.NDArray[np.float32]
    flags: npt.NDArray[np.uint8]
    why_ptr: npt.NDArray[np.int64]
    why: npt.NDArray[np.int32]


@dataclass
class Stored:
    """Everything in a related/ folder, in memory."""

    config: RelatedConfig
    ids: list[str]
    space: TermSpace
    matrix: Rows
    neighbours: dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]]
    lists: dict[str, Lists]
    why_words: list[str]
    curation: dict[str, Curation]
    topics: list[tuple[str, ...]] | None = None  # row -> its named injuries (see `topics`)


def save(directory: Path, stored: Stored) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    write_json(directory / "config.json", stored.config.to_dict())
    write_json(directory / "ids.json", stored.ids)
    write_json(directory / "vocab.json", stored.space.vocabulary)
    write_json(directory / "surface.json", stored.space.surface)
    write_json(directory / "why_words.json", stored.why_words)
    write_json(directory / "curation.json", dump(stored.curation))
    if stored.topics is not None:
        write_json(directory / "topics.json", [list(keys) for keys in stored.topics])
    arrays: dict[str, npt.NDArray[Any]] = {
        "idf": stored.space.idf.astype(np.float32),
        "matrix.indptr": stored.matrix.indptr, "matrix.indices": stored.matrix.indices,
        "matrix.data": stored.matrix.data,
    }
    for mode in MODES:
        ids, scores = stored.neighbours[mode]
        arrays[f"neighbours.{mode}.ids"], arrays[f"neighbours.{mode}.scores"] = ids, scores
        lists = stored.lists[mode]
        for name in ("ptr", "rows", "scores", "flags", "why_ptr", "why"):
            arrays[f"lists.{mode}.{name}"] = getattr(lists, name)
    for name, array in arrays.items():
        np.save(directory / f"{name}.npy", array, allow_pickle=False)


def _read(directory: Path, name: str) -> Any:
    return read_part_file(directory / name, f"related index {directory}")


def _check(condition: bool, directory: Path, message: str) -> None:
    if not condition:
        raise IndexDamaged(f"related index {directory}: {message}; {REBUILD}")


def load(directory: Path) -> Stored:
    """Read and check a related/ folder; IndexMissing, IndexVersionMismatch or IndexDamaged."""
    if not directory.is_dir():
        raise IndexMissing(f"no related index at {directory}; build one with `runphys build`")
    raw_config = _read(directory, "config.json")
    _check(isinstance(raw_config, dict), directory, "config.json is not an object")
    if raw_config.get("format_version") != FORMAT_VERSION:
        raise IndexVersionMismatch(
            f"related index {directory} has format {raw_config.get('format_version')}, this version reads "
            f"{FORMAT_VERSION}; {REBUILD}")
    config = RelatedConfig.from_dict(raw_config)
    ids, vocab, surface, why_words, curation = (
        _read(directory, n) for n in ("ids.json", "vocab.json", "surface.json", "why_words.json", "curation.json"))
    _check(isinstance(ids, list) and len(set(ids)) == len(ids), directory, "ids.json is not a list of unique ids")
    _check(isinstance(vocab, dict) and isinstance(why_words, list), directory, "vocab.json or why_words.json is odd")
    n, v = len(ids), len(vocab)
    idf = _read(directory, "idf.npy")
    matrix = Rows(_read(directory, "matrix.indptr.npy"), _read(directory, "matrix.indices.npy"),
                  _read(directory, "matrix.data.npy"), v)
    _check(idf.shape == (v,), directory, f"idf.npy has shape {idf.shape}, vocab.json has {v} terms")
    _check(len(matrix.indptr) == n + 1 and int(matrix.indptr[-1]) == len(matrix.indices) == len(matrix.data),
           directory, "the matrix does not match ids.json")
    _check(not len(matrix.indices) or int(matrix.indices.max()) < v, directory, "the matrix points outside vocab.json")
    neighbours = {}
    lists = {}
    for mode in MODES:
        nbr, scores = _read(directory, f"neighbours.{mode}.ids.npy"), _read(directory, f"neighbours.{mode}.scores.npy")
        _check(nbr.ndim == 2 and nbr.shape[0] == n and nbr.shape == scores.shape and nbr.dtype == np.int32,
               directory, f"neighbours.{mode} has shape {nbr.shape}, expected ({n}, k)")
        _check(bool(((nbr >= -1) & (nbr < n)).all()), directory, f"neighbours.{mode} points outside ids")
        neighbours[mode] = (nbr, scores)
        part = Lists(*(_read(directory, f"lists.{mode}.{name}.npy")
                       for name in ("ptr", "rows", "scores", "flags", "why_ptr", "why")))
        entries = len(part.rows)
        _check(len(part.ptr) == n + 1 and int(part.ptr[-1]) == entries == len(part.scores) == len(part.flags)
               and len(part.why_ptr) == entries + 1 and int(part.why_ptr[-1]) == len(part.why),
               directory, f"lists.{mode} do not agree")
        _check(not entries or (int(part.rows.min()) >= 0 and int(part.rows.max()) < n), directory,
               f"lists.{mode} point outside ids")
        _check(not len(part.why) or int(part.why.max()) < len(why_words), directory, f"lists.{mode} why is odd")
        lists[mode] = part
    space = TermSpace(dict(vocab), idf.astype(np.float32), dict(surface), config.sublinear_tf)
    return Stored(
        config, list(ids), space, matrix, neighbours, lists, list(why_words), parse(curation, "curation.json"),
        _topics(directory, n),
    )


def _topics(directory: Path, n: int) -> list[tuple[str, ...]] | None:
    """topics.json, checked; None for a part written before it existed."""
    if not (directory / "topics.json").exists():
        return None
    raw = _read(directory, "topics.json")
    _check(isinstance(raw, list) and len(raw) == n
           and all(isinstance(keys, list) and all(isinstance(k, str) for k in keys) for keys in raw),
           directory, "topics.json is not a list of key lists, one per id")
    return [tuple(keys) for keys in raw]

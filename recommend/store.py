"""The related/ folder: plain files (JSON, .npy, .npz), written and read back with validation.

    config.json     RelatedConfig.to_dict() (format_version, weights, thresholds)
    ids.json        post ids, row order of every array
    vocab.json      term -> column;  idf.npy float32 [terms]
    surface.json    stem -> commonest surface word (explanations)
    matrix.npz      scipy.sparse CSR float32 [posts, terms], l2-normalised TF-IDF
    neighbours.npy  int32 [posts, k] (-1 = none);  scores.npy float32 [posts, k] cosine, desc
    curation.json   optional, written by the author: see recommend.curation
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..index.errors import IndexDamaged, IndexMissing, IndexVersionMismatch
from .config import FORMAT_VERSION, RelatedConfig
from .vectors import TermSpace

FILES = ("config.json", "ids.json", "vocab.json", "idf.npy", "surface.json", "matrix.npz",
         "neighbours.npy", "scores.npy")


@dataclass
class Stored:
    """Everything in a related/ folder, in memory."""

    config: RelatedConfig
    ids: list[str]
    space: TermSpace
    matrix: sp.csr_matrix
    neighbours: np.ndarray
    scores: np.ndarray


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _write_npy(path: Path, array: np.ndarray) -> None:
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, array, allow_pickle=False)
    os.replace(tmp, path)


def save(directory: Path, stored: Stored) -> None:
    """Write every file (each replaced atomically; the bundle swaps whole versions anyway)."""
    directory.mkdir(parents=True, exist_ok=True)
    _write_json(directory / "config.json", stored.config.to_dict())
    _write_json(directory / "ids.json", stored.ids)
    _write_json(directory / "vocab.json", stored.space.vocabulary)
    _write_json(directory / "surface.json", stored.space.surface)
    _write_npy(directory / "idf.npy", stored.space.idf.astype(np.float32))
    _write_npy(directory / "neighbours.npy", stored.neighbours.astype(np.int32))
    _write_npy(directory / "scores.npy", stored.scores.astype(np.float32))
    tmp = directory / "matrix.tmp.npz"
    sp.save_npz(tmp, sp.csr_matrix(stored.matrix, dtype=np.float32), compressed=False)
    os.replace(tmp, directory / "matrix.npz")


def _read(directory: Path, name: str) -> Any:
    path = directory / name
    try:
        if name.endswith(".json"):
            return json.loads(path.read_text(encoding="utf-8"))
        with path.open("rb") as handle:  # our handle: closed even when the file is truncated
            if name.endswith(".npz"):
                return sp.csr_matrix(sp.load_npz(handle))
            return np.load(handle, allow_pickle=False)
    except FileNotFoundError:
        raise IndexDamaged(f"related index {directory}: {name} is missing; rebuild with `runphys build`",
                           {"file": str(path)}) from None
    except (ValueError, OSError, EOFError, KeyError, zipfile.BadZipFile) as exc:
        raise IndexDamaged(f"related index {directory}: {name} is damaged ({exc}); rebuild with `runphys build`",
                           {"file": str(path)}) from exc


def _check(condition: bool, directory: Path, message: str) -> None:
    if not condition:
        raise IndexDamaged(f"related index {directory}: {message}; rebuild with `runphys build`")


def load(directory: Path) -> Stored:
    """Read and validate a related/ folder; IndexMissing, IndexVersionMismatch or IndexDamaged."""
    directory = Path(directory)
    if not directory.is_dir():
        raise IndexMissing(f"no related index at {directory}; build one with `runphys build`")
    raw_config = _read(directory, "config.json")
    _check(isinstance(raw_config, dict), directory, "config.json is not an object")
    if raw_config.get("format_version") != FORMAT_VERSION:
        raise IndexVersionMismatch(
            f"related index {directory} has format {raw_config.get('format_version')}, this version reads "
            f"{FORMAT_VERSION}; rebuild with `runphys build`")
    config = RelatedConfig.from_dict(raw_config)
    ids, vocab, surface = (_read(directory, name) for name in ("ids.json", "vocab.json", "surface.json"))
    idf, matrix = _read(directory, "idf.npy"), _read(directory, "matrix.npz")
    neighbours, scores = _read(directory, "neighbours.npy"), _read(directory, "scores.npy")
    n = len(ids)
    _check(isinstance(ids, list) and len(set(ids)) == n, directory, "ids.json is not a list of unique ids")
    _check(isinstance(vocab, dict) and idf.shape == (len(vocab),), directory,
           f"idf.npy has shape {idf.shape}, vocab.json has {len(vocab)} terms")
    _check(matrix.shape == (n, len(vocab)), directory,
           f"matrix.npz has shape {matrix.shape}, expected ({n}, {len(vocab)})")
    for name, array, dtype in (("neighbours", neighbours, np.int32), ("scores", scores, np.float32)):
        _check(array.ndim == 2 and array.shape[0] == n and array.dtype == dtype, directory,
               f"{name}.npy has shape {array.shape} {array.dtype}, expected ({n}, k) {np.dtype(dtype)}")
    _check(neighbours.shape == scores.shape, directory, "neighbours.npy and scores.npy differ in shape")
    _check(bool(((neighbours >= -1) & (neighbours < n)).all()), directory, "neighbours.npy points outside ids")
    space = TermSpace(vocab, idf.astype(np.float32), surface, config.sublinear_tf, config.norm)
    return Stored(config, ids, space, matrix, neighbours, scores)

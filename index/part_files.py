"""The files of a bundle part (search/, related/): JSON and .npy, written into the build's staging
folder and read back checked, so that a missing or truncated file is IndexDamaged, never a crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .errors import IndexDamaged, is_transient

REBUILD = "rebuild with `runphys build`"


def write_json(path: Path, data: Any) -> None:
    # No temporary file: a part is written into a staging folder that is switched in whole.
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def read_part_file(path: Path, part: str) -> Any:
    """The JSON or array in `path`, a file of `part` ("the search index in DIR")."""
    try:
        if path.suffix == ".json":
            return json.loads(path.read_text(encoding="utf-8"))
        with path.open("rb") as handle:  # our handle: closed even when the file is truncated
            return np.load(handle, allow_pickle=False)
    except FileNotFoundError:
        raise IndexDamaged(f"{part}: {path.name} is missing; {REBUILD}", {"file": str(path)}) from None
    except (OSError, ValueError, EOFError) as exc:
        if is_transient(exc):
            raise  # a full descriptor table or an interrupted read: worth a retry, not damage
        raise IndexDamaged(f"{part}: {path.name} is damaged ({exc}); {REBUILD}", {"file": str(path)}) from exc

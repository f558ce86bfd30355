"""A bundle version's vocabulary, parsed once at build and stored ready to use.

Reading a vocabulary (YAML, checks, combined names, phrase tables) costs seconds for a large file;
every worker switching to a new version used to pay it again, while a request waited. The build
now stores the parsed `Vocabulary` beside the version's `vocabulary.yaml` snapshot, as a pickle,
and a worker loads that in a fraction of the time.

The pickle is written by our own build into the version folder, next to files the manifest
checks by size; it is still read with an unpickler that only builds the vocabulary's own classes
and plain containers (no other callable), so a tampered file cannot run code, only fail to load.
It records the SHA-256 of the YAML text it was parsed from: a pickle that is missing, of another
format, damaged or not of that text is ignored and the YAML snapshot is parsed instead.
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import Any

from .vocabulary import Vocabulary

COMPILED = "vocabulary.pickle"
FORMAT = 1  # bumped when a change to the vocabulary's classes makes older pickles unusable
# What a compiled vocabulary may contain besides the classes of `runphys.text`.
_BUILTINS = frozenset({"frozenset", "set", "tuple", "list", "dict", "str", "int", "float", "bool", "object"})


class _VocabularyUnpickler(pickle.Unpickler):
    """Builds only the vocabulary's own classes (runphys.text.*) and plain containers."""

    def find_class(self, module: str, name: str) -> Any:
        if (module == "builtins" and name in _BUILTINS) or module.startswith("runphys.text."):
            return super().find_class(module, name)
        if module in ("copyreg", "re") and name in ("__newobj__", "_reconstructor", "_compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a vocabulary")


def write_compiled(folder: Path, vocabulary: Vocabulary) -> None:
    """Store `vocabulary` in a version folder being built (made durable with the rest of it)."""
    data = pickle.dumps((FORMAT, vocabulary.source.sha256, vocabulary), protocol=pickle.HIGHEST_PROTOCOL)
    (folder / COMPILED).write_bytes(data)


def read_compiled(folder: Path, sha256: str) -> Vocabulary | None:
    """The stored vocabulary of a version when it is there, readable and parsed from the text with
    this SHA-256; None otherwise (the caller parses the YAML snapshot)."""
    try:
        data = (folder / COMPILED).read_bytes()
        found = _VocabularyUnpickler(io.BytesIO(data)).load()
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError,
            IndexError, KeyError, MemoryError, RecursionError):
        return None
    if (not isinstance(found, tuple) or len(found) != 3 or found[0] != FORMAT or found[1] != sha256
            or not isinstance(found[2], Vocabulary)):
        return None
    return found[2]

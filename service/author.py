"""The author's state, as the pipeline and the commands use it: which vocabulary a build uses, and
the pins and excludes of related lists. The files live at the index root (`index.author_state`)."""

from __future__ import annotations

from pathlib import Path

from ..index.author_state import CURATION_FILE, VOCABULARY_FILE, read_json, write_atomically, write_json
from ..index.bundle import OpenBundle
from ..index.errors import BadRequest
from ..recommend.curation import Curation, dump, parse
from ..text.vocabulary import Vocabulary
from ..text.vocabulary_file import SNAPSHOT, package_vocabulary, read_vocabulary, read_vocabulary_snapshot


def vocabulary_for_build(index_dir: Path, override: Path | None = None) -> Vocabulary:
    """The vocabulary a build uses: `override` (RUNPHYS_VOCABULARY), else the author's copy at the
    index root, else the package's. A mistake in the file is a VocabularyError naming the line."""
    if override is not None:
        return read_vocabulary(override)
    installed = index_dir / VOCABULARY_FILE
    if installed.exists():
        return read_vocabulary(installed)
    return package_vocabulary()


def bundle_vocabulary(bundle: OpenBundle) -> Vocabulary:
    """The vocabulary a version was built with (its snapshot; never the package's file)."""
    return read_vocabulary_snapshot(bundle.path / SNAPSHOT)


def install_vocabulary(index_dir: Path, path: Path) -> Vocabulary:
    """Check the vocabulary at `path` and make it the index's own (kept across every rebuild)."""
    vocabulary = read_vocabulary(path)
    write_atomically(index_dir / VOCABULARY_FILE, vocabulary.source.text)
    return vocabulary


def read_curation(index_dir: Path) -> dict[str, Curation]:
    """The author's curation at the index root ({} when there is none)."""
    path = index_dir / CURATION_FILE
    try:
        data = read_json(path)
    except ValueError as exc:
        raise BadRequest(f"{path} is not valid JSON ({exc}); fix or remove it") from exc
    return parse(data, str(path))


def write_curation(index_dir: Path, curation: dict[str, Curation]) -> None:
    write_json(index_dir / CURATION_FILE, dump(curation))


def current_vocabulary(index_dir: Path, override: Path | None = None) -> tuple[Vocabulary, str]:
    """The vocabulary in use and where it comes from: the live version's snapshot when there is a
    bundle (what queries use), else the one the next build would take."""
    from ..index.bundle import has_bundle, open_bundle

    if has_bundle(index_dir):
        bundle = open_bundle(index_dir)
        return bundle_vocabulary(bundle), f"the live index (build {bundle.manifest.build_id})"
    if override is not None:
        return read_vocabulary(override), f"RUNPHYS_VOCABULARY ({override})"
    if (index_dir / VOCABULARY_FILE).exists():
        return read_vocabulary(index_dir / VOCABULARY_FILE), f"the index root ({index_dir / VOCABULARY_FILE})"
    return package_vocabulary(), "the package's default"

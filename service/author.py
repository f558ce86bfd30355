"""The author's state, as the pipeline and the commands use it: which vocabulary a build uses, and
the pins and excludes of related lists. The files live at the index root (`index.author_state`)."""

from __future__ import annotations

from pathlib import Path

from ..index.author_problems import AuthorProblem
from ..index.author_state import CURATION_FILE, VOCABULARY_FILE, checksum, json_text, read_json, write_atomically
from ..index.bundle import Manifest, OpenBundle, current_link
from ..index.errors import AuthorFileInvalid, BadRequest, StorageFailed
from ..recommend.curation import Curation, dump, parse
from ..text.vocabulary import Vocabulary
from ..text.vocabulary_file import SNAPSHOT, package_vocabulary, read_vocabulary, read_vocabulary_snapshot

# How the author gets out of an invalid curation.json (in every error about it).
CURATION_FIX = ("fix it by hand (an object of post id -> {\"pin\": [...], \"exclude\": [...], "
                "\"exclude_categories\": [...]}), or move it away to start again from no pins and excludes; "
                "until then builds keep the curation the live version serves and curation changes are refused")


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
    """The author's curation at the index root ({} when there is none).

    AuthorFileInvalid (400) names the full path when it is not JSON, nests too deeply or is not in
    the format; StorageFailed (503) when it cannot be read (a folder in its place, no permission)."""
    path = index_dir / CURATION_FILE
    try:
        return parse(read_json(path), str(path))
    except ValueError as exc:  # BadRequest is not a ValueError: the format's own messages pass below
        raise AuthorFileInvalid(f"{path} is not valid JSON ({exc}); {CURATION_FIX}",
                                {"file": str(path), "reason": str(exc)}) from exc
    except BadRequest as exc:
        raise AuthorFileInvalid(f"{exc.message}; {CURATION_FIX}", {"file": str(path), "reason": exc.message}) from exc


def curation_for_build(index_dir: Path) -> tuple[dict[str, Curation], list[AuthorProblem]]:
    """The curation a build applies, and the problems met reading it.

    A `curation.json` that cannot be used must not block every build (nor silently drop every
    pin): the build keeps the curation the live version serves, and reports why as a problem."""
    try:
        return read_curation(index_dir), []
    except (AuthorFileInvalid, StorageFailed) as exc:
        kept = _served_curation(index_dir)
        note = "the build kept the pins and excludes the live version serves" if kept else "no curation was applied"
        return kept, [{"file": str(index_dir / CURATION_FILE), "line": 0, "reason": f"{exc.message} ({note})"}]


def _served_curation(index_dir: Path) -> dict[str, Curation]:
    """The curation the live version's related lists were made with ({} when there is none, or
    the live version is damaged: a build must still be able to replace it)."""
    try:
        return parse(read_json(current_link(index_dir) / "related" / "curation.json"), "related/curation.json")
    except (ValueError, BadRequest, StorageFailed):
        return {}


def recorded_problems(manifest: Manifest) -> list[tuple[str, AuthorProblem]]:
    """(file kind, problem) for what a version could not apply of the author's state, as its
    manifest records it (kinds: edits, curation, vocabulary)."""
    out: list[tuple[str, AuthorProblem]] = []
    for part in ("edits", "curation", "vocabulary"):
        entry = manifest.author_state.get(part)
        for found in entry.get("problems", []) if isinstance(entry, dict) else []:
            if isinstance(found, dict):
                out.append((part, AuthorProblem(file=str(found.get("file", part)), line=int(found.get("line") or 0),
                                                reason=str(found.get("reason", "")))))
    return out


def author_problems(bundle: OpenBundle) -> list[AuthorProblem]:
    """What the author should know about their state and the live version: what it could not
    apply, and a curation.json that differs from the one it serves (edited by hand since, or a
    change that did not finish: the next build or curation change serves it)."""
    found = [problem for _, problem in recorded_problems(bundle.manifest)]
    path = bundle.index_dir / CURATION_FILE
    entry = bundle.manifest.author_state.get("curation")
    served = entry.get("sha256") if isinstance(entry, dict) else None
    if isinstance(entry, dict) and not entry.get("problems") and checksum(path) != served:
        found.append(AuthorProblem(file=str(path), line=0, reason=(
            "this file differs from the curation the live version serves (edited since, or a change that did "
            "not finish); the next build or curation change applies it")))
    return found


def curation_text(curation: dict[str, Curation]) -> str:
    """What `write_curation` writes (so a manifest can record its checksum before it is written)."""
    return json_text(dump(curation))


def write_curation(index_dir: Path, curation: dict[str, Curation]) -> None:
    write_atomically(index_dir / CURATION_FILE, curation_text(curation))


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

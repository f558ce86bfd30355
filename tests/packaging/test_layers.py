"""The import rule as code: every module imports only its own package and the packages below it.

`LAYERS` is the one place the order is written. A package may import any package in a lower
layer, never one in its own layer (sideways) or above it (upward), not even inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.paths import ROOT

# Lowest first. `index` holds the Post record, the importers, the bundle format, the author's
# files at the index root and the error family every layer raises.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("index",),
    ("text",),
    ("search", "recommend"),
    ("gaps",),
    ("service",),
    ("api",),
    ("cli",),
)
LEVEL = {package: level for level, packages in enumerate(LAYERS) for package in packages}
# `cli serve` starts the HTTP app: the one arrow between the top two, and only that way.
ALLOWED_EXTRA = {("cli", "api")}


def _modules() -> list[tuple[str, Path]]:
    return [(package, path) for package in LEVEL for path in sorted((ROOT / package).rglob("*.py"))]


def imported_packages(path: Path, package: str) -> set[str]:
    """The runphys packages a module imports, by absolute (`runphys.x`) or relative (`..x`) import."""
    depth = len(path.relative_to(ROOT / package).parts)  # 1 for a module at the package's top
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names = [node.module or ""]
            elif node.level <= depth:
                names = [f"runphys.{package}"]  # inside its own package
            elif node.level == depth + 1:  # `from ..x import y` at a package's top: runphys.x
                names = [f"runphys.{node.module}"] if node.module else [f"runphys.{a.name}" for a in node.names]
            else:
                names = ["runphys.<beyond the top>"]
        for name in names:
            parts = name.split(".")
            if parts[0] == "runphys" and len(parts) > 1:
                found.add(parts[1])
    return found


def _name(value: object) -> str:
    return str(value.relative_to(ROOT)) if isinstance(value, Path) else str(value)


@pytest.mark.parametrize(("package", "path"), _modules(), ids=_name)
def test_imports_point_down(package: str, path: Path) -> None:
    for target in imported_packages(path, package) - {package}:
        assert target in LEVEL, f"{path.relative_to(ROOT)} imports runphys.{target}, which has no layer"
        allowed = LEVEL[target] < LEVEL[package] or (package, target) in ALLOWED_EXTRA
        assert allowed, (
            f"{path.relative_to(ROOT)} ({package}, layer {LEVEL[package]}) imports runphys.{target} "
            f"(layer {LEVEL[target]}): imports point down only; the order is LAYERS in {Path(__file__).name}"
        )


def test_every_source_package_has_a_layer() -> None:
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests"}
    assert packages == set(LEVEL)


def test_the_scan_sees_relative_and_absolute_imports(tmp_path: Path) -> None:
    module = ROOT / "search" / "searcher.py"
    assert {"index", "text"} <= imported_packages(module, "search")

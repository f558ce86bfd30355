"""What `pip install` puts in site-packages: one package, `runphys`, and its metadata; never the
tests, never a top-level `index` or `search` that another distribution could clash with."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.paths import ROOT


@pytest.mark.slow
def test_the_wheel_installs_one_namespace_and_its_data(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    # Built from a copy: pip builds in the source folder, and the tree keeps no `build/lib` debris.
    source = tmp_path / "source"
    debris = shutil.ignore_patterns(".venv", "build", ".git", "test-artifacts", "*.egg-info")
    shutil.copytree(ROOT, source, ignore=debris)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
                           capture_output=True, text=True, check=False)
    if built.returncode and "Could not find a version" in built.stderr:
        pytest.skip(f"no package index to fetch the build backend from: {built.stderr.strip()[-300:]}")
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("runphys_search-*.whl")

    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    before = {p.name for p in site.iterdir()}
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    added = {p.name for p in site.iterdir()} - before

    assert {name for name in added if not name.endswith(".dist-info")} == {"runphys"}
    [info] = [name for name in added if name.endswith(".dist-info")]
    assert (site / info / "top_level.txt").read_text().split() == ["runphys"]
    package = site / "runphys"
    assert not (package / "__init__.py").exists()  # a namespace: the subpackages are the parts
    assert {p.name for p in package.iterdir() if p.is_dir() and p.name != "__pycache__"} == {
        "index", "text", "search", "recommend", "gaps", "service", "api", "cli"}
    assert not list(site.glob("tests")) and not list(package.rglob("test_*.py"))
    # The data the code reads at run time is installed with it.
    for data in ("text/vocabulary.yaml", "index/demo/README.md", "api/templates/base.html", "api/static/site.css",
                 "gaps/templates/report.html", "search/py.typed"):
        assert (package / data).is_file(), data
    assert len(list((package / "index" / "demo" / "posts").glob("*.md"))) == 72
    entry = env / "bin" / "runphys"
    assert entry.exists() and "runphys.cli.main" in entry.read_text()

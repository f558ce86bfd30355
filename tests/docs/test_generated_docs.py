"""The generated docs match the code: every command's --help, every setting, every API operation.

A failure here means a command, flag, setting or route changed without its page: regenerate with
`python docs/regenerate.py` (docs/contributing.md, "The docs") and commit the pages.
"""

from __future__ import annotations

import runpy
import subprocess
import sys

import pytest

from tests.paths import ROOT

REGENERATE = ROOT / "docs" / "regenerate.py"
# The pages regenerate.py rewrites (its GENERATED); the CLI's runs every command's --help.
GENERATED: tuple[str, ...] = runpy.run_path(str(REGENERATE), run_name="regenerate")["GENERATED"]
SLOW = {"docs/cli.md"}


def check(page: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REGENERATE), "--check", page], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.mark.parametrize(
    "page", [pytest.param(page, marks=[pytest.mark.slow] if page in SLOW else []) for page in GENERATED]
)
def test_a_generated_page_matches_the_code(page):
    done = check(page)
    assert done.returncode == 0, (
        f"{page} no longer matches the code; regenerate with: python docs/regenerate.py\n{done.stdout}{done.stderr}"
    )


def test_every_page_with_cog_blocks_is_regenerated():
    with_blocks = {str(page.relative_to(ROOT)) for page in sorted((ROOT / "docs").glob("*.md"))
                   if "[[[cog" in page.read_text(encoding="utf-8")}
    assert set(GENERATED) == with_blocks
    assert {"docs/cli.md", "docs/settings.md", "docs/http.md"} <= with_blocks


def test_the_check_names_the_drift_and_the_command(tmp_path):
    """A page edited by hand fails the check, which prints the difference and how to regenerate."""
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    stale = tmp_path / "settings.md"
    stale.write_text(page.replace("`RUNPHYS_PORT`", "`RUNPHYS_PORT_OLD`"), encoding="utf-8")
    done = check(str(stale))
    assert done.returncode != 0
    assert "RUNPHYS_PORT_OLD" in done.stdout  # the difference
    assert "regenerate with: python docs/regenerate.py" in done.stdout + done.stderr


def test_generation_does_not_depend_on_the_terminal_or_the_environment():
    """Width, colour and RUNPHYS_* settings of the person regenerating never reach the pages."""
    import os

    env = {**os.environ, "COLUMNS": "37", "FORCE_COLOR": "1", "TERMINAL_WIDTH": "200", "RUNPHYS_PORT": "9999",
           "RUNPHYS_INDEX": "/elsewhere", "TYPER_USE_RICH": "1"}
    done = subprocess.run([sys.executable, str(REGENERATE), "--check", "docs/settings.md", "docs/http.md"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr

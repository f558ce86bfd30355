"""Where the tests find the repository, its fixtures and the read-only `../shared` data."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
IMPORT_FIXTURES = FIXTURES / "import"
SHARED = ROOT.parent / "shared"

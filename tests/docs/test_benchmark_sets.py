"""Every symptom set and red-flag file in benchmarks/symptom_queries is scored by the benchmark.

A file written for a held-out estimate and never registered in benchmarks/search_quality.py would
sit unscored while the docs quote its numbers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.paths import ROOT

SETS = ROOT / "benchmarks" / "symptom_queries"
BENCHMARK = (ROOT / "benchmarks" / "search_quality.py").read_text(encoding="utf-8")
# The names of the symptom sets the benchmark scores beside the first (its SYMPTOM_SETS tuple).
SYMPTOM_SETS = re.search(r"^SYMPTOM_SETS = \((.*?)\)", BENCHMARK, re.M | re.S).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("path", sorted(SETS.glob("*red_flags.jsonl")), ids=lambda p: p.name)
def test_each_red_flag_file_is_scored_and_labelled(path: Path) -> None:
    # A set's own file is read from SYMPTOM_SETS; any other is listed by name.
    assert f'"{path.name}"' in BENCHMARK or f'"{path.name.removesuffix("_red_flags.jsonl")}"' in SYMPTOM_SETS
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert cases and all(isinstance(c["text"], str) and isinstance(c["red_flag"], bool) for c in cases)
    assert len({c["id"] for c in cases}) == len(cases)


@pytest.mark.parametrize("path", sorted(SETS.glob("*_queries.jsonl")), ids=lambda p: p.name)
def test_each_symptom_set_is_scored_with_its_judgments(path: Path) -> None:
    prefix = path.name.removesuffix("queries.jsonl")
    assert f'"{prefix.removesuffix("_")}"' in SYMPTOM_SETS
    ids = {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    judged = {line.split("\t")[0] for line in (SETS / f"{prefix}qrels.tsv").read_text(encoding="utf-8").splitlines()
              if line.strip()}
    assert ids == judged


def test_every_named_set_has_its_files() -> None:
    # The benchmark reads `<name>_queries.jsonl`, its judgments and (but for the check set) its red flags.
    for name in re.findall(r'"(\w+)"', SYMPTOM_SETS):
        wanted = ["queries.jsonl", "qrels.tsv"] + ([] if name == "check" else ["red_flags.jsonl"])
        assert all((SETS / f"{name}_{suffix}").is_file() for suffix in wanted), name

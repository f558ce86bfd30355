"""What a vocabulary file may cost: combined names capped (a warning naming the line), nesting
bounded (an error naming the line). The parsed form each version stores for its workers:
test_vocabulary_compiled."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from runphys.index.errors import VocabularyError
from runphys.index.yaml_text import MAX_DEPTH, YamlRefused, load_yaml
from runphys.text import vocabulary_file
from runphys.text.vocabulary_file import (
    MAX_COMBINED_PER_INJURY,
    package_vocabulary,
    parse,
    read_vocabulary,
)

KINDS = "kinds:\n  - key: other\n    name: Other\n"


def square(names: int) -> str:
    """A body part with `names` names and an injury whose names each start with one of them: the
    shape whose combinations grow with the square of the file."""
    part = "\n".join(f"      - name{i} zone" for i in range(names))
    injury = "\n".join(f"      - name{i} zone strain{i}" for i in range(names))
    return (f"body_parts:\n  - key: part\n    name: Part\n    terms:\n{part}\n"
            f"injuries:\n  - key: hurt\n    name: Part syndrome\n    body_part: part\n    terms:\n{injury}\n{KINDS}")


def test_the_package_vocabulary_is_under_every_cap() -> None:
    vocabulary = package_vocabulary()
    assert vocabulary.warnings == ()
    assert max(len(c.combined) for c in vocabulary.injuries) < MAX_COMBINED_PER_INJURY


def test_combined_names_are_capped_and_the_cap_is_a_warning_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "square.yaml"
    path.write_text(square(400), encoding="utf-8")  # 400 x 399 = 159,600 names uncapped
    vocabulary = read_vocabulary(path)
    injury = vocabulary.concept("hurt")
    assert len(injury.combined) == MAX_COMBINED_PER_INJURY
    [warning] = vocabulary.warnings
    line = square(400).splitlines().index("  - key: hurt") + 1
    assert warning.startswith(f"{path}:{line}: injuries[0]: ") and f"more than {MAX_COMBINED_PER_INJURY}" in warning
    # What was made still matches, and the names listed always do.
    assert vocabulary.concepts_in("my name5 zone syndrome again") == ["hurt"]
    assert vocabulary.concepts_in("my name399 zone strain399") == ["hurt"]


def test_a_large_square_file_checks_in_bounded_memory(tmp_path: Path) -> None:
    """220 KB of this shape took 36 s and 4.6 GB before the cap; in a process limited to 1 GB of
    address space it now checks (exit 0, one warning). Time is measured by the benchmark."""
    path = tmp_path / "square.yaml"
    path.write_text(square(5_000), encoding="utf-8")
    assert path.stat().st_size > 200_000
    script = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
              "from runphys.text.vocabulary_file import read_vocabulary; from pathlib import Path;"
              "v = read_vocabulary(Path(sys.argv[1])); print(len(v.warnings), len(v.concept('hurt').combined))")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["1", str(MAX_COMBINED_PER_INJURY)]


def test_many_injuries_stop_combining_at_the_total_cap_with_one_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vocabulary_file, "MAX_COMBINED", 30)
    parts = "".join(f"  - key: p{i}\n    name: Zone{i}\n    terms: [zone{i} area, zone{i} spot]\n" for i in range(20))
    injuries = "".join(f"  - key: i{i}\n    name: Zone{i} strain\n    body_part: p{i}\n" for i in range(20))
    vocabulary = parse(f"body_parts:\n{parts}injuries:\n{injuries}{KINDS}", "wide.yaml")
    assert sum(len(c.combined) for c in vocabulary.injuries) == 30
    [warning] = vocabulary.warnings
    assert warning.startswith("wide.yaml:") and "stopped here" in warning and "later injuries get none" in warning


@pytest.mark.parametrize("nested", [
    "body_parts:\n" + "".join("  " * (i + 1) + f"- k{i}:\n" for i in range(MAX_DEPTH + 5)),
    "body_parts: " + "[" * 5000 + "]" * 5000 + "\n",
])
def test_a_deeply_nested_vocabulary_is_an_error_with_a_line(tmp_path: Path, nested: str) -> None:
    path = tmp_path / "nested.yaml"
    path.write_text(nested, encoding="utf-8")
    with pytest.raises(VocabularyError) as raised:
        read_vocabulary(path)
    assert raised.value.detail["line"] >= 1
    assert raised.value.message.startswith(f"{path}:{raised.value.detail['line']}: ")


def test_a_key_given_twice_is_refused_with_both_lines() -> None:
    # Two `reason:` lines in one red flag, where an entry was pasted over the end of another: the
    # first would otherwise vanish without a word.
    text = "red_flags:\n  - key: calf\n    reason: A\n    terms: [x]\n    reason: B\n"
    with pytest.raises(YamlRefused, match=r"'reason' is given twice in one mapping \(first on line 3\)") as raised:
        load_yaml(text)
    assert (raised.value.line, raised.value.code) == (5, "yaml-repeated-key")
    # Equal values under different parents, and equal list items, are not repeats.
    assert load_yaml("a: {k: 1}\nb: {k: 1}\nl: [x, x]\n").data == {"a": {"k": 1}, "b": {"k": 1}, "l": ["x", "x"]}


def test_a_vocabulary_with_a_key_given_twice_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text(KINDS + "kinds:\n  - key: stretch\n    name: Stretches\n", encoding="utf-8")
    with pytest.raises(VocabularyError) as raised:
        read_vocabulary(path)
    assert raised.value.detail["line"] == 4
    assert "'kinds' is given twice" in raised.value.message


def test_yaml_refuses_what_it_always_refused() -> None:
    with pytest.raises(YamlRefused, match="anchors and aliases") as raised:
        load_yaml("a: &x [1, 2]\nb: *x\n")
    assert raised.value.line == 1
    with pytest.raises(YamlRefused, match="single YAML document") as raised:
        load_yaml("a: 1\n---\nb: 2\n")
    assert raised.value.line == 2
    with pytest.raises(YamlRefused, match="mapping key"):
        load_yaml("? [a, b]\n: c\n")
    document = load_yaml("x: yes\ny: 2\nz: ~\nw: 1.5\nq: 'yes'\nl:\n  - a\n  - {b: c}\n")
    assert document.data == {"x": True, "y": 2, "z": None, "w": 1.5, "q": "yes", "l": ["a", {"b": "c"}]}
    assert document.line_of(("l", 1, "b")) == 8 and document.line_of(("l",)) == 6




@pytest.mark.parametrize("text", [square(20), "body_parts: [\n", "body_parts: []\ninjuries: 3\nkinds: []\n"])
def test_a_check_leaves_the_cycle_collector_as_it_found_it(text: str) -> None:
    # The collector is held off while a vocabulary is built (its objects would be walked again and
    # again), and must be back afterwards whether the file was good or not.
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            parse(text, "test")
        except VocabularyError:
            pass
        finally:
            assert gc.isenabled() is enabled
            gc.enable()

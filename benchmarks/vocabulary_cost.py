"""What a vocabulary file costs: `runphys vocabulary check` (wall time and peak memory of the
command, imports included) and a worker switching to a version built with it (loading the version's
parsed vocabulary, `vocabulary.json`, and rebuilding its lookups), for generated files of 50 KB to
2 MB against the package's vocabulary. "json KB" is the size of that stored file.

Not a test; prints one markdown table. Usage:

    python benchmarks/vocabulary_cost.py [--sizes 50,220,440,1000,1990]

Two shapes of file are generated (into a temporary folder, never into the repository):

* **square**: one body part with many names and one injury whose names all start with one of them,
  the shape that made combining names grow with the square of the file (220 KB took 36 s and 4.6 GB);
* **wide**: many body parts and injuries with a few names each, a large but ordinary vocabulary;
* **translated**: the package's vocabulary grown by other languages' words with their English
  (`translations`, already half of the package's file) up to the size; sizes below the package's
  own are skipped.

Targets (issue 20): any file under the 2 MB limit checks in at most 5 s and 500 MB; a worker
switching versions with a 4,000-term file does not stall a request for seconds.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from runphys.text.vocabulary_file import MAX_BYTES, package_text

KINDS = """
kinds:
  - key: stretch
    name: Stretches
    cues: [stretch]
  - key: other
    name: Other
"""


def square(size: int) -> str:
    """One body part with n names, one injury with n names each starting with one of them."""
    out = ["body_parts:", "  - key: part", "    name: Part", "    terms:"]
    injury = ["injuries:", "  - key: hurt", "    name: Part syndrome", "    body_part: part", "    terms:"]
    i = 0
    while sum(map(len, out)) + sum(map(len, injury)) + 2 * len(out) < size - 200:
        out.append(f"      - name{i} zone")
        injury.append(f"      - name{i} zone strain{i}")
        i += 1
    return "\n".join(out + injury) + KINDS


def wide(size: int) -> str:
    """Many body parts and injuries, three names each (an ordinary file, only large)."""
    parts, injuries = ["body_parts:"], ["injuries:"]
    i = 0
    while sum(map(len, parts)) + sum(map(len, injuries)) + 2 * (len(parts) + len(injuries)) < size - 200:
        parts += [f"  - key: part{i}", f"    name: Bodypart{i}", f"    terms: [bp{i} area, bp{i} region]"]
        injuries += [f"  - key: injury{i}", f"    name: Bp{i} area tendinopathy", f"    body_part: part{i}",
                     f"    terms: [bp{i} area tendinitis, injury{i} syndrome]"]
        i += 1
    return "\n".join(parts + injuries) + KINDS


def translated(size: int) -> str:
    """The package's vocabulary with generated [word, English] pairs of one to three words added."""
    letters = "abdefgiklmnoprstuvz"
    lines = [package_text().rstrip("\n"), "  generated:"]
    total, i = sum(len(x.encode()) + 1 for x in lines), 0
    while total < size - 200:
        word = "".join(letters[(i // len(letters) ** k + k) % len(letters)] for k in range(6))
        line = f'    - ["{" ".join([word] * (1 + i % 3))}", "knee pain"]'
        lines.append(line)
        total += len(line) + 1
        i += 1
    return "\n".join(lines) + "\n"


def check_cost(path: Path) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds and peak MB of `runphys vocabulary check FILE` in its own process
    (imports included), and its exit code. CPU time is about what an idle machine would take."""
    script = ("import resource, sys; from runphys.cli.main import run\n"
              "sys.argv = ['runphys', 'vocabulary', 'check', sys.argv[1]]\n"
              "code = 0\n"
              "try:\n run()\nexcept SystemExit as e:\n code = e.code or 0\n"
              "u = resource.getrusage(resource.RUSAGE_SELF)\n"
              "print('COST', u.ru_utime + u.ru_stime, u.ru_maxrss, code, file=sys.stderr)")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - started
    line = [x for x in done.stderr.splitlines() if x.startswith("COST")][-1].split()
    return wall, float(line[1]), int(line[2]) / 1024, int(line[3])


def switch_cost(text: str, folder: Path) -> tuple[float, float, int]:
    """Seconds and peak MB for a fresh worker to load a version's vocabulary (compiled as a build
    does, then loaded in a new process as a worker switching versions does), and the stored bytes."""
    from runphys.text.vocabulary_compiled import COMPILED, write_compiled
    from runphys.text.vocabulary_file import SNAPSHOT, parse

    version = folder / "version"
    version.mkdir(exist_ok=True)
    (version / SNAPSHOT).write_text(text, encoding="utf-8")
    write_compiled(version, parse(text, "benchmark"))
    script = ("import resource, sys, time; from pathlib import Path;"
              "from runphys.text.vocabulary_file import read_vocabulary_snapshot;"
              "t = time.perf_counter(); v = read_vocabulary_snapshot(Path(sys.argv[1]));"
              "assert v.source.name != 'vocabulary.yaml', 'the stored vocabulary was not used';"
              "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", script, str(version / SNAPSHOT)], capture_output=True, text=True,
                          timeout=600, check=True)
    seconds, peak = done.stdout.split()
    return float(seconds), int(peak) / 1024, (version / COMPILED).stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,220,440,1000,1990", help="File sizes in KB (below the 2 MB limit).")
    args = parser.parse_args()
    sizes = [int(s) * 1000 for s in args.sizes.split(",")]
    files: list[tuple[str, str]] = [("package", package_text())]
    for size in sizes:
        files += [(f"square {size // 1000} KB", square(min(size, MAX_BYTES - 1000))),
                  (f"wide {size // 1000} KB", wide(min(size, MAX_BYTES - 1000)))]
        if size > len(package_text().encode()):
            files.append((f"translated {size // 1000} KB", translated(min(size, MAX_BYTES - 1000))))
    print(f"machine: {os.cpu_count()} cores, shared with other work; ratios are against the package vocabulary "
          "measured in this run\n")
    print("| file | bytes | check wall s | check CPU s | check peak MB | exit | switch s | switch peak MB "
          "| json KB | check CPU × package |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    baseline = None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text in files:
            path = folder / "vocabulary.yaml"
            path.write_text(text, encoding="utf-8")
            wall, cpu, peak, code = check_cost(path)
            baseline = baseline or cpu
            switch = switch_cost(text, folder) if code == 0 else (float("nan"), float("nan"), 0)
            print(f"| {name} | {len(text.encode()):,} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {code} | "
                  f"{switch[0]:.3f} | {switch[1]:.0f} | {switch[2] / 1000:,.0f} | {cpu / baseline:.1f}× |", flush=True)
    print(f"\nself peak MB: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    main()

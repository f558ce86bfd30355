"""Whole builds of large exports, as the author runs them: `runphys build FILE`, wall time and peak
memory of the command, imports included.

Not a test; prints one markdown table. Usage:

    python benchmarks/big_export.py

It writes two files into a temporary folder (never into the repository) and builds each:

* **real text**: the shared IR collections (cranfield, med, cisi, adi), the MedQuAD topics and the
  873 exercises as one JSON Lines file of 5,877 records (title, body, categories, tags);
* **pathological text**: a WordPress export (WXR) of 5,388 posts of ~1,500 words each, every word
  drawn from twenty body-part words, about 50 MB: the text that makes a tagger's cost grow with its
  matches rather than with its words.

Targets (from the hardening issue): the real-text build in at most 60 s and 1 GB peak; the
pathological one in the same order of time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
COLLECTIONS = ("cranfield", "med", "cisi", "adi", "medquad_topics")
MAP = "id=id,title=title,body=body,categories=categories,tags=tags"
BODY_PART_WORDS = ["knee", "hip", "calf", "shin", "foot", "heel", "ankle", "hamstring", "quad", "glute",
                   "IT band", "achilles", "arch", "toe", "back", "neck", "shoulder", "core", "groin", "piriformis"]
PATHOLOGICAL_POSTS = 5_388
PATHOLOGICAL_WORDS = 1_500


def real_text(path: Path) -> int:
    """The shared collections as one JSON Lines export; the number of records."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for name in COLLECTIONS:
            for line in (DATA / name / "docs.jsonl").open(encoding="utf-8"):
                doc = json.loads(line)
                record = {"id": f"{name}-{doc['id']}", "title": doc.get("title") or doc["text"][:80],
                          "body": doc.get("text", ""), "categories": [name], "tags": []}
                out.write(json.dumps(record) + "\n")
                count += 1
        for exercise in json.loads((DATA / "exercises" / "exercises.json").read_text(encoding="utf-8")):
            record = {"id": f"exercise-{exercise['id']}", "title": exercise["name"],
                      "body": "\n".join(exercise["instructions"]), "categories": [exercise["category"]],
                      "tags": [*exercise["primaryMuscles"], *exercise["secondaryMuscles"]]}
            out.write(json.dumps(record) + "\n")
            count += 1
    return count


def pathological_wxr(path: Path) -> int:
    """A WXR export whose every word is a body part; the number of posts."""
    rng = random.Random(11)
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                  'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Stress</title>\n')
        for i in range(PATHOLOGICAL_POSTS):
            words = " ".join(rng.choice(BODY_PART_WORDS) for _ in range(PATHOLOGICAL_WORDS))
            out.write(
                f"<item><title>{escape(' '.join(rng.sample(BODY_PART_WORDS, 3)))} {i}</title>"
                f"<wp:post_id>{i + 1}</wp:post_id><wp:post_name>stress-{i}</wp:post_name>"
                "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status>"
                f"<wp:post_date>2019-01-01 08:00:00</wp:post_date>"
                f"<category domain=\"category\" nicename=\"knees\"><![CDATA[Knees]]></category>"
                f"<content:encoded><![CDATA[<p>{words}</p>]]></content:encoded></item>\n"
            )
        out.write("</channel>\n</rss>\n")
    return PATHOLOGICAL_POSTS


def build(source: Path, index: Path, mapping: str | None) -> dict[str, float]:
    """`runphys build` in a process of its own; its wall time, peak RSS and what it reported."""
    script = Path(sys.executable).with_name("runphys")
    command = [str(script), "build", str(source), "--index", str(index), "--json"] + (["--map", mapping] if mapping
                                                                                        else [])
    # A fresh wrapper per build, so RUSAGE_CHILDREN's peak is this build's alone.
    wrapper = ("import json, resource, subprocess, sys, time\n"
               "t = time.perf_counter()\n"
               "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
               "wall = time.perf_counter() - t\n"
               "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
               "print(json.dumps({'rc': done.returncode, 'wall': wall, 'peak_mb': peak, 'out': done.stdout,"
               " 'err': done.stderr[-2000:]}))\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNPHYS_")}
    done = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True, env=env,
                          check=True)
    result = json.loads(done.stdout)
    if result["rc"]:
        raise SystemExit(f"build of {source} failed:\n{result['err']}")
    summary = json.loads(result["out"])
    return {"wall": result["wall"], "peak_mb": result["peak_mb"], "posts": summary["posts"],
            "problems": len(summary["problems"])}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", default="", help="comma-separated: real,pathological")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    rows = []
    with tempfile.TemporaryDirectory(prefix="runphys-big-export-") as tmp:
        folder = Path(tmp)
        if "real" not in skip:
            source = folder / "real-text.jsonl"
            records = real_text(source)
            rows.append(("real text (IR collections + MedQuAD + exercises), JSON Lines", records, source,
                         build(source, folder / "index-real", MAP), "≤ 60 s, ≤ 1 GB"))
        if "pathological" not in skip:
            source = folder / "pathological.xml"
            records = pathological_wxr(source)
            rows.append((f"pathological WXR ({PATHOLOGICAL_WORDS:,} body-part words a post)", records, source,
                         build(source, folder / "index-pathological", None), "same order as real text"))
        print("| export | records | file MB | build wall s | posts/s | peak RSS MB | posts built | problems "
              "| target |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name, records, source, r, target in rows:
            size = source.stat().st_size / 2**20
            print(f"| {name} | {records:,} | {size:.1f} | {r['wall']:.1f} | {r['posts'] / r['wall']:.0f} "
                  f"| {r['peak_mb']:.0f} | {r['posts']:,} | {r['problems']} | {target} |")


if __name__ == "__main__":
    main()

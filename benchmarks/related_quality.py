"""Related-posts quality and cost: ours (TF-IDF, +/- SVD blend) vs Whoosh more_like vs random.

Not a test. Prints markdown tables (and writes them with --out FILE).

    .venv/bin/python benchmarks/related_quality.py [--sizes 1000,10000,100000] [--out FILE]

1. exercises.json (873 exercises): precision@5 of neighbours sharing a primary muscle, and
   sharing the category. Tags hold the muscles (leakage), so every method is also run without them.
2. medquad_topics (no labels): mean neighbour score and five neighbour lists, read by eye.
   Injury posts of the demo blog: how many related lists open with the posts on the same injury
   or the injury's body part (with and without the topic boost, in the same run).
3. cost: build time and peak RSS (one subprocess per size) for recombined texts, related() p50/p99.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from runphys.index.post import Post  # noqa: E402
from runphys.recommend.config import RelatedConfig  # noqa: E402
from runphys.recommend.model import RelatedIndex  # noqa: E402
from runphys.recommend.store import load  # noqa: E402
from runphys.text.tagging import analyse_post  # noqa: E402
from tests.related_fixtures import build_related  # noqa: E402

DATA = Path("/work/shared/data")
EXERCISES = DATA / "exercises" / "exercises.json"
MEDQUAD = DATA / "medquad_topics" / "docs.jsonl"
START = datetime(2020, 1, 1, tzinfo=UTC)
K = 5


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def cell(v: object) -> str:
        return f"{v:.3f}" if isinstance(v, float) else str(v)
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


# -- 1. exercises ------------------------------------------------------------------------------

def exercise_docs(records: list[dict], with_tags: bool, vocabulary) -> list:
    """The exercises as the --map of docs/cli.md reads them (tags: muscles and equipment), analysed."""
    docs = []
    for i, r in enumerate(records):
        tags = (*r["primaryMuscles"], *r["secondaryMuscles"], *([r["equipment"]] if r.get("equipment") else ()))
        post = Post(id=r["id"], title=r["name"], slug=r["id"], date=START + timedelta(days=i),
                    categories=(r["category"],), tags=tuple(tags) if with_tags else (),
                    body="\n".join(r["instructions"]))
        docs.append(analyse_post(post, vocabulary))
    return docs


def precision(neigh: list[list[int]], records: list[dict]) -> tuple[float, float]:
    """Mean share of the top-5 sharing a primary muscle / the category (missing slots count as misses)."""
    muscle = cat = 0
    for i, row in enumerate(neigh):
        mine = set(records[i]["primaryMuscles"])
        muscle += sum(bool(mine & set(records[j]["primaryMuscles"])) for j in row[:K])
        cat += sum(records[j]["category"] == records[i]["category"] for j in row[:K])
    return muscle / (K * len(neigh)), cat / (K * len(neigh))


def top_from_dense(sims: np.ndarray) -> list[list[int]]:
    sims = sims.copy()
    np.fill_diagonal(sims, -np.inf)
    return [list(np.argsort(-row, kind="stable")[:K]) for row in sims]


def svd_blend(rows, alpha: float, components: int) -> np.ndarray:
    from runphys.recommend.neighbours import to_scipy

    matrix = to_scipy(rows)
    z = normalize(TruncatedSVD(n_components=components, random_state=0).fit_transform(matrix))
    cos = (matrix @ matrix.T).toarray()
    return (1 - alpha) * cos + alpha * (z @ z.T)


def whoosh_more_like(posts: list[Post], numterms: int) -> list[list[int]]:
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in

    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=StemmingAnalyzer()))
    texts = [" . ".join((p.title, *p.categories, *p.tags, p.body)) for p in posts]
    position = {p.id: i for i, p in enumerate(posts)}
    with tempfile.TemporaryDirectory() as tmp:
        ix = create_in(tmp, schema)
        writer = ix.writer()
        for p, text in zip(posts, texts, strict=False):
            writer.add_document(id=p.id, text=text)
        writer.commit()
        out = []
        with ix.searcher() as searcher:
            docnums = {searcher.stored_fields(d)["id"]: d for d in range(searcher.doc_count_all())}
            for p, text in zip(posts, texts, strict=False):
                hits = searcher.more_like(docnums[p.id], "text", text=text, top=K, numterms=numterms)
                out.append([position[h["id"]] for h in hits])
        ix.close()
    return out


def exercises_section(vocabulary) -> tuple[str, dict]:
    records = json.loads(EXERCISES.read_text())
    rows, figures = [], {}
    rng = np.random.default_rng(0)
    n = len(records)
    rand = [list(rng.choice([j for j in range(n) if j != i], K, replace=False)) for i in range(n)]
    rows.append(("random baseline", "-", *precision(rand, records)))
    for with_tags in (True, False):
        label = "with tags" if with_tags else "no tags"
        docs = exercise_docs(records, with_tags, vocabulary)
        posts = [doc.post for doc in docs]
        with tempfile.TemporaryDirectory() as tmp:
            build_related(docs, Path(tmp), vocabulary=vocabulary)
            stored = load(Path(tmp))
            index = RelatedIndex.load(Path(tmp), posts, vocabulary=vocabulary)
            ours = [[int(j) for j in row if j >= 0] for row in stored.neighbours["all"][0]]
            rows.append(("ours TF-IDF cosine", label, *precision(ours, records)))
            figures[f"ours {label}"] = precision(ours, records)
            pos = {p.id: i for i, p in enumerate(posts)}
            for lam, boost in ((0.7, 0.15), (0.7, 0.0), (0.85, 0.15), (1.0, 0.15)):
                swept = RelatedIndex.load(Path(tmp), posts, vocabulary=vocabulary,
                                          config=RelatedConfig(mmr_lambda=lam, same_body_part_boost=boost))
                served = [[pos[item.id] for item in swept.related(p.id, limit=K, min_score=0.0)] for p in posts]
                rows.append((f"ours related() mmr_lambda={lam} boost={boost}", label, *precision(served, records)))
            # What the API serves: GET /api/v1/posts/{id}/related?limit=5 (the stored lists).
            threshold = [[pos[item.id] for item in index.related(p.id, limit=K)] for p in posts]
            rows.append(("**ours related(), as served** (stored lists: threshold, MMR, fallbacks)", label,
                         *precision(threshold, records)))
            figures[f"served {label}"] = precision(threshold, records)
            for components in (50, 150):
                for alpha in (0.3, 0.5, 1.0):
                    p = precision(top_from_dense(svd_blend(stored.matrix, alpha, components)), records)
                    rows.append((f"ours + SVD{components} blend alpha={alpha}", label, *p))
                    figures[f"svd{components} a{alpha} {label}"] = p
        for numterms in (5, 15):
            started = time.perf_counter()
            p = precision(whoosh_more_like(posts, numterms), records)
            rows.append((f"Whoosh more_like (numterms={numterms}, {time.perf_counter() - started:.1f}s)", label, *p))
            figures[f"whoosh{numterms} {label}"] = p
    return "### Exercises: precision@5 (873 posts)\n\n" + table(
        ("method", "text", "P@5 shares primary muscle", "P@5 same category"), rows), figures


# -- 2. medquad --------------------------------------------------------------------------------

SAMPLES = ("Back Pain", "Knee Injuries and Disorders", "Sprains and Strains", "Bursitis",
           "Ankle Injuries and Disorders")
# Words of a topic's name that name no topic of their own ("Knee Injuries and Disorders").
GENERIC = {"disorders", "disorder", "diseases", "disease", "injuries", "injury", "problems", "and", "of", "the",
           "in", "for", "to", "a", "health", "care", "syndrome", "conditions", "condition", "other", "your"}


def medquad_judged(records: list[dict]) -> Callable[[int, int], bool]:
    """MedQuAD has no judgments; its pages name one another. Topic b is judged related to topic a
    when either page's text names the other's topic ("Sprains and Strains" names the ankle), or their
    names share a word that is itself a topic word ("Knee Injuries" / "Knee Replacement")."""
    titles = [r["title"].lower() for r in records]
    texts = [r["text"].lower() for r in records]
    words = [{w for w in re.findall(r"[a-z]+", title) if w not in GENERIC and len(w) > 2} for title in titles]

    def related(a: int, b: int) -> bool:
        return titles[b] in texts[a] or titles[a] in texts[b] or bool(words[a] & words[b])

    return related


def judged_precision(neigh: list[list[int]], judge: Callable[[int, int], bool]) -> float:
    hits = sum(judge(i, j) for i, row in enumerate(neigh) for j in row[:K])
    return hits / (K * len(neigh))


def medquad_section(vocabulary) -> str:
    records = [json.loads(line) for line in MEDQUAD.open()]
    docs = [analyse_post(Post(id=r["id"], title=r["title"], body=r["text"], date=START + timedelta(days=i)),
                         vocabulary) for i, r in enumerate(records)]
    posts = [doc.post for doc in docs]
    judge = medquad_judged(records)
    rng = np.random.default_rng(0)
    n = len(posts)
    rand = [list(rng.choice([j for j in range(n) if j != i], K, replace=False)) for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        stats = build_related(docs, Path(tmp), vocabulary=vocabulary)
        stored = load(Path(tmp))
        index = RelatedIndex.load(Path(tmp), posts, vocabulary=vocabulary)
        ids, scores = stored.neighbours["all"]
        valid = ids >= 0
        top1 = float(scores[:, 0].mean())
        top5 = float(scores[:, :K][valid[:, :K]].mean())
        above = float((scores[:, 0] >= index.config.min_score).mean())
        pos = {p.id: i for i, p in enumerate(posts)}
        served = [[pos[item.id] for item in index.related(p.id, limit=K)] for p in posts]
        rows = [("random baseline", judged_precision(rand, judge)),
                ("Whoosh more_like (numterms=15)", judged_precision(whoosh_more_like(posts, 15), judge)),
                ("ours, as served", judged_precision(served, judge))]
        out = [f"### medquad_topics ({len(posts)} topics, {stats['terms']} terms, built in {stats['seconds']}s)\n",
               "Judgment: a neighbour counts when either page names the other's topic, or their names share a "
               "topic word (MedQuAD pages name one another; the data has no judgments of its own).\n",
               table(("method", "P@5 judged related"), rows), "",
               table(("mean top-1 cosine", "mean top-5 cosine",
                      f"share with top-1 >= min_score {index.config.min_score}"),
                     [(top1, top5, above)]), ""]
        by_title = {p.title: p.id for p in posts}
        for title in SAMPLES:
            if title not in by_title:
                continue
            items = index.related(by_title[title], limit=K)
            listed = "; ".join(f"{i.title} ({i.score:.2f}{', fallback' if i.fallback else ''})" for i in items)
            why = (
                ", ".join([*items[0].why["body_parts"], *items[0].why["injuries"], *items[0].why["terms"]])
                if items
                else ""
            )
            out.append(f"- **{title}** → {listed}  _(why #1: {why})_")
    return "\n".join(out)


# -- 2b. the demo blog's injury posts ----------------------------------------------------------

def on_same_injury(post: Post, other: Post, body_part_of: dict[str, str]) -> bool:
    """Whether `other` is on one of `post`'s injuries, or on the body part such an injury belongs to."""
    topics = {*post.injuries, *(body_part_of[k] for k in post.injuries if k in body_part_of)}
    return bool(topics & {*other.injuries, *other.body_parts})


def opens_on_injury(post: Post, listed: Sequence[Post], posts: Sequence[Post], body_part_of: dict[str, str],
                    videos_only: bool) -> bool:
    """The list opens with the posts on the same injury or its body part: its first min(n, K)
    entries all are, n being how many such posts could be listed at all."""
    could = sum(other.id != post.id and (other.has_video or not videos_only)
                and on_same_injury(post, other, body_part_of) for other in posts)
    return all(on_same_injury(post, other, body_part_of) for other in listed[:min(could, K)])


def injury_section() -> str:
    """Every injury post of the demo blog (tagged through the vocabulary), as the widget and the
    API list them (K entries, all posts and videos only), with and without the topic boost."""
    from runphys.index.bundle import open_bundle
    from runphys.recommend.topics import injury_body_parts
    from runphys.service.author import bundle_vocabulary
    from runphys.service.pipeline import ensure_index

    with tempfile.TemporaryDirectory() as tmp:
        ensure_index(Path(tmp) / "index")
        bundle = open_bundle(Path(tmp) / "index")
        vocabulary = bundle_vocabulary(bundle)
        body_part_of = injury_body_parts(vocabulary)
        posts = list(bundle.posts.values())
        injured = [post for post in posts if post.injuries]
        by_id = bundle.posts
        rows, lists = [], []
        default = RelatedConfig().same_topic_boost
        for boost in (0.0, 1.0, 1.5, default):
            index = RelatedIndex.load(bundle.part("related"), by_id, vocabulary=vocabulary,
                                      config=RelatedConfig(same_topic_boost=boost))
            counts = []
            for videos_only in (False, True):
                opened = first = 0
                for post in injured:
                    listed = [by_id[item.id] for item in index.related(post.id, limit=K, videos_only=videos_only)]
                    opened += opens_on_injury(post, listed, posts, body_part_of, videos_only)
                    first += bool(listed) and on_same_injury(post, listed[0], body_part_of)
                    if boost == default and not videos_only:
                        marks = "".join("x" if on_same_injury(post, other, body_part_of) else "." for other in listed)
                        lists.append((post.title, marks, "; ".join(other.title for other in listed[:3])))
                counts += [f"{opened}/{len(injured)}", f"{first}/{len(injured)}"]
            label = "**as served**" if boost == default else ("no topic boost (before)" if boost == 0 else "")
            rows.append((f"same_topic_boost={boost} {label}".strip(), *counts))
    return (f"### Demo blog: related lists of its {len(injured)} injury posts (K={K})\n\n"
            "A list opens on its injury when its first min(n, K) entries are on one of the post's injuries or "
            "the injury's body part (n: how many posts could be). Before the topic boost the same-body-part "
            "boost counted the knee under *ITB Syndrome and Single-Leg Strength* as much as the IT band.\n\n"
            + table(("ranking", "opens on its injury (all posts)", "first entry on it (all)",
                     "opens on its injury (videos only)", "first entry on it (videos)"), rows)
            + "\n\n" + table(("injury post (as served)", f"top {K} on its injury", "first three"), lists))


# -- 3. cost -----------------------------------------------------------------------------------

def synthetic_posts(n: int, seed: int = 0) -> list[Post]:
    """Recombined exercise and medquad sentences: n posts with realistic vocabulary and lengths."""
    rng = random.Random(seed)
    records = json.loads(EXERCISES.read_text())
    sentences = [s for r in records for s in r["instructions"]]
    sentences += [s.strip() for line in MEDQUAD.open() for s in json.loads(line)["text"].split(". ") if len(s) > 30]
    names = [r["name"] for r in records] + [json.loads(line)["title"] for line in MEDQUAD.open()]
    muscles = sorted({m for r in records for m in r["primaryMuscles"]})
    categories = ["Injuries", "Strength", "Stretching", "Training", "Nutrition", "Gear", "Recovery", "Racing"]
    posts = []
    for i in range(n):
        title = f"{rng.choice(names)} and {rng.choice(names)}"
        body = " ".join(rng.choice(sentences) for _ in range(rng.randint(4, 12)))
        posts.append(Post(id=f"p{i}", title=title, slug=f"p{i}", date=START + timedelta(hours=i),
                          categories=(rng.choice(categories),), tags=tuple(rng.sample(muscles, 2)), body=body))
    return posts


def peak_rss_kb() -> int:
    """This process's peak resident memory. Linux's ru_maxrss survives exec (a child started by a
    big parent reports the parent's peak), so the kernel's VmHWM, which does not, comes first."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def scale_child(n: int) -> None:
    """Runs in its own process so ru_maxrss is this size's peak alone."""
    from runphys.recommend.builder import RelatedPartWriter
    from runphys.text.vocabulary_file import package_vocabulary as load_vocabulary

    vocabulary = load_vocabulary()
    base_rss = peak_rss_kb()
    started = time.perf_counter()
    # As the pipeline does it: each post analysed once and handed over, nothing else kept of it.
    writer = RelatedPartWriter(vocabulary=vocabulary)
    posts = []
    for post in synthetic_posts(n):
        doc = analyse_post(post, vocabulary)
        writer.add(doc)
        posts.append(doc.post)
    analysis_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        stats = writer.finish(Path(tmp))
        stats["seconds"] = round(time.perf_counter() - started, 3)
        peak = peak_rss_kb()
        size = sum(f.stat().st_size for f in Path(tmp).iterdir())
        started = time.perf_counter()
        index = RelatedIndex.load(Path(tmp), posts, vocabulary=vocabulary)
        load_s = time.perf_counter() - started
        rng = random.Random(1)
        times = []
        for pid in (rng.choice(posts).id for _ in range(300)):
            t = time.perf_counter()
            index.related(pid, limit=5)
            times.append(time.perf_counter() - t)
        text_times = []
        for post in rng.sample(posts, 50):
            t = time.perf_counter()
            index.related_to_text(post.body[:400], limit=5)
            text_times.append(time.perf_counter() - t)
    print(json.dumps({"n": n, "terms": stats["terms"], "build_s": stats["seconds"], "analysis_s": analysis_s,
                      "peak_mb": peak / 1024,
                      "before_build_mb": base_rss / 1024, "files_mb": size / 2**20, "load_s": load_s,
                      "p50_ms": 1000 * float(np.percentile(times, 50)),
                      "p99_ms": 1000 * float(np.percentile(times, 99)),
                      "text_p50_ms": 1000 * float(np.percentile(text_times, 50))}))


def scale_section(sizes: Sequence[int]) -> str:
    rows = []
    for n in sizes:
        done = subprocess.run([sys.executable, __file__, "--scale-child", str(n)], capture_output=True, text=True,
                              check=False)
        if done.returncode:
            rows.append((n, "failed: " + done.stderr.strip().splitlines()[-1], "", "", "", "", "", "", ""))
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append((n, r["terms"], r["build_s"], round(r["analysis_s"], 1), r["peak_mb"], r["before_build_mb"],
                     r["files_mb"], r["load_s"], f"{r['p50_ms']:.3f} / {r['p99_ms']:.3f}", f"{r['text_p50_ms']:.2f}"))
    return "### Cost (recombined exercise + medquad texts, 1 process per size, 2 cores)\n\n" + table(
        ("posts", "terms", "related precompute s (analysis included)", "of it analysis s", "peak RSS MB",
         "RSS before MB", "files MB", "load s", "related() p50 / p99 ms", "related_to_text p50 ms"), rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also write the markdown here")
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated post counts for the cost table")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip: quality,medquad,injury,cost")
    parser.add_argument("--scale-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale_child:
        scale_child(args.scale_child)
        return
    from runphys.text.vocabulary_file import package_vocabulary as load_vocabulary

    vocabulary = load_vocabulary()
    skip = set(filter(None, args.skip.split(",")))
    parts = [f"## Related-posts benchmark ({datetime.now(UTC):%Y-%m-%d}, config {RelatedConfig()})"]
    emit: Callable[[str], None] = lambda text: (parts.append(text), print(text + "\n", flush=True))  # noqa: E731
    print(parts[0] + "\n", flush=True)
    if "quality" not in skip:
        emit(exercises_section(vocabulary)[0])
    if "medquad" not in skip:
        emit(medquad_section(vocabulary))
    if "injury" not in skip:
        emit(injury_section())
    if "cost" not in skip:
        emit(scale_section([int(s) for s in args.sizes.split(",") if s]))
    if args.out:
        args.out.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""The levers tried for related posts, one at a time, on the 873 exercises: what each is worth.

Not a test; prints one markdown table. Usage:

    python benchmarks/related_experiments.py

The measure is `related_quality.py`'s: for every exercise, the share of its 5 nearest posts that
share a primary muscle, and the share in the same category (the muscle lists are read only as
tags, the way the `--map` of docs/cli.md imports them). Rows 1-9 rank by plain cosine of the vectors
described (no MMR, no threshold), each row adding one lever to the row it names; the last rows
are the product's own build (`build_related`), as `GET /api/v1/posts/{id}/related` serves it.

What the numbers decided (2026-12, 2 cores): stop words and numbers out, categories and tags as
whole labels, the tagged body parts / injuries and the kinds of post as tokens, and a heavier
taxonomy all stay (0.469 → 0.656 by plain cosine); BM25-style saturation and length normalisation
cost 0.019 and neighbours of neighbours changed nothing, so neither is kept. As served, MMR at
λ 0.95 costs nothing against pure relevance here (0.652; λ 0.9 gave 0.649) while the
near-duplicate threshold keeps copies of one exercise apart.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))

from related_quality import EXERCISES, exercise_docs, precision

from runphys.recommend.config import RelatedConfig
from runphys.recommend.model import RelatedIndex
from runphys.text.tagging import AnalysedPost
from runphys.text.vocabulary_file import package_vocabulary
from tests.related_fixtures import build_related

K = 5


def stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def vectors(docs: Sequence[AnalysedPost], *, title: float = 3, taxonomy: float = 2, concept: float = 3,
            body: float = 1, stop: frozenset[str] = frozenset(), numbers: bool = True, labels: float = 0,
            tagged: float = 0, kinds: float = 0, bm25: bool = False) -> sp.csr_matrix:
    """Unit-length TF-IDF rows built the way `recommend/vectors.py` builds them, one knob each."""
    rows = []
    for doc in docs:
        counts: Counter[str] = Counter()
        for field, weight in (("title", title), ("tags", taxonomy), ("body", body)):
            analysed = getattr(doc, field)
            for term, word in zip(analysed.terms, analysed.words, strict=True):
                if term is None or word in stop or (not numbers and term.isdigit()):
                    continue
                counts[term] += weight
        for key in set().union(*(doc.concepts[f] for f in ("title", "tags", "body"))):
            counts["concept:" + key] += concept
        for key in (*doc.post.body_parts, *doc.post.injuries):
            counts["tagged:" + key] += tagged
        for label in (*doc.post.categories, *doc.post.tags):
            counts["label:" + label.casefold()] += labels
        for kind in doc.post.kinds:
            counts["kind:" + kind] += kinds
        rows.append({t: n for t, n in counts.items() if n > 0})
    columns: dict[str, int] = {}
    indices, indptr, data = [], [0], []
    for counts_ in rows:
        for term, n in counts_.items():
            indices.append(columns.setdefault(term, len(columns)))
            data.append(n)
        indptr.append(len(indices))
    matrix = sp.csr_matrix((np.asarray(data, float), indices, indptr), shape=(len(rows), len(columns)))
    n_docs = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1 + n_docs) / (1 + df)) + 1
    if bm25:
        lengths = np.asarray(matrix.sum(axis=1)).ravel()
        per_entry = np.repeat(lengths / lengths.mean(), np.diff(matrix.indptr))
        matrix.data = matrix.data * 2.2 / (matrix.data + 1.2 * (0.25 + 0.75 * per_entry))
    else:
        matrix.data = 1 + np.log(matrix.data)
    matrix.data *= idf[matrix.indices]
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sp.csr_matrix(sp.diags(1 / norms) @ matrix)


def top_k(similarity: np.ndarray) -> list[list[int]]:
    similarity = similarity.copy()
    np.fill_diagonal(similarity, -1)
    return [list(np.argsort(-row, kind="stable")[:K]) for row in similarity]


def cosine_top(matrix: sp.csr_matrix, two_hop: float = 0.0) -> list[list[int]]:
    similarity = (matrix @ matrix.T).toarray()
    if two_hop:
        similarity = similarity + two_hop * (similarity @ similarity) / len(similarity)
    return top_k(similarity)


def plain_tfidf(records: list[dict]) -> list[list[int]]:
    """scikit-learn's TfidfVectorizer defaults over name + instructions: the issue's baseline."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{r['name']} {' '.join(r['instructions'])}" for r in records]
    matrix = TfidfVectorizer().fit_transform(texts)
    return top_k((matrix @ matrix.T).toarray())


def served(docs: Sequence[AnalysedPost], vocabulary, mmr_lambda: float) -> list[list[int]]:  # type: ignore[no-untyped-def]
    posts = [d.post for d in docs]
    position = {p.id: i for i, p in enumerate(posts)}
    config = RelatedConfig(mmr_lambda=mmr_lambda)
    with tempfile.TemporaryDirectory() as tmp:
        build_related(docs, Path(tmp), config, vocabulary=vocabulary)
        index = RelatedIndex.load(Path(tmp), posts, vocabulary=vocabulary, config=config)
        return [[position[item.id] for item in index.related(p.id, limit=K)] for p in posts]


def main() -> None:
    vocabulary = package_vocabulary()
    records = json.loads(EXERCISES.read_text())
    docs = exercise_docs(records, True, vocabulary)
    stop = stop_words()
    best = {"stop": stop, "numbers": False, "labels": 10, "tagged": 4, "kinds": 4, "taxonomy": 8}
    levers: list[tuple[str, list[list[int]]]] = [
        ("1. scikit-learn TfidfVectorizer defaults (name + instructions)", plain_tfidf(records)),
        ("2. fields weighted: title 3, tags 2, concepts 3, body 1; sublinear tf", cosine_top(vectors(docs))),
        ("3. 2 + stop words and numbers out", cosine_top(vectors(docs, stop=stop, numbers=False))),
        ("4. 3 + BM25 saturation and length normalisation (not kept)",
         cosine_top(vectors(docs, stop=stop, numbers=False, bm25=True))),
        ("5. 3 + categories and tags as whole labels (10)", cosine_top(vectors(docs, stop=stop, numbers=False,
                                                                                  labels=10))),
        ("6. 5 + tagged body parts and injuries (4)", cosine_top(vectors(docs, stop=stop, numbers=False, labels=10,
                                                                            tagged=4))),
        ("7. 6 + kinds of post (4)", cosine_top(vectors(docs, stop=stop, numbers=False, labels=10, tagged=4,
                                                           kinds=4))),
        ("8. 7 + taxonomy words 8 (the configuration kept)", cosine_top(vectors(docs, **best))),  # type: ignore[arg-type]
        ("9. 8 + neighbours of neighbours (0.3 × S², no change: not kept)",
         cosine_top(vectors(docs, **best), two_hop=0.3)),  # type: ignore[arg-type]
    ]
    for mmr_lambda in (0.9, 0.95, 1.0):
        kept = " (kept)" if mmr_lambda == RelatedConfig().mmr_lambda else ""
        levers.append((f"as served: build_related, MMR λ {mmr_lambda}{kept}", served(docs, vocabulary, mmr_lambda)))
    print("| lever | P@5 shares primary muscle | P@5 same category |")
    print("|---|---|---|")
    for name, neighbours in levers:
        muscle, category = precision(neighbours, records)
        print(f"| {name} | {muscle:.3f} | {category:.3f} |", flush=True)


if __name__ == "__main__":
    main()

"""Posts to TF-IDF vectors, from the one analysis each post already had (`search.tagging`).

A post's vector counts its title, category/tag and body words (stop words and numbers left out),
each category and tag as a whole label, the vocabulary concepts it names, the body parts and
injuries it is tagged with and its kinds, each at its weight (`RelatedConfig`), with sublinear tf,
idf and l2 normalisation. One shared space keeps "knee" in one post's title matching "knee" in
another post's body, and a draft (text only) lands in the same space.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from ..text.analysis import Analysed, analyse, fold
from ..text.tagging import AnalysedPost
from ..text.vocabulary import Vocabulary
from .config import RelatedConfig

CONCEPT, TAGGED, LABEL, KIND = "concept:", "tagged:", "label:", "kind:"
SURFACE_SAMPLE = 30_000  # posts read for the readable form of each stem (an even sample)


def _stop_words() -> frozenset[str]:
    # Build time only: scikit-learn's English list, wider than the search's (pronouns, "also").
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _words(analysed: Analysed, stop: frozenset[str]) -> list[str]:
    """Content terms of a text: no stop words, no numbers."""
    return [
        t
        for t, w in zip(analysed.terms, analysed.words, strict=False)
        if t is not None and w not in stop and not t.isdigit()
    ]


def post_terms(doc: AnalysedPost, config: RelatedConfig, stop: frozenset[str]) -> Counter[str]:
    """The weighted term counts of one post."""
    c = config
    counts: Counter[str] = Counter()
    for analysed, weight in ((doc.title, c.title_weight), (doc.tags, c.taxonomy_weight), (doc.body, c.body_weight)):
        if weight:
            for term, n in Counter(_words(analysed, stop)).items():
                counts[term] += n * weight
    post = doc.post
    for label in (*post.categories, *post.tags):
        counts[LABEL + " ".join(fold(label).split())] += c.label_weight
    for key in {k for found in doc.concepts.values() for k in found}:
        counts[CONCEPT + key] += c.concept_weight
    for key in (*post.body_parts, *post.injuries):
        counts[TAGGED + key] += c.tagged_weight
    for kind in post.kinds:
        if kind != "other":
            counts[KIND + kind] += c.kind_weight
    return counts


def text_terms(text: str, vocabulary: Vocabulary, config: RelatedConfig) -> Counter[str]:
    """The weighted term counts of a draft: body words and the concepts it names (stop words and
    numbers fall away at `transform`: they are not in the space)."""
    analysed = analyse(text)
    counts: Counter[str] = Counter(t for t in analysed.terms if t is not None)
    for key in vocabulary.concepts_in(text, analysed):
        counts[CONCEPT + key] += config.concept_weight
    return counts


@dataclass
class TermSpace:
    """What fitting kept, as plain data: term -> column, idf, stem -> readable word."""

    vocabulary: dict[str, int]
    idf: npt.NDArray[np.float32]
    surface: dict[str, str]
    sublinear_tf: bool = True
    _columns: list[str] | None = field(default=None, repr=False, compare=False)

    def term(self, column: int) -> str:
        """The term of a column (inverse table built on first use)."""
        if self._columns is None or len(self._columns) != len(self.vocabulary):
            columns = [""] * len(self.vocabulary)
            for term, col in self.vocabulary.items():
                columns[col] = term
            self._columns = columns
        return self._columns[column]


@dataclass(frozen=True)
class Rows:
    """A post x term CSR matrix as three arrays (numpy only: serving needs no scipy)."""

    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int32]
    data: npt.NDArray[np.float32]
    columns: int

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.indptr) - 1, self.columns

    def row(self, i: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        start, end = int(self.indptr[i]), int(self.indptr[i + 1])
        return self.indices[start:end], self.data[start:end]


class Counts:
    """Weighted term counts of many documents, kept as compact arrays as they are added."""

    def __init__(self) -> None:
        self.terms: dict[str, int] = {}
        self.ptr = array("q", [0])
        self.ids = array("i")
        self.values = array("d")

    @classmethod
    def of(cls, docs: Sequence[Counter[str]]) -> Counts:
        counts = cls()
        for doc in docs:
            counts.add(doc)
        return counts

    def add(self, doc: Counter[str]) -> None:
        terms = self.terms
        for term, n in doc.items():
            if n > 0:
                found = terms.get(term)
                if found is None:
                    found = terms[term] = len(terms)
                self.ids.append(found)
                self.values.append(n)
        self.ptr.append(len(self.ids))

    def __len__(self) -> int:
        return len(self.ptr) - 1


def fit(counts: Counts, config: RelatedConfig) -> TermSpace:
    """The space of a corpus: its terms (those in at most `max_df` of the posts, when there are
    enough posts for that to mean something) and their smooth idf, ln((1 + n) / (1 + df)) + 1,
    the formula of scikit-learn's TfidfTransformer (a test holds the two together)."""
    n = len(counts)
    df = np.bincount(np.asarray(counts.ids, dtype=np.int64), minlength=len(counts.terms))
    limit = config.max_df * n if n >= 20 else n
    kept = sorted(t for t, i in counts.terms.items() if 0 < df[i] <= limit)
    vocabulary = {t: col for col, t in enumerate(kept)}
    idf = np.asarray([np.log((1 + n) / (1 + df[counts.terms[t]])) + 1 for t in kept], dtype=np.float32)
    return TermSpace(vocabulary, idf, {}, config.sublinear_tf)


def transform(counts: Counts | Sequence[Counter[str]], space: TermSpace) -> Rows:
    """counts -> sublinear tf -> idf -> l2, rows in order; terms outside the space are dropped."""
    if not isinstance(counts, Counts):
        counts = Counts.of(counts)
    column = np.full(len(counts.terms) + 1, -1, dtype=np.int64)
    for term, i in counts.terms.items():
        column[i] = space.vocabulary.get(term, -1)
    ids = np.asarray(counts.ids, dtype=np.int64)
    ptr = np.asarray(counts.ptr, dtype=np.int64)
    rows = np.repeat(np.arange(len(counts)), np.diff(ptr))
    cols = column[ids] if len(ids) else np.zeros(0, dtype=np.int64)
    keep = cols >= 0
    rows, cols = rows[keep], cols[keep]
    data = np.asarray(counts.values, dtype=np.float64)[keep]
    order = np.lexsort((cols, rows))
    rows, cols, data = rows[order], cols[order], data[order]
    if space.sublinear_tf and len(data):
        data = 1.0 + np.log(data)
    data = data * space.idf[cols] if len(data) else data
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=len(counts)))
    norms[norms == 0] = 1.0
    weights = (data / norms[rows]).astype(np.float32)
    indptr = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=len(counts)), out=indptr[1:])
    return Rows(indptr, cols.astype(np.int32), weights, len(space.vocabulary))


class SurfaceForms:
    """stem -> the word it most often came from (for explanations), read from a sample of posts:
    every post while there are few, then fewer and fewer, so a huge corpus costs a bounded read."""

    def __init__(self, sample: int = SURFACE_SAMPLE) -> None:
        self._sample = sample
        self._seen: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self._posts = 0

    def add(self, doc: AnalysedPost) -> None:
        self._posts += 1
        if self._posts > self._sample and self._posts % (1 + self._posts // self._sample):
            return
        for text, analysed in ((doc.post.title, doc.title), (doc.post.body, doc.body)):
            for term, start, end in zip(analysed.terms, analysed.starts, analysed.ends, strict=False):
                if term is not None:
                    self._seen[term][text[start:end].lower()] += 1

    def forms(self, wanted: dict[str, int]) -> dict[str, str]:
        return {stem: counts.most_common(1)[0][0] for stem, counts in self._seen.items() if stem in wanted}


def readable(term: str, space: TermSpace, vocabulary: Vocabulary | None) -> str:
    """A term as the author would say it: a concept's label, or the commonest surface word."""
    for prefix in (CONCEPT, TAGGED):
        if term.startswith(prefix):
            key = term[len(prefix):]
            if vocabulary is not None and vocabulary.has_concept(key):
                return vocabulary.label(key)
            return key.replace("_", " ")
    return space.surface.get(term, term)

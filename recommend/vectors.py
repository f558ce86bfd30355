"""Posts to TF-IDF vectors: the search analyzer plus vocabulary concepts, field weights, no pickle.

Field weighting is done by repeating each field's terms `weight` times in one term list (title
x3, categories/tags x2, concepts x3, body x1) rather than by hstacking per-field blocks: one
shared vocabulary keeps "knee" in one post's title matching "knee" in another post's body, the
related-to-text path (a draft is all body) lands in the same space, and with sublinear tf a
title term gets 1 + log(3) instead of dominating the row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from ..index.post import Post
from .config import RelatedConfig

CONCEPT_PREFIX = "concept:"


@dataclass(frozen=True)
class FieldText:
    """The weighted fields of one document (a post, or a draft given as text)."""

    title: str = ""
    taxonomy: str = ""
    body: str = ""
    concepts: tuple[str, ...] = ()  # concept keys already known (post.body_parts, post.injuries)

    @classmethod
    def of_post(cls, post: Post) -> FieldText:
        taxonomy = " . ".join((*post.categories, *post.tags))
        return cls(post.title, taxonomy, post.body, (*post.body_parts, *post.injuries))

    @classmethod
    def of_text(cls, text: str) -> FieldText:
        return cls(body=text)


@dataclass(frozen=True)
class Analysed:
    """A document already turned into its weighted term list (so a corpus is analysed once)."""

    terms: tuple[str, ...]


class TextAnalyzer:
    """The search analyzer's terms plus one `concept:<key>` token per vocabulary concept found."""

    def __init__(self, vocabulary: Any) -> None:
        from ..search.analysis import (
            terms,  # imported late: search/ may be rebuilt independently
        )

        self._terms = terms
        self.vocabulary = vocabulary

    def words(self, text: str) -> list[str]:
        return list(self._terms(text)) if text else []

    def concepts(self, text: str) -> list[str]:
        return list(self.vocabulary.concepts_in(text)) if text and self.vocabulary else []

    def __call__(self, text: str) -> list[str]:
        return self.words(text) + [CONCEPT_PREFIX + key for key in self.concepts(text)]


class PostAnalyzer:
    """The vectorizer's analyzer: a FieldText (or plain text) to its field-weighted term list."""

    def __init__(self, text_analyzer: TextAnalyzer, config: RelatedConfig) -> None:
        self.text = text_analyzer
        self.config = config

    def __call__(self, doc: FieldText | Analysed | str) -> list[str]:
        if isinstance(doc, Analysed):
            return list(doc.terms)
        if isinstance(doc, str):
            doc = FieldText.of_text(doc)
        c = self.config
        out: list[str] = []
        for text, weight in ((doc.title, c.title_weight), (doc.taxonomy, c.taxonomy_weight),
                             (doc.body, c.body_weight)):
            out.extend(self.text.words(text) * weight)
        # One phrase-matching pass over all fields ("\n.\n" keeps phrases from spanning two).
        found = self.text.concepts("\n.\n".join(t for t in (doc.title, doc.taxonomy, doc.body) if t))
        concepts = dict.fromkeys((*doc.concepts, *found))
        for key in concepts:  # a concept counts once per document, at its weight
            out.extend([CONCEPT_PREFIX + key] * c.concept_weight)
        return out

    def analyse(self, doc: FieldText | str) -> Analysed:
        return Analysed(tuple(self(doc)))


def make_vectorizer(analyzer: PostAnalyzer, config: RelatedConfig, max_df: float | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer=analyzer, sublinear_tf=config.sublinear_tf, min_df=config.min_df,
        max_df=config.max_df if max_df is None else max_df, norm=config.norm, dtype=np.float32,
    )


@dataclass
class TermSpace:
    """What the fitted vectorizer knew, as plain data: term -> column, idf, stem -> surface word."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    surface: dict[str, str]
    sublinear_tf: bool = True
    norm: str = "l2"
    _columns: list[str] | None = field(default=None, repr=False, compare=False)

    def term(self, column: int) -> str:
        """The term of a column (inverse table built on first use)."""
        if self._columns is None or len(self._columns) != len(self.vocabulary):
            self._columns = [""] * len(self.vocabulary)
            for term, col in self.vocabulary.items():
                self._columns[col] = term
        return self._columns[column]

    def counts(self, docs: Sequence[Analysed]) -> sp.csr_matrix:
        """Term counts over the stored vocabulary; terms it has never seen are dropped."""
        indptr, indices = [0], []
        for doc in docs:
            indices.extend(col for col in map(self.vocabulary.get, doc.terms) if col is not None)
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float32)
        matrix = sp.csr_matrix((data, np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
                               shape=(len(docs), len(self.vocabulary)), dtype=np.float32)
        matrix.sum_duplicates()
        return matrix

    def transform(self, docs: Sequence[Analysed]) -> sp.csr_matrix:
        """counts -> sublinear tf -> idf -> l2, the same steps (and dtype) as TfidfTransformer."""
        matrix = self.counts(docs)
        if self.sublinear_tf:
            np.log(matrix.data, matrix.data)
            matrix.data += 1.0
        matrix.data *= self.idf[matrix.indices]
        if self.norm and matrix.shape[0] and matrix.shape[1]:
            matrix = normalize(matrix, norm=self.norm, copy=False)
        return sp.csr_matrix(matrix, dtype=np.float32)


def fit_space(docs: Sequence[Analysed], analyzer: PostAnalyzer, config: RelatedConfig) -> TermSpace:
    """Fit TfidfVectorizer (same analyzer as search) and keep only its vocabulary and idf."""
    if not docs or not any(doc.terms for doc in docs):
        return TermSpace({}, np.zeros(0, dtype=np.float32), {}, config.sublinear_tf, config.norm)
    try:
        vectorizer = make_vectorizer(analyzer, config).fit(docs)
    except ValueError:  # tiny corpora: max_df pruned every term; keep them all instead
        vectorizer = make_vectorizer(analyzer, config, max_df=1.0).fit(docs)
    vocabulary = {term: int(col) for term, col in vectorizer.vocabulary_.items()}
    idf = np.asarray(vectorizer.idf_, dtype=np.float32)
    return TermSpace(vocabulary, idf, {}, config.sublinear_tf, config.norm)


def surface_forms(texts: Sequence[str], wanted: dict[str, int], max_texts: int = 30_000) -> dict[str, str]:
    """stem -> the surface word it most often came from (for human-readable explanations).

    At most `max_texts` texts are read (an even sample): a stem never sampled is shown as is.
    """
    from ..search.analysis import term_spans

    seen: defaultdict[str, Counter[str]] = defaultdict(Counter)
    step = max(1, -(-len(texts) // max_texts))
    for text in texts[::step]:
        for start, end, term in term_spans(text or ""):
            if term in wanted:
                seen[term][text[start:end].lower()] += 1
    return {stem: counts.most_common(1)[0][0] for stem, counts in seen.items()}


def readable(term: str, space: TermSpace, vocabulary: Any) -> str:
    """A term as the author would say it: concept label, or the commonest surface word."""
    if term.startswith(CONCEPT_PREFIX):
        key = term[len(CONCEPT_PREFIX):]
        try:
            return str(vocabulary.label(key)) if vocabulary is not None else key.replace("_", " ")
        except (KeyError, LookupError):
            return key.replace("_", " ")
    return space.surface.get(term, term)

"""Why two posts are related, in words a reader understands: the content words that carry most of
their similarity. Shared body parts and injuries are said by their labels elsewhere; these are the
other words, never a stop word, a number (digits or a number word), a vague word ("things": the vocabulary's list), a
category name or a second form of a word already said. A pair whose shared words carry almost
nothing gets no words at all: none beats junk."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..index.post import Post
from ..text.analysis import stem, terms
from ..text.number_words import is_number_term
from ..text.vocabulary import Vocabulary
from .vectors import Rows, TermSpace

# A word is shown only when its part of the pair's cosine is at least this share of the cosine.
MIN_SHARE = 0.04
CANDIDATES = 8  # strongest shared terms looked at per pair
BATCH = 20_000  # pairs multiplied at once (bounds memory)


def word_columns(space: TermSpace) -> npt.NDArray[np.bool_]:
    """Columns that are plain words (not labels, concepts, tags or kinds) of three letters or more,
    never a number (digits or a number word: a bundle built before number words were left out of
    the vectors still holds them)."""
    ok = np.zeros(len(space.vocabulary), dtype=bool)
    for term, col in space.vocabulary.items():
        ok[col] = ":" not in term and len(term) > 2 and not is_number_term(term)
    return ok


class Explainer:
    """Words for pairs of rows of one TF-IDF matrix (numpy only: used at build and when serving)."""

    def __init__(self, matrix: Rows, space: TermSpace, posts: Sequence[Post], vocabulary: Vocabulary | None,
                 limit: int) -> None:
        self._matrix = matrix
        self._space = space
        self._posts = posts
        self._vocabulary = vocabulary
        self._limit = limit
        self._words_ok = word_columns(space)
        self._roots: dict[int, str] = {}  # column -> stem of its readable word ("calves" -> calf)
        self._vague = vocabulary.vague_terms if vocabulary else frozenset()
        self._category_terms: dict[int, frozenset[str]] = {}
        self._name_terms: dict[str, frozenset[str]] = {}

    def words(self, a: int, b: int) -> tuple[str, ...]:
        """Up to `limit` readable words for rows a and b, strongest first."""
        a_cols, a_vals = self._matrix.row(a)
        b_cols, b_vals = self._matrix.row(b)
        cols, here, there = np.intersect1d(a_cols, b_cols, assume_unique=True, return_indices=True)
        return self._chosen(a, b, cols, a_vals[here] * b_vals[there])

    def words_of_pairs(self, pairs: npt.NDArray[np.int64]) -> list[tuple[str, ...]]:
        """`words` for many (a, b) pairs at once (build time: the products are batched in scipy)."""
        from .neighbours import to_scipy

        matrix = to_scipy(self._matrix)
        out: list[tuple[str, ...]] = []
        for start in range(0, len(pairs), BATCH):
            batch = pairs[start : start + BATCH]
            product = matrix[batch[:, 0]].multiply(matrix[batch[:, 1]]).tocsr()
            product.sort_indices()
            for p, (a, b) in enumerate(batch.tolist()):
                lo, hi = product.indptr[p], product.indptr[p + 1]
                out.append(self._chosen(a, b, product.indices[lo:hi], product.data[lo:hi]))
        return out

    def _chosen(self, a: int, b: int, cols: npt.NDArray[np.int32], products: npt.NDArray[np.float32]
                ) -> tuple[str, ...]:
        """The strongest shared words that a reader does not see already, one form each."""
        if not len(cols):
            return ()
        keep = self._words_ok[cols] & (products >= MIN_SHARE * float(products.sum()))
        cols, products = cols[keep], products[keep]
        order = np.lexsort((cols, -products))[:CANDIDATES]
        skip = self._said(a, b)
        shown: list[str] = []
        seen: set[str] = set()
        for col in cols[order].tolist():
            term = self._space.term(col)
            word = self._space.surface.get(term, term)
            root = self._roots.get(col)
            if root is None:
                root = self._roots[col] = stem(word)
            if term in skip or term in self._vague or root in seen:
                continue
            seen.add(root)
            shown.append(word)
            if len(shown) == self._limit:
                break
        return tuple(shown)

    def _said(self, a: int, b: int) -> frozenset[str]:
        """What the reader already sees: category names, and every name of a shared body part or
        injury (so "hamstring" is not said again under "Hamstrings")."""
        pa, pb = self._posts[a], self._posts[b]
        said = self._categories(a) | self._categories(b)
        for key in {*pa.body_parts, *pa.injuries} & {*pb.body_parts, *pb.injuries}:
            if key not in self._name_terms:
                self._name_terms[key] = _names({key}, self._vocabulary)
            said = said | self._name_terms[key]
        return said

    def _categories(self, row: int) -> frozenset[str]:
        found = self._category_terms.get(row)
        if found is None:
            found = frozenset(t for name in self._posts[row].categories for t in terms(name))
            self._category_terms[row] = found
        return found


def _names(keys: set[str], vocabulary: Vocabulary | None) -> frozenset[str]:
    """Terms of every name of these body parts and injuries: shown by their labels already, so
    "hamstring" is not said again under "Hamstrings"."""
    said: set[str] = set()
    for key in keys:
        if vocabulary is not None and vocabulary.has_concept(key):
            for name in vocabulary.expansions(key):
                said.update(terms(name))
        else:
            said.update(terms(key.replace("_", " ")))
    return frozenset(said)

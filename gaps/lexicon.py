"""The blog's own words: every word its posts use (with how many posts use it) and their terms.

The gap report reads readers' searches against this: a search is understood when it names a
vocabulary concept or uses words the posts use. It is built from the posts the way the search
index counts its spelling words (each post's title, categories, tags and body, once per post).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..index.post import Post
from ..text.analysis import analyse, words
from ..text.vocabulary import Vocabulary


@dataclass(frozen=True)
class Lexicon:
    """Folded words (stop words included) -> how many posts use them, and the posts' terms."""

    words: Mapping[str, int]
    terms: frozenset[str]

    @classmethod
    def of_posts(cls, posts: Iterable[Post]) -> Lexicon:
        counts: Counter[str] = Counter()
        terms: set[str] = set()
        for post in posts:
            seen: set[str] = set()
            for text in (post.title, " ".join((*post.categories, *post.tags)), post.body):
                analysed = analyse(text)
                seen.update(analysed.words)
                terms.update(analysed.indexed())
            counts.update(seen)
        return cls(dict(counts), frozenset(terms))

    def uses(self, word: str) -> bool:
        return word in self.words


def vocabulary_words(vocabulary: Vocabulary) -> tuple[str, ...]:
    """The folded words of every concept name a search may use (no misspellings)."""
    return tuple(dict.fromkeys(w for surface, _ in vocabulary.prefix_terms() for w in words(surface)))

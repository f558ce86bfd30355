"""Writes the search part of a bundle version from posts analysed once (`tagging.AnalysedPost`):
the impact matrix, facets, filters, sentences, feedback counts, spelling words, type-ahead and
the Whoosh text store. Everything a search needs that does not depend on the search is here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path

import numpy as np

from ..index.post import Post
from .analysis import analyse
from .excerpts import EXCERPT_SOURCE_CHARS, build_sentences
from .facets import FacetTable, category_key, make_facet
from .feedback import FEEDBACK_CHARS
from .impact import FieldCounts, build
from .part import NO_DATE, Feedback, SearchPart, save
from .analysis import STOPWORDS
from .schema import STOP_FIELD, concept_term, stop_term
from .suggest import entries
from .tagging import AnalysedPost, analyse_post
from .text_store import write_text_store
from .vocabulary import Vocabulary


def topics_text(keys: Sequence[str], vocabulary: Vocabulary) -> str:
    """The names of a post's body parts and injuries, as text (the `topics` field)."""
    parts: list[str] = []
    for key in keys:
        if vocabulary.has_concept(key):
            parts.append(vocabulary.label(key))
            parts.extend(vocabulary.expansions(key))
        else:
            parts.append(key.replace("_", " "))
    return " . ".join(parts)


def field_counts(doc: AnalysedPost, vocabulary: Vocabulary) -> tuple[FieldCounts, dict[str, list[str]]]:
    """What the impact matrix counts for a post, and the field terms the text store keeps."""
    post = doc.post
    tagged = tuple(dict.fromkeys((*post.body_parts, *post.injuries)))
    fields = {
        "title": doc.title.indexed(),
        "tags": doc.tags.indexed(),
        "topics": analyse(topics_text(tagged, vocabulary)).indexed(),
        "body": doc.body.indexed(),
    }
    counts: dict[str, Counter[str]] = {name: Counter(terms) for name, terms in fields.items()}
    for name in ("title", "tags", "body"):
        counts[name].update({concept_term(key): n for key, n in doc.concepts[name].items()})
    counts["topics"].update({concept_term(key): 1 for key in tagged})
    lengths = {name: len(terms) for name, terms in fields.items()}
    every = (*doc.title.words, *doc.tags.words, *doc.body.words)
    counts[STOP_FIELD] = Counter(stop_term(w) for w in every if w in STOPWORDS)
    lengths[STOP_FIELD] = len(every)
    return FieldCounts(counts, lengths, tuple(post.kinds)), fields


def write_search_part(posts: Sequence[AnalysedPost], directory: Path, vocabulary: Vocabulary) -> dict[str, int]:
    """Write the search part for `posts` (in bundle order) into `directory`."""
    counted = [field_counts(doc, vocabulary) for doc in posts]
    impact = build([c for c, _ in counted])
    term_id = {t: i for i, t in enumerate(impact.terms)}
    part = SearchPart(
        ids=[doc.post.id for doc in posts],
        impact=impact,
        feedback=_feedback(posts, term_id),
        body_df=_body_df(posts, term_id),
        facets=_facets(posts),
        video=np.asarray([doc.post.has_video for doc in posts], dtype=bool),
        year=np.asarray([doc.post.date.year if doc.post.date else 0 for doc in posts], dtype=np.int32),
        date=np.asarray([_epoch(doc) for doc in posts], dtype=np.int64),
        date_order=_date_order(posts),
        sentences=build_sentences([(doc.post.body, doc.body) for doc in posts], term_id),
        words=_words(posts),
        suggest=_suggest(posts, vocabulary),
    )
    save(directory, part)
    write_text_store(directory / "text", [fields for _, fields in counted])
    return {"posts": len(posts), "terms": len(impact.terms)}


def _epoch(doc: AnalysedPost) -> int:
    date = doc.post.date
    return int(date.astimezone(UTC).timestamp()) if date is not None else int(NO_DATE)


def _date_order(posts: Sequence[AnalysedPost]) -> np.ndarray:
    """Docnums newest first; undated last; ties by docnum."""
    keys = [(0, -_epoch(doc), i) if doc.post.date else (1, 0, i) for i, doc in enumerate(posts)]
    return np.asarray([i for *_, i in sorted(keys)], dtype=np.int32)


def _feedback(posts: Sequence[AnalysedPost], term_id: dict[str, int]) -> Feedback:
    ptr = [0]
    terms: list[int] = []
    counts: list[int] = []
    for doc in posts:
        body = [t for t, s in zip(doc.body.terms, doc.body.starts) if t is not None and s < FEEDBACK_CHARS]
        tally = Counter([*doc.title.indexed(), *body])
        for term, n in sorted(tally.items()):
            if term in term_id:
                terms.append(term_id[term])
                counts.append(min(n, 65_535))
        ptr.append(len(terms))
    return Feedback(np.asarray(ptr, dtype=np.int64), np.asarray(terms, dtype=np.int32),
                    np.asarray(counts, dtype=np.uint16))


def _body_df(posts: Sequence[AnalysedPost], term_id: dict[str, int]) -> np.ndarray:
    df = np.zeros(len(term_id), dtype=np.int32)
    for doc in posts:
        ids = [term_id[t] for t in set(doc.body.indexed()) if t in term_id]
        df[ids] += 1
    return df


def _facets(posts: Sequence[AnalysedPost]) -> FacetTable:
    labels: dict[str, str] = {}
    for doc in posts:
        for name in doc.post.categories:
            labels.setdefault(category_key(name), name)
    facets = {
        "category": make_facet([tuple(category_key(c) for c in doc.post.categories) for doc in posts]),
        "body_part": make_facet([doc.post.body_parts for doc in posts]),
        "injury": make_facet([doc.post.injuries for doc in posts]),
        "video": make_facet([(doc.post.has_video,) for doc in posts]),
        "year": make_facet([(doc.post.date.year,) if doc.post.date else () for doc in posts]),
    }
    return FacetTable(len(posts), facets, labels)


def _words(posts: Sequence[AnalysedPost]) -> dict[str, int]:
    """Unstemmed words of title, tags and body, and how many posts use each (the spelling list)."""
    df: Counter[str] = Counter()
    for doc in posts:
        df.update(set(doc.title.words) | set(doc.tags.words) | set(doc.body.words))
    return dict(df)


def _suggest(posts: Sequence[AnalysedPost], vocabulary: Vocabulary) -> list[list[object]]:
    counts = Counter(k for doc in posts for k in (*doc.post.body_parts, *doc.post.injuries))
    concepts = []
    for surface, key in vocabulary.prefix_terms():
        concept = vocabulary.concept(key)
        concepts.append((surface, key, concept.kind, counts.get(key, 0), surface == concept.name))
    titles = [(doc.post.title, doc.post.slug or doc.post.id) for doc in posts]
    return entries(titles, concepts)




def index_posts(posts: Sequence[Post], directory: Path, vocabulary: Vocabulary) -> list[Post]:
    """Analyse, tag and write a search part for `posts` alone (no bundle); the tagged posts."""
    analysed = [analyse_post(post, vocabulary) for post in posts]
    write_search_part(analysed, directory, vocabulary)
    return [doc.post for doc in analysed]

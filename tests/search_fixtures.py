"""Tiny hand-written posts whose right answers are obvious, and a factory for real indexes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from runphys.index.post import Post, Video
from runphys.search.excerpts import Sentences, sentences_of
from runphys.search.searcher import SearchIndex
from runphys.search.text_store import TextStoreWriter
from runphys.search.writer import SearchPartWriter
from runphys.text.analysis import Analysed
from runphys.text.tagging import analyse_post
from runphys.text.vocabulary import Vocabulary
from runphys.text.vocabulary_file import package_vocabulary
from tests import posts_factory

FILLER = (
    "Training load matters more than any single session. Sleep, easy miles and patience "
    "carry most runners through a season. "
)


def when(year: int, month: int = 1, day: int = 1) -> datetime:
    return datetime(year, month, day, 8, 0, tzinfo=UTC)


def make_post(post_id: str, title: str, body: str = "", **fields: Any) -> Post:
    """The tests' post factory with this corpus's defaults: slug = id, a 2022 date, filler text."""
    fields = {"slug": post_id, "url": f"https://blog.example/{post_id}/", "date": when(2022),
              "excerpt": f"Excerpt of {title}.", **fields}
    return posts_factory.make_post(post_id, title, body or FILLER, **fields)


def sample_posts() -> list[Post]:
    video = (Video("youtube", "abc123", "https://youtu.be/abc123", "https://img.example/abc.jpg"),)
    return [
        make_post(
            "pfps",
            "Understanding kneecap pain on descents",
            "Patellofemoral pain syndrome flares when running downhill. Quads control the descent. "
            + FILLER,
            categories=("Injuries",),
            date=when(2021, 5, 2),
        ),
        make_post(
            "knee-downhill",
            "Knee pain when running downhill",
            "Knee pain on the downhill is common. Shorten your stride and lean slightly forward. "
            + FILLER,
            categories=("Injuries",),
            tags=("knee", "downhill"),
            date=when(2023, 3, 1),
            videos=video,
        ),
        make_post(
            "itb-foam",
            "Foam rolling the iliotibial band",
            "The iliotibial band runs down the outside of the thigh. Foam rolling feels good. "
            + FILLER,
            categories=("Recovery",),
            date=when(2020, 7, 4),
        ),
        make_post(
            "hamstring-stretch",
            "Three hamstring stretches after a run",
            "Stretch the hamstring gently after easy runs. Hold each stretch for thirty seconds. "
            + FILLER,
            categories=("Stretching",),
            date=when(2022, 9, 9),
            videos=video,
        ),
        make_post(
            "plantar",
            "Plantar fasciitis: heel pain in the morning",
            "Plantar fasciitis makes the first steps of the morning painful. Calf raises help. "
            + FILLER,
            categories=("Injuries",),
            date=when(2019, 2, 2),
        ),
        make_post(
            "achilles",
            "Achilles tendinitis and eccentric heel drops",
            "Achilles tendinitis responds to eccentric heel drops done slowly every day. " + FILLER,
            categories=("Injuries", "Strength"),
            date=when(2024, 4, 4),
        ),
        make_post(
            "mtss",
            "MTSS: managing medial tibial stress",
            "MTSS is stress along the inner tibia. Reduce mileage, then build back slowly. " + FILLER,
            categories=("Injuries",),
            date=when(2021, 1, 15),
        ),
        make_post(
            "marathon",
            "Marathon taper week",
            "Cut volume by a third in taper week and keep a little intensity. Trust the training. "
            + FILLER,
            categories=("Training",),
            date=when(2024, 10, 1),
        ),
        make_post(
            "cadence",
            "Cadence drills for smoother running",
            "Short quick steps reduce braking forces. Use a metronome app for cadence drills. "
            + FILLER,
            categories=("Training",),
            date=when(2023, 6, 6),
        ),
    ]


def index_posts(posts: Sequence[Post], directory: Path, vocabulary: Vocabulary) -> list[Post]:
    """Analyse, tag and write a search part for `posts` alone (no bundle); the tagged posts.

    The tests' and benchmarks' way to a real search part without a whole bundle (a build goes
    through service/pipeline.py, which hands the same writer each post)."""
    writer = SearchPartWriter(directory, vocabulary)
    tagged = []
    for post in posts:
        doc = analyse_post(post, vocabulary)
        writer.add(doc)
        tagged.append(doc.post)
    writer.finish()
    return tagged


def write_text_store(directory: Path, docs: Sequence[Mapping[str, Sequence[str]]]) -> None:
    """A text store of each post's field terms under its docnum, all at once (tests only)."""
    writer = TextStoreWriter(directory)
    for docnum, fields in enumerate(docs):
        writer.add(docnum, fields)
    writer.close()


def build_sentences(bodies: Sequence[tuple[str, Analysed]], term_id: dict[str, int]) -> Sentences:
    """Sentences of each body's start with the ids of the terms in each, as the writer stores them."""
    post_ptr = [0]
    spans: list[tuple[int, int]] = []
    term_ptr = [0]
    terms: list[int] = []
    for text, analysed in bodies:
        for s, e, found in sentences_of(text, analysed):
            spans.append((s, e))
            terms.extend(sorted({term_id[t] for t in found if t in term_id}))
            term_ptr.append(len(terms))
        post_ptr.append(len(spans))
    return Sentences(
        np.asarray(post_ptr, dtype=np.int64),
        np.asarray(spans, dtype=np.int32).reshape(-1, 2),
        np.asarray(term_ptr, dtype=np.int64),
        np.asarray(terms, dtype=np.int32),
    )


def build_index(
    tmp_path: Path, posts: Sequence[Post] | None = None, vocabulary: Vocabulary | None = None
) -> SearchIndex:
    """Tag `posts` (default: sample_posts()), write a real index under tmp_path and open it."""
    vocabulary = vocabulary or package_vocabulary()
    directory = tmp_path / "search"
    tagged = index_posts(sample_posts() if posts is None else posts, directory, vocabulary)
    return SearchIndex.open(directory, {post.id: post for post in tagged}, vocabulary)

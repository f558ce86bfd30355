"""`AuthorProblem`: something of the author's state a build could not apply (a damaged line of
edits.jsonl, an unusable curation.json, vocabulary names cut at a cap). Builds report them, each
version's manifest keeps them (`author_state.<file>.problems`), the author's pages show them."""

from __future__ import annotations

from typing import TypedDict


class AuthorProblem(TypedDict):
    file: str  # the file's full path (or the vocabulary's source name)
    line: int  # 1-based; 0 when the whole file is concerned
    reason: str  # what is wrong, and what the build did about it

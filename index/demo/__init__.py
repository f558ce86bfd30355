"""The built-in demo blog: 72 original posts in Markdown (see README.md beside them)."""

from pathlib import Path

POSTS = Path(__file__).resolve().parent / "posts"

"""What the gap report needs from the related-posts engine (`recommend.model.RelatedIndex` has it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..recommend.items import RelatedItem


class RelatedPosts(Protocol):
    """Posts near a text, posts with no close neighbour, and pairs of posts too alike."""

    def related_to_text(self, text: str, limit: int = 5) -> Sequence[RelatedItem]:
        """The posts closest to `text`, best first."""
        ...

    def orphans(self, min_score: float | None = None) -> Sequence[str]:
        """Ids of the posts with no neighbour scoring `min_score` or more, in either direction."""
        ...

    def near_duplicates(self) -> Sequence[tuple[str, str, float]]:
        """(id, id, similarity) of the pairs so alike that one may be redundant, best first."""
        ...

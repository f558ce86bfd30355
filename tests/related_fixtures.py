"""`build_related`: a related/ part from analysed posts in one call (tests and benchmarks only).

The product builds the part while it analyses each post (`service.pipeline` feeds a
`RelatedPartWriter` post by post); tests and benchmarks already hold every analysed post.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from runphys.recommend.builder import RelatedPartWriter
from runphys.recommend.config import RelatedConfig
from runphys.recommend.curation import Curation
from runphys.text.tagging import AnalysedPost
from runphys.text.vocabulary import Vocabulary


def build_related(docs: Sequence[AnalysedPost], directory: Path, config: RelatedConfig = RelatedConfig(), *,
                  curation: Mapping[str, Curation] | None = None, vocabulary: Vocabulary | None = None
                  ) -> dict[str, Any]:
    """Vectorise every post, find every post's neighbours, make and store every related list."""
    started = time.perf_counter()
    writer = RelatedPartWriter(config, vocabulary)
    for doc in docs:
        writer.add(doc)
    stats = writer.finish(directory, curation)
    return {**stats, "seconds": round(time.perf_counter() - started, 3)}

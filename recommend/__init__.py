"""Related posts ("related videos"): TF-IDF vectors from each post's one analysis, neighbours and
every post's related list computed at build; serving reads stored rows.

Modules: `config` (RelatedConfig), `vectors` (terms, weights, TermSpace, numpy rows), `neighbours`
(sparse top-k), `lists` (pins, MMR, threshold, fallbacks), `diversity` (MMR), `ranking` (boosts),
`topics` (a post's own injury and its body part, ranked first), `why` (the words a reader sees),
`curation` (the author's pins and excludes), `items` (RelatedItem), `store` (the related/ folder),
`stored_lists` (every list made at build, packed with its reasons), `builder` (build, update,
relist), `model` (RelatedIndex: what serving calls).
"""

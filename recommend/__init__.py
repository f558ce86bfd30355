"""Related posts ("related videos"): TF-IDF over the search analyzer, top-k neighbours precomputed.

Modules: `config` (RelatedConfig), `vectors` (analyzer, field weights, TermSpace = vocabulary +
idf without pickle), `neighbours` (chunked top-k), `diversity` (MMR), `ranking` (filters, boosts,
fallback order), `curation` (the author's pins/excludes), `items` (RelatedItem, "why"),
`store` (the related/ folder), `builder` (build_related, update_related), `model` (RelatedIndex).
"""

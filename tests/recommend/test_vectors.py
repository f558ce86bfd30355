"""The vectors: numpy transform equals scikit-learn's, fields and tags weighted, stored space reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer

from runphys.recommend.config import RelatedConfig
from runphys.recommend.store import load
from runphys.recommend.vectors import Counts, _stop_words, fit, post_terms, text_terms, transform
from tests.recommend.test_model import VOCAB, corpus_docs, make_doc
from tests.related_fixtures import build_related


def dense(rows) -> np.ndarray:  # type: ignore[no-untyped-def]
    return sp.csr_matrix((rows.data, rows.indices, rows.indptr), shape=rows.shape).toarray()


def test_transform_equals_scikit_learn() -> None:
    config = RelatedConfig()
    counts = [post_terms(doc, config, _stop_words()) for doc in corpus_docs()]
    space = fit(Counts.of(counts), config)
    raw = np.zeros((len(counts), len(space.vocabulary)))
    for i, doc in enumerate(counts):
        for term, n in doc.items():
            if term in space.vocabulary:
                raw[i, space.vocabulary[term]] = n
    want = TfidfTransformer(sublinear_tf=True).fit_transform(raw).toarray()
    np.testing.assert_allclose(dense(transform(counts, space)), want, rtol=1e-5, atol=1e-6)


def test_fields_labels_topics_and_kinds_are_weighted() -> None:
    config = RelatedConfig()
    doc = make_doc("k", "Knee pain", ["Knees"], ["runner's knee"], "Five reasons the knee hurts. Our 3 tips.", 0)
    terms = post_terms(doc, config, _stop_words())
    assert terms["knee"] == config.title_weight + config.taxonomy_weight * 2 + config.body_weight
    assert terms["label:knees"] == terms["label:runner's knee"] == config.label_weight
    assert terms["tagged:runners_knee"] == terms["tagged:knee"] == config.tagged_weight
    assert terms["concept:runners_knee"] == config.concept_weight
    assert not {"five", "our", "3"} & set(terms)
    assert text_terms("a tight IT band", VOCAB, config)["concept:it_band"] == config.concept_weight


def test_saved_space_reproduces_stored_matrix(tmp_path: Path) -> None:
    docs = corpus_docs()
    build_related(docs, tmp_path, vocabulary=VOCAB)
    stored = load(tmp_path)
    again = transform([post_terms(d, stored.config, _stop_words()) for d in docs], stored.space)
    np.testing.assert_array_equal(dense(again), dense(stored.matrix))
    surface = json.loads((tmp_path / "surface.json").read_text())
    assert surface.get("roll") in {"rolling", "roll"} and surface.get("stretch") == "stretches"

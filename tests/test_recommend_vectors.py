"""The hand-rolled transform (JSON vocabulary + idf.npy) equals the fitted TfidfVectorizer."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from runphys.recommend.config import RelatedConfig
from runphys.recommend.model import build_related
from runphys.recommend.store import load
from runphys.recommend.vectors import (
    FieldText,
    PostAnalyzer,
    TextAnalyzer,
    fit_space,
    make_vectorizer,
)
from tests.test_recommend_model import VOCAB, corpus


def test_manual_transform_equals_sklearn() -> None:
    config = RelatedConfig()
    analyzer = PostAnalyzer(TextAnalyzer(VOCAB), config)
    docs = [FieldText.of_post(post) for post in corpus()]
    vectorizer = make_vectorizer(analyzer, config).fit(docs)
    space = fit_space([analyzer.analyse(d) for d in docs], analyzer, config)
    assert space.vocabulary == {t: int(c) for t, c in vectorizer.vocabulary_.items()}
    drafts = [*docs, FieldText.of_text("IT band pain after a marathon, new unseenword"), FieldText.of_text("")]
    want = vectorizer.transform(drafts).toarray()
    got = space.transform([analyzer.analyse(d) for d in drafts]).toarray()
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7)


def test_analyzer_weights_fields_and_adds_concepts() -> None:
    analyzer = PostAnalyzer(TextAnalyzer(VOCAB), RelatedConfig())
    terms = analyzer(FieldText(title="Knee", taxonomy="hip", body="runner's knee pain"))
    assert terms.count("concept:runners_knee") == 3 and terms.count("concept:hip") == 3
    assert terms.count("hip") == 2 and terms.count("pain") == 1
    assert analyzer("IT band") == analyzer(FieldText(body="IT band"))


def test_saved_space_reproduces_stored_matrix(tmp_path: Path) -> None:
    posts = corpus()
    build_related(posts, tmp_path, vocabulary=VOCAB)
    stored = load(tmp_path)
    analyzer = PostAnalyzer(TextAnalyzer(VOCAB), stored.config)
    again = stored.space.transform([analyzer.analyse(FieldText.of_post(p)) for p in posts])
    assert (again != stored.matrix).nnz == 0
    surface = json.loads((tmp_path / "surface.json").read_text())
    assert surface.get("roll") in {"rolling", "roll"} and surface.get("stretch") == "stretches"

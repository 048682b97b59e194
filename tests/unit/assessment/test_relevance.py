import numpy as np
import pytest

from beloftemeter.analysis.relevance import (
    FEATURES,
    DossierGrouper,
    RelevanceModel,
    TermData,
    features,
    fit_logistic,
    load_models,
    without_semantics,
)
from beloftemeter.models.search import Hit, RankerResult
from beloftemeter.search.dutch import Analyzer

ANALYZER = Analyzer()


def terms(title: str) -> frozenset[str]:
    return frozenset(ANALYZER.query_terms(title))


def hit(decision_id: str, rank: int, bm25: int | None, e5: int | None) -> Hit:
    rankers = []
    if bm25 is not None:
        rankers.append(RankerResult("bm25", bm25, 10.0 / bm25))
    if e5 is not None:
        rankers.append(RankerResult("e5", e5, 0.9 - e5 / 100))
    return Hit(decision_id, rank, 1.0 / rank, "2021-01-01", decision_id, "nota", None, None,
               "", tuple(rankers), "")


def test_the_stages_of_one_decree_form_one_dossier_and_other_matters_stay_apart():
    titles = [
        "Vlaamse Parken en algemene landschapszorg: voorontwerp decreet",
        "Vlaamse Parken en algemene landschapszorg: goedkeuring ontwerpdecreet",
        "Decreet Vlaamse Parken en algemene landschapszorg",
        "Benoeming leden raad van bestuur De Lijn",
    ]
    groups = DossierGrouper(ANALYZER).groups([terms(t) for t in titles])
    assert groups[0] == groups[1] == groups[2]
    assert groups[3] != groups[0]


def test_a_dossier_member_inherits_the_best_title_match_of_its_dossier():
    hits = [hit("a", 1, 1, 1), hit("b", 7, 9, 8)]
    data = TermData({"kilometerheff": 2.0}, {"kilometerheff": 2},
                    {"a": frozenset({"kilometerheff"}), "b": frozenset()},
                    {"a": frozenset({"kilometerheff"}), "b": frozenset()})
    alone = features(hits, data, [0, 1])
    together = features(hits, data, [0, 0])
    cover = FEATURES.index("title_cover")
    assert alone[1, cover] == 0.0 and together[1, cover] == 1.0
    assert together[1, FEATURES.index("dossier_size")] > alone[1, FEATURES.index("dossier_size")]


def test_without_an_embedder_the_semantic_features_are_zero():
    hits = [hit("a", 1, 1, None)]
    data = TermData({}, {}, {}, {})
    matrix = without_semantics(features(hits, data, [0]))
    assert matrix[0, FEATURES.index("semantic_rank")] == 0.0
    assert matrix[0, FEATURES.index("lexical_rank")] == pytest.approx(1.0)


def test_logistic_fitting_separates_what_one_feature_separates():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(200, 3))
    y = (x[:, 1] > 0).astype(float)
    w, b = fit_logistic(x, y, l2=0.1)
    assert abs(w[1]) > 5 * max(abs(w[0]), abs(w[2]))
    p = 1 / (1 + np.exp(-(x @ w + b)))
    assert ((p > 0.5) == (y == 1)).mean() > 0.95


def test_the_shipped_models_rise_with_a_better_rank_and_title_match():
    for model in load_models().values():
        assert isinstance(model, RelevanceModel)
        weak = np.zeros((1, len(FEATURES)))
        strong = weak.copy()
        for name in ("lexical_rank", "body_cover", "rarest_shared", "shared_count"):
            strong[0, FEATURES.index(name)] = 1.0
        assert model.probabilities(strong)[0] > model.probabilities(weak)[0]

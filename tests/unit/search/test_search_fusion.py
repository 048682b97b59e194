"""Fusion of the rankings: reciprocal rank, and neighbour smoothing for promises and sections."""

import numpy as np
import pytest

from beloftemeter.config import Settings
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.fusion import RRF_K
from beloftemeter.search.neighbours import smooth_scores
from beloftemeter.search.queries import promise_query, text_query
from beloftemeter.search.vectors import embed_missing


@pytest.fixture
def engine(decisions_store, fake_embedder):
    embed_missing(decisions_store, fake_embedder)
    return SearchEngine(decisions_store, Settings(embedder="geen"), embedders=[fake_embedder])


def test_smoothing_adds_the_mean_score_of_the_neighbours_found_too():
    # Decisions 0, 1 and 2 were found; 3..7 not; the last cell stands for "no neighbour".
    every = np.array([1.0, 1.0, 0.5, 0, 0, 0, 0, 0, 0])
    # 0 sits next to candidate 2 and to nothing; 1 next to two decisions nobody found;
    # 2 next to both other candidates.
    neighbours = np.array([[2, -1], [5, 6], [0, 1]])
    smoothed = smooth_scores(every[:3], neighbours, every, weight=1.0)
    assert smoothed.tolist() == [1.25, 1.0, 1.5]


def test_smoothing_with_weight_zero_or_no_neighbours_keeps_the_scores():
    every = np.array([0.0, 0.1, 0.0, 0.2, 0.0])
    scores = every[[3, 1]]
    assert smooth_scores(scores, np.array([[1], [3]]), every, 0.0).tolist() == [0.2, 0.1]
    empty = np.zeros((2, 0), dtype=np.int64)
    assert smooth_scores(scores, empty, every, 1.0).tolist() == [0.2, 0.1]


def test_only_the_head_of_a_long_fused_ranking_is_smoothed_and_the_order_stays_whole(engine):
    query = promise_query("inburgering nieuwkomers cursus Nederlands", "Inburgering")
    rankings = engine.rank(query)
    plain = dict(engine.fuse(rankings))
    ranked = engine.fuse(rankings, smooth=True, head=2)
    raised = [row for row, score in ranked if score != plain[row]]
    assert len(raised) <= 2
    scores = [score for _, score in ranked]
    assert scores == sorted(scores, reverse=True)
    assert {row for row, _ in ranked} == set(plain)


def test_the_neighbours_of_a_decision_are_the_nearest_others_by_vector(engine):
    position = {decision_id: i for i, decision_id in enumerate(engine.ids)}
    table = engine._neighbours.of(np.array([position["d01"], position["d06"]]))
    first, sixth = (set(row.tolist()) for row in table)
    # Both are about inburgering: each is among the other's neighbours, never its own.
    assert position["d06"] in first and position["d01"] not in first
    assert position["d01"] in sixth and position["d06"] not in sixth


def test_a_typed_query_is_fused_by_reciprocal_rank_alone(engine):
    hit = engine.search(text_query("kinderopvang plaatsen"), limit=1)[0]
    assert hit.decision_id == "d05"
    assert hit.score == pytest.approx(2 / (RRF_K + 1), abs=1e-6)


def test_a_promise_query_lifts_decisions_whose_neighbours_were_found(engine):
    query = promise_query("Het traject van inburgering voor nieuwkomers wordt hertekend.",
                          "Inburgering")
    assert query.neighbours
    rankings = engine.rank(query)
    plain = dict(engine.fuse(rankings))
    smoothed = dict(engine.fuse(rankings, smooth=True))
    assert set(plain) == set(smoothed), "smoothing reorders the candidates, adds none"
    assert all(smoothed[row] >= plain[row] for row in plain)
    position = {decision_id: i for i, decision_id in enumerate(engine.ids)}
    inburgering = position["d01"]
    assert smoothed[inburgering] > plain[inburgering]
    assert [engine.ids[row] for row, _ in engine.fuse(rankings, smooth=True)][:2] in (
        ["d01", "d06"], ["d06", "d01"])


def test_a_second_embedder_counts_half_in_the_fusion(decisions_store, fake_embedder):
    from search_fixtures import FakeEmbedder

    second = FakeEmbedder(name="fake-2")
    for embedder in (fake_embedder, second):
        embed_missing(decisions_store, embedder)
    engine = SearchEngine(decisions_store, Settings(embedder="geen"),
                          embedders=[fake_embedder, second])
    rankings = engine.rank(text_query("cursus Nederlands"))
    only_second = {name: rankings[name] for name in ("fake-2",)}
    only_first = {name: rankings[name] for name in ("fake-1",)}
    best_second = engine.fuse(only_second)[0][1]
    best_first = engine.fuse(only_first)[0][1]
    assert best_first == pytest.approx(1 / (RRF_K + 1))
    assert best_second == pytest.approx(0.5 / (RRF_K + 1))


def test_the_semantic_score_is_the_whole_query_with_the_two_best_parts():
    from beloftemeter.search.fusion import aggregate

    # columns: the whole section, then three of its statements
    similarities = np.array([[0.8, 0.1, 0.9, 0.5], [0.6, 0.7, 0.2, 0.3]])
    assert aggregate(similarities).tolist() == pytest.approx(
        [0.5 * 0.8 + 0.5 * (0.9 + 0.5) / 2, 0.5 * 0.6 + 0.5 * (0.7 + 0.3) / 2])
    assert aggregate(similarities[:, :2]).tolist() == pytest.approx([0.45, 0.65])
    assert aggregate(similarities[:, :1]).tolist() == pytest.approx([0.8, 0.6])

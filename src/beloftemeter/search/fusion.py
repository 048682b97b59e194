"""Fusion of the rankers' rankings by reciprocal rank, and the per-ranker pieces it needs:
the best rows of a score array, and one semantic score from a query's passages."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from beloftemeter.search.lexical import LEXICAL

# Per ranker: (row positions, scores) of its best decisions, best first.
Rankings = dict[str, tuple[np.ndarray, np.ndarray]]

RRF_K = 60  # the constant of Cormack et al.; large k flattens the head of each ranking
# The first embedder's ranking weighs 1 in the fusion, each further one SECONDARY_WEIGHT: with
# e5 first and USE second, recall@50 on the tuning sections was 0.642 without USE, 0.645 with
# weight 0.5 (even half 0.636 / odd half 0.653), 0.645 with 0.3 and 0.638 with 1.
SECONDARY_WEIGHT = 0.5
AGGREGATE_BEST = 2


def ranker_weight(ranker: str, weights: dict[str, float], first_semantic: str | None) -> float:
    """The weight of `ranker` in the fusion: as given in `weights`, else 1 for the lexical
    ranker and the first embedder (times weights["semantic"]), SECONDARY_WEIGHT for others."""
    if ranker in weights:
        return weights[ranker]
    if ranker == LEXICAL:
        return 1.0
    semantic = weights.get("semantic", 1.0)
    return semantic if ranker == first_semantic else semantic * SECONDARY_WEIGHT


def reciprocal_rank_fusion(
    rankings: Rankings, weight_of: Callable[[str], float]
) -> dict[int, float]:
    """Row → Σ weight / (k + rank) over the rankings the row is in."""
    fused: dict[int, float] = {}
    for name, (rows, _) in rankings.items():
        weight = weight_of(name)
        for rank, row in enumerate(rows.tolist(), start=1):
            fused[row] = fused.get(row, 0.0) + weight / (RRF_K + rank)
    return fused


def aggregate(similarities: np.ndarray) -> np.ndarray:
    """One semantic score per decision from its similarities to the query's passages: the mean
    of the first passage (the query as a whole) and the mean of its two best similarities to
    the others (a decision often answers one or two statements of a section). Measured on the
    tuning sections: better recall than the first alone, the best alone, or the best three
    (recall@50 with e5: best one 0.637, best two 0.642, best three 0.636)."""
    if similarities.shape[1] == 1:
        return similarities[:, 0]
    rest = similarities[:, 1:]
    if rest.shape[1] > AGGREGATE_BEST:
        best = -np.partition(-rest, AGGREGATE_BEST - 1, axis=1)[:, :AGGREGATE_BEST]
    else:
        best = rest
    return 0.5 * similarities[:, 0] + 0.5 * best.mean(axis=1)


def top(scores: np.ndarray, depth: int, *, positive: bool) -> tuple[np.ndarray, np.ndarray]:
    """Positions and scores of the `depth` highest finite scores (ties: lower position);
    with `positive`, only scores above zero count."""
    valid = scores > 0 if positive else np.isfinite(scores)
    candidates = np.flatnonzero(valid)
    if not len(candidates):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    chosen = candidates
    if len(candidates) > depth:
        part = np.argpartition(-scores[candidates], depth - 1)[:depth]
        chosen = candidates[part]
    order = np.lexsort((chosen, -scores[chosen]))
    chosen = chosen[order]
    return chosen, scores[chosen]

"""Relevance of a candidate decision to a promise: a small logistic model over ranking and
term features, with the decisions of one dossier judged together.

Why a learned model: hand-set thresholds on single features (a shared title term, half the
weight covered, both ranks high) either missed most decisions that carry a promise out or let
loosely related ones through. A logistic model weighs the same features jointly; its weights
are fitted on the hand-labelled promises by `python -m bench.fit_relevance`, which reports
leave-one-chapter-out figures and writes `relevance_model.json` (fitted weights are data, not
code). The model never sees labels at run time.

A *dossier* is a run of decisions about the same matter at different stages ("Vlaamse Parken:
voorontwerp decreet", "... ontwerpdecreet", "Decreet Vlaamse Parken ..."): titles that share
most of their words once stage words are removed. A decision inherits its dossier's best
title match and rank, so the final stage of a decree is judged with its earlier stages.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from beloftemeter.models.search import Hit
from beloftemeter.search.dutch import Analyzer
from beloftemeter.search.lexical import LEXICAL

FEATURES = (
    "fused_rank",  # 1/sqrt(fused rank)
    "lexical_rank",  # closeness of the BM25 rank
    "semantic_rank",  # closeness of the best semantic rank (0 without an embedder)
    "lexical_score",  # BM25 score relative to the best candidate's
    "semantic_score",  # first embedder's cosine minus the best candidate's (≤ 0)
    "title_cover",  # weighted share of the promise's distinctive terms in the title (dossier max)
    "body_cover",  # the same share in title and text
    "rarest_shared",  # weight of the rarest promise term in the title, relative (dossier max)
    "shared_count",  # distinctive title terms shared, capped at 3, over 3
    "both_top10",  # both rankers put it in their top 10
    "dossier_size",  # candidates in its dossier, capped at 5, over 5
    "dossier_rank",  # 1/sqrt(best fused rank in its dossier)
    "title_share",  # share of the decision title's terms that the promise also uses
    "appointment",  # an appointment (benoeming): staffing a body rarely carries a promise out
    "communication",  # a communication to the government (mededeling): nothing is decided
    "promise_rank",  # closeness of this promise's rank among all promises, for the decision
)
SEMANTIC_FEATURES = ("semantic_rank", "semantic_score", "both_top10", "promise_rank")
MODEL_FILE = "relevance_model.json"
_STAGE_WORDS = (
    "voorontwerp ontwerp ontwerpdecreet decreet wijzigingsdecreet besluit wijzigingsbesluit"
    " uitvoeringsbesluit goedkeuring definitieve principiële conceptnota visienota wijziging"
    " aanpassing bekrachtiging afkondiging tweede lezing advies raad state"
)
DOSSIER_OVERLAP = 0.75  # shared share of the shorter title's words
DOSSIER_MIN_SHARED = 2


@dataclass(frozen=True)
class TermData:
    """What the features need to know about the promise and the candidates' words."""

    weights: Mapping[str, float]  # distinctive promise term -> weight (inverse title frequency)
    title_df: Mapping[str, int]  # term -> number of decision titles holding it
    title_terms: Mapping[str, frozenset[str]]  # decision id -> analysed title terms
    body_terms: Mapping[str, frozenset[str]]  # decision id -> analysed title and text terms
    promise_terms: frozenset[str] = frozenset()  # every analysed term of the promise


@dataclass(frozen=True)
class RelevanceModel:
    """Logistic weights per feature name and a bias."""

    weights: Mapping[str, float]
    bias: float
    version: str

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        w = np.array([self.weights.get(name, 0.0) for name in FEATURES])
        return 1.0 / (1.0 + np.exp(-(features @ w + self.bias)))


def load_models() -> dict[str, RelevanceModel]:
    """The fitted models shipped with the package: "hybrid" and "lexical"."""
    text = resources.files("beloftemeter.analysis").joinpath(MODEL_FILE).read_text("utf-8")
    data = json.loads(text)
    return {
        name: RelevanceModel(dict(m["weights"]), float(m["bias"]), str(data["version"]))
        for name, m in data["models"].items()
    }


def _closeness(rank: int | None) -> float:
    return 0.0 if rank is None else 1.0 / (1.0 + (rank - 1) / 5.0)


class DossierGrouper:
    """Groups candidates whose titles name the same matter once stage words are removed."""

    def __init__(self, analyzer: Analyzer) -> None:
        self._stage_terms = frozenset(analyzer.query_terms(_STAGE_WORDS))

    def groups(self, title_terms: Sequence[frozenset[str]]) -> list[int]:
        """A group number per candidate (union-find over similar titles)."""
        terms = [t - self._stage_terms for t in title_terms]
        parent = list(range(len(terms)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, a in enumerate(terms):
            for j in range(i + 1, len(terms)):
                b = terms[j]
                if not a or not b:
                    continue
                shared = len(a & b)
                if shared >= DOSSIER_MIN_SHARED and shared / min(len(a), len(b)) >= DOSSIER_OVERLAP:
                    parent[root(i)] = root(j)
        return [root(i) for i in range(len(terms))]


def features(
    hits: Sequence[Hit],
    terms: TermData,
    groups: Sequence[int],
    primary: str | None = None,
    promise_ranks: Sequence[int | None] | None = None,
) -> np.ndarray:
    """One row of `FEATURES` per candidate hit. `primary` names the embedder whose cosine is
    the semantic score (cosines of different models are not on one scale); by default the
    semantic ranker with the highest score. `promise_ranks`: per hit, how many promises of
    the agreement are more similar to the decision than this one (None without embedder or
    without the decision's vector)."""
    if not hits:
        return np.zeros((0, len(FEATURES)))
    weights = terms.weights
    total = sum(weights.values()) or 1.0
    heaviest = max(weights.values(), default=1.0) or 1.0
    ranks: list[dict[str, tuple[int, float]]] = [
        {r.ranker: (r.rank, r.score) for r in hit.rankers} for hit in hits
    ]
    lexical_scores = [r[LEXICAL][1] for r in ranks if LEXICAL in r]
    best_lexical = max(lexical_scores, default=0.0)
    semantic = [
        r.get(primary) if primary else
        max((v for k, v in r.items() if k != LEXICAL), default=None, key=lambda v: v[1])
        for r in ranks
    ]
    best_semantic = max((s[1] for s in semantic if s is not None), default=0.0)
    rows = []
    closer = promise_ranks if promise_ranks is not None else [None] * len(hits)
    for hit, by_ranker, sem, others in zip(hits, ranks, semantic, closer, strict=True):
        title = terms.title_terms.get(hit.decision_id, frozenset())
        body = terms.body_terms.get(hit.decision_id, frozenset()) | title
        shared = [t for t in weights if t in title and terms.title_df.get(t, 0) > 0]
        lexical = by_ranker.get(LEXICAL)
        sem_rank = min((v[0] for k, v in by_ranker.items() if k != LEXICAL), default=None)
        rows.append([
            1.0 / math.sqrt(hit.rank),
            _closeness(lexical[0] if lexical else None),
            _closeness(sem_rank),
            lexical[1] / best_lexical if lexical and best_lexical > 0 else 0.0,
            sem[1] - best_semantic if sem is not None else -0.2,
            sum(w for t, w in weights.items() if t in title) / total,
            sum(w for t, w in weights.items() if t in body) / total,
            max((weights[t] for t in shared), default=0.0) / heaviest,
            min(len(shared), 3) / 3,
            1.0 if lexical and sem_rank is not None and lexical[0] <= 10 and sem_rank <= 10
            else 0.0,
            0.0,
            0.0,
            len(title & terms.promise_terms) / len(title) if title else 0.0,
            1.0 if (hit.instrument or "").lower() == "benoeming" else 0.0,
            1.0 if (hit.stage or "").lower() == "mededeling" else 0.0,
            _closeness(None if others is None else others + 1),
        ])
    matrix = np.array(rows, dtype=np.float64)
    title_cover = FEATURES.index("title_cover")
    rarest = FEATURES.index("rarest_shared")
    members: dict[int, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    for group_rows in members.values():
        cover = matrix[group_rows, title_cover].max()
        rare = matrix[group_rows, rarest].max()
        best_rank = min(hits[i].rank for i in group_rows)
        for i in group_rows:
            matrix[i, title_cover] = cover
            matrix[i, rarest] = rare
            matrix[i, FEATURES.index("dossier_size")] = min(len(group_rows), 5) / 5
            matrix[i, FEATURES.index("dossier_rank")] = 1.0 / math.sqrt(best_rank)
    return matrix


def without_semantics(matrix: np.ndarray) -> np.ndarray:
    """The features a lexical-only engine has: the semantic ones zeroed."""
    matrix = matrix.copy()
    for name in SEMANTIC_FEATURES:
        matrix[:, FEATURES.index(name)] = 0.0
    return matrix


def fit_logistic(
    x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, iterations: int = 50
) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method: (weights, bias)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.r_[np.full(x.shape[1], l2), 0.0]
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        gradient = xb.T @ (p - y) + penalty * w
        hessian = (xb.T * (p * (1 - p))) @ xb + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])

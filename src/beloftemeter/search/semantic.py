"""Semantic ranking: one embedder's stored decision vectors in memory, and query vectors
embedded once per text when a query cache is given."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from threadpoolctl import ThreadpoolController

from beloftemeter.search.embedders import Embedder
from beloftemeter.search.fusion import aggregate
from beloftemeter.search.vectors import QueryCache, load_vectors, text_hash
from beloftemeter.store import Store

log = logging.getLogger(__name__)

# A (decisions × dim) @ (dim × passages) product is small: one BLAS thread does it as fast,
# and idle BLAS threads that spin after it slow the embedder's own OpenMP threads down
# (p95 of a short hybrid query: 92 ms with BLAS threads, 13 ms without, on 2 cores).
ONE_BLAS_THREAD = ThreadpoolController().wrap(limits=1, user_api="blas")


class SemanticIndex:
    """The vectors of one embedder; `rows` holds each vector's position in the engine's
    order of decisions (decisions without a vector are absent)."""

    def __init__(self, embedder: Embedder, rows: np.ndarray, matrix: np.ndarray) -> None:
        self.embedder = embedder
        self.rows = rows
        self.matrix = matrix

    @classmethod
    def load(cls, store: Store, embedder: Embedder, ids: Sequence[str]) -> SemanticIndex:
        """The stored vectors of the decisions `ids`, by `embedder`."""
        position = {decision_id: i for i, decision_id in enumerate(ids)}
        stored, matrix = load_vectors(store, embedder.name)
        keep = [k for k, decision_id in enumerate(stored) if decision_id in position]
        rows = np.array([position[stored[k]] for k in keep], dtype=np.int64)
        matrix = matrix[keep] if len(keep) != len(stored) else matrix
        if len(rows) < len(ids):
            log.info("%s: %d van %d beslissingen hebben een vector",
                     embedder.name, len(rows), len(ids))
        return cls(embedder, rows, matrix)

    def scores(self, vectors: np.ndarray, size: int, mask: np.ndarray | None) -> np.ndarray:
        """Semantic score of each of `size` decisions for the query `vectors` (one per
        passage); -inf for decisions without a vector or outside `mask`."""
        with ONE_BLAS_THREAD:
            similarity = aggregate(self.matrix @ vectors.T)
        full = np.full(size, -np.inf, dtype=np.float32)
        full[self.rows] = similarity
        if mask is not None:
            full[~mask] = -np.inf
        return full


def query_vectors(
    embedder: Embedder, texts: Sequence[str], cache: QueryCache | None
) -> np.ndarray:
    """Embedded queries; with a cache, each text is embedded once per model."""
    if cache is None:
        return embedder.embed_queries(list(texts))
    model = f"{embedder.name}:query"
    hashes = [text_hash(t) for t in texts]
    known = cache.get_many(model, hashes)
    missing = [(h, t) for h, t in zip(hashes, texts, strict=True) if h not in known]
    if missing:
        fresh = embedder.embed_queries([t for _, t in missing])
        pairs = [(h, v) for (h, _), v in zip(missing, fresh, strict=True)]
        cache.put_many(model, pairs)
        known.update(pairs)
    return np.stack([known[h] for h in hashes])

"""The search engine: BM25 and one semantic ranking per embedder, fused by reciprocal rank.

    engine = SearchEngine(store, settings)
    hits = engine.search("inburgeringstraject", limit=10, date_from="2021-01-01")
    result = engine.find("M-decreet", limit=10)  # a typed query: names first, and a count

The engine reads the store once (analysed words, vectors, dates, types) and answers from
memory. It never embeds decisions itself: `beloftemeter indexeer` (or
`vectors.embed_missing`) does that ahead of time; decisions without a vector for a model are
simply absent from that model's ranking.

This module is the facade; each step has its own module: `filters` (the mask of a search's
filters), `semantic` (one embedder's vectors), `fusion` (reciprocal rank fusion),
`neighbours` (smoothing over the nearest decisions) and `hits` (what a user sees).
`find` is the search box's entry: the same ranking with the decisions that contain the query's
names put first (`names`, `surface`, `matching`) and the number that contain all its words;
`search` is the ranking alone, as the assessment and the policy links ask it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from beloftemeter.config import Settings
from beloftemeter.errors import InputError
from beloftemeter.models.search import Filters, Hit, Query, SearchResult
from beloftemeter.search.embedders import Embedder, build_embedders
from beloftemeter.search.filters import FilterColumns
from beloftemeter.search.fusion import Rankings, ranker_weight, reciprocal_rank_fusion, top
from beloftemeter.search.hits import build_hits
from beloftemeter.search.lexical import LEXICAL, LexicalIndex, sync_documents
from beloftemeter.search.matching import containing_all, names_first, rows_with_name
from beloftemeter.search.names import name_forms
from beloftemeter.search.neighbours import SMOOTHED, Neighbours
from beloftemeter.search.queries import text_query
from beloftemeter.search.semantic import SemanticIndex, query_vectors
from beloftemeter.search.surface import SurfaceIndex
from beloftemeter.search.vectors import QueryCache
from beloftemeter.store import Store
from beloftemeter.store.search_index import decision_texts

__all__ = ["DEPTH", "LEXICAL", "IndexStatus", "SearchEngine"]

DEPTH = 300  # how deep each ranking goes into the fusion


@dataclass(frozen=True)
class IndexStatus:
    decisions: int
    analysed: int
    vectors: dict[str, int]  # model name → decisions with a vector


class SearchEngine:
    """Hybrid search over the decisions in `store`, configured by `settings`."""

    def __init__(
        self,
        store: Store,
        settings: Settings | None = None,
        *,
        embedders: list[Embedder] | None = None,
        weights: dict[str, float] | None = None,
        sync: bool = True,
        query_cache: QueryCache | None = None,
    ) -> None:
        self._store = store
        self._settings = settings or Settings()
        self._embedders = (
            build_embedders(self._settings) if embedders is None else list(embedders)
        )
        self._weights = weights or {}
        self._query_cache = query_cache
        if sync:
            sync_documents(store)
        self.reload()

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the index from the store again (after a sync or new vectors)."""
        self.lexical = LexicalIndex.from_store(self._store)
        self.ids = self.lexical.ids
        self._columns = FilterColumns(self._store, self.ids)
        self._semantic = [SemanticIndex.load(self._store, e, self.ids) for e in self._embedders]
        first = self._semantic[0] if self._semantic else None
        self._neighbours = (
            Neighbours(first, len(self.ids)) if first is not None and len(first.rows) else None
        )
        self._vector_rows: dict[str, dict[str, int]] = {}  # per ranker, on demand
        self._surface: SurfaceIndex | None = None  # built when a query first names something

    @property
    def surface(self) -> SurfaceIndex:
        """The surface words of every decision (title and text), rows in `ids` order."""
        if self._surface is None:
            position = {decision_id: row for row, decision_id in enumerate(self.ids)}
            texts = [""] * len(self.ids)
            for decision_id, title, text in decision_texts(self._store):
                row = position.get(decision_id)
                if row is not None:
                    texts[row] = f"{title}\n{text}"
            self._surface = SurfaceIndex(texts)
        return self._surface

    def status(self) -> IndexStatus:
        return IndexStatus(
            decisions=len(self.ids),
            analysed=len(self.lexical),
            vectors={s.embedder.name: len(s.rows) for s in self._semantic},
        )

    @property
    def rankers(self) -> list[str]:
        return [LEXICAL, *(s.embedder.name for s in self._semantic)]

    def _semantic_of(self, ranker: str) -> SemanticIndex:
        return next(s for s in self._semantic if s.embedder.name == ranker)

    def embed_texts(self, ranker: str, texts: Sequence[str]) -> np.ndarray:
        """Query vectors of `texts` by the embedder named `ranker` (through the query cache)."""
        semantic = self._semantic_of(ranker)
        if not texts:
            return np.zeros((0, semantic.matrix.shape[1]), dtype=np.float32)
        return query_vectors(semantic.embedder, tuple(texts), self._query_cache)

    def decision_vectors(self, ranker: str, decision_ids: Sequence[str]) -> np.ndarray:
        """The stored vectors of `decision_ids` by the embedder named `ranker`; a decision
        without a vector gets a row of zeros."""
        semantic = self._semantic_of(ranker)
        rows = self._vector_rows.get(ranker)
        if rows is None:
            rows = {self.ids[row]: k for k, row in enumerate(semantic.rows)}
            self._vector_rows[ranker] = rows
        out = np.zeros((len(decision_ids), semantic.matrix.shape[1]), dtype=np.float32)
        for i, decision_id in enumerate(decision_ids):
            k = rows.get(decision_id)
            if k is not None:
                out[i] = semantic.matrix[k]
        return out

    def known_values(self, column: str) -> list[str]:
        """The values of `column` (instrument, stage, item_type) the decisions have."""
        return self._columns.known_values(column)

    # -- search ------------------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        *,
        limit: int = 20,
        date_from: str | None = None,
        date_to: str | None = None,
        instrument: str | None = None,
        stage: str | None = None,
        item_type: str | None = None,
        depth: int = DEPTH,
    ) -> list[Hit]:
        """The best `limit` decisions for `query` within the filters, best first."""
        _, _, terms, rankings, fused = self._ranked(
            query, limit, Filters(date_from, date_to, instrument, stage, item_type), depth)
        return build_hits(self._store, self.ids, fused[:limit], rankings, terms,
                          self.lexical.analyzer.terms_of_word)

    def find(
        self,
        query: str | Query,
        *,
        limit: int = 20,
        date_from: str | None = None,
        date_to: str | None = None,
        instrument: str | None = None,
        stage: str | None = None,
        item_type: str | None = None,
        depth: int = DEPTH,
    ) -> SearchResult[Hit]:
        """A typed query: the ranking of `search` with the decisions that contain its names
        (M-decreet, VMRI, "Vlaamse canon") first, and how many decisions within the filters
        contain all its words (0: the hits are only the closest in meaning)."""
        query, mask, terms, rankings, fused = self._ranked(
            query, limit, Filters(date_from, date_to, instrument, stage, item_type), depth)
        names = name_forms(query.text)
        name_rows = [rows_with_name(self.lexical, lambda: self.surface, name, mask)
                     for name in names]
        reached = {row for row, _ in fused}
        tail = None
        if any(row not in reached for rows in name_rows for row in rows.tolist()):
            tail = self.lexical.scores(terms, mask)
        ordered = names_first(fused, name_rows, tail)[:limit]
        names_of_row: dict[int, tuple[str, ...]] = {}
        for name, rows in zip(names, name_rows, strict=True):
            for row in rows.tolist():
                names_of_row[row] = (*names_of_row.get(row, ()), name.text)
        hits = build_hits(self._store, self.ids, ordered, rankings, terms,
                          self.lexical.analyzer.terms_of_word, names, names_of_row)
        matches = containing_all(self.lexical, query.text, names, name_rows, mask)
        return SearchResult(tuple(hits), int(matches.sum()), tuple(n.text for n in names))

    def _ranked(
        self, query: str | Query, limit: int, filters: Filters, depth: int
    ) -> tuple[Query, np.ndarray | None, list[str], Rankings, list[tuple[int, float]]]:
        """The query, the filter mask, the query's terms, each ranker's ranking and the
        fused ranking (rows, best first)."""
        if isinstance(query, str):
            query = text_query(query)
        if limit < 1:
            raise InputError("Het aantal resultaten moet minstens 1 zijn.")
        mask = self._columns.mask(filters)
        terms = self.lexical.analyzer.query_terms(query.text)
        rankings = self.rank(query, mask=mask, depth=max(depth, limit), terms=terms)
        fused = self.fuse(rankings, smooth=query.neighbours, head=max(SMOOTHED, limit))
        return query, mask, terms, rankings, fused

    def rank(
        self,
        query: Query,
        *,
        mask: np.ndarray | None = None,
        depth: int = DEPTH,
        terms: list[str] | None = None,
    ) -> Rankings:
        """Per ranker: (row positions, scores) of its best `depth` decisions, best first."""
        if terms is None:
            terms = self.lexical.analyzer.query_terms(query.text)
        rankings: Rankings = {LEXICAL: top(self.lexical.scores(terms, mask), depth, positive=True)}
        for semantic in self._semantic:
            if not len(semantic.rows):
                continue
            vectors = query_vectors(semantic.embedder, query.semantic_texts(), self._query_cache)
            scores = semantic.scores(vectors, len(self.ids), mask)
            rankings[semantic.embedder.name] = top(scores, depth, positive=False)
        return rankings

    def fuse(
        self, rankings: Rankings, *, smooth: bool = False, head: int = SMOOTHED
    ) -> list[tuple[int, float]]:
        """Reciprocal rank fusion: Σ weight / (k + rank) over the rankings a decision is in;
        with `smooth`, the best `head` candidates are then raised by their neighbours' scores."""
        first = self._semantic[0].embedder.name if self._semantic else None
        fused = reciprocal_rank_fusion(
            rankings, lambda name: ranker_weight(name, self._weights, first)
        )
        ranked = sorted(fused.items(), key=lambda item: (-item[1], self.ids[item[0]]))
        if not (smooth and ranked and self._neighbours is not None):
            return ranked
        # A raised candidate only climbs, so the unraised tail stays below it.
        head_rows = np.array([row for row, _ in ranked[:head]], dtype=np.int64)
        fused.update(self._neighbours.raise_head(fused, head_rows))
        return sorted(fused.items(), key=lambda item: (-item[1], self.ids[item[0]]))

    def ranked_ids(self, query: Query, *, depth: int = DEPTH) -> list[str]:
        """Fused ranking as decision ids, for the evaluation."""
        fused = self.fuse(
            self.rank(query, depth=depth), smooth=query.neighbours, head=2 * SMOOTHED
        )
        return [self.ids[row] for row, _ in fused]

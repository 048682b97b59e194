"""The search engine: BM25 and one semantic ranking per embedder, fused by reciprocal rank.

    engine = SearchEngine(store, settings)
    hits = engine.search("inburgeringstraject", limit=10, date_from="2021-01-01")

The engine reads the store once (analysed words, vectors, dates, types) and answers from
memory. It never embeds decisions itself: `beloftemeter indexeer` (or
`vectors.embed_missing`) does that ahead of time; decisions without a vector for a model are
simply absent from that model's ranking.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from threadpoolctl import ThreadpoolController

from beloftemeter.config import Settings
from beloftemeter.errors import InputError
from beloftemeter.models.search import Filters, Hit, Query, RankerResult
from beloftemeter.search.embedders import Embedder, build_embedders
from beloftemeter.search.lexical import LexicalIndex, sync_documents
from beloftemeter.search.queries import text_query
from beloftemeter.search.snippets import best_snippet
from beloftemeter.search.vectors import QueryCache, load_vectors, text_hash
from beloftemeter.store import Store

log = logging.getLogger(__name__)

RRF_K = 60  # the constant of Cormack et al.; large k flattens the head of each ranking
# The first embedder's ranking weighs 1 in the fusion, each further one SECONDARY_WEIGHT: with
# e5 first and USE second, recall@50 on the tuning sections was 0.642 without USE, 0.645 with
# weight 0.5 (even half 0.636 / odd half 0.653), 0.645 with 0.3 and 0.638 with 1.
SECONDARY_WEIGHT = 0.5
DEPTH = 300  # how deep each ranking goes into the fusion
LEXICAL = "bm25"
# Neighbour smoothing of a section or promise ranking (the cluster hypothesis: decisions close
# to a relevant one tend to be relevant too, such as the stages of one file). Each fused
# candidate gains NEIGHBOUR_WEIGHT × the mean fused score of its NEIGHBOURS nearest decisions
# by the first embedder's vectors. Chosen on the even half of the tuning sections (k 10/20/30,
# weight 0.5/1/2), checked on the odd half: recall@50 +0.03 on both. Only the best
# SMOOTHED candidates (or `limit`, if more) are raised: recall@50 0.630 with 100, 0.631 with
# all of them. That bounds the cost of finding neighbours to SMOOTHED × decisions per query
# (at 100,000 decisions about 0.2 s when all candidates are new; known rows are kept). The
# evaluation, which measures down to recall@100, raises twice that many.
NEIGHBOURS = 10
NEIGHBOUR_WEIGHT = 1.0
SMOOTHED = 100
_NEIGHBOUR_BLOCK = 128  # rows per similarity product: 128 × 100,000 floats = 51 MB

# A (decisions × dim) @ (dim × passages) product is small: one BLAS thread does it as fast,
# and idle BLAS threads that spin after it slow the embedder's own OpenMP threads down
# (p95 of a short hybrid query: 92 ms with BLAS threads, 13 ms without, on 2 cores).
_ONE_BLAS_THREAD = ThreadpoolController().wrap(limits=1, user_api="blas")


@dataclass(frozen=True)
class IndexStatus:
    decisions: int
    analysed: int
    vectors: dict[str, int]  # model name → decisions with a vector


class _SemanticIndex:
    def __init__(self, embedder: Embedder, rows: np.ndarray, matrix: np.ndarray) -> None:
        self.embedder = embedder
        self.rows = rows  # position of each vector's decision in the engine's order
        self.matrix = matrix


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
        position = {decision_id: i for i, decision_id in enumerate(self.ids)}
        meta = {
            row[0]: row[1:]
            for row in self._store.execute(
                "SELECT id, meeting_date, item_type, instrument, stage FROM decisions"
            )
        }
        columns = list(zip(*(meta[i] for i in self.ids), strict=True)) if self.ids else [[]] * 4
        self._dates = np.array(columns[0], dtype="U10")
        self._item_types = np.array([(v or "").lower() for v in columns[1]], dtype=object)
        self._instruments = np.array([(v or "").lower() for v in columns[2]], dtype=object)
        self._stages = np.array([(v or "").lower() for v in columns[3]], dtype=object)
        self._semantic: list[_SemanticIndex] = []
        for embedder in self._embedders:
            ids, matrix = load_vectors(self._store, embedder.name)
            keep = [k for k, decision_id in enumerate(ids) if decision_id in position]
            rows = np.array([position[ids[k]] for k in keep], dtype=np.int64)
            matrix = matrix[keep] if len(keep) != len(ids) else matrix
            if len(rows) < len(self.ids):
                log.info(
                    "%s: %d van %d beslissingen hebben een vector",
                    embedder.name, len(rows), len(self.ids),
                )
            self._semantic.append(_SemanticIndex(embedder, rows, matrix))
        self._neighbour_table: np.ndarray | None = None  # filled row by row, on demand
        self._vector_rows: dict[str, dict[str, int]] = {}  # per ranker, on demand

    def status(self) -> IndexStatus:
        return IndexStatus(
            decisions=len(self.ids),
            analysed=len(self.lexical),
            vectors={s.embedder.name: len(s.rows) for s in self._semantic},
        )

    @property
    def rankers(self) -> list[str]:
        return [LEXICAL, *(s.embedder.name for s in self._semantic)]

    def embed_texts(self, ranker: str, texts: Sequence[str]) -> np.ndarray:
        """Query vectors of `texts` by the embedder named `ranker` (through the query cache)."""
        semantic = next(s for s in self._semantic if s.embedder.name == ranker)
        if not texts:
            return np.zeros((0, semantic.matrix.shape[1]), dtype=np.float32)
        return self._query_vectors(semantic.embedder, tuple(texts))

    def decision_vectors(self, ranker: str, decision_ids: Sequence[str]) -> np.ndarray:
        """The stored vectors of `decision_ids` by the embedder named `ranker`; a decision
        without a vector gets a row of zeros."""
        semantic = next(s for s in self._semantic if s.embedder.name == ranker)
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

    # -- filters -----------------------------------------------------------------------------

    def known_values(self, column: str) -> list[str]:
        values = {"instrument": self._instruments, "stage": self._stages,
                  "item_type": self._item_types}[column]
        return sorted({v for v in values if v})

    def _mask(self, filters: Filters) -> np.ndarray | None:
        mask = np.ones(len(self.ids), dtype=bool)
        restricted = False
        date_from = _parse_date(filters.date_from, "--van")
        date_to = _parse_date(filters.date_to, "--tot")
        if date_from and date_to and date_from > date_to:
            raise InputError(f"De begindatum {date_from} ligt na de einddatum {date_to}.")
        if date_from:
            mask &= self._dates >= date_from
            restricted = True
        if date_to:
            mask &= self._dates <= date_to
            restricted = True
        for column, value, label in (
            ("instrument", filters.instrument, "type"),
            ("stage", filters.stage, "fase"),
            ("item_type", filters.item_type, "soort"),
        ):
            if value is None:
                continue
            wanted = value.strip().lower()
            known = self.known_values(column)
            if wanted not in known:
                choices = ", ".join(known) if known else "geen (de opslag kent er nog geen)"
                raise InputError(f"Onbekende {label}: {value!r}. Bekend: {choices}.")
            values = {"instrument": self._instruments, "stage": self._stages,
                      "item_type": self._item_types}[column]
            mask &= values == wanted
            restricted = True
        return mask if restricted else None

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
        if isinstance(query, str):
            query = text_query(query)
        if limit < 1:
            raise InputError("Het aantal resultaten moet minstens 1 zijn.")
        filters = Filters(date_from, date_to, instrument, stage, item_type)
        mask = self._mask(filters)
        terms = self.lexical.analyzer.query_terms(query.text)
        rankings = self.rank(query, mask=mask, depth=max(depth, limit), terms=terms)
        return self._hits(terms, rankings, limit, smooth=query.neighbours)

    def rank(
        self,
        query: Query,
        *,
        mask: np.ndarray | None = None,
        depth: int = DEPTH,
        terms: list[str] | None = None,
    ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Per ranker: (row positions, scores) of its best `depth` decisions, best first."""
        rankings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if terms is None:
            terms = self.lexical.analyzer.query_terms(query.text)
        scores = self.lexical.scores(terms, mask)
        rankings[LEXICAL] = _top(scores, depth, positive=True)
        for semantic in self._semantic:
            if not len(semantic.rows):
                continue
            vectors = self._query_vectors(semantic.embedder, query.semantic_texts())
            with _ONE_BLAS_THREAD:
                similarity = aggregate(semantic.matrix @ vectors.T)
            full = np.full(len(self.ids), -np.inf, dtype=np.float32)
            full[semantic.rows] = similarity
            if mask is not None:
                full[~mask] = -np.inf
            rankings[semantic.embedder.name] = _top(full, depth, positive=False)
        return rankings

    def _query_vectors(self, embedder: Embedder, texts: tuple[str, ...]) -> np.ndarray:
        """Embedded queries; with a query cache, each text is embedded once per model."""
        if self._query_cache is None:
            return embedder.embed_queries(list(texts))
        model = f"{embedder.name}:query"
        hashes = [text_hash(t) for t in texts]
        known = self._query_cache.get_many(model, hashes)
        missing = [(h, t) for h, t in zip(hashes, texts, strict=True) if h not in known]
        if missing:
            fresh = embedder.embed_queries([t for _, t in missing])
            pairs = [(h, v) for (h, _), v in zip(missing, fresh, strict=True)]
            self._query_cache.put_many(model, pairs)
            known.update(pairs)
        return np.stack([known[h] for h in hashes])

    def fuse(
        self,
        rankings: dict[str, tuple[np.ndarray, np.ndarray]],
        *,
        smooth: bool = False,
        head: int = SMOOTHED,
    ) -> list[tuple[int, float]]:
        """Reciprocal rank fusion: Σ weight / (k + rank) over the rankings a decision is in;
        with `smooth`, the best `head` candidates are then raised by their neighbours' scores."""
        fused: dict[int, float] = {}
        for name, (rows, _) in rankings.items():
            weight = self._weights.get(name, self._default_weight(name))
            for rank, row in enumerate(rows.tolist(), start=1):
                fused[row] = fused.get(row, 0.0) + weight / (RRF_K + rank)
        ranked = sorted(fused.items(), key=lambda item: (-item[1], self.ids[item[0]]))
        if not (smooth and ranked and self._semantic and len(self._semantic[0].rows)):
            return ranked
        # A raised candidate only climbs, so the unraised tail stays below it.
        candidates = np.fromiter(fused.keys(), dtype=np.int64, count=len(fused))
        scores = np.fromiter(fused.values(), dtype=np.float64, count=len(fused))
        head_rows = np.array([row for row, _ in ranked[:head]], dtype=np.int64)
        full = np.zeros(len(self.ids) + 1, dtype=np.float64)  # the last cell answers for -1
        full[candidates] = scores
        raised = smooth_scores(
            full[head_rows], self._neighbours(head_rows), full, NEIGHBOUR_WEIGHT
        )
        fused.update(zip(head_rows.tolist(), raised.tolist(), strict=True))
        return sorted(fused.items(), key=lambda item: (-item[1], self.ids[item[0]]))

    def _default_weight(self, ranker: str) -> float:
        if ranker == LEXICAL:
            return 1.0
        semantic = self._weights.get("semantic", 1.0)
        first = self._semantic[0].embedder.name if self._semantic else None
        return semantic if ranker == first else semantic * SECONDARY_WEIGHT

    def _neighbours(self, rows: np.ndarray) -> np.ndarray:
        """The NEIGHBOURS nearest decisions of each of `rows` by the first embedder's vectors
        (positions; -1 pads rows without a vector). Computed once per row and kept."""
        semantic = self._semantic[0]
        if self._neighbour_table is None:
            self._neighbour_table = np.full((len(self.ids), NEIGHBOURS), -2, dtype=np.int64)
            self._vector_of = np.full(len(self.ids), -1, dtype=np.int64)
            self._vector_of[semantic.rows] = np.arange(len(semantic.rows))
        table = self._neighbour_table
        todo = rows[(table[rows, 0] == -2)]
        if len(todo):
            table[todo] = -1
            with_vector = todo[self._vector_of[todo] >= 0]
            k = min(NEIGHBOURS, len(semantic.rows) - 1)
            for start in range(0, len(with_vector) if k > 0 else 0, _NEIGHBOUR_BLOCK):
                block = with_vector[start : start + _NEIGHBOUR_BLOCK]
                own = self._vector_of[block]
                with _ONE_BLAS_THREAD:
                    similarity = semantic.matrix[own] @ semantic.matrix.T
                similarity[np.arange(len(own)), own] = -np.inf  # not its own neighbour
                # the k largest without negating a (rows × decisions) copy first
                nearest = np.argpartition(similarity, similarity.shape[1] - k, axis=1)[:, -k:]
                table[block, :k] = semantic.rows[nearest]
        return table[rows]

    def ranked_ids(self, query: Query, *, depth: int = DEPTH) -> list[str]:
        """Fused ranking as decision ids, for the evaluation."""
        fused = self.fuse(
            self.rank(query, depth=depth), smooth=query.neighbours, head=2 * SMOOTHED
        )
        return [self.ids[row] for row, _ in fused]

    def _hits(
        self,
        terms: list[str],
        rankings: dict[str, tuple[np.ndarray, np.ndarray]],
        limit: int,
        *,
        smooth: bool = False,
    ) -> list[Hit]:
        fused = self.fuse(rankings, smooth=smooth, head=max(SMOOTHED, limit))[:limit]
        if not fused:
            return []
        where: dict[str, dict[int, tuple[int, float]]] = {
            name: {row: (rank, float(score)) for rank, (row, score)
                   in enumerate(zip(rows.tolist(), scores.tolist(), strict=True), start=1)}
            for name, (rows, scores) in rankings.items()
        }
        ids = [self.ids[row] for row, _ in fused]
        marks = ",".join("?" * len(ids))
        records = {
            row["id"]: row
            for row in self._store.execute(
                "SELECT id, meeting_date, item_type, title, text, url, instrument, stage"
                f" FROM decisions WHERE id IN ({marks})",
                ids,
            )
        }
        wanted = set(terms)
        seen: dict[str, str | None] = {}
        hits = []
        for rank, (row, score) in enumerate(fused, start=1):
            record = records[self.ids[row]]
            text = record["text"]
            if text.startswith(record["title"]) and len(text) > len(record["title"]) + 20:
                text = text[len(record["title"]) :]  # the title is shown already
            snippet, spans = best_snippet(
                text, wanted, self.lexical.analyzer.terms_of_word, seen=seen
            )
            hits.append(
                Hit(
                    decision_id=record["id"],
                    rank=rank,
                    score=round(score, 6),
                    meeting_date=record["meeting_date"],
                    title=record["title"],
                    item_type=record["item_type"],
                    instrument=record["instrument"],
                    stage=record["stage"],
                    url=record["url"],
                    rankers=tuple(
                        RankerResult(name, *where[name][row])
                        for name in rankings
                        if row in where[name]
                    ),
                    snippet=snippet,
                    highlights=spans,
                )
            )
        return hits


AGGREGATE_BEST = 2


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


def smooth_scores(
    scores: np.ndarray,
    neighbours: np.ndarray,
    every: np.ndarray,
    weight: float = NEIGHBOUR_WEIGHT,
) -> np.ndarray:
    """`scores` raised by `weight` × the mean score of each one's `neighbours` (positions into
    `every`, the fused score of every decision, 0 for those not found; -1 = no neighbour and
    reads the last cell of `every`, which must be 0). A candidate among unfound decisions
    gains nothing."""
    scores = np.asarray(scores, dtype=np.float64)
    if neighbours.shape[1] == 0:
        return scores
    return scores + weight * every[neighbours].mean(axis=1)


def _top(scores: np.ndarray, depth: int, *, positive: bool) -> tuple[np.ndarray, np.ndarray]:
    """Positions and scores of the `depth` highest finite scores (ties: lower position)."""
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


def _parse_date(value: str | None, option: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise InputError(
            f"Ongeldige datum voor {option}: {value!r} (verwacht JJJJ-MM-DD)."
        ) from exc

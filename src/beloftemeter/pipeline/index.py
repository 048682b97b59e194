"""Bring the search index up to date: analyse new or changed decisions for the lexical
ranking, embed the decisions that have no vector yet, and embed every promise's query once
(so that the assessment only searches). Interrupting is safe: the next run goes on."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from beloftemeter.config import Settings
from beloftemeter.errors import NotFoundError
from beloftemeter.pipeline.base import Phase, Progress, StoreLike, announce, counter, opened
from beloftemeter.store import Store
from beloftemeter.store.decisions import count_decisions

log = logging.getLogger(__name__)
NO_DECISIONS = "De opslag bevat nog geen beslissingen: importeer ze eerst."


@dataclass(frozen=True)
class EmbeddedModel:
    """What one embedder did: decisions embedded, from the cache, unchanged; promises."""

    model: str
    embedded: int
    from_cache: int
    unchanged: int
    seconds: float
    promises_embedded: int
    promises_ready: int  # promise queries that already had a vector

    @property
    def rate(self) -> float:
        return self.embedded / self.seconds if self.embedded and self.seconds else 0.0


@dataclass(frozen=True)
class IndexResult:
    analysed: int  # decisions (re-)analysed for the lexical index
    total: int  # decisions in the lexical index
    models: tuple[EmbeddedModel, ...]


def require_decisions(store: Store) -> int:
    """The number of stored decisions; NotFoundError (Dutch) when there are none."""
    count = count_decisions(store)
    if not count:
        raise NotFoundError(NO_DECISIONS)
    return count


def index_decisions(
    store: StoreLike,
    settings: Settings,
    *,
    progress: Progress | None = None,
    on_phase: Phase | None = None,
) -> IndexResult:
    # The search modules (numpy, bm25s, embedders) load here, not when the CLI starts.
    from beloftemeter.analysis.dossiers import assign_dossiers
    from beloftemeter.search.embedders import build_embedders
    from beloftemeter.search.lexical import sync_documents
    from beloftemeter.search.vectors import VectorCache, embed_missing

    with opened(store) as target:
        total = require_decisions(target)
        announce(on_phase, "analyseren")
        lexical = sync_documents(target, progress=counter(progress, total))
        # the stages of one file, grouped anew from all decisions (about a second; idempotent)
        dossiers = assign_dossiers(target)
        log.info("dossiers: %d, waarvan %d met twee of meer stappen", dossiers.dossiers,
                 dossiers.multi_step)
        cache = VectorCache(settings.embedding_cache) if settings.embedding_cache else None
        models = []
        try:
            for embedder in build_embedders(settings):
                announce(on_phase, f"inbedden ({embedder.name})")
                todo: list[int | None] = [None]

                def on_total(n: int, todo: list[int | None] = todo) -> None:
                    todo[0] = n
                    if progress is not None:
                        progress(0, n)

                def advance(n: int, todo: list[int | None] = todo) -> None:
                    if progress is not None:
                        progress(n, todo[0])

                report = embed_missing(target, embedder, cache=cache, progress=advance,
                                       on_total=on_total)
                done, ready = _embed_promise_queries(target, embedder, cache, progress,
                                                     on_phase)
                models.append(EmbeddedModel(report.model, report.embedded, report.from_cache,
                                            report.unchanged, report.seconds, done, ready))
        finally:
            if cache is not None:
                cache.close()
    return IndexResult(lexical.analysed, lexical.total, tuple(models))


def _embed_promise_queries(store, embedder, cache, progress, on_phase) -> tuple[int, int]:
    """(embedded now, already there) for the queries the assessment will ask, of every
    agreement in the store (the decisions' index serves them all)."""
    from beloftemeter.search.queries import promise_queries
    from beloftemeter.search.vectors import LayeredQueryCache, StoreQueryCache, embed_queries
    from beloftemeter.store import scope
    from beloftemeter.store.agreements import list_agreements

    texts: list[str] = []
    for agreement in list_agreements(store):
        with scope.using(agreement.id):
            texts += [t for q in promise_queries(store) for t in q.semantic_texts()]
    if not texts:
        return 0, 0
    own = StoreQueryCache(store)
    target = LayeredQueryCache(own, cache) if cache is not None else own
    announce(on_phase, f"beloften inbedden ({embedder.name})")
    embedded = embed_queries(embedder, texts, target, progress=counter(progress, len(texts)))
    return embedded, len(texts) - embedded

"""The semantic index: one stored vector per decision and model, embedded once.

`embed_missing` embeds only decisions whose embedded text changed (keyed on a sha256 of that
text) and commits after every batch, so an interrupted run resumes where it stopped. An
optional `VectorCache` file keeps vectors by model and text hash across stores, so a fresh
test or benchmark store never embeds the same text twice.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from beloftemeter.search.embedders import Embedder
from beloftemeter.store import Store
from beloftemeter.store import vectors as vector_store
from beloftemeter.store.decisions import count_decisions, iter_decisions

log = logging.getLogger(__name__)

EMBED_MAX_CHARS = 2000  # e5 reads at most 512 tokens; 2,000 Dutch characters stay under that
_SPACES = re.compile(r"\s+")


def embedding_text(title: str, text: str, max_chars: int = EMBED_MAX_CHARS) -> str:
    """What is embedded for a decision: its title, then its text, cut at a word boundary."""
    title = _SPACES.sub(" ", title or "").strip()
    body = _SPACES.sub(" ", text or "").strip()
    if not body or body.startswith(title):
        combined = body or title
    else:
        combined = f"{title}. {body}" if title else body
    if len(combined) <= max_chars:
        return combined
    cut = combined.rfind(" ", 0, max_chars)
    return combined[: cut if cut > max_chars // 2 else max_chars]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class QueryCache(Protocol):
    """Where embedded queries are kept: by model and text hash."""

    def get_many(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, model: str, items: Iterable[tuple[str, np.ndarray]]) -> None: ...


class StoreQueryCache(vector_store.KeyedVectors):
    """Query vectors kept in the store itself (table `query_vectors`): the promises' queries
    are embedded once, at index time or on first use, and reused by every later run."""

    def __init__(self, store: Store) -> None:
        super().__init__(store, "query_vectors")

    def close(self) -> None:  # the store is closed by its owner
        pass


class VectorCache(vector_store.KeyedVectors):
    """A SQLite file of vectors keyed by (model, text hash), shared between stores."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        self._file = vector_store.open_vector_file(self.path)
        super().__init__(self._file, vector_store.CACHE_TABLE)

    def close(self) -> None:
        self._file.close()


class LayeredQueryCache:
    """The store's own query vectors first, then a shared cache file (see `VectorCache`):
    what either knows is not embedded again, and what is new goes into both."""

    def __init__(self, first: StoreQueryCache, second: VectorCache) -> None:
        self._first, self._second = first, second

    def get_many(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found = self._first.get_many(model, hashes)
        missing = [h for h in hashes if h not in found]
        if missing:
            more = self._second.get_many(model, missing)
            if more:
                self._first.put_many(model, more.items())
            found.update(more)
        return found

    def put_many(self, model: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
        items = list(items)
        self._first.put_many(model, items)
        self._second.put_many(model, items)

    def close(self) -> None:
        self._second.close()


def query_cache_for(store: Store, cache_path: str | Path | None):
    """The query cache the assessment uses: the store's, layered over a cache file if set."""
    own = StoreQueryCache(store)
    return LayeredQueryCache(own, VectorCache(cache_path)) if cache_path else own


def embed_queries(
    embedder: Embedder,
    texts: Sequence[str],
    cache: QueryCache,
    *,
    batch: int = 32,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Embed the query texts the cache lacks, batch by batch (an interrupted run keeps what
    it did). Returns how many were embedded."""
    model = f"{embedder.name}:query"
    unique = {text_hash(t): t for t in texts}
    known = cache.get_many(model, list(unique))
    todo = [(h, t) for h, t in unique.items() if h not in known]
    if progress:
        progress(len(unique) - len(todo))
    for start in range(0, len(todo), batch):
        chunk = todo[start : start + batch]
        vectors = embedder.embed_queries([t for _, t in chunk])
        cache.put_many(model, [(h, v) for (h, _), v in zip(chunk, vectors, strict=True)])
        if progress:
            progress(len(chunk))
    return len(todo)


@dataclass(frozen=True)
class EmbedReport:
    model: str
    total: int
    embedded: int  # computed by the model in this run
    from_cache: int  # copied from the vector cache or from another decision with the same text
    unchanged: int  # already stored for the current text
    seconds: float


def pending(store: Store, model: str) -> list[tuple[str, str, str]]:
    """(decision id, embedding text, its hash) of every decision without a current vector."""
    stored = vector_store.decision_text_hashes(store, model)
    todo = []
    for decision in iter_decisions(store):
        passage = embedding_text(decision.title, decision.text)
        digest = text_hash(passage)
        if stored.get(decision.id) != digest:
            todo.append((decision.id, passage, digest))
    return todo


def embed_missing(
    store: Store,
    embedder: Embedder,
    *,
    cache: VectorCache | None = None,
    batch_size: int = 16,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> EmbedReport:
    """Embed every decision whose embedded text has no vector yet; commit per batch."""
    started = time.perf_counter()
    model = embedder.name
    total = count_decisions(store)
    todo = pending(store, model)
    if on_total is not None:
        on_total(len(todo))
    unchanged = total - len(todo)

    # Vectors already known for the same text: from the cache or from another decision.
    known: dict[str, np.ndarray] = {}
    hashes = sorted({digest for _, _, digest in todo})
    if cache is not None and hashes:
        known.update(cache.get_many(model, hashes))
    known.update(vector_store.vectors_by_hash(
        store, "decision_vectors", model, [h for h in hashes if h not in known]))

    reused = [(d, h) for d, _, h in todo if h in known]
    if reused:
        vector_store.save_decision_vectors(store, model, [(d, h, known[h]) for d, h in reused])
        if progress is not None:
            progress(len(reused))
    to_embed = [item for item in todo if item[2] not in known]
    embedded = 0
    for start in range(0, len(to_embed), batch_size):
        batch = to_embed[start : start + batch_size]
        vectors = embedder.embed_passages([passage for _, passage, _ in batch])
        rows = [(d, h, v) for (d, _, h), v in zip(batch, vectors, strict=True)]
        vector_store.save_decision_vectors(store, model, rows)
        if cache is not None:
            cache.put_many(model, [(h, v) for _, h, v in rows])
        embedded += len(batch)
        if progress is not None:
            progress(len(batch))
    seconds = time.perf_counter() - started
    log.info(
        "%s: %d ingebed, %d uit cache, %d ongewijzigd", model, embedded, len(reused), unchanged
    )
    return EmbedReport(model, total, embedded, len(reused), unchanged, seconds)


def load_vectors(store: Store, model: str) -> tuple[list[str], np.ndarray]:
    """Decision ids and a (n, dim) matrix of their stored vectors for one model."""
    return vector_store.load_decision_vectors(store, model)

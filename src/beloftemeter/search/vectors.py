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
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from beloftemeter.errors import StoreError
from beloftemeter.search.embedders import Embedder
from beloftemeter.store import Store

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


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_blob(blob: bytes, dim: int) -> np.ndarray:
    vector = np.frombuffer(blob, dtype="<f4")
    if vector.shape[0] != dim:
        raise StoreError(f"Beschadigde vector: {vector.shape[0]} in plaats van {dim} waarden.")
    return vector


class VectorCache:
    """A SQLite file of vectors keyed by (model, text hash), shared between stores."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA busy_timeout = 10000")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, text_hash TEXT NOT NULL,"
                " dim INTEGER NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, text_hash))"
            )
        except (OSError, sqlite3.DatabaseError) as exc:
            raise StoreError(f"Kan de vectorcache niet openen: {path} ({exc})") from exc
        self.path = path

    def get_many(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(hashes), 500):
            chunk = list(hashes[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT text_hash, dim, vector FROM vectors WHERE model = ?"
                f" AND text_hash IN ({marks})",
                (model, *chunk),
            )
            for digest, dim, blob in rows:
                found[digest] = from_blob(blob, dim)
        return found

    def put_many(self, model: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
        rows = [(model, digest, int(v.shape[0]), to_blob(v)) for digest, v in items]
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors(model, text_hash, dim, vector) VALUES (?,?,?,?)",
                rows,
            )
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()


class QueryCache(Protocol):
    """Where embedded queries are kept: by model and text hash."""

    def get_many(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, model: str, items: Iterable[tuple[str, np.ndarray]]) -> None: ...


class StoreQueryCache:
    """Query vectors kept in the store itself (table `query_vectors`): the promises' queries
    are embedded once, at index time or on first use, and reused by every later run."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get_many(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(hashes), 500):
            chunk = list(hashes[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._store.execute(
                f"SELECT text_hash, dim, vector FROM query_vectors WHERE model = ?"
                f" AND text_hash IN ({marks})",
                (model, *chunk),
            )
            for digest, dim, blob in rows:
                found[digest] = from_blob(blob, dim)
        return found

    def put_many(self, model: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
        rows = [(model, digest, int(v.shape[0]), to_blob(v)) for digest, v in items]
        with self._store.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO query_vectors(model, text_hash, dim, vector)"
                " VALUES (?,?,?,?)",
                rows,
            )

    def close(self) -> None:  # the store is closed by its owner
        pass


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
    stored = dict(
        store.execute(
            "SELECT decision_id, text_hash FROM decision_vectors WHERE model = ?", (model,)
        ).fetchall()
    )
    todo = []
    for decision_id, title, text in store.execute(
        "SELECT id, title, text FROM decisions ORDER BY meeting_date, id"
    ):
        passage = embedding_text(title, text)
        digest = text_hash(passage)
        if stored.get(decision_id) != digest:
            todo.append((decision_id, passage, digest))
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
    import time

    started = time.perf_counter()
    model = embedder.name
    total = store.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
    todo = pending(store, model)
    if on_total is not None:
        on_total(len(todo))
    unchanged = total - len(todo)

    # Vectors already known for the same text: from the cache or from another decision.
    known: dict[str, np.ndarray] = {}
    hashes = sorted({digest for _, _, digest in todo})
    if cache is not None and hashes:
        known.update(cache.get_many(model, hashes))
    for start in range(0, len(hashes), 500):
        chunk = [h for h in hashes[start : start + 500] if h not in known]
        if not chunk:
            continue
        marks = ",".join("?" * len(chunk))
        for digest, dim, blob in store.execute(
            f"SELECT text_hash, dim, vector FROM decision_vectors WHERE model = ?"
            f" AND text_hash IN ({marks})",
            (model, *chunk),
        ):
            known[digest] = from_blob(blob, dim)

    reused = [(d, h) for d, _, h in todo if h in known]
    if reused:
        _write(store, model, [(d, h, known[h]) for d, h in reused])
        if progress is not None:
            progress(len(reused))
    to_embed = [item for item in todo if item[2] not in known]
    embedded = 0
    for start in range(0, len(to_embed), batch_size):
        batch = to_embed[start : start + batch_size]
        vectors = embedder.embed_passages([passage for _, passage, _ in batch])
        rows = [(d, h, v) for (d, _, h), v in zip(batch, vectors, strict=True)]
        _write(store, model, rows)
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


def _write(store: Store, model: str, rows: list[tuple[str, str, np.ndarray]]) -> None:
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO decision_vectors(decision_id, model, text_hash, dim, vector)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(decision_id, model) DO UPDATE SET"
            " text_hash = excluded.text_hash, dim = excluded.dim, vector = excluded.vector",
            [(d, model, h, int(v.shape[0]), to_blob(v)) for d, h, v in rows],
        )


def load_vectors(store: Store, model: str) -> tuple[list[str], np.ndarray]:
    """Decision ids and a (n, dim) matrix of their stored vectors for one model."""
    ids: list[str] = []
    blobs: list[bytes] = []
    dim = 0
    for decision_id, row_dim, blob in store.execute(
        "SELECT decision_id, dim, vector FROM decision_vectors WHERE model = ?"
        " ORDER BY decision_id",
        (model,),
    ):
        if dim and row_dim != dim:
            raise StoreError(f"Vectoren van {model} hebben verschillende dimensies.")
        dim = row_dim
        ids.append(decision_id)
        blobs.append(blob)
    if not ids:
        return [], np.zeros((0, 0), dtype=np.float32)
    matrix = np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(ids), dim)
    return ids, matrix

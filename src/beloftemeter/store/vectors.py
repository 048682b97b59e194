"""Vectors in the store: one per decision and model (`decision_vectors`), embedded queries
(`query_vectors`), and the shared vector cache file, all keyed by model and text hash and
stored as little-endian float32."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from beloftemeter.errors import StoreError
from beloftemeter.store.database import SqliteStore, Store
from beloftemeter.store.sql import select_in

# The tables with (model, text_hash, dim, vector) columns; only these names reach SQL.
_KEYED_TABLES = frozenset({"decision_vectors", "query_vectors", "vectors"})
CACHE_TABLE = "vectors"


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_blob(blob: bytes, dim: int) -> np.ndarray:
    vector = np.frombuffer(blob, dtype="<f4")
    if vector.shape[0] != dim:
        raise StoreError(f"Beschadigde vector: {vector.shape[0]} in plaats van {dim} waarden.")
    return vector


def _table(name: str) -> str:
    if name not in _KEYED_TABLES:
        raise ValueError(f"no vector table: {name}")
    return name


class KeyedVectors:
    """Vectors by (model, text hash) in one table of a store: what a query cache keeps."""

    def __init__(self, store: Store, table: str) -> None:
        self._store = store
        self._table = _table(table)

    def get_many(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        return vectors_by_hash(self._store, self._table, model, hashes)

    def put_many(self, model: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
        rows = [(model, digest, int(v.shape[0]), to_blob(v)) for digest, v in items]
        with self._store.transaction() as conn:
            conn.executemany(
                f"INSERT INTO {self._table}(model, text_hash, dim, vector) VALUES (?,?,?,?)"
                " ON CONFLICT(model, text_hash) DO UPDATE SET dim = excluded.dim,"
                " vector = excluded.vector",
                rows,
            )


def vectors_by_hash(
    store: Store, table: str, model: str, hashes: Sequence[str]
) -> dict[str, np.ndarray]:
    """Text hash → vector, for the hashes that `table` holds for `model`."""
    return {
        digest: from_blob(blob, dim)
        for digest, dim, blob in select_in(
            store,
            f"SELECT text_hash, dim, vector FROM {_table(table)} WHERE model = ?"
            " AND text_hash IN ({marks})",
            hashes,
            (model,),
        )
    }


def open_vector_file(path: str | Path) -> Store:
    """The vector cache file at `path` (created if needed): a table `vectors` keyed like the
    query vectors, shared between stores so no text is embedded twice."""
    path = Path(path).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA busy_timeout = 10000")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, text_hash TEXT NOT NULL,"
            " dim INTEGER NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, text_hash))"
        )
    except (OSError, sqlite3.DatabaseError) as exc:
        raise StoreError(f"Kan de vectorcache niet openen: {path} ({exc})") from exc
    return SqliteStore(connection, str(path))


def decision_text_hashes(store: Store, model: str) -> dict[str, str]:
    """Decision id → hash of the text its stored vector of `model` was embedded from."""
    return {
        row[0]: row[1]
        for row in store.execute(
            "SELECT decision_id, text_hash FROM decision_vectors WHERE model = ?", (model,)
        )
    }


def save_decision_vectors(
    store: Store, model: str, rows: Iterable[tuple[str, str, np.ndarray]]
) -> None:
    """Upsert (decision id, text hash, vector) rows of `model`, in one transaction."""
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO decision_vectors(decision_id, model, text_hash, dim, vector)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(decision_id, model) DO UPDATE SET"
            " text_hash = excluded.text_hash, dim = excluded.dim, vector = excluded.vector",
            [(d, model, h, int(v.shape[0]), to_blob(v)) for d, h, v in rows],
        )


def load_decision_vectors(store: Store, model: str) -> tuple[list[str], np.ndarray]:
    """Decision ids (in id order) and a (n, dim) matrix of their stored vectors of `model`."""
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

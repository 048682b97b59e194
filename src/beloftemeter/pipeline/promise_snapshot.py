"""The promise list's snapshot: per promise, in agreement order, the code of its value in each
facet column and its place in each sort order, as numpy arrays. A filtered page with all its
facets is then a handful of array operations, also at 100,000 promises (bench.promise_list).

Built from the store once per data version (`store.promise_list.data_version`) and kept in
the store (migration 0014), so the next process (one `beloftemeter beloften lijst`) reads one
row instead of going over every promise again.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from beloftemeter.models.assessment import STATUSES
from beloftemeter.store import Store
from beloftemeter.store import promise_list as list_store

# The facet columns of `list_store.facet_rows`, in its order after the id.
COLUMNS = ("status", "part", "chapter", "has_evidence", "latest_stage", "latest_year")


@dataclass(frozen=True, eq=False)
class ListSnapshot:
    """`ids`: the promises in agreement order (a promise's position is its index here);
    `values`: per column its distinct raw values as the store has them (None included);
    `codes`: per column, per promise, the index of its value in `values`; `linked`: the
    positions of the promises with a planned action; `orders`: per sort other than agreement
    order, the positions in that order."""

    ids: Sequence[str]
    values: dict[str, list]
    codes: dict[str, np.ndarray]
    linked: np.ndarray
    orders: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def positions(self) -> dict[str, int]:
        """promise id → its position."""
        return {pid: i for i, pid in enumerate(self.ids)}

    def page(self, chosen: np.ndarray, sort: str, offset: int, limit: int) -> list[str]:
        """The ids of the chosen promises (a mask over positions) on one page, in the order
        `sort` names."""
        if sort == "agreement":
            positions = np.flatnonzero(chosen)[offset:offset + limit]
        else:
            order = self.orders[sort]
            positions = order[chosen[order]][offset:offset + limit]
        return [self.ids[p] for p in positions.tolist()]


def build(rows: Sequence[tuple]) -> ListSnapshot:
    """The snapshot of `list_store.facet_rows`."""
    values: dict[str, list] = {}
    codes: dict[str, np.ndarray] = {}
    for index, name in enumerate(COLUMNS, start=1):
        column = [row[index] for row in rows]
        values[name] = list(dict.fromkeys(column))
        lookup = {value: code for code, value in enumerate(values[name])}
        codes[name] = np.fromiter((lookup[v] for v in column), np.int32, len(column))
    # The orders of the old SQL: "latest" = last_date IS NULL, last_date DESC, then agreement
    # order (a reversed sort keeps equal dates in their order); "status" = STATUSES' order,
    # unassessed last.
    dated = [i for i, row in enumerate(rows) if row[8] is not None]
    latest = sorted(dated, key=lambda i: rows[i][8], reverse=True)
    latest += [i for i, row in enumerate(rows) if row[8] is None]
    rank = {status: r for r, status in enumerate(STATUSES)}
    by_status = sorted(range(len(rows)), key=lambda i: rank.get(rows[i][1], len(STATUSES)))
    return ListSnapshot(
        [row[0] for row in rows], values, codes,
        np.flatnonzero(np.fromiter((bool(row[7]) for row in rows), bool, len(rows))),
        {"latest": np.array(latest, np.int32), "status": np.array(by_status, np.int32)})


def encode(snapshot: ListSnapshot) -> tuple[str, str, bytes]:
    """(ids one a line, the values as JSON, the arrays as .npz) for the store."""
    buffer = io.BytesIO()
    np.savez(buffer, linked=snapshot.linked, **{f"order_{k}": v for k, v in
                                                snapshot.orders.items()},
             **{f"codes_{k}": v for k, v in snapshot.codes.items()})
    return "\n".join(snapshot.ids), json.dumps(snapshot.values), buffer.getvalue()


def decode(ids: str, columns: str, arrays: bytes) -> ListSnapshot | None:
    """The snapshot `encode` wrote; None when it is not whole (then it is built anew)."""
    try:
        found = np.load(io.BytesIO(arrays), allow_pickle=False)
        snapshot = ListSnapshot(
            ids.split("\n") if ids else [], json.loads(columns),
            {name: found[f"codes_{name}"] for name in COLUMNS}, found["linked"],
            {sort: found[f"order_{sort}"] for sort in ("latest", "status")})
    except (ValueError, KeyError, OSError, zipfile.BadZipFile):
        return None
    size = len(snapshot.ids)
    whole = (set(snapshot.values) == set(COLUMNS)
             and all(len(c) == size for c in (*snapshot.codes.values(),
                                               *snapshot.orders.values()))
             and all(len(snapshot.values[n]) > int(snapshot.codes[n].max(initial=-1))
                     and int(snapshot.codes[n].min(initial=0)) >= 0 for n in COLUMNS)
             and all(int(a.min(initial=0)) >= 0 and int(a.max(initial=-1)) < size
                     for a in (snapshot.linked, *snapshot.orders.values())))
    return snapshot if whole else None


def load(store: Store, keep: bool = True) -> ListSnapshot:
    """The store's snapshot at its current data version: the kept one, else built (and, with
    `keep`, kept for the next process when the store can be written without waiting; the web
    app never keeps one: a read request must not write)."""
    version = list_store.data_version(store)
    saved = list_store.saved_snapshot(store, version)
    snapshot = None if saved is None else decode(*saved)
    if snapshot is None:
        snapshot = build(list_store.facet_rows(store))
        if keep:
            list_store.save_snapshot(store, version, *encode(snapshot))
    return snapshot

"""Queries over many ids at once: `IN (?, ...)` lists built in one place, a chunk at a time.

SQLite caps the host parameters of one statement (999 before 3.32), so a list of ids is sent
in chunks of `CHUNK`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
CHUNK = 500


class Row(Protocol):
    """A result row of either backend (sqlite3.Row, store.dialect.Row): read by position or
    by column name."""

    def __getitem__(self, key: int | str, /) -> Any: ...


class Executes(Protocol):
    """A store or a connection inside one of its transactions (a cursor of either backend)."""

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """`items` in consecutive slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def select_in(
    db: Executes, sql: str, values: Sequence[Any], params: Sequence[Any] = ()
) -> Iterator[Row]:
    """The rows of `sql` for all `values`: its `{marks}` becomes one `?` per value of a chunk,
    `params` fill the placeholders before it. No values, no query."""
    for chunk in chunks(list(values)):
        marks = ",".join("?" * len(chunk))
        yield from db.execute(sql.replace("{marks}", marks), (*params, *chunk))

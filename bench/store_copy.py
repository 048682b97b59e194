"""Copying a whole store (issue 20): a real SQLite store into PostgreSQL and back, timed, with
the figures per table that the copy checks (rows, checksum).

    .venv/bin/python -m bench.store_copy [--bron /tmp/copy-src.db]
        [--doel postgresql://USER:PASSWORD@HOST:PORT/DB] [--partij 1000]

The source is a copy of a built store (it is migrated first when older: never point it at a
store you keep). Without `--doel` a throwaway PostgreSQL server is started in a temporary
folder (tests/support/postgres_server.py, Debian's binaries) with an empty database; a given
`--doel` must be empty. After SQLite → PostgreSQL, the database is copied back into a new
SQLite file and compared with the source (`pipeline.store_copy.compare_stores`).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from beloftemeter.pipeline.store_copy import CopyResult, compare_stores, copy_store
from beloftemeter.store import copy as store_copy
from beloftemeter.store import open_store


@contextmanager
def throwaway_database() -> Iterator[str]:
    from tests.support.postgres_server import running_server, unavailable_reason

    reason = unavailable_reason()
    if reason:
        raise SystemExit(f"geen PostgreSQL: {reason}")
    with running_server() as server:
        print(f"PostgreSQL-server gestart in {server.startup_seconds:.1f} s")
        yield server.create_database("kopie", template=None)


class TableClock:
    """Seconds per table of a copy: `store.copy.copy_table` timed, and the check after it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._started = 0.0

    def __call__(self, label: str) -> None:  # on_phase: copying, then checking
        if label.startswith("controleren"):
            self._started = time.perf_counter()

    @contextmanager
    def timing(self) -> Iterator[None]:
        original = store_copy.copy_table

        def timed(source, target, table, progress=None):
            started = time.perf_counter()
            try:
                return original(source, target, table, progress)
            finally:
                self.seconds[table.name] = time.perf_counter() - started

        store_copy.copy_table = timed
        try:
            yield
        finally:
            store_copy.copy_table = original
            self.seconds["controle"] = time.perf_counter() - self._started


def timed_copy(source: str, target: str) -> tuple[CopyResult, TableClock]:
    clock = TableClock()
    with clock.timing():
        result = copy_store(source, target, on_phase=clock)
    return result, clock


def show(label: str, result: CopyResult, clock: TableClock) -> None:
    print(f"\n{label}: {result.rows} rijen in {len(result.tables)} tabellen,"
          f" {result.seconds:.1f} s, waarvan controle {clock.seconds.get('controle', 0):.1f} s"
          f" (belasting van de machine, 1 min: {os.getloadavg()[0]:.1f})")
    width = max(len(t.table) for t in result.tables)
    for table in result.tables:
        print(f"  {table.table:<{width}}  {table.rows:>7}  {clock.seconds[table.table]:6.2f} s"
              f"  {table.checksum[:16]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bron", default="/tmp/copy-src.db")
    parser.add_argument("--doel", default=None)
    parser.add_argument("--partij", type=int, default=store_copy.BATCH_ROWS)
    args = parser.parse_args()
    source = Path(args.bron)
    if not source.is_file():
        raise SystemExit(f"bron ontbreekt: {source}")
    if str(source.resolve()).startswith("/tmp/ex/"):
        raise SystemExit("kopieer de echte opslag eerst (cp /tmp/ex/beloftemeter.db"
                         " /tmp/copy-src.db): deze bench migreert zijn bron")
    open_store(str(source)).close()  # the copy refuses a source of an older schema
    store_copy.BATCH_ROWS = args.partij
    print(f"bron {source} ({source.stat().st_size / 1e6:.0f} MB), partijen van {args.partij}"
          " rijen")
    with (throwaway_database() if args.doel is None else _given(args.doel)) as target:
        started = time.perf_counter()
        show("SQLite → PostgreSQL", *timed_copy(str(source), target))
        with tempfile.TemporaryDirectory(prefix="bench-kopie-") as folder:
            show("PostgreSQL → SQLite", *timed_copy(target, f"sqlite:///{folder}/terug.db"))
            comparison = compare_stores(str(source), f"sqlite:///{folder}/terug.db")
        print(f"\nbron en heen-en-terug gelijk: {not comparison.differing}"
              f" (alles samen {time.perf_counter() - started:.1f} s)")


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url


if __name__ == "__main__":
    main()

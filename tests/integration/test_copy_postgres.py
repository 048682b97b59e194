"""`beloftemeter opslag kopieer` between SQLite and a real PostgreSQL (the throwaway server of
tests/support/postgres_server.py): a store with rows in every table goes to PostgreSQL and
back, and comes back identical, value for value."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from beloftemeter.errors import StoreError
from beloftemeter.pipeline.store_copy import compare_stores, copy_store
from beloftemeter.store import copy as store_copy
from beloftemeter.store import open_store
from beloftemeter.store.copy import schema_tables
from support import cli
from support.filled_store import build_filled

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filled") / "bron.db"
    with open_store(str(path)) as store:
        build_filled(store)
    return path


def rows_of(path: Path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(path)) as connection:
        names = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'schema_migrations'")]
        return {name: sorted(connection.execute(f"SELECT * FROM {name}"), key=repr)
                for name in names}


def test_sqlite_to_postgresql_and_back_is_identical(filled, postgres_url, tmp_path):
    there = copy_store(str(filled), postgres_url)
    assert [t.table for t in there.tables] == [t.name for t in schema_tables()]
    assert all(t.rows > 0 for t in there.tables)
    assert compare_stores(str(filled), postgres_url).differing == ()
    back = copy_store(postgres_url, str(tmp_path / "terug.db"))
    assert back.tables == there.tables
    assert rows_of(tmp_path / "terug.db") == rows_of(filled)


def test_postgresql_continues_the_copied_ids_and_keeps_the_audit_append_only(
        filled, postgres_url):
    copy_store(str(filled), postgres_url)
    with open_store(postgres_url) as store:
        for table in (t for t in schema_tables() if t.identity and not t.seeded):
            highest = store.execute(f"SELECT MAX({table.identity}) AS n FROM {table.name}"
                                    ).fetchone()[0]
            with store.transaction():
                # The next id the sequence gives is past every copied one (then rolled back).
                following = store.execute(
                    f"SELECT nextval(pg_get_serial_sequence('{table.name}',"
                    f" '{table.identity}')) AS n").fetchone()[0]
            assert following == highest + 1, table.name
        with pytest.raises(store.IntegrityError, match="append-only"), store.transaction():
            store.execute("UPDATE editorial_events SET reason = 'anders'")


def test_a_non_empty_postgresql_target_is_refused_and_kept(filled, postgres_url):
    copy_store(str(filled), postgres_url)
    with open_store(postgres_url) as store, store.transaction():
        store.execute("DELETE FROM relevance_judgements")
    with open_store(postgres_url) as store:
        before = [store_copy.table_figures(store, table) for table in schema_tables()]
    result = cli.run("opslag", "kopieer", filled, postgres_url)
    assert result.returncode == 6 and "is niet leeg" in result.stderr
    with open_store(postgres_url) as store:
        assert [store_copy.table_figures(store, table) for table in schema_tables()] == before
    assert copy_store(str(filled), postgres_url, overwrite=True).rows == sum(
        len(rows) for rows in rows_of(filled).values())
    assert compare_stores(str(filled), postgres_url).differing == ()


def test_a_copy_that_does_not_match_leaves_postgresql_empty(filled, postgres_url, monkeypatch):
    insert = store_copy._insert

    def faulty(target, table, rows):  # one row lost on the way
        insert(target, table, rows[1:] if table.name == "decision_vectors" else rows)

    monkeypatch.setattr(store_copy, "_insert", faulty)
    with pytest.raises(StoreError, match=r"^Controle mislukt, tabel decision_vectors: 1 rijen"
                       r" in de bron .*, 0 in het doel"):
        copy_store(str(filled), postgres_url)
    with open_store(postgres_url) as store:
        assert store_copy.occupied(store) == []


def test_a_postgresql_source_of_an_older_schema_is_refused_not_migrated(
        filled, postgres_url, tmp_path):
    with open_store(postgres_url) as store, store.transaction():
        store.execute("DELETE FROM schema_migrations WHERE version ="
                      " (SELECT MAX(version) FROM schema_migrations)")
        version = store.execute("SELECT MAX(version) AS n FROM schema_migrations").fetchone()[0]
    result = cli.run("opslag", "kopieer", postgres_url, tmp_path / "doel.db")
    assert result.returncode == 6
    assert f"schemaversie {version}, ouder dan deze beloftemeter" in result.stderr
    assert not (tmp_path / "doel.db").exists()
    import psycopg

    with psycopg.connect(postgres_url) as connection:  # not through open_store: it migrates
        found = connection.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
    assert found == version


def test_one_database_under_two_urls_is_refused_before_anything_is_written(
        filled, postgres_url, monkeypatch):
    copy_store(str(filled), postgres_url)
    with open_store(postgres_url) as store:
        before = [store_copy.table_figures(store, table) for table in schema_tables()]
    # Two spellings the URLs cannot tell apart (a host name and its address, say).
    spellings = iter([("eerste",), ("tweede",)])
    monkeypatch.setattr("beloftemeter.pipeline.store_copy.store_identity",
                        lambda url: next(spellings))
    with pytest.raises(StoreError, match=r"^VAN en NAAR zijn dezelfde opslag"):
        copy_store(postgres_url, postgres_url, overwrite=True)
    with open_store(postgres_url) as store:
        assert [store_copy.table_figures(store, table) for table in schema_tables()] == before

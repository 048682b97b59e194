"""The store interface behaves the same on SQLite and PostgreSQL: transactions, rows, values,
the schema's own rules, locks between runs, and a store of a newer schema refused untouched.
Each test runs once per backend (`backend_store`, tests/support/postgres_server.py)."""

import sqlite3
import threading
import time

import pytest

from beloftemeter.errors import StoreError
from beloftemeter.store import open_store
from beloftemeter.store.schema import available_migrations
from beloftemeter.store.sql import CHUNK, select_in
from beloftemeter.store.state import get_state, set_state


def test_a_new_store_is_migrated_once_to_the_latest_version(backend_store):
    assert backend_store.schema_version() == available_migrations()[-1].version
    assert backend_store.migrate() == []


def test_a_failed_transaction_leaves_the_store_unchanged(backend_store):
    set_state(backend_store, "watermark", "2020-01-01")
    with pytest.raises(RuntimeError), backend_store.transaction() as conn:
        conn.execute("UPDATE state SET value = '\"kapot\"' WHERE key = 'watermark'")
        set_state(backend_store, "nieuw", 1)
        raise RuntimeError("midden in het schrijven")
    assert get_state(backend_store, "watermark") == "2020-01-01"
    assert get_state(backend_store, "nieuw") is None


def test_nested_transactions_commit_once_and_an_inner_failure_undoes_the_outer_writes(
        backend_store):
    with backend_store.transaction():
        set_state(backend_store, "a", 1)
        set_state(backend_store, "b", {"x": [1, 2]})
    assert (get_state(backend_store, "a"), get_state(backend_store, "b")) == (1, {"x": [1, 2]})

    with pytest.raises(ValueError), backend_store.transaction():
        set_state(backend_store, "c", 3)
        with backend_store.transaction():
            set_state(backend_store, "d", 4)
            raise ValueError("binnenin")
    assert get_state(backend_store, "c") is None and get_state(backend_store, "d") is None


def test_a_broken_constraint_rolls_back_the_transaction_and_the_store_goes_on(backend_store):
    store = backend_store
    store.execute("INSERT INTO dossiers (key, instrument, subject) VALUES (?, ?, ?)",
                  ("d1", "decreet", "Onderwijs"))
    with pytest.raises(store.IntegrityError), store.transaction() as conn:
        conn.execute("INSERT INTO dossiers (key, instrument, subject) VALUES (?, ?, ?)",
                     ("d2", "besluit", "Fietspaden"))
        conn.execute("INSERT INTO dossiers (key, instrument, subject) VALUES (?, ?, ?)",
                     ("d1", "besluit", "dubbel"))
    assert [r["key"] for r in store.execute("SELECT key FROM dossiers ORDER BY key")] == ["d1"]
    set_state(store, "daarna", True)
    assert get_state(store, "daarna") is True


def test_rows_read_by_position_and_name_with_sqlites_values(backend_store):
    store = backend_store
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO query_vectors (model, text_hash, dim, vector) VALUES (?, ?, ?, ?)",
            [("m", f"h{i}", 2, bytes([i, 0, 255])) for i in range(3)])
        conn.execute("INSERT INTO dossiers (key, instrument, subject, plural)"
                     " VALUES (:key, :instrument, :subject, :plural)",
                     {"key": "k%", "instrument": "decreet", "subject": "50% 'minder'",
                      "plural": True})
    row = store.execute("SELECT key, subject, plural, formal_subject FROM dossiers"
                        " WHERE subject LIKE ? AND key LIKE 'k%'", ("50%",)).fetchone()
    assert (row[0], row["subject"], row["plural"]) == ("k%", "50% 'minder'", 1)
    assert row["formal_subject"] == "" and row.keys()[:2] == ["key", "subject"]
    assert dict(zip(row.keys(), row, strict=True))["key"] == "k%"
    vectors = store.execute("SELECT text_hash, vector FROM query_vectors ORDER BY text_hash")
    assert [(r["text_hash"], bytes(r["vector"])) for r in vectors] == [
        (f"h{i}", bytes([i, 0, 255])) for i in range(3)]
    total, mean, count, nothing = store.execute(
        "SELECT SUM(dim), AVG(dim), COUNT(*), MAX(NULL) FROM query_vectors").fetchone()
    assert (total, mean, count, nothing) == (6, 2.0, 3, None)
    assert type(total) is int and type(mean) is float


def test_a_rowid_key_is_numbered_by_the_store_and_defaults_apply(backend_store):
    store = backend_store
    for name in ("ann", "bert"):
        store.execute("INSERT INTO login_failures (user_name, address, at) VALUES (?, ?, ?)",
                      (name, "adres", "2024-01-01"))
    ids = [r["id"] for r in store.execute("SELECT id FROM login_failures ORDER BY id")]
    assert len(ids) == 2 and ids[0] < ids[1]
    set_state(store, "x", 1)
    [stamp] = store.execute("SELECT updated_at FROM state WHERE key = 'x'").fetchone()
    assert len(stamp) == 19 and stamp[10] == " "  # SQLite's datetime('now') text: UTC


def test_the_audit_table_refuses_changes_and_deletions(backend_store):
    store = backend_store
    store.execute("INSERT INTO editorial_events (at, actor, action) VALUES (?, ?, ?)",
                  ("2024-01-01", "ann", "verdict_saved"))
    for sql in ("UPDATE editorial_events SET actor = 'mallory'", "DELETE FROM editorial_events"):
        with pytest.raises(store.IntegrityError, match="append-only"), store.transaction() as c:
            c.execute(sql)
    assert [tuple(r) for r in store.execute("SELECT actor, action FROM editorial_events")] == [
        ("ann", "verdict_saved")]


def test_a_long_list_of_ids_is_sent_in_chunks(backend_store):
    store = backend_store
    with store.transaction() as conn:
        conn.executemany("INSERT INTO dossiers (key, instrument, subject) VALUES (?, 'd', 's')",
                         [(f"k{i:05d}",) for i in range(2 * CHUNK + 7)])
    wanted = [f"k{i:05d}" for i in range(0, 2 * CHUNK + 7, 2)] + ["onbekend"]
    found = list(select_in(store, "SELECT key FROM dossiers WHERE instrument = ?"
                                  " AND key IN ({marks})", wanted, ("d",)))
    assert sorted(r["key"] for r in found) == wanted[:-1]


def test_a_second_run_is_refused_while_the_first_holds_the_lock(backend_url):
    with open_store(backend_url) as first, open_store(backend_url) as second:
        with first.exclusive("bouw"):
            refused = "Er loopt al een andere bouw op deze opslag"
            with pytest.raises(StoreError, match=refused), second.exclusive("bouw"):
                pass
            with pytest.raises(StoreError, match="andere bouw"), first.exclusive("bouw"):
                pass
            with second.exclusive("sync"):  # another lock is free
                pass
        with second.exclusive("bouw"):  # released at the end of the block
            pass


def test_a_waiting_run_starts_when_the_first_releases_the_lock(backend_url):
    order = []
    with open_store(backend_url) as first, open_store(backend_url) as second:
        first_holds = threading.Event()

        def waiting_run():
            first_holds.wait()
            with second.exclusive("bouw", wait=True):
                order.append("tweede")

        thread = threading.Thread(target=waiting_run)
        thread.start()
        with first.exclusive("bouw"):
            first_holds.set()
            time.sleep(0.3)
            order.append("eerste")
        thread.join(10)
    assert order == ["eerste", "tweede"]


def test_a_store_of_a_newer_schema_is_refused_and_left_untouched(backend_url):
    latest = available_migrations()[-1]
    with open_store(backend_url) as store, store.transaction() as conn:
        # As a newer beloftemeter would leave it; the latest known version left pending.
        conn.execute("DELETE FROM schema_migrations WHERE version = ?", (latest.version,))
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                     (latest.version + 50, "9999_van_later.sql"))
    with pytest.raises(StoreError) as refused:
        open_store(backend_url)
    assert refused.value.exit_code == 6 and "\n" not in refused.value.message
    assert f"schemaversie {latest.version + 50}, nieuwer dan deze beloftemeter kent" in (
        refused.value.message)
    assert "geheim" not in refused.value.message
    versions = _versions_without_the_store(backend_url)
    assert latest.version not in versions and latest.version + 50 in versions


def _versions_without_the_store(url):
    """schema_migrations read through the driver itself (open_store would migrate)."""
    if url.startswith("sqlite:///"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    else:
        import psycopg

        connection = psycopg.connect(url)
    try:
        return [row[0] for row in connection.execute("SELECT version FROM schema_migrations")]
    finally:
        connection.close()

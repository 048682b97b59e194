"""The change counters web workers watch (store.changes, migrations 0014 and 0015), on SQLite
and PostgreSQL: each counted table moves its counter, the other tables move neither, and a
write started with `counted_write_start` knows what the counter was before it."""

from __future__ import annotations

from beloftemeter.search.lexical import sync_documents
from beloftemeter.store import Store
from beloftemeter.store.changes import counted_write_start, versions
from support.assessed_store import build

_REVIEW = ("INSERT INTO reviews (promise_id, version, status, reason, status_source,"
           " reviewed_by, reviewed_at) VALUES ('p-x', 1, 'uitgevoerd', 'r', 'editor', 'anna',"
           " '2026-01-01T00:00:00+00:00')")


def _write(store: Store, sql: str, params: tuple = ()) -> None:
    with store.transaction() as conn:
        conn.execute(sql, params)


def test_editorial_tables_move_the_promise_counter_only(backend_store: Store) -> None:
    build(backend_store)
    for sql in (_REVIEW, "UPDATE reviews SET note = 'n'",
                "INSERT INTO review_links VALUES ('p-x', 'k1', 'confirmed')",
                "DELETE FROM review_links", "DELETE FROM reviews"):
        before = versions(backend_store)
        _write(backend_store, sql)
        after = versions(backend_store)
        assert after.promises > before.promises and after.search == before.search, sql


def test_the_search_index_moves_the_search_counter_only(backend_store: Store) -> None:
    build(backend_store)
    before = versions(backend_store)
    sync_documents(backend_store)  # the words of the five decisions
    after = versions(backend_store)
    # moved (on PostgreSQL once per transaction, on SQLite once per row)
    assert after.search > before.search and after.promises == before.promises
    _write(backend_store, "INSERT INTO decision_vectors VALUES ('k1', 'm', 'h', 1, ?)",
           (b"\0",))
    assert versions(backend_store).search > after.search


def test_sessions_and_the_audit_move_no_counter(backend_store: Store) -> None:
    build(backend_store)
    before = versions(backend_store)
    _write(backend_store, "INSERT INTO login_failures (user_name, address, at)"
                          " VALUES ('a', 'b', 'c')")
    _write(backend_store, "INSERT INTO editorial_events (at, actor, action) VALUES ('a', 'b',"
                          " 'login')")
    assert versions(backend_store) == before


def test_a_counted_write_knows_the_counter_before_it(backend_store: Store) -> None:
    build(backend_store)
    before = versions(backend_store)
    with backend_store.transaction() as conn:
        start = counted_write_start(conn)
        conn.execute(_REVIEW)
        end = versions(conn)
    assert start.promises - 1 == before.promises
    assert end.promises > start.promises and versions(backend_store) == end

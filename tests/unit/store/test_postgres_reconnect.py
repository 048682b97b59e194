"""A PostgreSQL store whose connection the server broke opens a new one on the next call, when
nothing was open on the old one: once per call, never inside a transaction (that fails whole,
in Dutch) nor while a run lock is held (the server let the lock go with the session)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import psycopg
import pytest

from beloftemeter.errors import StoreError
from beloftemeter.store import open_store
from beloftemeter.store.postgres_store import PostgresStore
from beloftemeter.store.state import get_state, set_state

pytestmark = pytest.mark.postgres


@pytest.fixture
def store(postgres_url: str) -> Iterator[PostgresStore]:
    with open_store(postgres_url) as opened:
        assert isinstance(opened, PostgresStore)
        yield opened


def _backend(store: PostgresStore) -> int:
    return store.execute("SELECT pg_backend_pid()").fetchone()[0]


def _database(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _end_session(postgres_server, store: PostgresStore) -> int:
    backend = store.connection.info.backend_pid
    postgres_server.admin(f"SELECT pg_terminate_backend({backend})")
    return backend


def _count_connects(store: PostgresStore) -> list[int]:
    """Wraps the store's way to connect; the list grows by one per attempt."""
    attempts: list[int] = []
    connect = store._connect
    assert connect is not None

    def counted() -> psycopg.Connection:
        attempts.append(1)
        return connect()

    store._connect = counted
    return attempts


def test_a_read_after_the_session_ended_runs_on_a_new_connection(postgres_server, store,
                                                                   caplog) -> None:
    before = _end_session(postgres_server, store)
    attempts = _count_connects(store)
    with caplog.at_level(logging.WARNING, logger="beloftemeter.store.postgres_store"):
        after = _backend(store)
    assert after != before and attempts == [1]
    assert "viel weg; opnieuw verbonden" in caplog.text
    assert postgres_server.password not in caplog.text
    assert _backend(store) == after and attempts == [1]  # no new connection without need


def test_a_write_after_the_session_ended_is_done_on_a_new_connection(postgres_server, store,
                                                                   postgres_url) -> None:
    _end_session(postgres_server, store)
    set_state(store, "na", 1)  # its BEGIN found the connection broken: nothing had happened
    with open_store(postgres_url) as other:
        assert get_state(other, "na") == 1


def test_a_write_in_flight_fails_in_dutch_and_the_next_call_reconnects(postgres_server, store,
                                                                       postgres_url) -> None:
    attempts = _count_connects(store)
    lost = "de verbinding met de server is verbroken"
    with pytest.raises(StoreError, match=lost) as caught, store.transaction():
        set_state(store, "voor", 1)
        _end_session(postgres_server, store)
        set_state(store, "na", 1)
    assert caught.value.message.endswith("Er is niets veranderd.")
    assert attempts == []  # not done again on a new connection half-way
    assert get_state(store, "voor") is None and get_state(store, "na") is None
    assert attempts == [1]
    with open_store(postgres_url) as other:
        assert other.execute("SELECT COUNT(*) FROM state").fetchone()[0] == 0


def test_a_plain_write_that_broke_the_connection_is_not_sent_again(postgres_server,
                                                                   store) -> None:
    attempts = _count_connects(store)
    _end_session(postgres_server, store)
    with pytest.raises(psycopg.OperationalError):
        store.execute("INSERT INTO state(key, value) VALUES ('los', '1')")
    assert attempts == []
    assert store.execute("SELECT COUNT(*) FROM state").fetchone()[0] == 0
    assert attempts == [1]


def test_a_run_lock_lost_with_the_session_stops_the_run_in_dutch(postgres_server, store) -> None:
    attempts = _count_connects(store)
    with pytest.raises(StoreError) as caught, store.exclusive("synchronisatie"):
        _end_session(postgres_server, store)
        store.execute("SELECT 1")
    message = caught.value.message
    assert message.startswith("De verbinding met de PostgreSQL-server viel weg tijdens deze"
                              " synchronisatie") and "\n" not in message
    assert postgres_server.password not in message
    assert attempts == []  # going on over a new session would run without the lock
    with store.exclusive("synchronisatie"):  # once the run is over, the store works again
        assert attempts == [1]


def test_a_server_that_is_down_costs_one_attempt_per_call(postgres_server, store,
                                                          postgres_url) -> None:
    database = _database(postgres_url)
    attempts = _count_connects(store)
    postgres_server.admin(f"ALTER DATABASE {database} ALLOW_CONNECTIONS false")
    try:
        _end_session(postgres_server, store)
        for tries in (1, 2):
            with pytest.raises(StoreError) as caught:
                store.schema_version()
            assert len(attempts) == tries
            assert "\n" not in caught.value.message
            assert postgres_server.password not in caught.value.message
    finally:
        postgres_server.admin(f"ALTER DATABASE {database} ALLOW_CONNECTIONS true")
    assert store.schema_version() > 0 and len(attempts) == 3


def test_a_store_without_a_way_to_connect_never_reconnects(postgres_server,
                                                           postgres_url) -> None:
    # As a copy's two ends (store.copy_ends): a copy fails whole, it never goes on elsewhere.
    from beloftemeter.store import dialect

    connection = psycopg.connect(postgres_url, autocommit=True, row_factory=dialect.row_factory)
    dialect.adapt(connection)
    with PostgresStore(connection, "kopie") as store:
        _end_session(postgres_server, store)
        for _ in range(2):
            with pytest.raises(psycopg.OperationalError):
                store.execute("SELECT 1")
        assert store.connection is connection

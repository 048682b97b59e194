import pytest

from beloftemeter.errors import StoreError
from beloftemeter.store import open_store
from beloftemeter.store.database import available_migrations
from beloftemeter.store.state import get_state, set_state


def test_new_store_is_migrated_to_the_latest_version(store):
    assert store.schema_version() == available_migrations()[-1].version


def test_migrating_twice_applies_nothing(store):
    assert store.migrate() == []


def test_failed_transaction_leaves_store_unchanged(store):
    set_state(store, "watermark", "2020-01-01")
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute("UPDATE state SET value = '\"kapot\"' WHERE key = 'watermark'")
        raise RuntimeError("midden in het schrijven")
    assert get_state(store, "watermark") == "2020-01-01"


def test_nested_transactions_commit_once(store):
    with store.transaction():
        set_state(store, "a", 1)
        set_state(store, "b", {"x": [1, 2]})
    assert get_state(store, "a") == 1
    assert get_state(store, "b") == {"x": [1, 2]}


def test_state_survives_reopening(tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    with open_store(url) as first:
        set_state(first, "cursor", {"page": 3})
    with open_store(url) as second:
        assert get_state(second, "cursor") == {"page": 3}


def test_unknown_store_scheme_is_a_dutch_error():
    with pytest.raises(StoreError, match="Niet-ondersteunde opslag"):
        open_store("mysql://host/db")


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "geen.db"
    path.write_text("dit is geen database " * 100)
    with pytest.raises(StoreError):
        open_store(f"sqlite:///{path}")
    assert path.read_text().startswith("dit is geen database")

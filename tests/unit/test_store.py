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


def test_state_survives_reopening(fresh_store_url):
    url = fresh_store_url
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


def test_select_in_sends_a_long_list_in_chunks_with_the_other_parameters_first(store):
    from beloftemeter.store.sql import CHUNK, select_in

    values = list(range(2 * CHUNK + 201))
    store.execute("CREATE TEMP TABLE numbers (v INTEGER)")
    store.executemany("INSERT INTO numbers VALUES (?)", [(v,) for v in range(5000)])
    sent = []

    class Recording:
        def execute(self, sql, params):
            sent.append(len(params))
            return store.execute(sql, params)

    rows = list(select_in(Recording(), "SELECT ? + v FROM numbers WHERE v IN ({marks})",
                          values, (1000,)))
    assert sorted(row[0] for row in rows) == [1000 + v for v in values]
    assert sent == [CHUNK + 1, CHUNK + 1, 202]
    assert list(select_in(Recording(), "SELECT {marks}", [])) == [] and len(sent) == 3


def test_decisions_are_read_by_id_as_stored(store):
    from beloftemeter.store.decisions import get_decisions, upsert_decisions
    from support.decision_rows import make_decision

    decisions = [make_decision(f"d{i:04d}", "2021-01-01", f"Titel {i}", "Tekst.")
                 for i in range(1200)]
    upsert_decisions(store, decisions)
    found = get_decisions(store, ["d0003", "d1199", "d0003", "onbekend"])
    assert found == {"d0003": decisions[3], "d1199": decisions[1199]}
    assert len(get_decisions(store, [d.id for d in decisions])) == 1200


def test_a_judgement_counts_only_while_the_decision_is_unchanged(store):
    from beloftemeter.store.judgements import count_judgements, known_judgements, save_judgements

    save_judgements(store, "p", "llm:x", [("a", "h1", True), ("b", "h2", False)])
    save_judgements(store, "p", "llm:x", [("a", "h1", True)])  # an upsert, not a second row
    assert count_judgements(store) == 2
    assert known_judgements(store, "p", "llm:x", {"a": "h1", "b": "h2"}) == {"a": True, "b": False}
    assert known_judgements(store, "p", "llm:x", {"a": "h1-changed"}) == {}
    assert known_judgements(store, "p", "llm:y", {"a": "h1"}) == {}


def test_a_vector_cache_file_that_is_not_sqlite_is_a_dutch_error(tmp_path):
    from beloftemeter.store.vectors import open_vector_file

    path = tmp_path / "vectors.sqlite"
    path.write_text("geen database " * 200)
    with pytest.raises(StoreError, match="Kan de vectorcache niet openen"):
        open_vector_file(path)

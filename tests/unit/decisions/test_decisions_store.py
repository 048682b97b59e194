"""Decisions in the store: upserts keyed on the source id, lookups, counts."""

import pytest
from decisions_fixtures import make_records

from beloftemeter.errors import NotFoundError
from beloftemeter.sources.decisions_dump import decision_from_record
from beloftemeter.store.decisions import (
    count_decisions,
    decision_stats,
    get_decision,
    iter_decisions,
    upsert_decisions,
)


def _decisions(n=30):
    return [decision_from_record(r) for r in make_records(n)]


def test_upserting_new_decisions_counts_them_as_new(store):
    counts = upsert_decisions(store, _decisions())
    assert (counts.new, counts.changed, counts.unchanged) == (30, 0, 0)
    assert count_decisions(store) == 30


def test_upserting_the_same_decisions_again_changes_nothing(store):
    upsert_decisions(store, _decisions())
    before = store.execute("SELECT id, updated_at, content_hash FROM decisions").fetchall()
    counts = upsert_decisions(store, _decisions())
    assert (counts.new, counts.changed, counts.unchanged) == (0, 0, 30)
    after = store.execute("SELECT id, updated_at, content_hash FROM decisions").fetchall()
    assert [tuple(r) for r in before] == [tuple(r) for r in after]


def test_a_changed_text_updates_the_row_and_its_content_hash(store):
    records = make_records(5)
    upsert_decisions(store, [decision_from_record(r) for r in records])
    old = get_decision(store, records[2]["id"])
    records[2]["text"] += " Nieuwe zin met 7.500 euro."
    counts = upsert_decisions(store, [decision_from_record(r) for r in records])
    assert (counts.new, counts.changed, counts.unchanged) == (0, 1, 4)
    new = get_decision(store, records[2]["id"])
    assert new.text.endswith("Nieuwe zin met 7.500 euro.")
    assert 7500.0 in new.amounts
    assert new.content_hash != old.content_hash
    assert count_decisions(store) == 5


def test_a_decision_round_trips_through_the_store_unchanged(store):
    decisions = _decisions(12)
    upsert_decisions(store, decisions)
    by_id = lambda d: d.id  # noqa: E731
    assert sorted(iter_decisions(store), key=by_id) == sorted(decisions, key=by_id)


def test_an_unknown_id_is_a_dutch_not_found_error(store):
    with pytest.raises(NotFoundError, match="Geen beslissing met id ONBEKEND"):
        get_decision(store, "ONBEKEND")


def test_hex_ids_are_found_in_any_case(store):
    decision = _decisions(1)[0]
    upsert_decisions(store, [decision])
    assert get_decision(store, decision.id.lower()).id == decision.id


def test_iterating_since_a_date_skips_older_meetings(store):
    decisions = _decisions(40)
    upsert_decisions(store, decisions)
    since = sorted({d.meeting_date for d in decisions})[2]
    found = list(iter_decisions(store, since=since))
    assert found and all(d.meeting_date >= since for d in found)
    assert len(found) == sum(1 for d in decisions if d.meeting_date >= since)


def test_a_failing_upsert_writes_nothing(store):
    decisions = _decisions(10)

    def broken():
        yield from decisions[:5]
        raise RuntimeError("bron valt weg")

    with pytest.raises(RuntimeError):
        upsert_decisions(store, broken())
    assert count_decisions(store) == 0


def test_stats_count_per_year_type_instrument_and_stage(store):
    decisions = _decisions(50)
    upsert_decisions(store, decisions)
    stats = decision_stats(store)
    assert stats["totaal"] == 50
    assert sum(stats["per_jaar"].values()) == 50
    assert stats["per_type"] == {"mededeling": 5, "nota": 45}
    assert sum(stats["per_stadium"].values()) == 50
    assert stats["per_stadium"].get("mededeling", 0) >= 5


def test_stats_name_the_unknown_first_on_every_backend(store):
    from support.decision_rows import make_decision

    upsert_decisions(store, [
        make_decision("a", "2021-01-01", "A", "Tekst.", instrument="decreet", stage="goedkeuring"),
        make_decision("b", "2021-01-01", "B", "Tekst.")])
    stats = decision_stats(store)
    assert list(stats["per_instrument"].items()) == [("onbekend", 1), ("decreet", 1)]
    assert list(stats["per_stadium"]) == ["onbekend", "goedkeuring"]


@pytest.mark.sqlite_only("holds SQLite's write lock from another connection")
def test_a_store_locked_by_another_writer_is_one_dutch_store_error(tmp_path, store):
    import sqlite3

    from beloftemeter.errors import StoreError

    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        store.execute("PRAGMA busy_timeout = 200")  # 10 s in real use; short for the test
        with pytest.raises(StoreError) as caught:  # before: sqlite3.OperationalError
            upsert_decisions(store, _decisions(3))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.message.startswith(
        "De opslag is bezet: een ander proces schrijft er al langer dan 0.2 s in ("
    )
    assert caught.value.message.endswith("Er is niets veranderd.")
    assert count_decisions(store) == 0
    upsert_decisions(store, _decisions(3))  # once free, the store works as before
    assert count_decisions(store) == 3

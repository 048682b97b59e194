"""Dossiers stored by the index step and read back per decision; the migration that adds them
applies to a store made before it."""


import pytest
from dossier_fixtures import plain, toetsen

from beloftemeter.analysis.dossiers import (
    assign_dossiers,
    collapse_by_dossier,
    dossier_of,
    dossiers_for,
)
from beloftemeter.store import open_store, schema
from beloftemeter.store.decisions import upsert_decisions
from beloftemeter.store.dossiers import count_dossiers, replace_dossiers


def _fill(store):
    upsert_decisions(store, [*toetsen(), plain("s1", "2022-09-02", "Subsidie leesbevordering")])


def test_assigned_dossiers_are_read_back_per_decision(store):
    _fill(store)
    counts = assign_dossiers(store)
    assert (counts.decisions, counts.dossiers, counts.multi_step, counts.grouped_decisions) \
        == (4, 2, 1, 3)
    dossier = dossier_of(store, "t2")
    assert [s.decision_id for s in dossier.steps] == ["t1", "t2", "t3"]
    assert [s.stage for s in dossier.steps] == [
        "principiele_goedkeuring", "definitieve_goedkeuring", "bekrachtiging"]
    assert dossier.steps[0].meeting_date == "2022-06-10"
    assert dossier.subject == "Vlaamse toetsen in het onderwijs"
    assert dossier_of(store, "s1").decision_ids == ("s1",)
    assert dossier_of(store, "onbekend") is None
    found = dossiers_for(store, ["t1", "t3", "s1", "onbekend"])
    assert set(found) == {"t1", "t3", "s1"}
    assert found["t1"] == found["t3"] == dossier


def test_a_decision_is_found_by_its_id_in_another_case(store):
    upsert_decisions(store, [plain("5D9C56D56B1B8100080001EA", "2019-10-02", "Subsidie")])
    assign_dossiers(store)
    assert dossier_of(store, "5d9c56d56b1b8100080001ea") is not None


def test_assigning_again_is_idempotent(store):
    _fill(store)
    assign_dossiers(store)
    before = store.execute("SELECT * FROM decision_dossiers ORDER BY decision_id").fetchall()
    keys = store.execute("SELECT * FROM dossiers ORDER BY key").fetchall()
    assign_dossiers(store)
    assert [tuple(r) for r in store.execute(
        "SELECT * FROM decision_dossiers ORDER BY decision_id")] == [tuple(r) for r in before]
    assert [tuple(r) for r in store.execute("SELECT * FROM dossiers ORDER BY key")] \
        == [tuple(r) for r in keys]
    assert count_dossiers(store) == (2, 1)


def test_a_new_step_joins_its_dossier_on_the_next_assignment(store):
    first, second, third = toetsen()
    upsert_decisions(store, [first, second])
    assign_dossiers(store)
    key = dossier_of(store, "t1").key
    upsert_decisions(store, [third])
    assert dossier_of(store, "t3") is None  # not assigned until the index runs again
    assign_dossiers(store)
    assert dossier_of(store, "t3").key == key
    assert dossier_of(store, "t3").decision_ids == ("t1", "t2", "t3")


def test_collapse_keeps_the_first_decision_of_each_dossier_in_rank_order(store):
    _fill(store)
    assign_dossiers(store)
    ranked = ["t3", "s1", "t1", "x9", "t2", "x9"]
    assert collapse_by_dossier(ranked, dossiers_for(store, ranked)) == ["t3", "s1", "x9"]
    assert collapse_by_dossier([], {}) == []


def test_the_migration_applies_to_a_store_made_before_it(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'oud.db'}"
    shipped = schema.available_migrations()
    assert any(m.name == "0010_dossiers.sql" for m in shipped)
    monkeypatch.setattr(schema, "available_migrations",
                        lambda: [m for m in shipped if m.version < 10])
    with open_store(url) as old:
        _fill(old)
        assert old.schema_version() == 9
    monkeypatch.undo()
    with open_store(url) as store:
        assert store.schema_version() == shipped[-1].version  # 0010 and every later one
        assert dossier_of(store, "t1") is None  # the decisions are kept, not yet grouped
        assign_dossiers(store)
        assert dossier_of(store, "t1").decision_ids == ("t1", "t2", "t3")


def test_a_deleted_decision_leaves_its_dossier(store):
    _fill(store)
    assign_dossiers(store)
    with store.transaction() as conn:
        conn.execute("DELETE FROM decisions WHERE id = 't2'")
    assert dossier_of(store, "t1").decision_ids == ("t1", "t3")


def test_a_failed_write_leaves_the_old_dossiers(store):
    _fill(store)
    assign_dossiers(store)
    dossier = dossier_of(store, "t1")
    with pytest.raises(store.IntegrityError):
        replace_dossiers(store, [dossier, dossier])  # one key twice: refused half-way
    assert dossier_of(store, "t1") == dossier
    assert count_dossiers(store) == (2, 1)


def test_the_index_step_assigns_the_dossiers(store):
    from beloftemeter.config import Settings
    from beloftemeter.pipeline.index import index_decisions

    _fill(store)
    index_decisions(store, Settings(embedder="geen"))
    assert dossier_of(store, "t3").decision_ids == ("t1", "t2", "t3")

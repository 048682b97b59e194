"""Copying a whole store (store.copy, pipeline.store_copy), SQLite to SQLite: every table and
every row, all or nothing, the figures per table, and what is refused."""

from __future__ import annotations

import math
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from beloftemeter.errors import StoreError
from beloftemeter.pipeline.store_copy import compare_stores, copy_store
from beloftemeter.store import copy as store_copy
from beloftemeter.store import open_store
from beloftemeter.store.copy import Checksum, schema_tables
from beloftemeter.store.copy_ends import open_readonly
from beloftemeter.store.reviews import add_reader_report
from support.filled_store import build_filled


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with rows in every table; tests copy it and never write it."""
    path = tmp_path_factory.mktemp("filled") / "bron.db"
    with open_store(str(path)) as store:
        build_filled(store)
    return path


def rows_of(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows as sqlite3 reads them, sorted: the copy compared without its own
    checksum."""
    with closing(sqlite3.connect(path)) as connection, connection:
        names = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'schema_migrations'")]
        return {name: sorted(connection.execute(f"SELECT * FROM {name}"), key=repr)
                for name in names}


def test_the_listing_has_every_table_with_parents_first(filled):
    listed = [table.name for table in schema_tables()]
    assert sorted(listed) == sorted(rows_of(filled))
    for place, table in enumerate(schema_tables()):
        assert set(table.parents) <= set(listed[:place]), table.name
    by_name = {table.name: table for table in schema_tables()}
    assert by_name["editorial_events"].append_only
    assert not by_name["reviews"].append_only
    assert by_name["promise_list_changes"].seeded and not by_name["decisions"].seeded
    assert by_name["agreement_nodes"].self_refs == (("agreement_id", "agreement_id"),
                                                   ("parent_key", "key"))
    assert by_name["assessment_evidence"].key == ("agreement_id", "node_key", "ordinal",
                                                  "decision_id")
    assert by_name["editorial_events"].identity == "id"
    assert by_name["decisions"].identity is None


def test_the_fixture_fills_every_table(filled):
    empty = [name for name, rows in rows_of(filled).items() if not rows]
    assert empty == [], "tests/support/filled_store.py schrijft niets in deze tabellen"


def test_sqlite_to_sqlite_copies_every_row_and_proves_it(filled, tmp_path):
    target = tmp_path / "doel.db"
    before = filled.read_bytes()
    result = copy_store(f"sqlite:///{filled}", str(target))
    assert filled.read_bytes() == before  # the source is only read
    assert rows_of(target) == rows_of(filled)
    assert [t.table for t in result.tables] == [t.name for t in schema_tables()]
    assert all(t.rows > 0 and len(t.checksum) == 64 for t in result.tables)
    assert result.rows == sum(len(rows) for rows in rows_of(filled).values())
    comparison = compare_stores(str(filled), str(target))
    assert comparison.differing == ()
    assert tuple(a for a, _ in comparison.pairs) == result.tables
    with open_store(str(target)) as store:
        # New rows continue after the copied ids; the audit is still append-only.
        highest = store.execute("SELECT MAX(id) AS n FROM reader_reports").fetchone()[0]
        assert add_reader_report(store, "p-x", "nog een", None) == highest + 1
        with pytest.raises(store.IntegrityError, match="append-only"):
            store.execute("DELETE FROM editorial_events")


def test_the_checksum_ignores_order_and_tells_types_apart():
    def checksum(*rows):
        summed = Checksum()
        for row in rows:
            summed.add(row)
        return summed.figures("t").checksum

    assert checksum((1, "a"), (2, b"\x00")) == checksum((2, b"\x00"), (1, "a"))
    different = {checksum((1,)), checksum((1.0,)), checksum(("1",)), checksum((b"1",)),
                 checksum((None,)), checksum(("",)), checksum((0.1 + 0.2,)), checksum((0.3,)),
                 checksum(("a", "bc")), checksum(("ab", "c")), checksum(), checksum((1,), (1,))}
    assert len(different) == 12
    assert Checksum().figures("t").checksum == "0" * 64


@pytest.mark.parametrize(("statement", "table"), [
    ("UPDATE decisions SET title = title || ' ' WHERE id = 'k2'", "decisions"),
    ("UPDATE policy_decision_links SET score = 0.3", "policy_decision_links"),  # was 0.1 + 0.2
    ("UPDATE decision_vectors SET vector = zeroblob(length(vector))", "decision_vectors"),
    ("UPDATE reviews SET recheck = '' WHERE recheck IS NULL", "reviews"),
    ("DELETE FROM search_documents", "search_documents"),
    ("INSERT INTO state (key, value) VALUES ('extra', '1')", "state"),
    ("UPDATE promise_list_changes SET changes = changes + 1", "promise_list_changes"),
    ("UPDATE decisions SET title = title WHERE id = 'k2'", None),  # the same value again
])
def test_the_comparison_finds_a_changed_table(filled, tmp_path, statement, table):
    target = tmp_path / "doel.db"
    copy_store(str(filled), str(target))
    with closing(sqlite3.connect(target)) as connection, connection:
        assert connection.execute(statement).rowcount > 0
    differing = set(compare_stores(str(filled), str(target)).differing)
    # Triggers count the change in a counter table as well (migrations 0014, 0015).
    counters = {"promise_list_changes", "search_changes"}
    if table:
        assert table in differing and differing <= {table} | counters
    else:
        assert differing == set()


def test_a_float_one_step_off_is_found(filled, tmp_path):
    target = tmp_path / "doel.db"
    copy_store(str(filled), str(target))
    with closing(sqlite3.connect(target)) as connection, connection:
        (score,) = connection.execute("SELECT score FROM policy_promise_links").fetchone()
        connection.execute("UPDATE policy_promise_links SET score = ?",
                           (math.nextafter(score, 1.0),))
    assert "policy_promise_links" in compare_stores(str(filled), str(target)).differing


def test_a_row_that_cannot_be_read_is_one_dutch_line(filled, tmp_path):
    target = tmp_path / "doel.db"
    copy_store(str(filled), str(target))
    with closing(sqlite3.connect(target)) as connection, connection:  # text that is not UTF-8
        connection.execute("UPDATE decisions SET title = CAST(X'FF00' AS TEXT)")
    with pytest.raises(StoreError, match=r"^Tabel decisions in .*doel\.db kan niet gelezen"
                       r" worden: .*\. Er is niets veranderd\.$"):
        compare_stores(str(filled), str(target))


def tamper(monkeypatch, table: str) -> None:
    """The copy writes one value of `table` wrongly, as a faulty driver or disk would."""
    insert = store_copy._insert

    def faulty(target, described, rows):
        if described.name == table and rows:
            rows = [(*rows[0][:-1], "geknoeid"), *rows[1:]]
        insert(target, described, rows)

    monkeypatch.setattr(store_copy, "_insert", faulty)


def test_a_copy_that_does_not_match_is_rolled_back_and_its_new_file_removed(
        filled, tmp_path, monkeypatch):
    tamper(monkeypatch, "promise_assessments")
    target = tmp_path / "nieuw" / "doel.db"
    with pytest.raises(StoreError, match=r"^Controle mislukt, tabel promise_assessments: 3"
                       r" rijen in de bron .*; er is niets gekopieerd\.$"):
        copy_store(str(filled), str(target))
    assert list(target.parent.iterdir()) == []


def test_a_copy_that_does_not_match_leaves_an_existing_target_as_it_was(
        filled, tmp_path, monkeypatch):
    target = tmp_path / "doel.db"
    open_store(str(target)).close()
    before = rows_of(target)
    tamper(monkeypatch, "users")
    with pytest.raises(StoreError, match="Controle mislukt, tabel users"):
        copy_store(str(filled), str(target))
    assert rows_of(target) == before


def test_a_non_empty_target_is_refused_unless_overwritten(filled, tmp_path):
    target = tmp_path / "doel.db"
    copy_store(str(filled), str(target))
    with closing(sqlite3.connect(target)) as connection, connection:
        connection.execute("UPDATE decisions SET title = 'anders'")
        connection.execute("DELETE FROM relevance_judgements")
    changed = rows_of(target)
    with pytest.raises(StoreError, match=r"^Het doel .*doel\.db is niet leeg \(tabellen"
                       r" agreements, decisions, dossiers, …\): .*--overschrijf"):
        copy_store(str(filled), str(target))
    assert rows_of(target) == changed
    # The audit in the target equals the source's: kept, only what is new is added.
    result = copy_store(str(filled), str(target), overwrite=True)
    assert rows_of(target) == rows_of(filled)
    assert compare_stores(str(filled), str(target)).differing == ()
    assert result.rows == sum(len(rows) for rows in rows_of(filled).values())


def test_overwriting_never_deletes_from_the_append_only_audit(filled, tmp_path):
    target = tmp_path / "doel.db"
    copy_store(str(filled), str(target))
    with open_store(str(target)) as store:
        add_reader_report(store, "p-x", "alleen in het doel", None)  # an audit event too
    kept = rows_of(target)
    with pytest.raises(StoreError, match=r"^Tabel editorial_events in .* heeft rijen die de"
                       r" bron niet heeft"):
        copy_store(str(filled), str(target), overwrite=True)
    assert rows_of(target) == kept


def test_overwriting_refuses_an_audit_event_the_source_has_otherwise(filled, tmp_path):
    target, source = tmp_path / "doel.db", tmp_path / "bron.db"
    copy_store(str(filled), str(target))
    copy_store(str(filled), str(source))
    with closing(sqlite3.connect(source)) as connection, connection:
        # Only by going around the trigger, as nothing in beloftemeter can.
        connection.execute("DROP TRIGGER editorial_events_append_only_update")
        connection.execute("UPDATE editorial_events SET reason = 'herschreven' WHERE id = 1")
    kept = rows_of(target)
    with pytest.raises(StoreError, match=r"^Tabel editorial_events in .* anders heeft"):
        copy_store(str(source), str(target), overwrite=True)
    assert rows_of(target) == kept


def test_a_tree_is_inserted_parents_first(filled, tmp_path):
    target_path = tmp_path / "doel.db"
    tables = {t.name: t for t in schema_tables()}
    nodes = tables["agreement_nodes"]
    parent = nodes.columns.index("parent_key")
    with open_readonly(str(filled)) as source:
        agreements = [row for batch in store_copy.read_rows(source, tables["agreements"])
                      for row in batch]
        rows = [row for batch in store_copy.read_rows(source, nodes) for row in batch]
        expected = store_copy.table_figures(source, nodes)
    children_first = sorted(rows, key=lambda row: row[parent] is None)
    assert children_first[0][parent] is not None  # a child comes first
    with open_store(str(target_path)) as target:
        with target.transaction():
            store_copy._insert(target, tables["agreements"], agreements)
            store_copy._insert_tree(target, nodes, children_first)
        assert store_copy.table_figures(target, nodes) == expected
    assert rows_of(target_path)["agreement_nodes"] == rows_of(filled)["agreement_nodes"]


def test_small_batches_page_through_composite_keys(filled, tmp_path, monkeypatch):
    monkeypatch.setattr(store_copy, "BATCH_ROWS", 2)
    target = tmp_path / "doel.db"
    result = copy_store(str(filled), str(target))
    assert rows_of(target) == rows_of(filled)
    evidence = next(t for t in result.tables if t.table == "assessment_evidence")
    assert evidence.rows == 7

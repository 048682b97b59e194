"""Text sorts and compares the same on both backends, whatever the PostgreSQL database's own
collation: by code point, as SQLite's BINARY does (store/dialect.py gives every text column
COLLATE "C")."""

import pytest

from beloftemeter.store import open_store
from beloftemeter.store.decisions import decision_ids, upsert_decisions
from support.decision_rows import make_decision

pytestmark = pytest.mark.postgres

IDS = ["deel1", "Deel-2", "deel-1", "b", "a-b", "ab", "A", "é", "e", "z"]


def test_ids_sort_by_code_point_in_a_database_with_a_dutch_collation(postgres_server, tmp_path):
    import psycopg

    name = "dutch_collation"
    try:
        postgres_server.admin(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'"
                              " LOCALE_PROVIDER icu ICU_LOCALE 'nl-BE' LOCALE 'C'")
    except psycopg.Error as exc:
        pytest.skip(f"deze PostgreSQL kent geen ICU-collatie nl-BE: {exc}")
    try:
        decisions = [make_decision(i, "2021-01-01", f"Titel {i}", "Tekst.") for i in IDS]
        with open_store(postgres_server.url(name)) as postgres, \
                open_store(f"sqlite:///{tmp_path / 's.db'}") as lite:
            upsert_decisions(postgres, decisions)
            upsert_decisions(lite, decisions)
            assert decision_ids(postgres) == decision_ids(lite) == sorted(IDS)
            between = "SELECT id FROM decisions WHERE id > ? AND id < ? ORDER BY id"
            assert [r[0] for r in postgres.execute(between, ("Deel-2", "deel1"))] == [
                r[0] for r in lite.execute(between, ("Deel-2", "deel1"))]
    finally:
        postgres_server.drop_database(name)

"""The PostgreSQL store on a real server: every shipped migration applies to an empty database
and gives the schema SQLite gets (tables, columns, keys, indexes, triggers), and a server that
cannot be reached, a wrong password or a missing database is one Dutch line, nothing written.
"""

import re

import pytest

from beloftemeter.errors import StoreError
from beloftemeter.store import open_store
from beloftemeter.store.schema import available_migrations
from support.cli import run

pytestmark = pytest.mark.postgres

# SQLite's declared type → what the same column is in PostgreSQL (store/dialect.py).
TYPES = {"INTEGER": "bigint", "TEXT": "text", "REAL": "double precision", "BLOB": "bytea"}


def sqlite_schema(store):
    """Tables with (column, type, not null), keys, indexes and triggers, as comparable sets."""
    tables, keys, indexes, foreign = {}, set(), set(), set()
    names = [r[0] for r in store.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                         " AND name NOT LIKE 'sqlite_%'")]
    for table in names:
        info = list(store.execute(f"PRAGMA table_info({table})"))
        tables[table] = [(r["name"], TYPES[r["type"].upper()], bool(r["notnull"] or r["pk"]))
                         for r in info]
        primary = tuple(r["name"] for r in sorted(info, key=lambda r: r["pk"]) if r["pk"])
        keys.add((table, "primary", primary))
        for index in store.execute(f"PRAGMA index_list({table})"):
            columns = tuple(r["name"] for r in store.execute(f"PRAGMA index_info({index['name']})"))
            if index["origin"] == "u":
                keys.add((table, "unique", columns))
            elif index["origin"] == "c":
                sql = store.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                                    (index["name"],)).fetchone()[0]
                indexes.add((index["name"], table, columns, bool(index["unique"]),
                             " WHERE " in sql.upper()))
        groups = {}
        for r in store.execute(f"PRAGMA foreign_key_list({table})"):
            groups.setdefault(r["id"], []).append(r)
        for rows in groups.values():
            rows.sort(key=lambda r: r["seq"])
            foreign.add((table, tuple(r["from"] for r in rows), rows[0]["table"],
                         tuple(r["to"] for r in rows), rows[0]["on_delete"].lower()))
    triggers = {(r[0], r[1]) for r in store.execute(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")}
    return tables, keys, indexes, foreign, triggers


_COLUMNS = ("(SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest({keys}) WITH ORDINALITY"
            " k(n, i) JOIN pg_attribute a ON a.attrelid = {rel} AND a.attnum = k.n)")
_DELETE_RULES = {"c": "cascade", "a": "no action", "r": "restrict", "n": "set null",
                 "d": "set default"}


def postgres_schema(store):
    tables, keys, indexes, foreign = {}, set(), set(), set()
    for r in store.execute("SELECT table_name, column_name, data_type, is_nullable"
                           " FROM information_schema.columns WHERE table_schema = 'public'"
                           " ORDER BY table_name, ordinal_position"):
        tables.setdefault(r["table_name"], []).append(
            (r["column_name"], r["data_type"], r["is_nullable"] == "NO"))
    columns = _COLUMNS.format(keys="c.conkey", rel="c.conrelid")
    referenced = _COLUMNS.format(keys="c.confkey", rel="c.confrelid")
    for r in store.execute(
            f"SELECT c.contype, c.conrelid::regclass::text AS tbl, {columns} AS cols,"
            f" c.confrelid::regclass::text AS ref, {referenced} AS refcols, c.confdeltype"
            " FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace"
            " WHERE s.nspname = 'public' AND c.contype IN ('p', 'u', 'f')"):
        if r["contype"] == "f":
            foreign.add((r["tbl"], tuple(r["cols"]), r["ref"], tuple(r["refcols"]),
                         _DELETE_RULES[r["confdeltype"]]))
        else:
            kind = "primary" if r["contype"] == "p" else "unique"
            keys.add((r["tbl"], kind, tuple(r["cols"])))
    for r in store.execute("SELECT indexname, tablename, indexdef FROM pg_indexes"
                           " WHERE schemaname = 'public' AND indexname NOT IN"
                           " (SELECT conname FROM pg_constraint)"):
        listed = re.search(r"USING btree \((.*?)\)", r["indexdef"]).group(1)
        indexes.add((r["indexname"], r["tablename"], tuple(listed.split(", ")),
                     r["indexdef"].startswith("CREATE UNIQUE"), " WHERE " in r["indexdef"]))
    triggers = {(r[0], r[1]) for r in store.execute(
        "SELECT t.tgname::text, t.tgrelid::regclass::text FROM pg_trigger t"
        " WHERE NOT t.tgisinternal")}
    return tables, keys, indexes, foreign, triggers


def test_every_migration_applies_to_an_empty_database_with_sqlites_schema(
        postgres_server, request, tmp_path):
    name = "leeg_" + request.node.name[:20].lower()
    url = postgres_server.create_database(name, template=None)
    try:
        with open_store(url) as postgres, open_store(f"sqlite:///{tmp_path / 's.db'}") as lite:
            latest = available_migrations()[-1].version
            assert postgres.schema_version() == latest == lite.schema_version()
            expected, found = sqlite_schema(lite), postgres_schema(postgres)
            for part, want, got in zip(("tabellen", "sleutels", "indexen", "verwijzingen",
                                        "triggers"), expected, found, strict=True):
                assert got == want, part
            assert ("editorial_events_append_only_update", "editorial_events") in found[4]
            assert ("agreement_statements_promise_id", "agreement_statements", ("promise_id",),
                    True, True) in found[2]
    finally:
        postgres_server.drop_database(name)


def test_an_unreachable_server_is_one_dutch_line(postgres_server):
    with pytest.raises(StoreError) as refused:
        open_store(f"postgresql://beloftemeter:geheim@127.0.0.1:{_closed_port()}/bm")
    message = refused.value.message
    assert message.startswith("Kan de PostgreSQL-server op 127.0.0.1:")
    assert "niet bereiken (verbinding geweigerd)" in message
    assert "\n" not in message and "geheim" not in message


def test_a_wrong_password_is_refused_without_showing_it(postgres_server, postgres_url):
    wrong = postgres_server.url(postgres_url.rsplit("/", 1)[1], password="fout-wachtwoord-42")
    with pytest.raises(StoreError) as refused:
        open_store(wrong)
    message = refused.value.message
    assert "weigert de aanmelding als beloftemeter: verkeerd wachtwoord" in message
    assert "fout-wachtwoord-42" not in message and postgres_server.password not in message


def test_a_missing_database_or_one_not_named_is_said_so(postgres_server):
    with pytest.raises(StoreError, match=r"De database nergens bestaat niet op 127\.0\.0\.1:"):
        open_store(postgres_server.url("nergens"))
    with pytest.raises(StoreError, match="De opslag-URL noemt geen database"):
        open_store(postgres_server.url("").rstrip("/"))


def test_the_cli_says_it_in_one_line_exits_6_and_the_store_keeps_its_data(
        postgres_server, postgres_url):
    database = postgres_url.rsplit("/", 1)[1]
    wrong = postgres_server.url(database, password="fout")
    result = run("--opslag", wrong, "beslissingen", "stats")
    errors = [line for line in result.stderr.splitlines() if line.startswith("fout: ")]
    assert result.returncode == 6 and len(errors) == 1, result.stderr
    assert "verkeerd wachtwoord" in errors[0] and "Traceback" not in result.stderr
    with open_store(postgres_url) as store:
        assert store.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 0
        assert store.schema_version() == available_migrations()[-1].version


def test_a_connection_lost_during_a_write_is_one_dutch_line(postgres_server, postgres_url):
    # Lost before the write, it is opened again (tests/unit/store/test_postgres_reconnect.py);
    # lost half-way, the write fails whole and is not done again on a new connection.
    from beloftemeter.store.state import set_state

    with open_store(postgres_url) as store:
        backend = store.execute("SELECT pg_backend_pid()").fetchone()[0]
        lost = "de verbinding met de server is verbroken"
        with pytest.raises(StoreError, match=lost), store.transaction():
            set_state(store, "voor", 1)
            postgres_server.admin(f"SELECT pg_terminate_backend({backend})")
            set_state(store, "na", 1)
    with open_store(postgres_url) as store:
        assert store.execute("SELECT COUNT(*) FROM state").fetchone()[0] == 0


def _closed_port():
    """A loopback port where nothing listens (bound and let go at once)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

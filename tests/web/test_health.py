"""GET /gezondheid (200 with a small JSON, 503 with a Dutch error when the store cannot be
reached), and a web app that opens its store as it is: never migrated, refused with one Dutch
line when the schema is older or newer than this program's, and nothing written then."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from beloftemeter.config import Settings
from beloftemeter.errors import StoreError
from beloftemeter.store import open_store
from beloftemeter.store.database import available_migrations
from beloftemeter.web.app import create_app
from support.assessed_store import build
from support.cli import run

NEWEST = available_migrations()[-1].version


def test_health_answers_with_the_workers_store_and_data(client) -> None:
    answer = client.get("/gezondheid")
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    body = answer.json()
    assert body == {"status": "ok", "schema_version": NEWEST, "decisions": body["decisions"],
                    "agreement": True, "worker": os.getpid()}
    assert body["decisions"] > 0


def test_health_of_an_empty_store(backend_url: str) -> None:
    with TestClient(create_app(Settings(store_url=backend_url, embedder="geen"))) as client:
        body = client.get("/gezondheid").json()
    assert (body["status"], body["decisions"], body["agreement"]) == ("ok", 0, False)


@pytest.mark.postgres
def test_health_is_503_in_dutch_while_postgresql_is_gone_and_200_once_back(
        postgres_server, postgres_url) -> None:
    with open_store(postgres_url) as store:
        build(store)
    app = create_app(Settings(store_url=postgres_url, embedder="geen"))
    database = postgres_url.rsplit("/", 1)[1]
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.get("/gezondheid").status_code == 200
        # The server ends the worker's connection, as a restart or a crash of PostgreSQL does,
        # and lets no new one in yet (tests/integration/test_postgres_restart.py stops it).
        postgres_server.admin(f"ALTER DATABASE {database} ALLOW_CONNECTIONS false")
        postgres_server.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                              f" WHERE datname = '{database}' AND pid <> pg_backend_pid()")
        answer = client.get("/gezondheid")
        postgres_server.admin(f"ALTER DATABASE {database} ALLOW_CONNECTIONS true")
        back = client.get("/gezondheid")  # the same worker, on a new connection
    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "fout" and body["error"] == "De opslag is niet bereikbaar."
    assert postgres_server.password not in answer.text and "Traceback" not in answer.text
    assert back.status_code == 200 and back.json()["status"] == "ok"


def test_health_is_503_when_the_connection_is_unusable(web_settings) -> None:
    app = create_app(web_settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.store.connection.close()
        answer = client.get("/gezondheid")
    assert answer.status_code == 503
    assert answer.json()["error"] == "De opslag is niet bereikbaar."


def test_health_is_503_when_the_store_stays_busy(client, monkeypatch) -> None:
    from beloftemeter.web import health

    monkeypatch.setattr(health, "LOCK_WAIT", 0.05)
    with client.app.state.web.lock:  # held by this thread; the app answers in another
        answer = client.get("/gezondheid")
    assert answer.status_code == 503 and answer.json()["status"] == "fout"
    assert client.get("/gezondheid").status_code == 200


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    path = tmp_path / "oud.db"
    with open_store(f"sqlite:///{path}") as store:
        build(store)
    return path


def _set_version(path: Path, sql: str) -> None:
    with open_store(f"sqlite:///{path}", migrate=False) as store, store.transaction() as conn:
        conn.execute(sql)


def test_an_older_schema_is_refused_and_not_migrated(store_file: Path) -> None:
    _set_version(store_file, f"DELETE FROM schema_migrations WHERE version = {NEWEST}")
    before = _digest(store_file)
    with pytest.raises(StoreError, match="voer eerst `beloftemeter bouw` of een ander"
                       " schrijvend commando uit"):
        create_app(Settings(store_url=f"sqlite:///{store_file}", embedder="geen"))
    result = run("--opslag", f"sqlite:///{store_file}", "serve", "--port", "1")
    assert result.returncode == StoreError.exit_code
    assert result.stderr.count("\n") == 1 and f"schemaversie {NEWEST - 1}" in result.stderr
    assert _digest(store_file) == before


def test_a_newer_schema_is_refused(store_file: Path) -> None:
    _set_version(store_file, "INSERT INTO schema_migrations(version, name) VALUES (9999, 'x')")
    before = _digest(store_file)
    result = run("--opslag", f"sqlite:///{store_file}", "serve", "--workers", "2")
    assert result.returncode == StoreError.exit_code
    assert result.stderr.count("\n") == 1 and "werk beloftemeter bij" in result.stderr
    assert _digest(store_file) == before


def test_a_missing_store_is_refused_and_not_made(tmp_path: Path) -> None:
    missing = tmp_path / "nergens.db"
    result = run("--opslag", f"sqlite:///{missing}", "serve")
    assert result.returncode == StoreError.exit_code
    assert "bestaat nog niet" in result.stderr and result.stderr.count("\n") == 1
    assert not missing.exists()


@pytest.mark.parametrize(("value", "says"), [("0", "--workers"), ("twee", "geen geheel getal"),
                                             ("65", "--workers")])
def test_a_bad_number_of_workers_is_one_dutch_line(store_file: Path, value: str,
                                                   says: str) -> None:
    result = run("--opslag", f"sqlite:///{store_file}", "serve", "--workers", value)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and says in result.stderr
    assert result.stderr.startswith("fout:")

"""The web never writes on a read request: every GET route of the app, served as a reader and
as a logged-in editor, leaves the store exactly as it was (every table's rows, the change
counters; on SQLite also no commit at all by any connection, PRAGMA data_version). Logging in
is a POST, and happens before the first look."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, nullcontext
from typing import Any

import pytest
from agreement_urls import PREFIX, at
from fastapi.testclient import TestClient

from beloftemeter.config import Settings
from beloftemeter.store import open_store
from beloftemeter.store.database import sqlite_path
from beloftemeter.store.promise_ids import ids_by_key
from beloftemeter.web.app import create_app
from support.assessed_store import TOLL
from support.editors import add_account, cheap_hashing, log_in
from support.reviewed_store import build_reviewed

ROUTE_VALUES = {"promise_id": None, "key": TOLL, "decision_id": "k3", "chapter": None,
                "slug": "onbekend-akkoord", "rest": "beloften"}
# Query strings that take other paths through the same handlers (words, filters, a page).
QUERIES = {"/zoek": "?q=tol", "/api/zoek": "?q=tol", "/vraag": "?q=tolheffing",
           "/api/vraag": "?q=tolheffing", "/beloften": "?zoek=tol&status=uitgevoerd",
           "/api/beloften": "?zoek=tol&sorteer=latest", "/redactie": "?status=uitgevoerd"}
GLOBAL = ("/gezondheid", "/login", "/methode", "/openapi.json", "/api/akkoorden",
          "/onbekend-akkoord")


def _walk(routes: list[Any]) -> Iterator[tuple[set[str], str]]:
    """(methods, path) of every route, also inside included routers."""
    for route in routes:
        if hasattr(route, "original_router"):  # FastAPI keeps included routers apart
            yield from _walk(route.original_router.routes)
        elif getattr(route, "methods", None):
            yield set(route.methods), route.path


def get_paths(app: Any, values: dict[str, str]) -> list[str]:
    paths = []
    for methods, path in _walk(app.routes):
        if "GET" not in methods:
            continue
        for name, value in values.items():
            path = path.replace(f"{{{name}:path}}", value).replace(
                f"{{{name}:akkoord}}", value).replace(f"{{{name}}}", value)
        assert "{" not in path, f"no value for a parameter of {path}"
        paths.append(path)
    return paths


def contents(url: str) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, read through a connection of its own."""
    with open_store(url, migrate=False) as store:
        if store.dialect == "sqlite":
            names = [r[0] for r in store.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%'")]
        else:
            names = [r[0] for r in store.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")]
        return {name: sorted((tuple(row) for row in store.execute(f"SELECT * FROM {name}")),
                             key=repr) for name in sorted(names)}


@pytest.fixture
def served(backend_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestClient,
                                                                               str]]:
    cheap_hashing(monkeypatch)
    with open_store(backend_url) as store:
        reviewed = build_reviewed(store)  # editors' verdicts, corrections, history
        add_account(store, "anna", "redacteur")
        ids = ids_by_key(store)
    app = create_app(Settings(store_url=backend_url, embedder="geen"))
    with TestClient(app, raise_server_exceptions=False) as client:
        chapter = next(t.node.key for t in app.state.web.snapshot.chapters)
        values = {**ROUTE_VALUES, "promise_id": reviewed["toll"], "chapter": chapter}
        assert ids[(TOLL, 0)] == reviewed["toll"]
        yield client, backend_url, values  # type: ignore[misc]


def test_no_get_route_writes_to_the_store(served: Any) -> None:
    client, url, values = served
    editor = TestClient(client.app, raise_server_exceptions=False)
    log_in(editor, "anna")  # a POST: before the first look
    paths = get_paths(client.app, values)
    assert {"/", "/beloften", "/redactie", "/gezondheid", "/api/export.csv"} <= set(paths)
    # Every route under the agreement's slug, the global ones as they are, "/" both ways.
    paths = ["/", *(p if p.startswith(GLOBAL) else at(p) for p in paths)]
    observer = None
    if url.startswith("sqlite"):
        observer = sqlite3.connect(sqlite_path(url))
        version = observer.execute("PRAGMA data_version").fetchone()[0]
    before = contents(url)
    with closing(observer) if observer else nullcontext():
        answered = []
        for who in (client, editor):
            for path in paths:
                route = path.removeprefix(PREFIX)
                answer = who.get(path + QUERIES.get(route, ""))
                answered.append((path, answer.status_code))
                assert answer.status_code < 500, (path, answer.text[:300])
        after = contents(url)
        assert after == before, [name for name in after if after[name] != before.get(name)]
        if observer is not None:
            assert observer.execute("PRAGMA data_version").fetchone()[0] == version
    # The editor saw the editorial pages themselves, not the login.
    assert (at("/redactie"), 200) in answered[len(paths):]


def test_a_session_lookup_on_a_get_does_not_write(served: Any) -> None:
    client, url, values = served
    log_in(client, "anna")
    before = contents(url)
    for _ in range(3):
        assert client.get(at(f"/redactie/beloften/{values['promise_id']}")).status_code == 200
    assert contents(url) == before


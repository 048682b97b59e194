"""Shared fixtures: a fresh store per test, on SQLite and on PostgreSQL, and the real data in
../shared/data when present.

A test that uses `store` (or a fixture built on it, or `fresh_store_url`) runs once per
backend: `test_x[sqlite]` and `test_x[postgresql]`. The PostgreSQL run uses a throwaway server
started once per session (tests/support/postgres_server.py) and skips, saying why, where its
binaries are missing; `-m "not postgres"` leaves it out. A test that cannot run on PostgreSQL
by its nature (SQLite's file bytes, iterdump, its locks) carries `@pytest.mark.sqlite_only`
with the reason and runs on SQLite alone.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from beloftemeter.store import Store, open_store

# postgres_server, postgres_url, backend_store: a throwaway PostgreSQL server per session.
pytest_plugins = ["support.postgres_server"]

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("BELOFTEMETER_SHARED_DATA", ROOT.parent / "shared" / "data"))
_module_databases = itertools.count(1)
STORE_BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): tests SQLite itself (its file, iterdump, its locks);"
                   " the `store` fixture gives it a SQLite store only")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test on a fresh store runs on each backend, unless it is `sqlite_only`."""
    if "store_backend" in metafunc.fixturenames and not metafunc.definition.get_closest_marker(
            "sqlite_only"):
        metafunc.parametrize("store_backend", STORE_BACKENDS)


@pytest.fixture
def store_backend() -> str:
    """The backend of the test's store: "sqlite" here, both through `pytest_generate_tests`."""
    return "sqlite"


@pytest.fixture
def fresh_store_url(store_backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """The URL of a fresh, migrated store of the test's own on its backend."""
    if store_backend == "postgresql":
        return request.getfixturevalue("postgres_url")
    url = f"sqlite:///{tmp_path / 'test.db'}"
    open_store(url).close()
    return url


@pytest.fixture
def store(fresh_store_url: str) -> Iterator[Store]:
    with open_store(fresh_store_url) as opened:
        yield opened


@pytest.fixture(scope="module", params=STORE_BACKENDS)
def make_module_store(request: pytest.FixtureRequest,
                      tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], str]]:
    """For the stores one test module shares (the web app's), once per backend:
    `make_module_store("web")` makes a fresh migrated store and returns its URL; PostgreSQL's
    databases are dropped when the module is done."""
    folder = tmp_path_factory.mktemp("stores")
    server, made = None, []

    def make(name: str) -> str:
        nonlocal server
        if request.param == "sqlite":
            url = f"sqlite:///{folder / name}.db"
            open_store(url).close()
            return url
        server = server or request.getfixturevalue("postgres_server")
        module = re.sub(r"[^a-z0-9]+", "_", request.module.__name__.lower())
        database = f"m{next(_module_databases)}_{name}_{module}"[:63]
        made.append(database)
        return server.create_database(database)

    yield make
    for database in made:
        server.drop_database(database)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data folder; integration tests skip with a reason where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"echte data ontbreekt: {SHARED_DATA} bestaat niet")
    return SHARED_DATA

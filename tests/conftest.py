"""Shared fixtures: a fresh store per test and the real data in ../shared/data when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from beloftemeter.store import Store, open_store

# postgres_server, postgres_url, backend_store: a throwaway PostgreSQL server per session.
pytest_plugins = ["support.postgres_server"]

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("BELOFTEMETER_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(f"sqlite:///{tmp_path / 'test.db'}") as opened:
        yield opened


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data folder; integration tests skip with a reason where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"echte data ontbreekt: {SHARED_DATA} bestaat niet")
    return SHARED_DATA

"""Fixtures of the report tests: a tiny assessed store."""

from __future__ import annotations

import pytest
from report_fixtures import build

from beloftemeter.store import Store


@pytest.fixture
def report_store(store: Store) -> Store:
    build(store)
    return store

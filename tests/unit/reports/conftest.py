"""Fixtures of the report tests: a tiny assessed store."""

from __future__ import annotations

import pytest

from beloftemeter.store import Store
from support.assessed_store import build


@pytest.fixture
def report_store(store: Store) -> Store:
    build(store)
    return store

"""Fixtures of the promise tests: the tiny assessed store (tests/support/assessed_store.py)."""

from __future__ import annotations

import pytest

from beloftemeter.store import Store
from support import assessed_store


@pytest.fixture
def small(store: Store) -> Store:
    assessed_store.build(store)
    return store

"""Fixtures of the review-queue tests: the tiny assessed store with one candidate near the
evidence threshold (tests/support/assessed_store.py)."""

from __future__ import annotations

import pytest

from beloftemeter.store import Store
from support import assessed_store


@pytest.fixture
def small(store: Store) -> Store:
    assessed_store.build(store)
    assessed_store.add_candidate(store)
    return store

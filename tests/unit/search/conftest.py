"""Fixtures of the search tests: a store with a few decisions, a fake embedder."""

from __future__ import annotations

import pytest
from search_fixtures import FakeEmbedder, insert_decisions

from beloftemeter.store import Store


@pytest.fixture
def decisions_store(store: Store) -> Store:
    insert_decisions(store)
    return store


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()

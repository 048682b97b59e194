"""Fixtures of the assessment tests: a store with a tiny agreement and decisions, and a
lexical-only engine over it."""

from __future__ import annotations

import pytest
from assessment_fixtures import insert_agreement, insert_decisions

from beloftemeter.analysis.evidence import EvidenceLinker
from beloftemeter.config import Settings
from beloftemeter.search.engine import SearchEngine
from beloftemeter.store import Store

# The tiny corpus has 37 decisions: a title share of 10 % keeps "kilometerheffing" distinctive.
SHARE = 0.1


@pytest.fixture
def assessment_store(store: Store) -> Store:
    insert_decisions(store)
    insert_agreement(store)
    return store


@pytest.fixture
def linker(assessment_store: Store) -> EvidenceLinker:
    engine = SearchEngine(assessment_store, Settings(embedder="geen"), embedders=[])
    return EvidenceLinker(assessment_store, engine, max_title_share=SHARE)

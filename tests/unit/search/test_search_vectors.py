"""Vectors are computed once per decision text, stored, cached, and resumable."""

import numpy as np
import pytest
from search_fixtures import DECISIONS, FakeEmbedder, insert_decisions

from beloftemeter.search.vectors import (
    VectorCache,
    embed_missing,
    embedding_text,
    load_vectors,
    text_hash,
)


def test_every_decision_is_embedded_once_and_a_second_run_embeds_nothing(decisions_store):
    embedder = FakeEmbedder()
    first = embed_missing(decisions_store, embedder, batch_size=3)
    assert (first.embedded, first.unchanged) == (len(DECISIONS), 0)
    second = embed_missing(decisions_store, embedder)
    assert (second.embedded, second.unchanged) == (0, len(DECISIONS))
    assert len(embedder.embedded) == len(DECISIONS)
    ids, matrix = load_vectors(decisions_store, "fake-1")
    assert ids == sorted(row[0] for row in DECISIONS)
    assert matrix.shape == (len(DECISIONS), 64)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0)


def test_only_a_changed_decision_is_embedded_again(decisions_store):
    embedder = FakeEmbedder()
    embed_missing(decisions_store, embedder)
    changed = [(*DECISIONS[2][:6], "Een volledig nieuwe tekst over isolatie van daken.")]
    insert_decisions(decisions_store, changed)
    report = embed_missing(decisions_store, embedder)
    assert report.embedded == 1
    assert embedder.embedded[-1].endswith("isolatie van daken.")


def test_an_interrupted_run_keeps_finished_batches_and_resumes(decisions_store):
    with pytest.raises(KeyboardInterrupt):
        embed_missing(decisions_store, FakeEmbedder(fail_after=4), batch_size=2)
    assert len(load_vectors(decisions_store, "fake-1")[0]) == 4
    resumed = FakeEmbedder()
    report = embed_missing(decisions_store, resumed, batch_size=2)
    assert report.embedded == len(DECISIONS) - 4
    assert report.unchanged == 4


def test_the_cache_spares_a_fresh_store_from_embedding_again(tmp_path, decisions_store, store):
    cache = VectorCache(tmp_path / "vectors.sqlite")
    embed_missing(decisions_store, FakeEmbedder(), cache=cache)
    from beloftemeter.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'other.db'}") as other:
        insert_decisions(other)
        embedder = FakeEmbedder()
        report = embed_missing(other, embedder, cache=cache)
        assert (report.embedded, report.from_cache) == (0, len(DECISIONS))
        assert embedder.embedded == []
        assert np.array_equal(
            load_vectors(other, "fake-1")[1], load_vectors(decisions_store, "fake-1")[1]
        )
    cache.close()


def test_vectors_of_different_models_are_kept_apart(decisions_store):
    embed_missing(decisions_store, FakeEmbedder("a", dim=8))
    embed_missing(decisions_store, FakeEmbedder("b", dim=16))
    assert load_vectors(decisions_store, "a")[1].shape == (len(DECISIONS), 8)
    assert load_vectors(decisions_store, "b")[1].shape == (len(DECISIONS), 16)


def test_the_embedded_text_is_title_then_text_without_repeating_the_title():
    assert embedding_text("Titel", "Titel en  meer\ntekst") == "Titel en meer tekst"
    assert embedding_text("Titel", "Andere tekst") == "Titel. Andere tekst"
    long = embedding_text("T", "woord " * 1000)
    assert len(long) <= 2000 and not long.endswith(" ")


class CountingQueries(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.queries: list[str] = []

    def embed_queries(self, texts):
        self.queries.extend(texts)
        return super().embed_queries(texts)


def test_query_vectors_live_in_the_store_and_each_text_is_embedded_once(store, tmp_path):
    from beloftemeter.search.vectors import StoreQueryCache, embed_queries, query_cache_for

    embedder = CountingQueries()
    texts = ["inburgering betalen", "kilometerheffing", "inburgering betalen"]
    assert embed_queries(embedder, texts, StoreQueryCache(store), batch=1) == 2
    assert embed_queries(embedder, texts, StoreQueryCache(store)) == 0
    assert embedder.queries == ["inburgering betalen", "kilometerheffing"]
    assert store.execute("SELECT COUNT(*) FROM query_vectors").fetchone()[0] == 2
    # Layered over a cache file, what the store knows is not embedded again and reaches the file.
    layered = query_cache_for(store, tmp_path / "cache.sqlite")
    embed_queries(embedder, [*texts, "deelfietsen"], layered)
    assert embedder.queries[-1] == "deelfietsen" and len(embedder.queries) == 3
    stored = VectorCache(tmp_path / "cache.sqlite").get_many(
        "fake-1:query", [text_hash("deelfietsen")])
    assert len(stored) == 1

"""The list's snapshot (every promise's facet values and sort places as arrays): the totals,
facet counts and pages it gives equal a count made by hand over every promise; it is kept in
the store for the next process, built anew when the data changed or it is not whole, and a
store that cannot be written (or is busy) still lists."""

from __future__ import annotations

import random
import sqlite3
import time

import pytest
from random_store import MINISTERS, WORDS
from random_store import build as build_random

from beloftemeter.models.assessment import STATUSES
from beloftemeter.models.promises import SORTS, PromiseFilters
from beloftemeter.pipeline import promise_cache
from beloftemeter.pipeline.promise_facets import FACETS, NOT_ASSESSED
from beloftemeter.pipeline.promises import list_promises
from beloftemeter.store import open_store
from beloftemeter.store import promise_list as list_store
from beloftemeter.store.state import set_state

# The orders as the list's SQL wrote them before the snapshot.
_ORDERS = {
    "agreement": "n.ordinal, s.ordinal",
    "latest": "a.last_date IS NULL, a.last_date DESC, n.ordinal, s.ordinal",
    "status": "CASE a.status " + " ".join(f"WHEN '{s}' THEN {r}" for r, s in enumerate(STATUSES))
              + f" ELSE {len(STATUSES)} END, n.ordinal, s.ordinal",
}
_PARAMS = {"status": "status", "part": "part", "chapter": "chapter", "minister": "minister",
           "domain": "domain", "has_evidence": "has_evidence", "latest_stage": "latest_stage",
           "latest_year": "latest_year"}


@pytest.fixture
def varied(store):
    build_random(store)
    return store


def _ordered(store, sort):
    return [row[0] for row in store.execute(
        "SELECT s.promise_id FROM agreement_statements s JOIN agreement_nodes n"
        " ON n.key = s.node_key LEFT JOIN promise_assessments a ON a.node_key = s.node_key"
        " AND a.ordinal = s.ordinal WHERE s.is_promise = 1 AND s.promise_id IS NOT NULL"
        f" ORDER BY {_ORDERS[sort]}")]


def _values(summary, words):
    """A promise's facet values, worked out from its summary."""
    date = summary.latest_decision_date
    return {
        "status": {summary.status or NOT_ASSESSED},
        "part": {words.parts[summary.part][0]},
        "chapter": {words.chapters[summary.chapter][0]},
        "minister": set(words.ministers.get(summary.id, ())),
        "domain": set(words.domains.get(summary.id, ())),
        "has_evidence": {"true" if summary.evidence_count else "false"},
        "latest_stage": {summary.latest_stage} if summary.latest_stage else set(),
        "latest_year": {date[:4]} if date else set(),
    }


def _by_hand(store, active, word):
    """(ids under every filter in agreement order, per facet the counts under the others)."""
    ids = _ordered(store, "agreement")
    summaries = list_store.summaries(store, ids)
    words = promise_cache.vocabulary(store)
    values = {pid: _values(summaries[pid], words) for pid in ids}
    if word:
        ids = [pid for pid in ids if word in summaries[pid].text.rstrip(".").split()]
    chosen = [pid for pid in ids if all(v in values[pid][n] for n, v in active.items())]
    counts = {}
    for name in FACETS:
        others = {n: v for n, v in active.items() if n != name}
        found: dict[str, int] = {}
        for pid in ids:
            if all(v in values[pid][n] for n, v in others.items()):
                for value in values[pid][name]:
                    found[value] = found.get(value, 0) + 1
        counts[name] = found
    return chosen, counts


def test_counts_and_pages_equal_a_count_by_hand_over_every_promise(varied):
    first = list_promises(varied, PromiseFilters())
    offered = {f.name: [v.value for v in f.values] for f in first.facets}
    assert all(offered[name] for name in FACETS)
    rng = random.Random(18)
    for _ in range(60):
        active = {name: rng.choice(offered[name]) for name in FACETS if rng.random() < 0.3}
        word = rng.choice(WORDS) if rng.random() < 0.3 else None
        sort = rng.choice(SORTS)
        filters = {_PARAMS[n]: v for n, v in active.items()}
        if "has_evidence" in filters:
            filters["has_evidence"] = filters["has_evidence"] == "true"
        if "latest_year" in filters:
            filters["latest_year"] = int(filters["latest_year"])
        result = list_promises(varied, PromiseFilters(**filters, text=word, sort=sort,
                                                      per_page=7, page=rng.choice((1, 2))))
        chosen, counts = _by_hand(varied, active, word)
        assert result.total == len(chosen)
        for facet in result.facets:
            shown = {v.value: v.count for v in facet.values if v.count}
            assert shown == counts[facet.name], (facet.name, active, word)
        wanted = set(chosen)
        in_order = [pid for pid in _ordered(varied, sort) if pid in wanted]
        start = (result.page - 1) * 7
        assert [p.id for p in result.items] == in_order[start:start + 7], (active, sort)


def test_ministers_and_domains_come_from_every_planned_action(varied):
    counts = {v.value: v.count for v in next(
        f for f in list_promises(varied, PromiseFilters()).facets if f.name == "minister").values}
    assert set(counts) <= set(MINISTERS) and sum(counts.values()) >= 24


def _fresh_process():
    """What a new process knows: nothing kept in memory."""
    promise_cache._cache.clear()


def test_the_snapshot_is_kept_in_the_store_for_the_next_process(varied, monkeypatch):
    filters = PromiseFilters(status="in uitvoering", sort="latest")
    first = list_promises(varied, filters)
    assert list_store.saved_snapshot(varied, list_store.data_version(varied)) is not None
    _fresh_process()

    def not_again(_store):
        raise AssertionError("the kept snapshot should have been read")

    monkeypatch.setattr(list_store, "facet_rows", not_again)
    again = list_promises(varied, filters)
    assert again == first and again is not first


def test_a_store_the_web_serves_never_keeps_a_snapshot_on_a_read(varied):
    varied.serving = True  # as web.startup marks it
    filters = PromiseFilters(status="in uitvoering")
    assert list_promises(varied, filters).total >= 0
    assert list_store.saved_snapshot(varied, list_store.data_version(varied)) is None


def test_a_change_to_the_data_gives_a_new_snapshot(varied):
    before = list_promises(varied, PromiseFilters(status="uitgevoerd")).total
    version = list_store.data_version(varied)
    with varied.transaction() as conn:
        conn.execute("UPDATE promise_assessments SET status = 'uitgevoerd'"
                     " WHERE (node_key, ordinal) = (SELECT node_key, ordinal"
                     " FROM promise_assessments WHERE status <> 'uitgevoerd'"
                     " ORDER BY node_key, ordinal LIMIT 1)")
    assert list_store.data_version(varied) != version
    _fresh_process()
    assert list_promises(varied, PromiseFilters(status="uitgevoerd")).total == before + 1
    assert list_store.saved_snapshot(varied, version) is None  # replaced by the new one


def test_the_version_moves_with_every_table_the_list_shows_and_no_other(varied):
    version = list_store.data_version(varied)
    set_state(varied, "onbelangrijk", "1")
    assert list_store.data_version(varied) == version
    # A column of each table, set to itself in the rows of its least value.
    for table, column in (("agreement_nodes", "key"), ("agreement_statements", "id"),
                          ("promise_assessments", "node_key"), ("policy_actions", "number"),
                          ("policy_promise_links", "node_key"), ("policy_documents", "id"),
                          ("agreements", "id")):
        with varied.transaction() as conn:
            conn.execute(f"UPDATE {table} SET {column} = {column} WHERE {column} ="
                         f" (SELECT MIN({column}) FROM {table})")
        assert list_store.data_version(varied) != version, table
        version = list_store.data_version(varied)


def test_a_kept_snapshot_that_is_not_whole_is_built_anew(varied, fresh_store_url):
    expected = list_promises(varied, PromiseFilters(has_evidence=True))
    with open_store(fresh_store_url) as other, other.transaction() as conn:
        conn.execute("UPDATE promise_list_snapshot SET arrays = ?", (b"\x00\xff",))
    _fresh_process()
    assert list_promises(varied, PromiseFilters(has_evidence=True)) == expected


@pytest.mark.sqlite_only("simulates another process holding SQLite's write lock")
def test_a_busy_store_lists_at_once_without_keeping_the_snapshot(varied):
    other = sqlite3.connect(varied.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing, say `analyseer`
    try:
        start = time.perf_counter()
        result = list_promises(varied, PromiseFilters())
        assert time.perf_counter() - start < 2  # not the store's busy timeout of 10 s
        assert result.total == 240
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert list_store.saved_snapshot(varied, list_store.data_version(varied)) is None


def test_words_find_the_same_promises_when_the_search_index_holds_one_the_list_does_not(varied):
    with varied.transaction() as conn:  # a promise without id: searchable, never listed
        conn.execute("UPDATE agreement_statements SET promise_id = NULL WHERE id ="
                     " (SELECT MIN(id) FROM agreement_statements WHERE is_promise = 1)")
    for word in WORDS:
        result = list_promises(varied, PromiseFilters(text=word, per_page=500))
        chosen, _ = _by_hand(varied, {}, word)
        assert [p.id for p in result.items] == chosen and result.total == len(chosen)

"""Several agreements in one store (issue 20): each under its slug with its government's term,
its own tree, promises and verdicts; importing one never touches another."""

import dataclasses
import sqlite3

import pytest
from agreement_pdfs import sample_agreement

from beloftemeter.cli.akkoord import prepare_agreement
from beloftemeter.errors import InputError, NotFoundError
from beloftemeter.models.assessment import Assessment
from beloftemeter.store import agreements, open_store, scope
from beloftemeter.store.agreement import (
    agreement_info,
    get_node,
    iter_promises,
    list_nodes,
    save_agreement,
)
from beloftemeter.store.assessment import load_assessments, save_assessments
from beloftemeter.store.promise_ids import agreement_of, ids_by_key

OLD = "vlaanderen-2019-2024"
NEW = "test-2030-2034"


@pytest.fixture(scope="module")
def parsed():
    return prepare_agreement(sample_agreement(), "sample.pdf")


def _second(parsed):
    """The same tree (the same section keys and sentences) as another government's agreement,
    a different PDF."""
    return dataclasses.replace(parsed, slug=NEW, sha256="1" * 64, source="tweede.pdf",
                               term_start="2030-01-01", term_end="2034-12-31")


def _rows(store, agreement_id):
    return [tuple(r) for r in store.execute(
        "SELECT node_key, ordinal, text, promise_id FROM agreement_statements"
        " WHERE agreement_id = ? ORDER BY node_key, ordinal", (agreement_id,))]


def _verdict(node_key, ordinal, status):
    return Assessment(node_key=node_key, ordinal=ordinal, page=1, promise="p", status=status,
                      reason="r", rung=0, rung_label="", reached_on=None, first_date=None,
                      last_date=None, fingerprint="f")


def test_a_second_agreement_is_stored_beside_the_first_without_touching_it(store, parsed):
    assert save_agreement(store, parsed) is True
    first = agreements.find(store, OLD)
    before = _rows(store, first.id)
    assert save_agreement(store, _second(parsed)) is True
    second = agreements.find(store, NEW)
    assert _rows(store, first.id) == before
    assert [a.slug for a in agreements.list_agreements(store)] == [NEW, OLD]  # newest first
    assert (first.term_start, first.term_end) == ("2019-10-02", "2024-09-30")
    assert (second.term_start, second.term_end) == ("2030-01-01", "2034-12-31")
    # The same section keys in both, readable and stable within each agreement.
    with scope.using(first.id):
        old_keys = [n.key for n in list_nodes(store)]
    with scope.using(second.id):
        assert [n.key for n in list_nodes(store)] == old_keys
        assert agreement_info(store)["slug"] == NEW


def test_the_same_sentence_in_two_agreements_has_two_promise_ids(store, parsed):
    save_agreement(store, parsed)
    save_agreement(store, _second(parsed))
    first, second = agreements.find(store, OLD), agreements.find(store, NEW)
    with scope.using(first.id):
        old_ids = ids_by_key(store)
    with scope.using(second.id):
        new_ids = ids_by_key(store)
    assert old_ids.keys() == new_ids.keys() and old_ids
    assert not set(old_ids.values()) & set(new_ids.values())
    some = next(iter(new_ids.values()))
    assert agreement_of(store, some) == second.id
    # The first agreement's ids are the ones it had alone: its permalinks do not move.
    alone = open_store("sqlite:///:memory:")
    save_agreement(alone, parsed)
    assert ids_by_key(alone) == old_ids


def test_the_default_agreement_is_the_most_recent_government(store, parsed):
    save_agreement(store, parsed)
    assert scope.current(store) == agreements.find(store, OLD).id
    save_agreement(store, _second(parsed))
    assert scope.current(store) == agreements.find(store, NEW).id
    with scope.using(agreements.find(store, OLD).id):
        assert scope.current(store) == agreements.find(store, OLD).id


def test_verdicts_belong_to_their_agreement(store, parsed):
    save_agreement(store, parsed)
    save_agreement(store, _second(parsed))
    first, second = agreements.find(store, OLD), agreements.find(store, NEW)
    with scope.using(first.id):
        promise = next(iter_promises(store))
        save_assessments(store, [_verdict(promise.node_key, promise.ordinal, "uitgevoerd")])
    with scope.using(second.id):
        assert load_assessments(store) == []
        save_assessments(store, [_verdict(promise.node_key, promise.ordinal,
                                          "geen beslissing gevonden")])
        assert [a.status for a in load_assessments(store)] == ["geen beslissing gevonden"]
    with scope.using(first.id):
        assert [a.status for a in load_assessments(store)] == ["uitgevoerd"]
    by_slug = {p.agreement.slug: p for p in agreements.progress(store)}
    assert by_slug[OLD].by_status == {"uitgevoerd": 1}
    assert by_slug[NEW].by_status == {"geen beslissing gevonden": 1}
    assert by_slug[OLD].promises == by_slug[NEW].promises > 1


def test_reimporting_one_agreement_leaves_the_other_as_it_was(store, parsed):
    save_agreement(store, parsed)
    save_agreement(store, _second(parsed))
    first, second = agreements.find(store, OLD), agreements.find(store, NEW)
    kept = _rows(store, first.id)
    smaller = dataclasses.replace(_second(parsed), sha256="2" * 64, nodes=parsed.nodes[:3],
                                  statements=tuple(s for s in parsed.statements
                                                   if s.node_key == "onderwijs/1.1"))
    assert save_agreement(store, smaller) is True
    assert _rows(store, first.id) == kept
    with scope.using(second.id):
        assert len(list_nodes(store)) == 3
        with pytest.raises(NotFoundError, match=r"^Onbekende sectie"):
            get_node(store, parsed.nodes[5].key)


def test_an_unknown_slug_names_the_known_ones(store, parsed):
    save_agreement(store, parsed)
    with pytest.raises(NotFoundError, match=r"^Onbekend akkoord: vlaanderen-2019-2025 \(bedoelt"
                       r" u vlaanderen-2019-2024\? bekend: vlaanderen-2019-2024\)\.$"):
        agreements.find(store, "vlaanderen-2019-2025")


@pytest.mark.parametrize("slug", ["", "Vlaanderen-2024", "vlaanderen", "a/b-c", "x" * 70,
                                  "vlaanderen--2024", "-vlaanderen-2024"])
def test_a_slug_must_read_well_in_a_url(slug):
    with pytest.raises(InputError, match=r"^Ongeldige naam voor een akkoord"):
        agreements.check_slug(slug)


def test_an_agreement_of_an_unknown_government_needs_its_term(store, parsed):
    nameless = dataclasses.replace(parsed, slug="brussel-2024-2029")
    with pytest.raises(InputError, match=r"^Onbekende regeerperiode voor akkoord"
                       r" brussel-2024-2029: geef het begin \(--van"):
        save_agreement(store, nameless)
    assert agreements.list_agreements(store) == []
    assert store.execute("SELECT COUNT(*) FROM agreement_nodes").fetchone()[0] == 0


def test_a_term_must_not_end_before_it_starts(store, parsed):
    backwards = dataclasses.replace(_second(parsed), term_end="2029-12-31")
    with pytest.raises(store.IntegrityError):
        save_agreement(store, backwards)
    assert agreements.list_agreements(store) == []


def test_a_decision_day_is_within_a_term_from_its_first_to_its_last_day(store, parsed):
    save_agreement(store, parsed)
    first = agreements.find(store, OLD)
    assert first.within_term("2019-10-02") and first.within_term("2024-09-30T10:00:00")
    assert not first.within_term("2019-10-01") and not first.within_term("2024-10-01")


@pytest.mark.sqlite_only("writes a store as version 15 wrote it, with SQLite's own module")
def test_a_store_of_one_agreement_becomes_agreement_one_with_its_slug(tmp_path, parsed):
    path = tmp_path / "oud.db"
    with open_store(f"sqlite:///{path}") as store:
        save_agreement(store, parsed)
        promises = ids_by_key(store)
    # Back to the schema before migration 0016: one agreement, keys without an agreement id.
    with sqlite3.connect(path) as conn:
        conn.executescript(_VERSION_15)
    with open_store(f"sqlite:///{path}") as store:
        assert store.schema_version() >= 16
        (only,) = agreements.list_agreements(store)
        assert (only.id, only.slug, only.term_start) == (1, OLD, "2019-10-02")
        assert ids_by_key(store) == promises
        assert [n.key for n in list_nodes(store)] == [n.key for n in parsed.nodes]


_VERSION_15 = """
PRAGMA foreign_keys = OFF;
CREATE TABLE agreement (
    id INTEGER PRIMARY KEY CHECK (id = 1), title TEXT NOT NULL, source TEXT NOT NULL,
    sha256 TEXT NOT NULL, page_count INTEGER NOT NULL,
    imported_at TEXT NOT NULL DEFAULT (datetime('now')));
INSERT INTO agreement (id, title, source, sha256, page_count, imported_at)
    SELECT 1, title, source, sha256, page_count, imported_at FROM agreements;
CREATE TABLE old_nodes AS SELECT key, parent_key, kind, ordinal, depth, part, chapter, number,
    title, first_page, last_page, text FROM agreement_nodes;
CREATE TABLE old_statements AS SELECT id, node_key, ordinal, page, text, is_promise, promise_id
    FROM agreement_statements;
DROP TABLE agreement_statements;
DROP TABLE agreement_nodes;
DROP TABLE promise_list_snapshot;
CREATE TABLE promise_list_snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER,
    ids TEXT, columns TEXT, arrays BLOB);
ALTER TABLE old_nodes RENAME TO agreement_nodes;
ALTER TABLE old_statements RENAME TO agreement_statements;
CREATE TABLE old_assessments AS SELECT * FROM promise_assessments;
ALTER TABLE old_assessments DROP COLUMN agreement_id;
DROP TABLE assessment_evidence;
DROP TABLE promise_assessments;
ALTER TABLE old_assessments RENAME TO promise_assessments;
CREATE TABLE assessment_evidence (node_key TEXT, ordinal INTEGER, decision_id TEXT,
    role TEXT, score REAL, rank INTEGER, passage TEXT, stage TEXT, shared_terms TEXT,
    machine_role TEXT);
ALTER TABLE policy_documents DROP COLUMN agreement_id;
DROP TABLE agreements;
DELETE FROM schema_migrations WHERE version >= 16;
"""


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request, tmp_path):
    """The URL of a store no migration has touched yet, on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'leeg.db'}"
    server = request.getfixturevalue("postgres_server")
    name = f"leeg_{abs(hash(request.node.name)) % 10**8}"
    url = server.create_database(name, template=None)
    request.addfinalizer(lambda: server.drop_database(name))
    return url


def test_a_filled_store_of_schema_15_migrates_on_both_backends(empty_url, monkeypatch):
    # Migrations up to 15, the one agreement written as version 15 wrote it, then the rest.
    from beloftemeter.store import backend, schema
    older = [m for m in schema.available_migrations() if m.version <= 15]
    monkeypatch.setattr(backend, "pending",
                        lambda done, path: [m for m in older if m.version not in done])
    with open_store(empty_url) as store, store.transaction() as conn:
        conn.execute("INSERT INTO agreement (id, title, source, sha256, page_count)"
                     " VALUES (1, 'Regeerakkoord', 'ra.pdf', 'abc', 300)")
        conn.execute("INSERT INTO agreement_nodes (key, parent_key, kind, ordinal, depth, part,"
                     " chapter, number, title, first_page, last_page, text) VALUES"
                     " ('onderwijs', NULL, 'chapter', 0, 1, 'Deel 1', '1 — Onderwijs', '1',"
                     " 'Onderwijs', 1, 2, '')")
        conn.execute("INSERT INTO agreement_statements (node_key, ordinal, page, text,"
                     " is_promise, promise_id) VALUES ('onderwijs', 0, 1, 'We doen het.', 1,"
                     " 'p-0123456789')")
    monkeypatch.undo()
    with open_store(empty_url) as store:
        (only,) = agreements.list_agreements(store)
        assert (only.id, only.slug, only.title) == (1, OLD, "Regeerakkoord")
        assert ids_by_key(store) == {("onderwijs", 0): "p-0123456789"}
        # A second agreement gets the next id on both backends (an identity that counted).
        save_agreement(store, _second(prepare_agreement(sample_agreement(), "sample.pdf")))
        assert agreements.find(store, NEW).id == 2


def test_corrections_are_listed_under_their_own_agreement(store, parsed):
    from beloftemeter.store import reviews
    save_agreement(store, parsed)
    save_agreement(store, _second(parsed))
    first, second = agreements.find(store, OLD), agreements.find(store, NEW)
    with scope.using(first.id):
        promise = next(iter(ids_by_key(store).values()))
    with store.transaction() as conn:
        reviews.append_event(conn, "redacteur", reviews.REVIEW_ACTION, promise,
                             {"status": "in uitvoering"}, {"status": "uitgevoerd"})
    with scope.using(first.id):
        assert [e.promise_id for e in reviews.corrections(store)] == [promise]
        assert reviews.count_corrections(store) == 1
    with scope.using(second.id):
        assert reviews.corrections(store) == [] and reviews.count_corrections(store) == 0


def test_indexing_embeds_the_promise_queries_of_every_agreement(store, parsed):
    import numpy as np

    from beloftemeter.pipeline.index import _embed_promise_queries
    from beloftemeter.search.queries import promise_queries

    save_agreement(store, parsed)
    second = dataclasses.replace(_second(parsed), statements=tuple(
        dataclasses.replace(s, text=s.text + " Ook in de tweede periode.")
        for s in parsed.statements))
    save_agreement(store, second)
    wanted = set()
    for agreement in agreements.list_agreements(store):
        with scope.using(agreement.id):
            wanted |= {t for q in promise_queries(store) for t in q.semantic_texts()}
    class CountingQueries:
        name = "telt-vragen"
        def __init__(self):
            self.queries: list[str] = []

        def embed_queries(self, texts):
            self.queries.extend(texts)
            return np.ones((len(texts), 4), dtype=np.float32) / 2

        embed_passages = embed_queries

    embedder = CountingQueries()
    _embed_promise_queries(store, embedder, None, None, None)
    assert set(embedder.queries) == wanted
    assert len(wanted) > len({t for q in promise_queries(store) for t in q.semantic_texts()})

"""The history of a promise: one row per assessment that changes its status or evidence."""

from __future__ import annotations

from promise_fixtures import KeywordLinker

from beloftemeter.analysis.assessor import assess_promises, promises_of
from beloftemeter.store.decisions import upsert_decisions
from beloftemeter.store.history import count_history, history_of, recent
from beloftemeter.store.promise_ids import ids_by_key
from support.assessed_store import TRAM
from support.decision_rows import make_decision


def _run(store, linker):
    return assess_promises(store, linker, promises_of(store), complete=True)


def _unassessed(store):
    """The tiny store without its directly saved verdicts (saved without a run, so without
    history): assessed by a run from scratch."""
    from support.assessed_store import build

    build(store)
    with store.transaction() as conn:
        conn.execute("DELETE FROM assessment_evidence")
        conn.execute("DELETE FROM promise_assessments")
    return store


def test_the_first_assessment_is_one_row_per_promise_with_nothing_before(store):
    _unassessed(store)
    _run(store, KeywordLinker(store))
    assert count_history(store) == 3
    rows = [history_of(store, i)[0] for i in ids_by_key(store).values()]
    assert all(r.before_status is None and r.cause.startswith("Eerste beoordeling")
               for r in rows)


def test_running_again_without_any_change_adds_no_rows(small):
    linker = KeywordLinker(small)
    _run(small, linker)
    before = count_history(small)
    report = _run(small, linker)
    assert report.unchanged == 3 and count_history(small) == before


def test_one_new_decision_that_becomes_evidence_adds_exactly_one_row_naming_it(small):
    linker = KeywordLinker(small)
    _run(small, linker)
    before = count_history(small)
    upsert_decisions(small, [make_decision(
        "f1", "2023-06-02", "Deelfietsen in elke gemeente: subsidiebesluit",
        "De regering subsidieert deelfietsen.", instrument="besluit",
        stage="definitieve_goedkeuring")])
    _run(small, linker)
    assert count_history(small) == before + 1
    [row] = recent(small, limit=1)
    assert row.promise_id == ids_by_key(small)[(TRAM, 1)]
    assert row.decision_ids == ("f1",) and "f1" in row.cause
    assert row.before_evidence == () and row.after_evidence == ("f1",)
    previous = history_of(small, row.promise_id)[1]
    assert row.before_status == previous.after_status and row.after_status


def test_a_verdict_stored_before_history_is_the_state_before_the_first_change(small):
    linker = KeywordLinker(small)
    _run(small, linker)  # the tram's stored verdict is what the linker finds: no row for it
    tram = ids_by_key(small)[(TRAM, 0)]
    assert history_of(small, tram) == []
    upsert_decisions(small, [make_decision(
        "t2", "2023-01-13", "Tramlijn luchthaven Zaventem: definitief tracé",
        "Definitief.", instrument="besluit", stage="definitieve_goedkeuring")])
    _run(small, linker)
    [row] = history_of(small, tram)
    assert (row.before_status, row.before_evidence) == ("uitgevoerd", ("t1",))
    assert row.after_evidence == ("t1", "t2") and row.cause == "Nieuw bewijs: t2."


def test_a_change_of_rules_is_named_as_the_cause(store):
    small = _unassessed(store)
    _run(small, KeywordLinker(small))
    upsert_decisions(small, [make_decision(
        "t2", "2023-01-13", "Tramlijn luchthaven Zaventem: definitief tracé",
        "Definitief.", instrument="besluit", stage="definitieve_goedkeuring")])
    _run(small, KeywordLinker(small, "evidence-test-2|model-1|x"))
    [row] = recent(small, limit=1)
    assert "evidence-test model-1 → evidence-test-2 model-1" in row.cause
    assert row.decision_ids == ("t2",)


def test_recent_changes_of_a_chapter_and_of_one_promise(store):
    small = _unassessed(store)
    _run(small, KeywordLinker(small))
    promise = ids_by_key(small)[(TRAM, 0)]
    assert [r.promise_id for r in recent(small, promise_id=promise)] == [promise]
    assert len(recent(small, chapter="1 — Mobiliteit")) == count_history(small)
    assert len(recent(small, chapter="mobiliteit")) == count_history(small)
    assert recent(small, chapter="onderwijs") == []

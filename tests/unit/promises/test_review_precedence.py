"""An editor's verdict stands: re-analysis never overwrites it, and what the machine finds
anew sends the promise back to the queue."""

from __future__ import annotations

from promise_fixtures import KeywordLinker

from beloftemeter.analysis.assessor import assess_promises, promises_of
from beloftemeter.models.review import REJECTED, ReviewEdit
from beloftemeter.pipeline.review import save_review
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.assessment import load_assessment
from beloftemeter.store.decisions import upsert_decisions
from beloftemeter.store.history import count_history, history_of
from beloftemeter.store.promise_ids import ids_by_key
from support.assessed_store import TOLL, TRAM
from support.decision_rows import make_decision


def _run(store, linker):
    return assess_promises(store, linker, promises_of(store), complete=True)


def _published(store, key):
    a = load_assessment(store, *key)
    return a.status, a.reason, tuple(e.decision_id for e in a.evidence)


def test_a_full_reanalysis_under_new_rules_changes_no_reviewed_verdict(small):
    _run(small, KeywordLinker(small))
    toll, bikes = ids_by_key(small)[(TOLL, 0)], ids_by_key(small)[(TRAM, 1)]
    save_review(small, ReviewEdit(toll, 0, "an", {"k3": REJECTED}))
    save_review(small, ReviewEdit(bikes, 0, "an", {}, status="in voorbereiding",
                                  reason="Een oproep is aangekondigd."))
    reviewed = {k: _published(small, k) for k in ((TOLL, 0), (TRAM, 1))}
    rows = count_history(small)
    report = _run(small, KeywordLinker(small, settings_tag="evidence-99|model-2|y"))
    assert report.assessed == 3  # every fingerprint changed: all were judged again
    assert (report.kept_reviewed, report.back_in_queue) == (2, 0)
    assert {k: _published(small, k) for k in reviewed} == reviewed
    assert reviews_store.get_review(small, toll).recheck is None
    assert count_history(small) == rows  # no verdict the public sees changed


def test_new_evidence_for_a_reviewed_promise_sends_it_back_to_the_queue(small):
    linker = KeywordLinker(small)
    _run(small, linker)
    tram = ids_by_key(small)[(TRAM, 0)]
    save_review(small, ReviewEdit(tram, 0, "an", {}))
    verdict = _published(small, (TRAM, 0))
    rows = len(history_of(small, tram))
    upsert_decisions(small, [make_decision(
        "t2", "2023-01-13", "Tramlijn luchthaven Zaventem: definitief tracé",
        "Definitief.", instrument="besluit", stage="definitieve_goedkeuring")])
    report = _run(small, linker)
    assert (report.kept_reviewed, report.back_in_queue) == (1, 1)
    assert _published(small, (TRAM, 0)) == verdict  # still the editor's
    published = load_assessment(small, TRAM, 0)
    assert [e.decision_id for e in published.candidates] == ["t2"]  # shown, not counted
    recheck = reviews_store.get_review(small, tram).recheck
    assert recheck.startswith("Nieuwe beslissing als bewijs voorgesteld")
    assert "definitief tracé" in recheck and len(history_of(small, tram)) == rows
    save_review(small, ReviewEdit(tram, 1, "an", {"t2": "confirmed"}))
    assert reviews_store.get_review(small, tram).recheck is None
    assert _published(small, (TRAM, 0))[2] == ("t1", "t2")


def test_a_reviewed_promise_returns_when_the_machine_changes_its_mind(small):
    linker = KeywordLinker(small)
    _run(small, linker)
    bikes = ids_by_key(small)[(TRAM, 1)]
    save_review(small, ReviewEdit(bikes, 0, "an", {}))  # agrees with the ladder
    status = _published(small, (TRAM, 1))[0]
    upsert_decisions(small, [make_decision(
        "f1", "2023-06-02", "Deelfietsen in elke gemeente: subsidiebesluit",
        "De regering subsidieert deelfietsen.", instrument="besluit",
        stage="definitieve_goedkeuring")])
    _run(small, linker)
    recheck = reviews_store.get_review(small, bikes).recheck
    assert "De automatische beoordeling komt nu tot" in recheck
    assert status not in recheck.split("komt nu tot")[1].split(";")[0]
    assert _published(small, (TRAM, 1))[0] == status

"""An editor's save: the published verdict, its history row and audit event, all or nothing."""

from __future__ import annotations

import pytest

from beloftemeter.errors import InputError, NotFoundError, StaleReviewError
from beloftemeter.models.review import ADDED, CONFIRMED, EDITOR, LADDER, REJECTED, ReviewEdit
from beloftemeter.pipeline.review import editor_view, save_review
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.assessment import load_assessment
from beloftemeter.store.history import history_of
from beloftemeter.store.promise_ids import ids_by_key
from support.assessed_store import TOLL, TRAM


def _id(store, key):
    return ids_by_key(store)[key]


def _counts(store):
    return tuple(store.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in
                 ("reviews", "review_links", "editorial_events", "promise_history"))


def test_rejecting_evidence_publishes_the_ladder_over_what_is_left(small):
    toll = _id(small, (TOLL, 0))
    review = save_review(small, ReviewEdit(toll, 0, "an", {"k3": REJECTED, "k1": CONFIRMED}))
    assert (review.version, review.status_source) == (1, LADDER)
    published = load_assessment(small, TOLL, 0)
    assert [e.decision_id for e in published.evidence] == ["k1", "k2"]
    assert [e.decision_id for e in published.rejected] == ["k3"]
    assert published.status == review.status != "uitgevoerd"  # the decree's ratification is out
    assert published.machine_status == "uitgevoerd"
    [row] = history_of(small, toll)
    assert row.cause.startswith("Nagekeken door de redactie") and "k3" in row.cause
    [event] = reviews_store.events(small, promise_id=toll)
    assert event.actor == "an" and event.before["evidence"] == ["k1", "k2", "k3"]
    assert event.after["evidence"] == ["k1", "k2"] and event.after["version"] == 1


def test_an_editors_status_needs_a_reason_and_is_published_with_it(small):
    bikes = _id(small, (TRAM, 1))
    before = _counts(small)
    with pytest.raises(InputError, match="reden"):
        save_review(small, ReviewEdit(bikes, 0, "an", {}, status="in voorbereiding"))
    assert _counts(small) == before
    save_review(small, ReviewEdit(bikes, 0, "an", {}, status="in voorbereiding",
                                  reason="De minister kondigde een oproep aan.", note="Zie ook"))
    published = load_assessment(small, TRAM, 1)
    assert (published.status, published.reason) == ("in voorbereiding",
                                                     "De minister kondigde een oproep aan.")
    review = reviews_store.get_review(small, bikes)
    assert review.status_source == EDITOR and review.note == "Zie ook"
    [correction] = reviews_store.corrections(small)
    assert correction.promise_id == bikes and correction.after["status"] == "in voorbereiding"
    assert reviews_store.count_corrections(small) == 1


def test_a_decision_added_by_hand_becomes_evidence_and_an_unknown_one_is_refused(small):
    bikes = _id(small, (TRAM, 1))
    before = _counts(small)
    with pytest.raises(InputError, match="Onbekende beslissing"):
        save_review(small, ReviewEdit(bikes, 0, "an", {"nope": ADDED}))
    assert _counts(small) == before
    save_review(small, ReviewEdit(bikes, 0, "an", {"t1": ADDED}))
    published = load_assessment(small, TRAM, 1)
    assert [(e.decision_id, e.machine_role) for e in published.evidence] == [("t1", None)]


def test_a_decision_outside_the_agreements_term_cannot_be_added(small):
    bikes = _id(small, (TRAM, 1))
    with small.transaction() as conn:  # a government that took office after t1 (2021-09-17)
        conn.execute("UPDATE agreements SET term_start = '2022-01-01'")
    before = _counts(small)
    with pytest.raises(InputError, match=r"^Beslissing t1 van 17 september 2021 valt buiten de"
                       r" regeerperiode van dit akkoord \(1 januari 2022 tot 30 september"
                       r" 2024\) en kan geen bewijs zijn; er is niets bewaard\.$"):
        save_review(small, ReviewEdit(bikes, 0, "an", {"t1": ADDED}))
    assert _counts(small) == before


def test_a_form_from_an_older_version_is_refused_with_what_changed_meanwhile(small):
    toll = _id(small, (TOLL, 0))
    save_review(small, ReviewEdit(toll, 0, "an", {"k3": REJECTED}))
    before = _counts(small)
    with pytest.raises(StaleReviewError) as stale:
        save_review(small, ReviewEdit(toll, 0, "bo", {}, status="uitgevoerd", reason="Klopt."))
    assert _counts(small) == before
    [line] = stale.value.changes
    assert "door an" in line and "bewijs gewijzigd" in line
    assert save_review(small, ReviewEdit(toll, 1, "bo", {})).version == 2


def test_the_review_page_reads_the_machines_own_roles_after_a_rejection(small):
    toll = _id(small, (TOLL, 0))
    save_review(small, ReviewEdit(toll, 0, "an", {"k3": REJECTED}))
    view = editor_view(small, toll)
    assert view.version == 1 and view.machine_status == "uitgevoerd"
    assert [e.decision_id for e in view.machine.evidence] == ["k1", "k2", "k3"]
    with pytest.raises(NotFoundError):
        editor_view(small, "p-0000000000")


def test_the_audit_is_append_only(small):
    toll = _id(small, (TOLL, 0))
    save_review(small, ReviewEdit(toll, 0, "an", {}))
    assert reviews_store.count_corrections(small) == 0  # nothing the public sees changed
    with pytest.raises(small.IntegrityError, match="append-only"), small.transaction() as c:
        c.execute("UPDATE editorial_events SET actor = 'x'")
    with pytest.raises(small.IntegrityError, match="append-only"), small.transaction() as c:
        c.execute("DELETE FROM editorial_events")


def test_a_save_handles_the_readers_reports_of_the_promise(small):
    bikes = _id(small, (TRAM, 1))
    reviews_store.add_reader_report(small, bikes, "Er is wel een besluit.", None)
    assert bikes in reviews_store.open_reports(small)
    save_review(small, ReviewEdit(bikes, 0, "an", {}))
    assert reviews_store.open_reports(small) == {}


def test_confirming_a_context_decision_makes_it_evidence(small):
    toll = _id(small, (TOLL, 0))
    save_review(small, ReviewEdit(toll, 0, "an", {"x1": CONFIRMED}))
    published = load_assessment(small, TOLL, 0)
    assert "x1" in [e.decision_id for e in published.evidence]
    assert published.context == ()

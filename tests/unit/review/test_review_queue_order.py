"""The review queue's order (analysis.review_queue): each signal lifts a promise, the reasons
say why in Dutch, reviewed promises come back only with something new, and each entry lists
its decisions in the order an editor judges them."""

from __future__ import annotations

from beloftemeter.analysis.evidence import EVIDENCE_PROBABILITY
from beloftemeter.analysis.review_queue import (
    CONTEXT_SHOWN,
    NEAR,
    NEW_DECISION,
    NOT_REVIEWED,
    SINGLE,
    QueueInput,
    Weights,
    closeness,
    entry_for,
    review_queue,
)
from beloftemeter.models.assessment import (
    CANDIDATE,
    CONTEXT,
    EVIDENCE,
    Assessment,
    EvidenceDecision,
)
from beloftemeter.models.review import CONFIRMED, LADDER, REJECTED, Review


def decision(decision_id: str, role: str, score: float) -> EvidenceDecision:
    return EvidenceDecision(decision_id, role, score, 1, "2022-01-01", f"Titel {decision_id}",
                            "besluit", "definitieve_goedkeuring", "...")


def verdict(ordinal: int, evidence=(), candidates=(), context=(),
            status: str = "in uitvoering") -> Assessment:
    return Assessment(
        node_key="mobiliteit/1.1", ordinal=ordinal, page=10, promise=f"Belofte {ordinal}.",
        status=status, reason="", rung=0, rung_label="", reached_on=None, first_date=None,
        last_date=None, fingerprint="fp", evidence=tuple(evidence),
        candidates=tuple(candidates), context=tuple(context))


def review(promise_id: str, seen=(), links=None, recheck: str | None = None) -> Review:
    return Review(promise_id, 1, "in uitvoering", "", LADDER, "", frozenset(seen), recheck,
                  "an", "2024-01-01T10:00:00+00:00", dict(links or {}))


def order(items) -> list[str]:
    return [e.promise_id for e in review_queue(items)]


def test_closeness_is_one_at_the_threshold_and_zero_at_the_band_edges():
    assert closeness(EVIDENCE_PROBABILITY) == 1.0
    assert closeness(EVIDENCE_PROBABILITY + NEAR) == 0.0
    assert closeness(EVIDENCE_PROBABILITY - NEAR) == 0.0
    assert closeness(0.05) == 0.0 and closeness(0.99) == 0.0
    assert abs(closeness(EVIDENCE_PROBABILITY - 0.05) - closeness(EVIDENCE_PROBABILITY + 0.05)
               ) < 1e-9


def test_a_probability_near_the_threshold_lifts_a_promise():
    only_near = Weights(likely=0.0, single=0.0, unreviewed=0.0)
    sure = QueueInput("p-sure", verdict(0, [decision("a", EVIDENCE, 0.97),
                                            decision("b", EVIDENCE, 0.95)]))
    doubtful = QueueInput("p-doubt", verdict(1, [decision("c", EVIDENCE, 0.62)],
                                            [decision("d", CANDIDATE, 0.57)]))
    entries = review_queue([sure, doubtful], only_near)
    assert [e.promise_id for e in entries] == ["p-doubt"]  # nothing near: score 0, left out
    assert entries[0].reasons == ("2 beslissingen dicht bij de bewijsdrempel",)


def test_likely_evidence_lifts_a_promise_and_is_said_as_an_estimate():
    many = QueueInput("p-many", verdict(0, [decision(f"e{i}", EVIDENCE, 0.9) for i in range(3)]))
    none = QueueInput("p-none", verdict(1, context=[decision("x", CONTEXT, 0.05)]))
    assert order([none, many]) == ["p-many", "p-none"]
    assert "naar schatting 3 beslissingen die de belofte uitvoeren" in entry_for(many).reasons
    assert entry_for(none).reasons == (NOT_REVIEWED,)


def test_a_verdict_resting_on_one_decision_says_so():
    one = QueueInput("p-one", verdict(0, [decision("a", EVIDENCE, 0.95)]))
    two = QueueInput("p-two", verdict(1, [decision("a", EVIDENCE, 0.95),
                                          decision("b", EVIDENCE, 0.95)]))
    assert SINGLE in entry_for(one).reasons and SINGLE not in entry_for(two).reasons
    entries = review_queue([two, one], Weights(likely=0.0, near=0.0, unreviewed=0.0))
    assert [(e.promise_id, e.score, e.reasons) for e in entries] == [("p-one", 1.0, (SINGLE,))]


def test_open_reader_reports_lift_a_promise_and_are_counted_in_the_reason():
    plain = QueueInput("p-plain", verdict(0, [decision("a", EVIDENCE, 0.9)]))
    reported = QueueInput("p-reported", verdict(1, [decision("a", EVIDENCE, 0.9)]),
                          open_reports=2)
    assert order([plain, reported]) == ["p-reported", "p-plain"]
    assert "2 meldingen van lezers" in entry_for(reported).reasons
    assert "1 melding van een lezer" in entry_for(QueueInput(
        "p", verdict(0), open_reports=1)).reasons


def test_a_reviewed_promise_with_nothing_new_leaves_the_queue():
    a = verdict(0, [decision("a", EVIDENCE, 0.62)], [decision("b", CANDIDATE, 0.5)])
    done = QueueInput("p-done", a, review("p-done", seen={"a"}, links={"b": REJECTED}))
    assert review_queue([done]) == []
    # ... and comes back with a reader's report
    reported = QueueInput("p-done", a, done.review, open_reports=1)
    assert [e.reasons for e in review_queue([reported])] == [("1 melding van een lezer",)]


def test_a_recheck_puts_a_reviewed_promise_back_first_with_its_reason():
    a = verdict(0, [decision("a", EVIDENCE, 0.9)])
    reason = "De automatische beoordeling komt nu tot ‘uitgevoerd’."
    back = QueueInput("p-back", a, review("p-back", seen={"a"}, recheck=reason))
    fresh = QueueInput("p-fresh", verdict(1, [decision("b", EVIDENCE, 0.61)]))
    entries = review_queue([fresh, back])
    assert [e.promise_id for e in entries] == ["p-back", "p-fresh"]
    assert entries[0].reasons[0] == f"opnieuw bekijken: {reason}"
    assert entries[0].reviewed and not entries[1].reviewed


def test_a_new_decision_since_the_review_is_named_and_listed_first():
    a = verdict(0, [decision("old", EVIDENCE, 0.9)],
                [decision("new", CANDIDATE, 0.8), decision("seen", CANDIDATE, 0.59)])
    item = QueueInput("p", a, review("p", seen={"old"}, links={"seen": REJECTED}))
    entry = entry_for(item)
    assert NEW_DECISION in entry.reasons and NOT_REVIEWED not in entry.reasons
    assert [d.decision_id for d in entry.decisions] == ["new", "old", "seen"]
    # the assessor's own recheck already names the new decision: not said twice
    said = review("p", seen={"old"}, recheck="Nieuwe beslissing als bewijs voorgesteld"
                  " sinds de controle: «Titel new».")
    assert NEW_DECISION not in entry_for(QueueInput("p", a, said)).reasons


def test_unreviewed_comes_before_reviewed_with_the_same_signals():
    a = verdict(0, context=[decision("x", CONTEXT, 0.0)])
    reviewed = QueueInput("p-reviewed", a, review("p-reviewed"), open_reports=1)
    unreviewed = QueueInput("p-unreviewed", verdict(1, context=[decision("x", CONTEXT, 0.0)]),
                            open_reports=1)
    assert order([reviewed, unreviewed]) == ["p-unreviewed", "p-reviewed"]


def test_ties_keep_agreement_order():
    items = [QueueInput(f"p-{i}", verdict(i)) for i in range(4)]
    assert order(items) == ["p-0", "p-1", "p-2", "p-3"]


def test_an_entry_lists_evidence_then_candidates_least_certain_first_then_likely_context():
    context = [decision(f"x{i}", CONTEXT, 0.01 * i) for i in range(CONTEXT_SHOWN + 3)]
    a = verdict(0, [decision("sure", EVIDENCE, 0.95), decision("edge", EVIDENCE, 0.62)],
                [decision("low", CANDIDATE, 0.41), decision("high", CANDIDATE, 0.58)], context)
    ids = [d.decision_id for d in entry_for(QueueInput("p", a)).decisions]
    assert ids[:4] == ["edge", "sure", "high", "low"]
    assert ids[4:] == [f"x{i}" for i in range(CONTEXT_SHOWN + 2, 2, -1)]


def test_a_confirmed_decision_is_judged_and_does_not_count_again():
    a = verdict(0, [decision("a", EVIDENCE, 0.61)], [decision("b", CANDIDATE, 0.59)])
    item = QueueInput("p", a, review("p", links={"a": CONFIRMED, "b": CONFIRMED}))
    assert review_queue([item]) == []


def test_a_readers_report_comes_before_any_signal_of_the_machine():
    busy = verdict(1, evidence=[decision(f"e{i}", EVIDENCE, 0.62) for i in range(3)],
                   candidates=[decision(f"c{i}", CANDIDATE, 0.58) for i in range(10)],
                   context=[decision(f"x{i}", CONTEXT, 0.55) for i in range(5)])
    quiet = verdict(2, status="geen beslissing gevonden")
    items = [QueueInput("p-busy", busy, None, 0), QueueInput("p-reported", quiet, None, 1)]
    assert order(items) == ["p-reported", "p-busy"]

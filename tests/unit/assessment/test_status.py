import pytest
from assessment_fixtures import evidence

from beloftemeter.analysis.status import assess
from beloftemeter.models.assessment import Linked

PROMISE = "We voeren een kilometerheffing voor vrachtwagens in."


def judged(*decisions, terms=("kilometerheff",), context=()):
    linked = Linked(tuple(decisions), tuple(context), "fp", terms)
    return assess("mobiliteit/1.1", 0, 10, PROMISE, linked)


@pytest.mark.parametrize(
    ("instrument", "stage", "status"),
    [
        ("conceptnota", "conceptnota", "in voorbereiding"),
        ("decreet", "principiele_goedkeuring", "in uitvoering"),
        ("decreet", "definitieve_goedkeuring", "grotendeels uitgevoerd"),
        ("decreet", "bekrachtiging", "uitgevoerd"),
        ("besluit", "definitieve_goedkeuring", "uitgevoerd"),
    ],
)
def test_the_furthest_rung_of_the_evidence_sets_the_status(instrument, stage, status):
    assert judged(evidence("a", "2021-01-01", instrument, stage)).status == status


def test_the_reason_names_the_decisive_decision_and_an_earlier_one():
    result = judged(
        evidence("a", "2020-02-07", "conceptnota", "conceptnota", title="Conceptnota heffing"),
        evidence("b", "2022-03-11", "decreet", "definitieve_goedkeuring", title="Ontwerpdecreet"),
    )
    assert result.status == "grotendeels uitgevoerd"
    assert "“Ontwerpdecreet” (11 maart 2022)" in result.reason
    assert "Eerder: “Conceptnota heffing” (7 februari 2020)" in result.reason
    assert (result.first_date, result.last_date, result.reached_on) == (
        "2020-02-07", "2022-03-11", "2022-03-11")
    assert result.rung == 3


def test_no_evidence_means_no_decision_found_even_with_related_decisions():
    related = evidence("c", "2021-01-01", "besluit", "definitieve_goedkeuring", role="context")
    result = judged(context=(related,))
    assert result.status == "geen beslissing gevonden"
    assert "Verwante beslissingen staan apart" in result.reason
    assert result.rung == 0


def test_a_promise_without_distinctive_terms_cannot_be_assessed():
    result = judged(evidence("a", "2021-01-01", "besluit", "definitieve_goedkeuring"), terms=())
    assert result.status == "niet te beoordelen"


def test_abolishing_what_the_promise_introduces_is_deviating():
    result = judged(
        evidence("a", "2021-01-01", "decreet", "bekrachtiging",
                 title="Decreet afschaffing kilometerheffing"),
    )
    assert result.status == "afwijkend"
    assert "afschaffing kilometerheffing" in result.reason


def test_abolishing_what_the_promise_itself_abolishes_is_carrying_it_out():
    linked = Linked((evidence("a", "2021-01-01", "decreet", "bekrachtiging",
                              title="Decreet opheffing Vlaamse Woonraad", shared=("woonraad",)),),
                    (), "fp", ("woonraad",))
    result = assess("wonen/4.2.5", 2, 174, "De Woonraad wordt opgeheven.", linked)
    assert result.status == "uitgevoerd"


@pytest.mark.parametrize(
    "promise",
    [
        "We handhaven het verbod op onverdoofd slachten.",
        "We vrijwaren het succesvolle systeem van de dienstencheques.",
        "De Vlaamse Regering verwerpt racisme in al zijn vormen.",
    ],
)
def test_keeping_the_status_quo_or_stating_an_attitude_cannot_be_assessed(promise):
    linked = Linked((evidence("a", "2021-01-01", "besluit", "definitieve_goedkeuring"),), (),
                    "fp", ("dienstencheques",))
    result = assess("werk/1.1", 0, 10, promise, linked)
    assert result.status == "niet te beoordelen"
    assert "behouden" in result.reason


def test_a_decision_against_a_status_quo_promise_is_still_deviating():
    linked = Linked((evidence("a", "2021-01-01", "decreet", "bekrachtiging",
                              title="Decreet afschaffing dienstencheques",
                              shared=("dienstencheques",)),), (), "fp", ("dienstencheques",))
    result = assess("werk/1.1", 0, 10, "We behouden de dienstencheques.", linked)
    assert result.status == "afwijkend"


def test_candidates_never_count_towards_the_status_and_the_reason_says_they_are_apart():
    from dataclasses import replace

    maybe = replace(evidence("c", "2021-01-01", "decreet", "bekrachtiging"), role="candidate",
                    score=0.47)
    other = replace(maybe, decision_id="d", score=0.52)
    linked = Linked((), (), "fp", ("kilometerheff",), (maybe, other))
    result = assess("mobiliteit/1.1", 0, 10, PROMISE, linked)
    assert result.status == "geen beslissing gevonden" and result.rung == 0
    assert result.evidence == () and result.candidates == (maybe, other)
    assert ("2 beslissingen zijn mogelijk relevant, niet bevestigd (scores 0,47 tot 0,52)."
            in result.reason)


def test_the_candidates_of_an_unverifiable_promise_are_context():
    from dataclasses import replace

    maybe = replace(evidence("c", "2021-01-01", "decreet", "bekrachtiging"), role="candidate")
    linked = Linked((), (), "fp", ("kilometerheff",), (maybe,))
    result = assess("x/1", 0, 10, "We willen een betrouwbare partner zijn van de lokale besturen.",
                    linked)
    assert result.status == "niet te beoordelen"
    assert result.candidates == () and [c.role for c in result.context] == ["context"]

import pytest

from beloftemeter.analysis.ladder import RUNGS, climb, rung_of


@pytest.mark.parametrize(
    ("instrument", "stage", "rung"),
    [
        ("conceptnota", "conceptnota", 1),
        ("mededeling", "mededeling", 1),
        ("decreet", "principiele_goedkeuring", 2),
        ("decreet", "definitieve_goedkeuring", 3),  # parliament still has to vote
        ("decreet", "bekrachtiging", 4),
        ("besluit", "definitieve_goedkeuring", 4),  # the government's own order is final
        ("samenwerkingsakkoord", "instemming", 3),
        ("subsidie", "toekenning", 4),
        ("plan", "andere", 4),
        ("andere", "andere", 4),  # decided by the government itself: no draft, no note
        (None, None, 4),
        ("besluit", "andere", 1),  # an order without a known stage is not known to be final
        ("decreet", None, 1),
    ],
)
def test_each_instrument_and_stage_has_its_rung(instrument, stage, rung):
    assert rung_of(instrument, stage) == rung


def test_no_decisions_means_the_bottom_rung():
    ladder = climb([])
    assert (ladder.rung, ladder.label, ladder.reached_on) == (0, "geen beslissing", None)


def test_the_furthest_rung_wins_and_the_first_decision_to_reach_it_is_decisive():
    ladder = climb(
        [
            ("c", "2023-05-01", "decreet", "bekrachtiging"),
            ("a", "2020-01-10", "decreet", "principiele_goedkeuring"),
            ("b", "2021-03-02", "decreet", "definitieve_goedkeuring"),
            ("d", "2023-09-01", "decreet", "bekrachtiging"),
        ]
    )
    assert ladder.rung == 4
    assert ladder.label == RUNGS[4]
    assert (ladder.decisive_id, ladder.reached_on) == ("c", "2023-05-01")
    assert [step.decision_id for step in ladder.steps] == ["a", "b", "c", "d"]

"""The stage ladder: how far a promise got, read from the decisions that carry it out.

A decision's (instrument, stage) pair, as read by `sources.decision_stage`, maps to one rung:

    0  geen beslissing
    1  aangekondigd          concept or vision note, a communication to the government
    2  principieel goedgekeurd  a draft (voorontwerp) approved in principle
    3  definitief goedgekeurd   a decree draft finally approved and sent to parliament, or a
                                cooperation agreement or treaty consented to
    4  afgerond                 a decree ratified and promulgated, a government order finally
                                approved, a subsidy granted, a plan or agreement adopted, or
                                any other matter the government decided (a capital increase,
                                a new representation abroad, support measures, a call)

The government's own orders (besluiten) need no parliament, so their final approval is the
last rung; decrees and cooperation agreements only finish with ratification.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

RUNGS = (
    "geen beslissing",
    "aangekondigd",
    "principieel goedgekeurd",
    "definitief goedgekeurd",
    "afgerond",
)

# Instruments that only take effect after parliament: final approval is not the end.
_NEEDS_PARLIAMENT = frozenset({"decreet", "samenwerkingsakkoord", "verdrag"})
# Instruments whose adoption by the government is itself the outcome.
_ADOPTED_WHEN_DECIDED = frozenset({"plan", "overeenkomst", "benoeming", "subsidie"})


def rung_of(instrument: str | None, stage: str | None) -> int:
    """The ladder rung (0-4) one decision reaches."""
    instrument = (instrument or "andere").lower()
    stage = (stage or "andere").lower()
    if stage in {"conceptnota", "mededeling"}:
        return 1
    if stage == "principiele_goedkeuring":
        return 2
    if stage == "definitieve_goedkeuring":
        return 3 if instrument in _NEEDS_PARLIAMENT else 4
    if stage == "instemming":
        return 3
    if stage in {"bekrachtiging", "toekenning"}:
        return 4
    # stage "andere": neither a draft nor a note nor a communication, so the government decided
    # the matter itself (an adopted plan, a signed agreement, an appointment, a capital
    # increase, an allocation of funds). Rung 1 for these used to call such promises "in
    # voorbereiding" where the hand labels say "uitgevoerd"; an instrument read as a decree,
    # order or treaty without a stage is not known to be final, so it stays at rung 1.
    if instrument in _ADOPTED_WHEN_DECIDED or instrument == "andere":
        return 4
    return 1


@dataclass(frozen=True)
class LadderStep:
    """One decision's place on the ladder."""

    decision_id: str
    meeting_date: str
    rung: int


@dataclass(frozen=True)
class Ladder:
    """The furthest rung reached, when, and by which decision."""

    rung: int
    label: str
    reached_on: str | None
    decisive_id: str | None
    steps: tuple[LadderStep, ...]


def climb(decisions: Iterable[tuple[str, str, str | None, str | None]]) -> Ladder:
    """The ladder for (decision_id, meeting_date, instrument, stage) tuples.

    The furthest rung wins; among decisions on that rung the earliest is the one that reached
    it (later ones on the same rung add nothing to how far the promise got).
    """
    steps = sorted(
        (LadderStep(did, date, rung_of(instrument, stage))
         for did, date, instrument, stage in decisions),
        key=lambda step: (step.meeting_date, step.decision_id),
    )
    if not steps:
        return Ladder(0, RUNGS[0], None, None, ())
    top = max(step.rung for step in steps)
    decisive = next(step for step in steps if step.rung == top)
    return Ladder(top, RUNGS[top], decisive.meeting_date, decisive.decision_id, tuple(steps))

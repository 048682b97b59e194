"""The dossier: the decisions that are stages of one file (a draft decree approved in
principle, then finally, then ratified), in the order they happened."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DossierStep:
    """One decision of a dossier: `stage` is a stage code of `sources.decision_stage`."""

    decision_id: str
    meeting_date: str  # YYYY-MM-DD
    stage: str | None
    title: str


@dataclass(frozen=True)
class Dossier:
    """A file of one or more decisions.

    `instrument` is the kind of act (decreet, besluit, samenwerkingsakkoord, verdrag) or, for a
    decision that is no stage of a regulation, the decision's own instrument. `subject` is a
    readable Dutch label ("Vlaamse toetsen in het onderwijs"); `formal_subject` is the formal
    title without its act words ("over de Vlaamse toetsen in het onderwijs"), "" when unknown;
    `plural` says the file holds several acts at once ("Twee ontwerpbesluiten ...").
    Steps are in meeting-date order, then ladder order.
    """

    key: str
    instrument: str
    subject: str
    formal_subject: str
    plural: bool
    steps: tuple[DossierStep, ...]

    @property
    def decision_ids(self) -> tuple[str, ...]:
        return tuple(step.decision_id for step in self.steps)

    @property
    def first(self) -> DossierStep:
        return self.steps[0]

    @property
    def last(self) -> DossierStep:
        return self.steps[-1]


@dataclass(frozen=True)
class DossierCounts:
    """What an assignment did: decisions assigned, dossiers in all, those of two or more
    steps and the decisions in those."""

    decisions: int
    dossiers: int
    multi_step: int
    grouped_decisions: int
    seconds: float = 0.0

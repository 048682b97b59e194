"""Records of a report: what a generator is given (numbered evidence) and what it returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from beloftemeter.models.assessment import CANDIDATE, EVIDENCE
from beloftemeter.models.dossiers import Dossier
from beloftemeter.models.policy import PlannedAction


@dataclass(frozen=True)
class ReportDecision:
    """A decision as a report shows it."""

    decision_id: str
    meeting_date: str
    title: str
    url: str
    score: float
    stage: str | None
    instrument: str | None
    summary: str  # the first sentence of the decision's text (title not repeated)
    amounts: tuple[float, ...] = ()  # euro amounts its title or text names
    role: str = EVIDENCE  # EVIDENCE, or CANDIDATE: "mogelijk relevant, niet bevestigd"

    @property
    def confirmed(self) -> bool:
        return self.role != CANDIDATE


@dataclass(frozen=True)
class ReportPromise:
    """One promise of the section with its verdict."""

    ordinal: int
    text: str
    page: int
    status: str
    reason: str
    evidence: tuple[ReportDecision, ...]
    context: tuple[ReportDecision, ...]
    plans: tuple[PlannedAction, ...] = ()  # actions of policy documents that plan it
    candidates: tuple[ReportDecision, ...] = ()  # "mogelijk relevant, niet bevestigd"
    reviewed: bool = False  # checked by the editors; False: the automatic verdict


@dataclass(frozen=True)
class ReportSection:
    key: str
    chapter: str
    number: str | None
    title: str
    text: str
    first_page: int
    last_page: int


@dataclass(frozen=True)
class ReportInput:
    """Everything a generator may use. The evidence and then the candidates are numbered:
    [n] means `numbered[n]`; a candidate is cited as such, never as evidence."""

    section: ReportSection
    promises: tuple[ReportPromise, ...]
    evidence: tuple[ReportDecision, ...]  # every promise's evidence, once, oldest first
    candidates: tuple[ReportDecision, ...] = ()  # every promise's candidates not evidence
    # the dossiers of the numbered decisions, each with only its numbered steps
    dossiers: tuple[Dossier, ...] = ()

    @property
    def numbered(self) -> tuple[ReportDecision, ...]:
        return (*self.evidence, *self.candidates)

    def number_of(self, decision_id: str) -> int:
        return next(i for i, d in enumerate(self.numbered) if d.decision_id == decision_id)


@dataclass(frozen=True)
class Draft:
    """A generator's text: a body with [n] citations into the input's evidence and a closing
    judgement (which may cite too)."""

    body: str
    closing: str
    generator: dict  # name and settings of what produced it


@dataclass(frozen=True)
class Report:
    """A checked report: citations renumbered 0..n-1 in order of first use; `references[n]`
    is the decision cited as [n]."""

    input: ReportInput
    body: str
    overview: str  # the status of each promise, built from the data, not by the generator
    closing: str
    references: tuple[ReportDecision, ...]
    generator: dict
    removed_citations: int = 0
    notes: tuple[str, ...] = field(default=())  # e.g. why the fallback generator was used

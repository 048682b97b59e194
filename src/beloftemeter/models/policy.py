"""Records of policy documents (beleidsnota's, beleidsplannen): their objectives and actions,
and the links from actions to agreement promises and to decisions."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Objective:
    kind: str  # "SD" (strategisch), "OD" (operationeel) or "doel" (a plan's numbered goal)
    number: str
    title: str


@dataclass(frozen=True)
class Action:
    number: str  # "1.3"
    title: str
    objective: str | None  # number of the goal it serves
    text: str
    goals: str = ""  # "Doelstellingen"
    responsible: str = ""  # "Bevoegde beleidsdomeinen en ministers"
    agreement_pages: str = ""  # "p. 146", "pp. 66-67"
    agreement_quotes: tuple[str, ...] = ()  # the quoted agreement text, in pieces
    timing: str = ""
    budget: str = ""


@dataclass(frozen=True)
class PolicyDocument:
    id: str  # a stable key from the file name ("horizontaal-integratie-...")
    title: str
    source: str
    sha256: str
    objectives: tuple[Objective, ...]
    actions: tuple[Action, ...]
    toc_actions: tuple[tuple[str, str], ...] = ()  # (number, title) in its table of contents
    warnings: tuple[str, ...] = field(default=())  # what could not be read, in Dutch


@dataclass(frozen=True)
class PromiseLink:
    """An action linked to one agreement statement."""

    document_id: str
    action_number: str
    node_key: str
    ordinal: int
    method: str  # "citaat" (the action quotes it) or "zoeken" (found by search)
    score: float  # 1.0 for a quote; the search's relative score otherwise
    evidence: str  # the quoted piece, or the matching words


@dataclass(frozen=True)
class PlannedAction:
    """What a promise's page shows: a planned action that realises it."""

    document_id: str
    document_title: str
    action_number: str
    action_title: str
    responsible: str
    timing: str
    budget: str
    method: str
    score: float

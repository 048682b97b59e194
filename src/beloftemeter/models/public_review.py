"""What the public sees of editorial review (issue 19): whether a promise's verdict was checked
by the editors, and the corrections of published verdicts. Never an editor's name: names stay
in the audit, which only editors read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicReview:
    """The review of one promise as a reader sees it; the default: not reviewed."""

    reviewed: bool = False
    reviewed_at: str | None = None  # ISO datetime (UTC) of the last save
    status_source: str | None = None  # "editor" (chosen by an editor) or "ladder"; None
    note: str = ""  # the editors' public note
    rejected_count: int = 0  # decisions the machine proposed and the editors rejected


@dataclass(frozen=True)
class DecisionName:
    decision_id: str
    title: str  # its id when the store no longer has the decision
    meeting_date: str = ""  # "" when the store no longer has the decision


@dataclass(frozen=True)
class Correction:
    """One save by the editors that changed a published verdict (status or evidence)."""

    id: int  # the audit event's id
    at: str  # ISO datetime (UTC)
    promise_id: str  # the promise's current id
    promise: str  # its text
    before_status: str | None
    after_status: str | None
    added: tuple[DecisionName, ...]  # decisions that became evidence
    removed: tuple[DecisionName, ...]  # decisions no longer evidence
    reason: str  # the editor's reason ("" when the ladder decided)
    published_reason: str  # the reason published with the new status
    note: str = ""  # the editors' public note after the save


@dataclass(frozen=True)
class CorrectionPage:
    total: int
    page: int
    per_page: int
    items: tuple[Correction, ...]

"""Records of editorial review: an editor's decision on one promise, the edit a form sends,
the audit events and the error reports of readers (see docs/redactie.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# What an editor says of one linked decision.
CONFIRMED = "confirmed"
REJECTED = "rejected"
ADDED = "added"
VERDICTS = (CONFIRMED, REJECTED, ADDED)
# Where a reviewed promise's status comes from: the editor's own choice, or the stage ladder
# over the evidence as the editor left it.
EDITOR = "editor"
LADDER = "ladder"
# The role a rejected decision keeps in assessment_evidence: readers never list it.
REJECTED_ROLE = "rejected"
# Roles an editor account can have.
EDITOR_ROLE = "redacteur"
ADMIN_ROLE = "beheerder"
ACCOUNT_ROLES = (EDITOR_ROLE, ADMIN_ROLE)


@dataclass(frozen=True)
class Review:
    promise_id: str
    version: int
    status: str
    reason: str
    status_source: str  # EDITOR or LADDER
    note: str
    evidence_seen: frozenset[str]
    recheck: str | None  # why the promise is back in the queue (Dutch); None: it is not
    reviewed_by: str
    reviewed_at: str  # ISO datetime, UTC
    links: dict[str, str] = field(default_factory=dict)  # decision id -> VERDICTS


@dataclass(frozen=True)
class ReviewEdit:
    """What an editor saves; `expected_version` is the version the form was made from (0:
    the promise had no review yet). `status` None keeps the ladder's status."""

    promise_id: str
    expected_version: int
    actor: str
    links: dict[str, str]  # decision id -> VERDICTS (absent: no judgement)
    status: str | None = None
    reason: str = ""
    note: str = ""


@dataclass(frozen=True)
class ReaderReport:
    id: int
    promise_id: str
    message: str
    decision_url: str | None
    created_at: str
    handled_at: str | None = None


@dataclass(frozen=True)
class Event:
    """One line of the append-only audit."""

    id: int
    at: str
    actor: str
    action: str
    promise_id: str | None
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str

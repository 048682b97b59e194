"""Records of the assessment: the evidence linked to a promise and the verdict on it."""

from __future__ import annotations

from dataclasses import dataclass

# The published scale, best first; the last two are off the ordered scale. The names are
# user-facing Dutch values (stored, shown, in JSON); code refers to them by these constants.
DONE = "uitgevoerd"
MOSTLY_DONE = "grotendeels uitgevoerd"
IN_PROGRESS = "in uitvoering"
IN_PREPARATION = "in voorbereiding"
NO_DECISION = "geen beslissing gevonden"
SCALE = (DONE, MOSTLY_DONE, IN_PROGRESS, IN_PREPARATION, NO_DECISION)
DEVIATING = "afwijkend"
NOT_VERIFIABLE = "niet te beoordelen"
STATUSES = (*SCALE, DEVIATING, NOT_VERIFIABLE)

# The three tiers of a linked decision. EVIDENCE alone counts towards a status; CANDIDATE
# ("mogelijk relevant, niet bevestigd") is shown apart with its score and never counted;
# CONTEXT ("verwant") is what else the search found around the promise.
EVIDENCE = "evidence"
CANDIDATE = "candidate"
CONTEXT = "context"
ROLES = (EVIDENCE, CANDIDATE, CONTEXT)


@dataclass(frozen=True)
class EvidenceDecision:
    """One decision linked to a promise: `role` is one of `ROLES`."""

    decision_id: str
    role: str
    score: float  # relevance score, 0-1 (higher = closer to the promise)
    rank: int  # fused search rank
    meeting_date: str
    title: str
    instrument: str | None
    stage: str | None
    passage: str  # the part of the decision's text that matches the promise best
    shared_terms: tuple[str, ...] = ()  # distinctive promise terms in the decision's title
    # The role the machine gave it, when an editor changed that ("" : the same as `role`;
    # None: an editor added it). See models.review.
    machine_role: str | None = ""


@dataclass(frozen=True)
class Linked:
    """The decisions linked to one promise and the fingerprint of what they came from."""

    evidence: tuple[EvidenceDecision, ...]  # timeline: oldest first
    context: tuple[EvidenceDecision, ...]  # best first
    fingerprint: str
    distinctive_terms: tuple[str, ...]
    candidates: tuple[EvidenceDecision, ...] = ()  # just under the threshold, best first


@dataclass(frozen=True)
class Assessment:
    """The verdict on one promise."""

    node_key: str
    ordinal: int
    page: int
    promise: str
    status: str
    reason: str  # short Dutch explanation naming the decisive decisions
    rung: int
    rung_label: str
    reached_on: str | None
    first_date: str | None
    last_date: str | None
    fingerprint: str
    evidence: tuple[EvidenceDecision, ...] = ()
    context: tuple[EvidenceDecision, ...] = ()
    candidates: tuple[EvidenceDecision, ...] = ()  # never counted: see analysis.evidence
    # Set only where an editor reviewed the promise (see analysis.review): the status the
    # machine reached alone, and the machine's decisions the editor rejected.
    machine_status: str | None = None
    rejected: tuple[EvidenceDecision, ...] = ()
    distinctive_terms: tuple[str, ...] = ()

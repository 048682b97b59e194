"""The published verdict of a promise an editor reviewed: the machine's links as the editor
judged them, and the editor's status, which re-analysis never changes.

Published evidence = the machine's evidence the editor saw at the save (minus what they
rejected) + the candidates and related decisions they confirmed + the decisions they added.
Evidence the machine found after the save is shown as a candidate until an editor looks at
it, and `recheck` says so: the promise goes back to the queue as "opnieuw bekijken".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from beloftemeter.analysis.ladder import climb
from beloftemeter.dutch_dates import long_date
from beloftemeter.models.assessment import (
    CANDIDATE,
    CONTEXT,
    EVIDENCE,
    NOT_VERIFIABLE,
    Assessment,
    EvidenceDecision,
    Linked,
)
from beloftemeter.models.review import ADDED, CONFIRMED, REJECTED, REJECTED_ROLE, Review

# An old store kept no distinctive terms: a verdict that was not "niet te beoordelen" had some.
_UNKNOWN_TERMS = ("?",)
NAMED_IN_RECHECK = 2  # new decisions named in a recheck reason


def _machine_role(e: EvidenceDecision) -> str | None:
    return e.role if e.machine_role == "" else e.machine_role


def machine_linked(a: Assessment) -> Linked:
    """What the machine linked to a promise, rebuilt from its stored (published) assessment."""
    rows = [replace(e, role=_machine_role(e), machine_role="")
            for e in (*a.evidence, *a.candidates, *a.context, *a.rejected)
            if _machine_role(e) is not None]

    def of(role: str) -> list[EvidenceDecision]:
        return [e for e in rows if e.role == role]

    machine_status = a.machine_status or a.status
    terms = a.distinctive_terms or (_UNKNOWN_TERMS if machine_status != NOT_VERIFIABLE else ())
    return Linked(
        evidence=tuple(sorted(of(EVIDENCE), key=lambda e: (e.meeting_date, e.decision_id))),
        context=tuple(sorted(of(CONTEXT), key=lambda e: -e.score)),
        fingerprint=a.fingerprint, distinctive_terms=terms,
        candidates=tuple(sorted(of(CANDIDATE), key=lambda e: -e.score)))


@dataclass(frozen=True)
class Judged:
    """The machine's links after the editor's verdicts."""

    linked: Linked  # what counts: evidence, candidates, context
    rejected: tuple[EvidenceDecision, ...]


def judge_links(linked: Linked, links: Mapping[str, str], seen: frozenset[str],
                extra: Mapping[str, EvidenceDecision]) -> Judged:
    """Apply the editor's verdicts (`links`: decision id → verdict) to the machine's links.
    `seen`: the machine evidence the editor had before them; `extra`: the decisions linked by
    hand or confirmed that the machine no longer links, as evidence records."""
    def moved(e: EvidenceDecision, role: str) -> EvidenceDecision:
        return replace(e, role=role, machine_role="" if role == e.role else e.role)

    evidence, candidates, context, rejected = [], [], [], []
    for e in (*linked.evidence, *linked.candidates, *linked.context):
        verdict = links.get(e.decision_id)
        if verdict == REJECTED:
            rejected.append(moved(e, REJECTED_ROLE))
        elif verdict in (CONFIRMED, ADDED) or (e.role == EVIDENCE and e.decision_id in seen):
            evidence.append(moved(e, EVIDENCE))
        elif e.role == EVIDENCE:  # found after the review: not evidence until someone checks
            candidates.append(moved(e, CANDIDATE))
        else:
            (candidates if e.role == CANDIDATE else context).append(e)
    machine_ids = {e.decision_id for e in (*evidence, *candidates, *context, *rejected)}
    evidence += [replace(extra[i], role=EVIDENCE, machine_role=None)
                 for i, verdict in links.items()
                 if verdict in (CONFIRMED, ADDED) and i not in machine_ids and i in extra]
    return Judged(
        linked=replace(
            linked,
            evidence=tuple(sorted(evidence, key=lambda e: (e.meeting_date, e.decision_id))),
            candidates=tuple(sorted(candidates, key=lambda e: -e.score)),
            context=tuple(sorted(context, key=lambda e: -e.score))),
        rejected=tuple(rejected))


def published(machine: Assessment, linked: Linked, review: Review | None,
              extra: Mapping[str, EvidenceDecision]) -> Assessment:
    """What the public sees: the machine's verdict, or for a reviewed promise its status and
    reason with the evidence as the editor judged it (the ladder still dates the stages)."""
    if review is None:
        return machine
    judged = judge_links(linked, review.links, review.evidence_seen, extra)
    evidence, context = judged.linked.evidence, judged.linked.context
    if review.status == NOT_VERIFIABLE:  # nothing can prove it: what was found is related
        context = tuple(sorted((*(replace(e, role=CONTEXT) for e in evidence), *context),
                               key=lambda e: -e.score))
        evidence = ()
    ladder = climb((e.decision_id, e.meeting_date, e.instrument, e.stage) for e in evidence)
    dates = [e.meeting_date for e in evidence]
    return replace(
        machine, status=review.status, reason=review.reason, rung=ladder.rung,
        rung_label=ladder.label, reached_on=ladder.reached_on,
        first_date=min(dates) if dates else None, last_date=max(dates) if dates else None,
        evidence=evidence, context=context, candidates=judged.linked.candidates,
        machine_status=machine.status, rejected=judged.rejected)


def recheck_reason(review: Review, linked: Linked, machine_status: str,
                   previous_machine_status: str | None) -> str | None:
    """Why a reviewed promise should be looked at again after a new analysis, or None: new
    evidence the editor has not judged, or the machine now reaching another status."""
    reasons = []
    new = [e for e in linked.evidence
           if e.decision_id not in review.evidence_seen and e.decision_id not in review.links]
    if new:
        named = "; ".join(f"«{e.title}» ({long_date(e.meeting_date)})"
                          for e in new[:NAMED_IN_RECHECK])
        more = len(new) - NAMED_IN_RECHECK
        tail = f" en {more} andere" if more > 0 else ""
        word = "Nieuwe beslissing" if len(new) == 1 else "Nieuwe beslissingen"
        reasons.append(f"{word} als bewijs voorgesteld sinds de controle: {named}{tail}.")
    if machine_status != review.status and machine_status != previous_machine_status:
        reasons.append(f"De automatische beoordeling komt nu tot ‘{machine_status}’; de"
                       f" redactie koos ‘{review.status}’.")
    return " ".join(reasons) or None

"""A status per promise, from its evidence decisions (rules documented in README `## Beoordeling`).

1. `niet te beoordelen`: the promise names nothing concrete to look for — none of its terms is
   distinctive (all are common words in decision titles), so no decision can confirm it; or
   it only keeps what exists, states an attitude, looks back, is hedged ("waar nodig") or is an
   aspiration without an instrument (`verifiability.unverifiable_reason`; unless a decision
   goes against it, 3); or it has no evidence and only steers or supports ("We stimuleren
   ...") without naming an act or instrument (`verifiability.vague_reason`). What was found
   for such a promise is kept as context: nothing can be evidence for what cannot be checked.
2. `geen beslissing gevonden`: no evidence decision (context alone never counts).
3. `afwijkend`: the promise wants to introduce, keep or extend something, and an evidence
   decision whose title shares the promise's distinctive terms abolishes or withdraws it
   ("afschaffing", "intrekking", "opheffing", "stopzetting"). Rare on purpose.
4. Otherwise the stage ladder over the evidence decides: rung 4 (afgerond) → `uitgevoerd`,
   3 (definitief goedgekeurd) → `grotendeels uitgevoerd`, 2 (principieel goedgekeurd) →
   `in uitvoering`, 1 (aangekondigd) → `in voorbereiding`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from beloftemeter.analysis.ladder import climb
from beloftemeter.analysis.verifiability import unverifiable_reason, vague_reason
from beloftemeter.dutch_dates import long_date
from beloftemeter.models.assessment import (
    CONTEXT,
    DEVIATING,
    DONE,
    IN_PREPARATION,
    IN_PROGRESS,
    MOSTLY_DONE,
    NO_DECISION,
    NOT_VERIFIABLE,
    Assessment,
    EvidenceDecision,
    Linked,
)

RUNG_STATUS = {4: DONE, 3: MOSTLY_DONE, 2: IN_PROGRESS, 1: IN_PREPARATION, 0: NO_DECISION}
_REVERSAL = re.compile(r"\b(afschaff\w*|intrekking\w*|opheff\w*|stopzett\w*|schrapp\w*)",
                       re.IGNORECASE)
_KEEP_OR_INTRODUCE = re.compile(
    r"\b(behoud\w*|handhav\w*|invoer\w*|voer(?:en|t)\b[^.]*\bin\b|uitbreid\w*|"
    r"breid(?:en|t)\b[^.]*\buit\b|"
    r"versterk\w*|verhog\w*|blijv\w*)",
    re.IGNORECASE,
)
MAX_NAMED = 2


def assess(
    node_key: str, ordinal: int, page: int, promise: str, linked: Linked
) -> Assessment:
    """The status of one promise with a short Dutch reason."""
    evidence = linked.evidence
    ladder = climb((e.decision_id, e.meeting_date, e.instrument, e.stage) for e in evidence)
    dates = [e.meeting_date for e in evidence]
    first, last = (min(dates), max(dates)) if dates else (None, None)

    def result(status: str, reason: str) -> Assessment:
        if status == NOT_VERIFIABLE:
            # Nothing can prove a promise that cannot be checked: what was found is related.
            context = tuple(sorted(
                (*(replace(e, role=CONTEXT) for e in (*evidence, *linked.candidates)),
                 *linked.context),
                key=lambda e: -e.score))
            return Assessment(
                node_key=node_key, ordinal=ordinal, page=page, promise=promise, status=status,
                reason=reason, rung=0, rung_label=climb(()).label, reached_on=None,
                first_date=None, last_date=None, fingerprint=linked.fingerprint,
                evidence=(), context=context, distinctive_terms=linked.distinctive_terms,
            )
        return Assessment(
            node_key=node_key, ordinal=ordinal, page=page, promise=promise, status=status,
            reason=reason, rung=ladder.rung, rung_label=ladder.label,
            reached_on=ladder.reached_on, first_date=first, last_date=last,
            fingerprint=linked.fingerprint, evidence=evidence, context=linked.context,
            candidates=linked.candidates, distinctive_terms=linked.distinctive_terms,
        )

    if not linked.distinctive_terms:
        return result(
            NOT_VERIFIABLE,
            "De belofte noemt geen concreet voorwerp dat in beslissingen terug te vinden is.",
        )
    against = reversals(promise, evidence)
    if against:
        return result(DEVIATING, f"Gaat in tegen de belofte: {_names(against)}.")
    unverifiable = unverifiable_reason(promise)
    if unverifiable:
        return result(NOT_VERIFIABLE, unverifiable)
    if not evidence:
        vague = vague_reason(promise)
        if vague:
            return result(NOT_VERIFIABLE, vague)
        return result(NO_DECISION, "Geen beslissing gevonden die deze belofte uitvoert."
                      + _apart(linked))
    by_id = {e.decision_id: e for e in evidence}
    decisive = by_id[ladder.decisive_id] if ladder.decisive_id else evidence[-1]
    status = RUNG_STATUS[ladder.rung]
    reason = f"Verst gekomen: {_name(decisive)} ({ladder.label})."
    earlier = [e for e in evidence if e.decision_id != decisive.decision_id
               and e.meeting_date < decisive.meeting_date]
    if earlier:
        reason += f" Eerder: {_name(earlier[0])}."
    if len(evidence) > 1:
        reason += f" {len(evidence)} beslissingen als bewijs."
    return result(status, reason)


def _apart(linked: Linked) -> str:
    """What is shown apart from the evidence, said in the reason (never counted)."""
    said = ""
    n = len(linked.candidates)
    if n:
        low = min(e.score for e in linked.candidates)
        high = max(e.score for e in linked.candidates)
        scores = (f"score {_comma(low)}" if f"{low:.2f}" == f"{high:.2f}"
                  else f"scores {_comma(low)} tot {_comma(high)}")
        said += (f" {n} {'beslissing is' if n == 1 else 'beslissingen zijn'} mogelijk"
                 f" relevant, niet bevestigd ({scores}).")
    if linked.context:
        said += " Verwante beslissingen staan apart, als context."
    return said


def _comma(score: float) -> str:
    return f"{score:.2f}".replace(".", ",")


def reversals(promise: str, evidence: Sequence[EvidenceDecision]) -> list[EvidenceDecision]:
    """Evidence that abolishes what the promise wants to introduce or keep."""
    if not _KEEP_OR_INTRODUCE.search(promise) or _REVERSAL.search(promise):
        return []
    return [e for e in evidence if e.shared_terms and _REVERSAL.search(e.title)]


def _name(decision: EvidenceDecision) -> str:
    """The decision's title (shortened at a word, marked "[…]") and its date written out."""
    title = " ".join(decision.title.split())
    if len(title) > 90:
        title = title[:title.rfind(" ", 0, 88)].rstrip(",;:") + " […]"
    return f"“{title}” ({long_date(decision.meeting_date)})"


def _names(decisions: Sequence[EvidenceDecision]) -> str:
    named = "; ".join(_name(d) for d in decisions[:MAX_NAMED])
    more = len(decisions) - MAX_NAMED
    return named + (f" en {more} meer" if more > 0 else "")

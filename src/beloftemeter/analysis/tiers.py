"""The three tiers of a promise's candidates, once each candidate's role is known: evidence
(a timeline, oldest first, at most `MAX_EVIDENCE`), "mogelijk relevant, niet bevestigd" (most
probable first, at most `MAX_CANDIDATES`) and context (the rest, most probable first). What a
tier cannot hold falls to context, never up a tier."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from beloftemeter.models.assessment import CANDIDATE, CONTEXT, EVIDENCE, EvidenceDecision

MAX_EVIDENCE = 15
MAX_CANDIDATES = 8  # a reader scans a handful; the real data rarely has more in the band


def split_tiers(
    decisions: Sequence[EvidenceDecision],
) -> tuple[tuple[EvidenceDecision, ...], tuple[EvidenceDecision, ...],
           tuple[EvidenceDecision, ...]]:
    """(evidence, candidates, context) of decisions whose `role` says their tier."""
    by_score = sorted(decisions, key=lambda e: -e.score)
    evidence = [e for e in by_score if e.role == EVIDENCE]
    candidates = [e for e in by_score if e.role == CANDIDATE]
    overflow = [*evidence[MAX_EVIDENCE:], *candidates[MAX_CANDIDATES:]]
    context = sorted([*(e for e in by_score if e.role == CONTEXT),
                      *(replace(e, role=CONTEXT) for e in overflow)], key=lambda e: -e.score)
    timeline = sorted(evidence[:MAX_EVIDENCE], key=lambda e: (e.meeting_date, e.decision_id))
    return tuple(timeline), tuple(candidates[:MAX_CANDIDATES]), tuple(context)

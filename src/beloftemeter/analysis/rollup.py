"""Section and chapter roll-ups of promise assessments."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from beloftemeter.models.assessment import STATUSES, Assessment


@dataclass(frozen=True)
class Rollup:
    """Counts per status over a group of promises, with the evidence dates."""

    key: str
    title: str
    promises: int
    counts: dict[str, int]  # every status of the scale, zeros included
    with_evidence: int
    first_date: str | None
    last_date: str | None
    with_plan: int = 0  # promises a policy document plans an action for
    planned_without_decision: int = 0  # ... of which no evidence decision was found

    @property
    def evidence_share(self) -> float:
        return self.with_evidence / self.promises if self.promises else 0.0

    def as_dict(self) -> dict:
        return {
            "key": self.key, "title": self.title, "promises": self.promises,
            "per_status": self.counts, "with_evidence": self.with_evidence,
            "evidence_share": round(self.evidence_share, 3),
            "first_decision": self.first_date, "last_decision": self.last_date,
            "with_plan": self.with_plan, "planned_without_decision": self.planned_without_decision,
        }


def rollup(
    key: str, title: str, assessments: Iterable[Assessment],
    planned: set[tuple[str, int]] | None = None,
) -> Rollup:
    """Counts over `assessments`; `planned` holds the promises with a planned action."""
    counts = dict.fromkeys(STATUSES, 0)
    total = with_evidence = with_plan = plan_only = 0
    planned = planned or set()
    firsts: list[str] = []
    lasts: list[str] = []
    for a in assessments:
        total += 1
        counts[a.status] = counts.get(a.status, 0) + 1
        if a.evidence:
            with_evidence += 1
        if (a.node_key, a.ordinal) in planned:
            with_plan += 1
            plan_only += not a.evidence
        if a.first_date:
            firsts.append(a.first_date)
        if a.last_date:
            lasts.append(a.last_date)
    return Rollup(key, title, total, counts, with_evidence,
                  min(firsts) if firsts else None, max(lasts) if lasts else None,
                  with_plan, plan_only)


def rollups_by(
    assessments: Iterable[Assessment],
    group: Callable[[Assessment], str],
    titles: dict[str, str] | None = None,
    planned: set[tuple[str, int]] | None = None,
) -> list[Rollup]:
    """One roll-up per group (e.g. section key or chapter), in order of first appearance."""
    groups: dict[str, list[Assessment]] = {}
    for a in assessments:
        groups.setdefault(group(a), []).append(a)
    titles = titles or {}
    return [rollup(key, titles.get(key, key), members, planned)
            for key, members in groups.items()]

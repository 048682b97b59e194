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

    @property
    def evidence_share(self) -> float:
        return self.with_evidence / self.promises if self.promises else 0.0

    def as_dict(self) -> dict:
        return {
            "sleutel": self.key, "titel": self.title, "beloften": self.promises,
            "per_status": self.counts, "met_bewijs": self.with_evidence,
            "aandeel_met_bewijs": round(self.evidence_share, 3),
            "eerste_beslissing": self.first_date, "laatste_beslissing": self.last_date,
        }


def rollup(key: str, title: str, assessments: Iterable[Assessment]) -> Rollup:
    counts = dict.fromkeys(STATUSES, 0)
    total = with_evidence = 0
    firsts: list[str] = []
    lasts: list[str] = []
    for a in assessments:
        total += 1
        counts[a.status] = counts.get(a.status, 0) + 1
        if a.evidence:
            with_evidence += 1
        if a.first_date:
            firsts.append(a.first_date)
        if a.last_date:
            lasts.append(a.last_date)
    return Rollup(key, title, total, counts, with_evidence,
                  min(firsts) if firsts else None, max(lasts) if lasts else None)


def rollups_by(
    assessments: Iterable[Assessment],
    group: Callable[[Assessment], str],
    titles: dict[str, str] | None = None,
) -> list[Rollup]:
    """One roll-up per group (e.g. section key or chapter), in order of first appearance."""
    groups: dict[str, list[Assessment]] = {}
    for a in assessments:
        groups.setdefault(group(a), []).append(a)
    titles = titles or {}
    return [rollup(key, titles.get(key, key), members) for key, members in groups.items()]

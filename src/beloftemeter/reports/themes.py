"""The themes of a report: the dossiers of the decisions it cites, each with only the steps
it cites (a report tells what those decisions say, not the whole file).

The store's dossiers (`analysis.dossiers`, written by the index step) come first; a decision
the index has not grouped yet is grouped with the report's other ungrouped decisions on the
spot, by the same rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from beloftemeter.analysis.dossier_grouping import group_decisions
from beloftemeter.analysis.dossiers import to_dossier
from beloftemeter.models.decisions import Decision
from beloftemeter.models.dossiers import Dossier


def report_dossiers(decisions: Sequence[Decision],
                    known: Mapping[str, Dossier]) -> tuple[Dossier, ...]:
    """The dossiers of `decisions`, steps limited to them, in the order of their first step."""
    wanted = {d.id for d in decisions}
    found: dict[str, Dossier] = {}
    for decision in decisions:
        dossier = known.get(decision.id)
        if dossier is not None and dossier.key not in found:
            found[dossier.key] = dossier
    loose = [d for d in decisions if d.id not in known]
    for grouped in group_decisions(loose):
        dossier = to_dossier(grouped)
        found.setdefault(dossier.key, dossier)
    restricted = [replace(d, steps=tuple(s for s in d.steps if s.decision_id in wanted))
                  for d in found.values()]
    kept = [d for d in restricted if d.steps]
    return tuple(sorted(kept, key=lambda d: (d.first.meeting_date, d.first.decision_id)))

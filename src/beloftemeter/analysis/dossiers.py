"""Dossiers: the decisions that are stages of one file, grouped, stored and read back.

The entry point for everyone who shows decisions: `assign_dossiers` (the index step) groups
every stored decision and writes the result; `dossier_of` and `dossiers_for` read it;
`collapse_by_dossier` keeps one decision per dossier in a ranked list; `dossier_sentence`
tells a dossier's timeline in Dutch. How decisions are grouped is in `dossier_grouping`, how
their titles are read in `dossier_subjects`, the sentence in `dossier_prose`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence

from beloftemeter.analysis.dossier_grouping import Grouped, group_decisions
from beloftemeter.analysis.dossier_prose import dossier_sentence
from beloftemeter.models.dossiers import Dossier, DossierCounts, DossierStep
from beloftemeter.store.database import Store
from beloftemeter.store.decisions import iter_decisions
from beloftemeter.store.dossiers import dossier_keys, load_dossiers, replace_dossiers

__all__ = [
    "Dossier",
    "DossierStep",
    "assign_dossiers",
    "collapse_by_dossier",
    "dossier_of",
    "dossier_sentence",
    "dossiers_for",
    "to_dossier",
]


def to_dossier(grouped: Grouped) -> Dossier:
    """The record of a dossier as the grouping found it."""
    steps = tuple(DossierStep(d.id, d.meeting_date, d.stage, d.title) for d in grouped.decisions)
    return Dossier(grouped.key, grouped.instrument, grouped.subject, grouped.formal_subject,
                   grouped.plural, steps)


def assign_dossiers(store: Store) -> DossierCounts:
    """Group every stored decision into dossiers and store them in place of the old ones.

    Idempotent (the same decisions give the same dossiers and keys) and cheap: about a second
    for the 3,165 real decisions (bench/dossiers.py), so the index step runs it every time.
    """
    started = time.perf_counter()
    dossiers = [to_dossier(g) for g in group_decisions(iter_decisions(store))]
    replace_dossiers(store, dossiers)
    multi = [d for d in dossiers if len(d.steps) > 1]
    return DossierCounts(
        decisions=sum(len(d.steps) for d in dossiers),
        dossiers=len(dossiers),
        multi_step=len(multi),
        grouped_decisions=sum(len(d.steps) for d in multi),
        seconds=time.perf_counter() - started,
    )


def dossiers_for(store: Store, decision_ids: Iterable[str]) -> dict[str, Dossier]:
    """Decision id → its dossier, for the ids that have one (a decision stored after the last
    index run has none yet)."""
    keys = dossier_keys(store, decision_ids)
    loaded = load_dossiers(store, keys.values())
    return {decision_id: loaded[key] for decision_id, key in keys.items() if key in loaded}


def dossier_of(store: Store, decision_id: str) -> Dossier | None:
    """The dossier of one decision (its id as stored, or in upper or lower case), None when
    the decision is unknown or not assigned yet."""
    tried = dict.fromkeys((decision_id, decision_id.upper(), decision_id.lower()))
    found = dossiers_for(store, tried)
    return next((found[i] for i in tried if i in found), None)


def collapse_by_dossier(ids_in_rank_order: Sequence[str],
                        dossiers: Mapping[str, Dossier]) -> list[str]:
    """The ids with only the first (best-ranked) decision of each dossier kept, order unchanged.
    `dossiers` maps decision id → dossier (as `dossiers_for` gives it); an id without one is
    its own dossier. Answers and lists use it so one file never shows up three times."""
    seen: set[str] = set()
    kept = []
    for decision_id in ids_in_rank_order:
        dossier = dossiers.get(decision_id)
        key = dossier.key if dossier is not None else f"\0{decision_id}"
        if key not in seen:
            seen.add(key)
            kept.append(decision_id)
    return kept

"""Facets of the promise list: each counted under the other filters (the usual faceted-search
rule: choosing a status narrows the chapter counts, never the other statuses).

Works on the list's snapshot (`pipeline.promise_snapshot`): a few array operations over every
promise, so one pass serves every facet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from beloftemeter.models.assessment import STATUSES
from beloftemeter.models.labels import STAGE_NAMES, stage_name
from beloftemeter.models.promises import Facet, FacetValue
from beloftemeter.pipeline.promise_snapshot import COLUMNS, ListSnapshot

NOT_ASSESSED = "nog niet beoordeeld"  # the status facet's value for a promise without verdict
EVIDENCE_LABELS = {"true": "met bewijs", "false": "zonder bewijs"}
# In this order in every facet list and every JSON facets object.
FACETS = ("status", "part", "chapter", "minister", "domain", "has_evidence", "latest_stage",
          "latest_year")


@dataclass(frozen=True)
class Vocabulary:
    """What the facet values are called: part and chapter titles → (key, label) in agreement
    order; per promise with a planned action its ministers and domains."""

    parts: Mapping[str, tuple[str, str]]
    chapters: Mapping[str, tuple[str, str]]
    ministers: Mapping[str, frozenset[str]]  # promise id → canonical minister names
    domains: Mapping[str, frozenset[str]]  # promise id → policy domains


def facet_value(name: str, raw: object, words: Vocabulary) -> str | None:
    """The facet value of a column's raw value as the store has it; None: no value."""
    if name == "status":
        return raw or NOT_ASSESSED
    if name == "part":
        return words.parts.get(raw, (raw, raw))[0]
    if name == "chapter":
        return words.chapters[raw][0] if raw in words.chapters else None
    if name == "has_evidence":
        return "true" if raw else "false"
    if name == "latest_year":
        return None if raw is None else str(raw)
    return raw  # latest_stage


def _passing(table: ListSnapshot, name: str, wanted: str, words: Vocabulary,
             labels: Mapping[str, list]) -> np.ndarray:
    """Per promise whether it has `wanted` as a value of facet `name`."""
    if name in COLUMNS:
        good = np.array([value == wanted for value in labels[name]], dtype=bool)
        return good[table.codes[name]] if len(good) else np.zeros(len(table), dtype=bool)
    lookup = words.ministers if name == "minister" else words.domains
    result = np.zeros(len(table), dtype=bool)
    result[[p for p in table.linked.tolist() if wanted in lookup.get(table.ids[p], ())]] = True
    return result


def count_facets(
    table: ListSnapshot, active: Mapping[str, str], words: Vocabulary,
    within: np.ndarray | None = None,
) -> tuple[np.ndarray, dict[str, Counter[str]]]:
    """The promises under all `active` filters (facet → value), as a mask over positions,
    and per facet the count of each value under the other filters; only promises `within`
    (a mask) count, when given."""
    labels = {name: [facet_value(name, raw, words) for raw in table.values[name]]
              for name in COLUMNS}
    passing = {name: _passing(table, name, wanted, words, labels)
               for name, wanted in active.items()}
    failed = np.zeros(len(table), dtype=np.int8)
    for mask in passing.values():
        failed += ~mask
    base = np.ones(len(table), dtype=bool) if within is None else within
    chosen = base & (failed == 0)
    counts: dict[str, Counter[str]] = {}
    for name in FACETS:
        # Counted under the other filters: no failure but (maybe) this facet's own.
        counted = chosen if name not in passing else base & (failed == ~passing[name])
        found: Counter[str] = Counter()
        if name in COLUMNS:
            tally = np.bincount(table.codes[name][counted], minlength=len(labels[name]))
            for code in np.flatnonzero(tally).tolist():
                if labels[name][code] is not None:
                    found[labels[name][code]] += int(tally[code])
        else:
            lookup = words.ministers if name == "minister" else words.domains
            for position in table.linked[counted[table.linked]].tolist():
                for value in lookup.get(table.ids[position], ()):
                    found[value] += 1
        counts[name] = found
    return chosen, counts


def _order(name: str, counts: Counter[str], words: Vocabulary) -> list[str]:
    if name == "status":
        return [s for s in (*STATUSES, NOT_ASSESSED) if s in counts]
    if name in ("part", "chapter"):
        known = [key for key, _ in (words.parts if name == "part" else words.chapters).values()]
        return [key for key in known if key in counts]
    if name == "latest_stage":
        return sorted(counts, key=lambda c: (list(STAGE_NAMES).index(c)
                                             if c in STAGE_NAMES else len(STAGE_NAMES), c))
    if name in ("has_evidence", "latest_year"):
        return sorted(counts, reverse=name == "has_evidence")
    return sorted(counts, key=lambda v: (-counts[v], v))


def _label(name: str, value: str, words: Vocabulary) -> str:
    if name == "part":
        return next((label for key, label in words.parts.values() if key == value), value)
    if name == "chapter":
        return next((label for key, label in words.chapters.values() if key == value), value)
    if name == "latest_stage":
        return stage_name(value)
    if name == "has_evidence":
        return EVIDENCE_LABELS[value]
    return value


def build_facets(
    counts: Mapping[str, Counter[str]], active: Mapping[str, str], words: Vocabulary
) -> tuple[Facet, ...]:
    """The facets with their values in a reader's order; a chosen value stays listed (with
    count 0 when nothing is left under the other filters)."""
    facets = []
    for name in FACETS:
        found = Counter(counts[name])
        if name in active and active[name] not in found:
            found[active[name]] = 0
        facets.append(Facet(name, tuple(
            FacetValue(value, _label(name, value, words), found[value],
                       active.get(name) == value)
            for value in _order(name, found, words))))
    return tuple(facets)

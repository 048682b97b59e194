"""Facets of the promise list: each counted under the other filters (the usual faceted-search
rule: choosing a status narrows the chapter counts, never the other statuses).

Works on the groups of `store.promise_list.facet_groups`, so one query serves every facet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from beloftemeter.models.assessment import STATUSES
from beloftemeter.models.labels import STAGE_NAMES, stage_name
from beloftemeter.models.promises import Facet, FacetValue

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


def group_values(group: Sequence, words: Vocabulary) -> dict[str, frozenset[str]]:
    """The facet values of one group of `facet_groups` (a promise can have several ministers)."""
    status, part, chapter, has_evidence, stage, year, linked, _ = group
    single = {
        "status": status or NOT_ASSESSED,
        "part": words.parts.get(part, (part, part))[0],
        "chapter": words.chapters[chapter][0] if chapter in words.chapters else None,
        "has_evidence": "true" if has_evidence else "false",
        "latest_stage": stage,
        "latest_year": None if year is None else str(year),
    }
    values = {name: frozenset() if value is None else frozenset((value,))
              for name, value in single.items()}
    values["minister"] = words.ministers.get(linked, frozenset()) if linked else frozenset()
    values["domain"] = words.domains.get(linked, frozenset()) if linked else frozenset()
    return values


def count_facets(
    groups: Sequence[Sequence], active: Mapping[str, str], words: Vocabulary
) -> tuple[int, dict[str, Counter[str]]]:
    """The number of promises under all `active` filters (facet → value) and, per facet, the
    count of each value under the other filters."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    total = 0
    for group in groups:
        values = group_values(group, words)
        size = group[-1]
        failed = [name for name, wanted in active.items() if wanted not in values[name]]
        if not failed:
            total += size
            for name in FACETS:
                for value in values[name]:
                    counts[name][value] += size
        elif len(failed) == 1:
            for value in values[failed[0]]:
                counts[failed[0]][value] += size
    return total, counts


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

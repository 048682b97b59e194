"""Evaluation of the assessment against hand labels and reference citations.

* Hand labels (`tests/fixtures/assessment_labels.json`: `{"description", "labels": [
  {section_key, promise, page, status, key_decisions, rationale}]}`): exact status agreement,
  agreement within one step of the ordered scale (off-scale statuses only agree with
  themselves), and evidence precision = share of the automatic evidence decisions that are
  among the label's key decisions (over the labels that have key decisions or none at all).
* Reference citations (`[{chapter, section, title, decision_ids}]`): per section, the share
  of cited decisions found in the union of evidence and context over the section's promises.

The labels are read only to score; the assessment never sees them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from beloftemeter.analysis.evidence import EvidenceLinker
from beloftemeter.analysis.status import assess
from beloftemeter.errors import NotFoundError
from beloftemeter.models.assessment import SCALE, STATUSES
from beloftemeter.search.label_files import load_label_file
from beloftemeter.store import Store
from beloftemeter.store import agreement as agreement_store
from beloftemeter.store.decisions import decision_ids

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class AssessmentLabel:
    """An annotator's verdict on one promise, with the decisions that carry it out."""

    section_key: str
    promise: str
    status: str
    key_decisions: tuple[str, ...]
    uncertain: bool = False  # the annotator hesitated between two statuses


@dataclass(frozen=True)
class LabelResult:
    label: AssessmentLabel
    status: str | None  # None: the promise was not found in the store
    evidence: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class StatusEvaluation:
    labels: int
    found: int
    exact: float
    within_one: float
    evidence_precision: float | None  # None when no automatic evidence at all
    evidence_decisions: int
    key_recall: float | None  # share of key decisions found as evidence
    results: tuple[LabelResult, ...] = field(default=(), repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "labels": self.labels, "gevonden": self.found, "exact": round(self.exact, 3),
            "binnen_een_stap": round(self.within_one, 3),
            "bewijsprecisie": None if self.evidence_precision is None
            else round(self.evidence_precision, 3),
            "bewijsbeslissingen": self.evidence_decisions,
            "recall_sleutelbeslissingen": None if self.key_recall is None
            else round(self.key_recall, 3),
        }


def load_assessment_labels(path: str | Path) -> list[AssessmentLabel]:
    return load_label_file(
        path, _assessment_label, key="labels", shape="een object met een lijst 'labels'",
        noun="label", fields="section_key, promise, status en key_decisions",
    )


def _assessment_label(item: Any) -> AssessmentLabel:
    status = str(item["status"])
    if status not in STATUSES:
        raise ValueError(f"onbekende status {status!r}")
    return AssessmentLabel(str(item["section_key"]), str(item["promise"]), status,
                           tuple(str(d) for d in item["key_decisions"]),
                           bool(item.get("uncertain", False)))


def within_one(automatic: str, labelled: str) -> bool:
    """Equal, or neighbours on the ordered scale (off-scale statuses: only equal)."""
    if automatic == labelled:
        return True
    if automatic in SCALE and labelled in SCALE:
        return abs(SCALE.index(automatic) - SCALE.index(labelled)) <= 1
    return False


def _squash_and_lower(text: str) -> str:
    """Runs of white space as one space, no outer space, lower case: how a labelled promise
    is matched to the stored statement."""
    return _SPACES.sub(" ", text).strip().lower()


def evaluate_statuses(
    store: Store,
    linker: EvidenceLinker,
    labels: Sequence[AssessmentLabel],
    progress: Callable[[int], None] | None = None,
) -> StatusEvaluation:
    """Assess each labelled promise (nothing is stored) and compare with its label."""
    results: list[LabelResult] = []
    for label in labels:
        try:
            node = agreement_store.get_node(store, label.section_key)
            statements = agreement_store.statements_of(store, node.key)
        except NotFoundError:
            statements = []
        wanted = _squash_and_lower(label.promise)
        statement = next((s for s in statements if _squash_and_lower(s.text) == wanted), None)
        if statement is None:
            results.append(LabelResult(label, None))
        else:
            linked = linker.link(statement.text, node.title)
            verdict = assess(node.key, statement.ordinal, statement.page, statement.text, linked)
            results.append(LabelResult(label, verdict.status,
                                       tuple(e.decision_id for e in verdict.evidence),
                                       verdict.reason))
        if progress is not None:
            progress(1)
    found = [r for r in results if r.status is not None]
    exact = sum(r.status == r.label.status for r in found)
    near = sum(within_one(r.status or "", r.label.status) for r in found)
    cited = [(e, r.label.key_decisions) for r in found for e in r.evidence]
    correct = sum(e in keys for e, keys in cited)
    keys_total = sum(len(r.label.key_decisions) for r in found)
    keys_found = sum(len(set(r.evidence) & set(r.label.key_decisions)) for r in found)
    return StatusEvaluation(
        labels=len(labels),
        found=len(found),
        exact=exact / len(found) if found else 0.0,
        within_one=near / len(found) if found else 0.0,
        evidence_precision=correct / len(cited) if cited else None,
        evidence_decisions=len(cited),
        key_recall=keys_found / keys_total if keys_total else None,
        results=tuple(results),
    )


@dataclass(frozen=True)
class UnionRecall:
    sections: int
    recall: float  # micro: cited decisions found / cited decisions, over all sections
    macro: float  # mean of per-section recall
    max_evidence: int  # most evidence decisions any promise got
    per_section: tuple[tuple[str, int, int], ...] = field(default=(), repr=False)


def union_recall(
    store: Store,
    linker: EvidenceLinker,
    citations: Sequence[Any],
    progress: Callable[[int], None] | None = None,
) -> UnionRecall:
    """Per cited section (search.evaluation.Label): recall of its cited decisions by the
    union of evidence and context over the section's promises (subsections included)."""
    present = set(decision_ids(store))
    rows: list[tuple[str, int, int]] = []
    most = 0
    for citation in citations:
        node = agreement_store.find_node(store, chapter=citation.chapter,
                                         number=citation.section)
        relevant = {d for d in citation.decision_ids if d in present}
        if node is None or not relevant:
            if progress is not None:
                progress(1)
            continue
        union: set[str] = set()
        titles: dict[str, str] = {}
        for statement in agreement_store.statements_of(store, node.key, include_descendants=True):
            if not statement.is_promise:
                continue
            title = titles.get(statement.node_key)
            if title is None:
                title = titles[statement.node_key] = agreement_store.get_node(
                    store, statement.node_key).title
            linked = linker.link(statement.text, title)
            most = max(most, len(linked.evidence))
            union.update(e.decision_id for e in (*linked.evidence, *linked.context))
        rows.append((node.key, len(relevant & union), len(relevant)))
        if progress is not None:
            progress(1)
    found = sum(r[1] for r in rows)
    total = sum(r[2] for r in rows)
    return UnionRecall(
        sections=len(rows),
        recall=found / total if total else 0.0,
        macro=sum(r[1] / r[2] for r in rows) / len(rows) if rows else 0.0,
        max_evidence=most,
        per_section=tuple(rows),
    )

"""From the store to a report's input: the section, its promises with their verdicts (and
whether the editors checked them), and the evidence numbered once for the generators."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from beloftemeter.analysis.dossiers import dossiers_for
from beloftemeter.errors import NotFoundError
from beloftemeter.models.agreement import Node
from beloftemeter.models.assessment import Assessment, EvidenceDecision
from beloftemeter.models.decisions import Decision
from beloftemeter.models.report import ReportDecision, ReportInput, ReportPromise, ReportSection
from beloftemeter.reports.themes import report_dossiers
from beloftemeter.store import Store
from beloftemeter.store import agreement as agreement_store
from beloftemeter.store import assessment as assessment_store
from beloftemeter.store import policy as policy_store
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.decisions import get_decisions
from beloftemeter.store.promise_ids import ids_by_key
from beloftemeter.urls import is_web_url

CONTEXT_SHOWN = 10  # related decisions listed per promise (the most probable)
SUMMARY_WORDS = 30
_SPACES = re.compile(r"\s+")
_SENTENCE = re.compile(r".+?[.!?](?=\s+[A-Z(“\"]|$)")


def summary_of(title: str, text: str, words: int = SUMMARY_WORDS) -> str:
    """The first sentence of a decision's text (or its first words), without its title."""
    text = _SPACES.sub(" ", text or "").strip()
    title = _SPACES.sub(" ", title or "").strip()
    if title and text.startswith(title):
        text = text[len(title):].lstrip(" .:;,-–")
    # Whole sentences (at least a few words: "A." is an enumeration, not a sentence).
    end = 0
    for match in _SENTENCE.finditer(text):
        end = match.end()
        if len(text[:end].split()) >= 6:
            break
    if end and 6 <= len(text[:end].split()) <= words + 15:
        return text[:end].strip()
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]).rstrip(",;:") + " […]"  # shortened, and it says so


class ReportBuilder:
    """Builds report inputs for many sections of one store; reads the assessments once."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._nodes = {n.key: n for n in agreement_store.list_nodes(store)}
        if not self._nodes:
            raise NotFoundError("De opslag bevat nog geen regeerakkoord: importeer het eerst.")
        self._assessments: dict[str, list[Assessment]] = {}
        for a in assessment_store.load_assessments(store):
            self._assessments.setdefault(a.node_key, []).append(a)
        reviewed = reviews_store.reviews_by_id(store)
        self._reviewed = {key for key, pid in ids_by_key(store).items() if pid in reviewed}
        self._decisions: dict[str, Decision] = {}
        self._summaries: dict[str, str] = {}

    @property
    def nodes(self) -> list[Node]:
        return list(self._nodes.values())

    def assessed(self) -> bool:
        return bool(self._assessments)

    def assessments_of(self, key: str) -> list[Assessment]:
        return self._assessments.get(key, [])

    def input_for(self, key: str, include_descendants: bool = True) -> ReportInput:
        """The report input of node `key` (with its subsections unless told otherwise)."""
        node = agreement_store.get_node(self._store, key)
        keys = [node.key]
        if include_descendants:
            keys = [n.key for n in self._nodes.values()
                    if n.key == node.key or n.key.startswith(node.key + "/")
                    or _descends(self._nodes, n, node.key)]
        text = agreement_store.section_text(self._store, node.key,
                                            include_descendants=include_descendants)
        assessments = [a for k in keys for a in self._assessments.get(k, [])]
        self._load_decisions(d.decision_id for a in assessments for d in (
            *a.evidence, *a.candidates, *a.context[:CONTEXT_SHOWN]))
        promises = tuple(
            ReportPromise(
                ordinal=a.ordinal, text=a.promise, page=a.page, status=a.status,
                reason=a.reason, evidence=tuple(self._decision(d) for d in a.evidence),
                context=tuple(self._decision(d) for d in a.context[:CONTEXT_SHOWN]),
                plans=tuple(policy_store.actions_for_promise(self._store, a.node_key, a.ordinal)),
                candidates=tuple(self._decision(d) for d in a.candidates),
                reviewed=(a.node_key, a.ordinal) in self._reviewed,
            )
            for a in assessments
        )
        evidence = _unique(d for p in promises for d in p.evidence)
        # a decision that is evidence for one promise is cited as evidence, not as a candidate
        proven = {d.decision_id for d in evidence}
        candidates = _unique(d for p in promises for d in p.candidates
                             if d.decision_id not in proven)
        numbered = (*evidence, *candidates)
        known = dossiers_for(self._store, [d.decision_id for d in numbered])
        dossiers = report_dossiers([self._decisions[d.decision_id] for d in numbered
                                    if d.decision_id in self._decisions], known)
        section = ReportSection(
            key=node.key, chapter=node.chapter or "", number=node.number, title=node.title,
            text=text, first_page=node.first_page, last_page=node.last_page,
        )
        return ReportInput(section, promises, evidence, candidates, dossiers)

    def _load_decisions(self, ids: Iterable[str]) -> None:
        todo = {i for i in ids if i not in self._decisions}
        for decision in get_decisions(self._store, todo).values():
            self._decisions[decision.id] = decision
            self._summaries[decision.id] = summary_of(decision.title, decision.text)

    def _decision(self, d: EvidenceDecision) -> ReportDecision:
        found = self._decisions.get(d.decision_id)
        url = found.url if found is not None else ""
        if not is_web_url(url):  # a store written before links were checked at import
            url = ""
        return ReportDecision(
            decision_id=d.decision_id, meeting_date=d.meeting_date, title=d.title, url=url,
            score=d.score, stage=d.stage, instrument=d.instrument,
            summary=self._summaries.get(d.decision_id, ""),
            amounts=found.amounts if found is not None else (), role=d.role,
        )


def _unique(decisions: Iterable[ReportDecision]) -> tuple[ReportDecision, ...]:
    """Each decision once, oldest first."""
    unique: dict[str, ReportDecision] = {}
    for d in decisions:
        unique.setdefault(d.decision_id, d)
    return tuple(sorted(unique.values(), key=lambda d: (d.meeting_date, d.decision_id)))


def _descends(nodes: dict[str, Node], node: Node, ancestor: str) -> bool:
    seen = 0
    parent = node.parent_key
    while parent is not None and seen < 64:
        if parent == ancestor:
            return True
        parent = nodes[parent].parent_key if parent in nodes else None
        seen += 1
    return False


def report_keys(nodes: Sequence[Node], builder: ReportBuilder) -> list[str]:
    """The nodes that get their own report in `rapport --alles`: every node with text or
    promises of its own (its subsections get their own reports)."""
    return [n.key for n in nodes
            if n.kind != "part" and (n.text.strip() or builder.assessments_of(n.key))]

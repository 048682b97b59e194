"""Assess the promises of one section (with its subsections) or of the whole agreement:
evidence from the search engine, a status with its reason, roll-ups per section and chapter,
and the policy actions that plan each promise. Incremental and resumable (see
`analysis.assessor`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from beloftemeter.config import Settings
from beloftemeter.errors import NotFoundError
from beloftemeter.models.assessment import Assessment
from beloftemeter.models.policy import PlannedAction
from beloftemeter.pipeline.base import Progress, StoreLike, counter, opened
from beloftemeter.pipeline.index import require_decisions

if TYPE_CHECKING:  # the search and analysis modules load with the use case
    from beloftemeter.analysis.assessor import RunReport
    from beloftemeter.analysis.rollup import Rollup

NO_AGREEMENT = "De opslag bevat nog geen regeerakkoord: importeer het eerst."


@dataclass(frozen=True)
class AssessmentResult:
    run: RunReport
    assessments: tuple[Assessment, ...]  # of the promises asked for, in agreement order
    sections: tuple[Rollup, ...]
    chapters: tuple[Rollup, ...]
    # (node_key, ordinal) → the policy actions that plan that promise (only where some do)
    plans: dict[tuple[str, int], list[PlannedAction]] = field(default_factory=dict)

    def plans_of(self, a: Assessment) -> list[PlannedAction]:
        return self.plans.get((a.node_key, a.ordinal), [])


def run_assessment(
    store: StoreLike,
    settings: Settings,
    section: str | None = None,
    *,
    progress: Progress | None = None,
) -> AssessmentResult:
    """Assess the promises of `section` (or, without one, all) and read back their verdicts."""
    from beloftemeter.analysis.assessor import assess_promises, promises_of
    from beloftemeter.analysis.evidence import EvidenceLinker
    from beloftemeter.analysis.judge import build_judge
    from beloftemeter.analysis.rollup import rollups_by
    from beloftemeter.search.engine import SearchEngine
    from beloftemeter.search.vectors import query_cache_for
    from beloftemeter.store import agreement as agreement_store
    from beloftemeter.store import assessment as assessment_store
    from beloftemeter.store import policy as policy_store

    with opened(store) as target:
        if agreement_store.agreement_info(target) is None:
            raise NotFoundError(NO_AGREEMENT)
        require_decisions(target)
        promises = promises_of(target, section)
        if not promises:
            raise NotFoundError(f"Sectie {section!r} bevat geen beloften.")
        judge = build_judge(settings.assessment_judge, target, settings)  # fails first, if at all
        try:
            engine = SearchEngine(target, settings,
                                  query_cache=query_cache_for(target, settings.embedding_cache))
            linker = EvidenceLinker(target, engine, judge=judge)
            report = assess_promises(target, linker, promises, complete=section is None,
                                     progress=counter(progress, len(promises)))
        finally:
            if judge is not None:
                judge.close()
        keys = sorted({p.node_key for p in promises})
        assessments = assessment_store.load_assessments(target, keys)
        nodes = {n.key: n for n in agreement_store.list_nodes(target)}
        planned = policy_store.planned_promises(target)
        plans = {(a.node_key, a.ordinal): policy_store.actions_for_promise(
            target, a.node_key, a.ordinal) for a in assessments
            if (a.node_key, a.ordinal) in planned}
    section_titles = {k: f"{n.number or ''} {n.title}".strip() for k, n in nodes.items()}

    def chapter_of(a: Assessment) -> str:
        node = nodes.get(a.node_key)
        return node.chapter if node and node.chapter else a.node_key.split("/")[0]

    return AssessmentResult(
        run=report,
        assessments=tuple(assessments),
        sections=tuple(rollups_by(assessments, lambda a: a.node_key, section_titles, planned)),
        chapters=tuple(rollups_by(assessments, chapter_of, planned=planned)),
        plans=plans,
    )

"""`beloftemeter analyseer`: a status for every promise, with its evidence and roll-ups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from beloftemeter.cli.common import AgreementOption, Context, console, print_json, progress_bar
from beloftemeter.errors import InputError
from beloftemeter.models.assessment import Assessment, EvidenceDecision
from beloftemeter.models.policy import PlannedAction

if TYPE_CHECKING:
    from beloftemeter.pipeline.assess import AssessmentResult


def _decision_json(e: EvidenceDecision) -> dict:
    return {"id": e.decision_id, "meeting_date": e.meeting_date, "title": e.title,
            "stage": e.stage, "score": e.score, "passage": e.passage}


def _plan_json(p: PlannedAction) -> dict:
    return {"document": p.document_id, "action": p.action_number, "title": p.action_title,
            "method": p.method, "score": p.score}


def assessment_json(a: Assessment, plans: list[PlannedAction]) -> dict:
    return {
        "section": a.node_key, "ordinal": a.ordinal, "page": a.page, "promise": a.promise,
        "status": a.status, "reason": a.reason, "rung": a.rung, "rung_label": a.rung_label,
        "reached_on": a.reached_on, "first_decision": a.first_date,
        "last_decision": a.last_date,
        "evidence": [_decision_json(e) for e in a.evidence],
        "candidates": [_decision_json(e) for e in a.candidates],
        "context": [_decision_json(e) for e in a.context],
        "plans": [_plan_json(p) for p in plans],
    }


def analyse(
    ctx: typer.Context,
    section: Annotated[
        str | None,
        typer.Option("--sectie", help="Sleutel van een sectie (met haar subsecties)."),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--alles", help="Alle beloften van het akkoord.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
    agreement: AgreementOption = None,
) -> None:
    """Beoordeel de beloften: bewijs zoeken, status bepalen, per sectie en hoofdstuk optellen."""
    from beloftemeter.pipeline.assess import run_assessment

    if (section is None) == (not everything):
        raise InputError("Kies --sectie SLEUTEL of --alles (niet allebei).")
    context: Context = ctx.obj.about(agreement)
    settings = context.settings
    context.choose_agreement()  # an unknown slug fails before anything is assessed
    with progress_bar("beoordelen") as advance:
        result = run_assessment(settings.store_url, settings, section, progress=advance)
    if as_json:
        print_json({
            "promises": result.run.promises, "reassessed": result.run.assessed,
            "unchanged": result.run.unchanged, "kept_reviewed": result.run.kept_reviewed,
            "back_in_queue": result.run.back_in_queue,
            "results": [assessment_json(a, result.plans_of(a)) for a in result.assessments],
            "sections": [r.as_dict() for r in result.sections],
            "chapters": [r.as_dict() for r in result.chapters],
        })
        return
    if section is not None:
        show_promises(result)
    show_rollups(result, by_section=section is not None)


def show_promises(result: AssessmentResult) -> None:
    for a in result.assessments:
        console.print(f"[{a.node_key} #{a.ordinal}, p. {a.page}] {a.status}", markup=False)
        console.print(f"  belofte: {a.promise}", markup=False)
        console.print(f"  reden: {a.reason}", markup=False)
        for e in a.evidence:
            console.print(f"    bewijs {e.meeting_date} {e.decision_id} {e.title}",
                          markup=False)
        for e in a.candidates:
            console.print(f"    mogelijk relevant, niet bevestigd (score {e.score:.2f})"
                          f" {e.meeting_date} {e.decision_id} {e.title}", markup=False)
        for p in result.plans_of(a):
            console.print(f"    gepland: actie {p.action_number} {p.action_title}"
                          f" ({p.document_title}; {p.method})", markup=False)
        for e in a.context[:3]:
            console.print(f"    verwant {e.meeting_date} {e.decision_id} {e.title}",
                          markup=False)


def show_rollups(result: AssessmentResult, *, by_section: bool = False) -> None:
    """One line per section (or chapter), then the run's totals."""
    for r in result.sections if by_section else result.chapters:
        counts = ", ".join(f"{status} {n}" for status, n in r.counts.items() if n)
        dates = f"{r.first_date} – {r.last_date}" if r.first_date else "geen beslissingen"
        plans = (f", {r.with_plan} met een geplande actie ({r.planned_without_decision} daarvan"
                 " zonder beslissing)" if r.with_plan else "")
        console.print(
            f"{r.title}: {r.promises} beloften, {r.evidence_share:.0%} met bewijs ({dates}){plans};"
            f" {counts}", markup=False)
    run = result.run
    console.print(
        f"{run.promises} beloften: {run.assessed} (opnieuw) beoordeeld,"
        f" {run.unchanged} ongewijzigd.", markup=False)
    if run.kept_reviewed:
        console.print(
            f"{run.kept_reviewed} nagekeken beloften houden het oordeel van de redactie;"
            f" {run.back_in_queue} daarvan opnieuw in de wachtrij (opnieuw bekijken).",
            markup=False)

"""`beloftemeter analyseer`: a status for every promise, with its evidence and roll-ups."""

from __future__ import annotations

from typing import Annotated

import typer

from beloftemeter.cli.common import Context, console, print_json, progress_bar
from beloftemeter.errors import InputError, NotFoundError
from beloftemeter.models.assessment import Assessment


def _assessment_json(a: Assessment) -> dict:
    def decision(e) -> dict:
        return {"id": e.decision_id, "datum": e.meeting_date, "titel": e.title,
                "fase": e.stage, "score": e.score, "passage": e.passage}

    return {
        "sectie": a.node_key, "volgnummer": a.ordinal, "pagina": a.page, "belofte": a.promise,
        "status": a.status, "reden": a.reason, "trede": a.rung, "trede_label": a.rung_label,
        "bereikt_op": a.reached_on, "eerste_beslissing": a.first_date,
        "laatste_beslissing": a.last_date,
        "bewijs": [decision(e) for e in a.evidence],
        "verwant": [decision(e) for e in a.context],
    }


def analyse(
    ctx: typer.Context,
    sectie: Annotated[
        str | None,
        typer.Option("--sectie", help="Sleutel van een sectie (met haar subsecties)."),
    ] = None,
    alles: Annotated[bool, typer.Option("--alles", help="Alle beloften van het akkoord.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Beoordeel de beloften: bewijs zoeken, status bepalen, per sectie en hoofdstuk optellen."""
    if (sectie is None) == (not alles):
        raise InputError("Kies --sectie SLEUTEL of --alles (niet allebei).")
    context: Context = ctx.obj
    report, assessments, rollups, plans = run_analysis(context, sectie)
    if as_json:
        print_json({
            "beloften": report.promises, "opnieuw_beoordeeld": report.assessed,
            "ongewijzigd": report.unchanged,
            "resultaten": [_assessment_json(a) | {"gepland": [
                {"document": p.document_id, "actie": p.action_number, "titel": p.action_title,
                 "methode": p.method, "score": p.score}
                for p in plans.get((a.node_key, a.ordinal), [])]} for a in assessments],
            "secties": [r.as_dict() for r in rollups["secties"]],
            "hoofdstukken": [r.as_dict() for r in rollups["hoofdstukken"]],
        })
        return
    if sectie is not None:
        for a in assessments:
            console.print(f"[{a.node_key} #{a.ordinal}, p. {a.page}] {a.status}", markup=False)
            console.print(f"  belofte: {a.promise}", markup=False)
            console.print(f"  reden: {a.reason}", markup=False)
            for e in a.evidence:
                console.print(f"    bewijs {e.meeting_date} {e.decision_id} {e.title}",
                              markup=False)
            for p in plans.get((a.node_key, a.ordinal), []):
                console.print(f"    gepland: actie {p.action_number} {p.action_title}"
                              f" ({p.document_title}; {p.method})", markup=False)
            for e in a.context[:3]:
                console.print(f"    verwant {e.meeting_date} {e.decision_id} {e.title}",
                              markup=False)
    level = "secties" if sectie is not None else "hoofdstukken"
    for r in rollups[level]:
        counts = ", ".join(f"{status} {n}" for status, n in r.counts.items() if n)
        dates = f"{r.first_date} – {r.last_date}" if r.first_date else "geen beslissingen"
        plans = (f", {r.with_plan} met een geplande actie ({r.planned_without_decision} daarvan"
                 " zonder beslissing)" if r.with_plan else "")
        console.print(
            f"{r.title}: {r.promises} beloften, {r.evidence_share:.0%} met bewijs ({dates}){plans};"
            f" {counts}", markup=False)
    console.print(
        f"{report.promises} beloften: {report.assessed} (opnieuw) beoordeeld,"
        f" {report.unchanged} ongewijzigd.", markup=False)


def run_analysis(context: Context, section: str | None):
    """Assess the promises of `section` (or all) and return report, assessments, roll-ups."""
    from beloftemeter.analysis.assessor import assess_promises, promises_of
    from beloftemeter.analysis.evidence import EvidenceLinker
    from beloftemeter.analysis.judge import build_judge
    from beloftemeter.analysis.rollup import rollups_by
    from beloftemeter.search.engine import SearchEngine
    from beloftemeter.search.vectors import query_cache_for
    from beloftemeter.store import agreement as agreement_store
    from beloftemeter.store import assessment as assessment_store
    from beloftemeter.store import policy as policy_store

    settings = context.settings
    with context.store() as store:
        if agreement_store.agreement_info(store) is None:
            raise NotFoundError("De opslag bevat nog geen regeerakkoord: importeer het eerst.")
        if not store.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]:
            raise NotFoundError("De opslag bevat nog geen beslissingen: importeer ze eerst.")
        promises = promises_of(store, section)
        if not promises:
            raise NotFoundError(f"Sectie {section!r} bevat geen beloften.")
        judge = build_judge(settings.assessment_judge, store, settings)  # fails first, if at all
        try:
            engine = SearchEngine(store, settings,
                                  query_cache=query_cache_for(store, settings.embedding_cache))
            linker = EvidenceLinker(store, engine, judge=judge)
            with progress_bar("beoordelen", total=len(promises)) as advance:
                report = assess_promises(store, linker, promises, complete=section is None,
                                         progress=advance)
        finally:
            if judge is not None:
                judge.close()
        keys = sorted({p.node_key for p in promises})
        assessments = assessment_store.load_assessments(store, keys)
        nodes = {n.key: n for n in agreement_store.list_nodes(store)}
        planned = policy_store.planned_promises(store)
        plans = {(a.node_key, a.ordinal): policy_store.actions_for_promise(
            store, a.node_key, a.ordinal) for a in assessments
            if (a.node_key, a.ordinal) in planned}
    section_titles = {k: f"{n.number or ''} {n.title}".strip() for k, n in nodes.items()}

    def chapter_of(a: Assessment) -> str:
        node = nodes.get(a.node_key)
        return (node.chapter if node and node.chapter else a.node_key.split("/")[0])

    rollups = {
        "secties": rollups_by(assessments, lambda a: a.node_key, section_titles, planned),
        "hoofdstukken": rollups_by(assessments, chapter_of, planned=planned),
    }
    return report, assessments, rollups, plans

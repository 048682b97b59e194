"""The JSON API: the agreement's tree, a section's report, decisions, search and questions.

Keys are English; every object also carries its old Dutch keys for one release (see
web.legacy_keys). A section's report (/api/secties/{key}) is the JSON report as written to disk.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from beloftemeter.models.assessment import CANDIDATE, CONTEXT
from beloftemeter.models.dossiers import Dossier
from beloftemeter.models.search import Hit
from beloftemeter.reports.json_report import report_dict
from beloftemeter.web.legacy_keys import with_dutch_keys
from beloftemeter.web.params import Limit, QueryText, SearchFilters
from beloftemeter.web.snapshot import TreeNode
from beloftemeter.web.state import Carried, WebState


def hit_dict(h: Hit) -> dict[str, Any]:
    return {"id": h.decision_id, "rank": h.rank, "score": h.score,
            "meeting_date": h.meeting_date, "title": h.title, "instrument": h.instrument,
            "stage": h.stage, "url": h.url, "passage": h.snippet,
            "exact_names": list(h.exact_names)}


def promise_link(carried: Carried) -> dict[str, Any]:
    key, ordinal, a = carried
    return {"section": key, "ordinal": ordinal, "status": a.status if a else None,
            "promise": a.promise if a else None}


def dossier_dict(d: Dossier) -> dict[str, Any]:
    """Every stage of the decision's file, oldest first (the decision itself included)."""
    return {"key": d.key, "instrument": d.instrument, "subject": d.subject,
            "steps": [{"id": s.decision_id, "meeting_date": s.meeting_date, "stage": s.stage,
                       "title": s.title} for s in d.steps]}


def node_dict(t: TreeNode) -> dict[str, Any]:
    """A node with the status counts over it and its subsections."""
    r = t.total
    english = {
        "key": t.node.key, "kind": t.node.kind, "number": t.node.number,
        "title": t.node.title, "parent_key": t.node.parent_key, "promises": r.promises,
        "per_status": r.counts, "with_evidence": r.with_evidence,
        "evidence_share": round(r.evidence_share, 3), "first_decision": r.first_date,
        "last_decision": r.last_date, "with_plan": r.with_plan,
        "planned_without_decision": r.planned_without_decision,
    }
    # The old `titel` held the number with the title ("1.1 Slimme heffingen"); it still does.
    return {**with_dutch_keys(english), "titel": r.title}


def api_router(state: WebState) -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.get("/secties", tags=["akkoord"])
    async def api_sections() -> list[dict]:
        """Alle knopen van het akkoord met hun telling per status (met subsecties)."""
        return [node_dict(t) for t in state.snapshot.by_key.values()]

    @router.get("/secties/{key:path}", tags=["akkoord"])
    async def api_section(key: str) -> dict:
        """Het rapport van een sectie: tekst, beloften met status, bewijs en referenties."""
        return report_dict(state.section_report(key)[0])

    @router.get("/beslissingen/{decision_id:path}", tags=["beslissingen"])
    async def api_decision(decision_id: str) -> dict:
        """Eén beslissing met de beloften die ze volgens de beoordeling uitvoert (carries_out),
        de beloften waaraan ze verwant is (context), die waarvoor ze mogelijk relevant is maar
        niet bevestigd (candidates), en haar dossier: alle fasen van hetzelfde dossier, de
        oudste eerst (null zolang de indexstap het niet groepeerde)."""
        found, carries = state.decision(decision_id)
        linked = state.linked_promises(found.id)
        dossier = state.dossier(found.id)
        return with_dutch_keys({
            "id": found.id, "meeting_date": found.meeting_date, "title": found.title,
            "text": found.text, "url": found.url, "instrument": found.instrument,
            "stage": found.stage, "amounts": list(found.amounts),
            "carries_out": [promise_link(c) for c in carries],
            "context": [promise_link(c) for c in linked.get(CONTEXT, [])],
            "candidates": [promise_link(c) for c in linked.get(CANDIDATE, [])],
            "dossier": dossier_dict(dossier) if dossier else None})

    @router.get("/zoek", tags=["beslissingen"])
    async def api_search(q: QueryText, filters: SearchFilters, aantal: Limit = 20) -> dict:
        """Beslissingen gerangschikt voor een zoekvraag, met filters (type: het instrument;
        soort: verouderde naam van type): beslissingen met de namen uit de vraag eerst, en
        `lexical_matches`, hoeveel beslissingen alle woorden van de vraag bevatten (0: de
        resultaten zijn alleen inhoudelijk verwant)."""
        result = state.search(q, filters, aantal)
        return {"query": q, "lexical_matches": result.lexical_matches,
                "results": with_dutch_keys([hit_dict(h) for h in result.hits])}

    @router.get("/vraag", tags=["vragen"])
    async def api_question(q: QueryText) -> dict:
        """Een antwoord met verwijzingen [n] naar beslissingen (bronnen genummerd vanaf 1, één
        beslissing per dossier). Gaat geen beslissing over de vraag, dan is found false, zegt
        het antwoord dat en staan de dichtstbijzijnde beloften in closest_promises."""
        answer = await run_in_threadpool(state.ask, q)  # a language model may take seconds
        return with_dutch_keys({
            "question": answer.question, "answer": answer.text, "found": answer.found,
            "sources": [{"n": n, **hit_dict(h)} for n, h in enumerate(answer.sources, start=1)],
            "closest_promises": [{"section": p.section, "ordinal": p.ordinal, "page": p.page,
                                  "promise": p.text, "status": p.status}
                                 for p in answer.promises],
            "generator": answer.generator, "note": answer.note})

    return router

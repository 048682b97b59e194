"""The Dutch pages: the agreements side by side (the home page, `/`), an agreement's tree
(`/{slug}/`), a section's report, a decision, search, questions and the overview; and the Dutch
404 for an address under an agreement the store does not hold.

Every request runs on the event loop itself: each takes a few milliseconds of CPU (reports are
rendered once and kept), so serving them one after the other beats a pool of threads queueing
for the interpreter and the one store connection. Only a question, which may wait seconds for a
language model, goes to a thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from beloftemeter.analysis.dossiers import dossier_sentence
from beloftemeter.errors import NotFoundError
from beloftemeter.models.agreement import AgreementProgress, StoredAgreement
from beloftemeter.models.assessment import CANDIDATE, CONTEXT, EVIDENCE
from beloftemeter.pipeline import promises as promises_pipeline
from beloftemeter.store import agreements as agreements_store
from beloftemeter.store import scope
from beloftemeter.web.charts import column_chart
from beloftemeter.web.errors import MESSAGES
from beloftemeter.web.params import Limit, OptionalText, SearchFilters
from beloftemeter.web.state import WebState

# How a decision is linked to a promise (models.assessment.ROLES, closest tier first), with the
# heading the decision page gives it and what it means.
PROMISES_BESIDE = 5  # promises shown above the decisions in the search box



@dataclass(frozen=True)
class AgreementCard:
    """One agreement on the home page; `promises` and `counts` as the status bar reads them."""

    agreement: StoredAgreement
    promises: int
    assessed: int
    counts: dict[str, int]
    with_evidence: int
    reviewed: int


def cards(progress: list[AgreementProgress]) -> list[AgreementCard]:
    return [AgreementCard(p.agreement, p.promises, p.assessed, p.by_status, p.with_evidence,
                          p.reviewed) for p in progress]


ROLES = (
    (EVIDENCE, "Bewijs voor deze beloften",
     "Volgens de beoordeling voert deze beslissing (een deel van) deze beloften uit."),
    (CANDIDATE, "Mogelijk relevant, niet bevestigd",
     "Net onder de drempel voor bewijs: deze beslissing kan bij deze beloften horen, maar"
     " de beoordeling telt ze niet mee."),
    (CONTEXT, "Verwant aan deze beloften",
     "Deze beslissing gaat over hetzelfde onderwerp, maar telt niet als bewijs."),
)


def pages_router(state: WebState, templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
    render = templates.TemplateResponse

    @router.get("/")
    async def home(request: Request):
        """Under a slug the agreement's tree; at the root the agreements side by side (also
        when there is only one: the home page stays the same page when a second arrives)."""
        if scope.chosen() is None:
            with state.lock:
                progress = agreements_store.progress(state.store)
            return render(request, "agreements.html", {"agreements": cards(progress)})
        snapshot = state.snapshot
        return render(request, "home.html", {
            "roots": snapshot.roots, "decisions": snapshot.decision_count,
            "total": snapshot.total})

    @router.get("/secties/{key:path}")
    async def section_page(request: Request, key: str):
        report, fragment = state.section_report(key)
        return render(request, "section.html", {
            "tree": state.snapshot.by_key[key], "report": report,
            "fragment": Markup(fragment)})

    @router.get("/beslissingen/{decision_id:path}")  # ids may hold a slash
    async def decision_page(request: Request, decision_id: str):
        found, _ = state.decision(decision_id)
        dossier = state.dossier(found.id)
        return render(request, "decision.html", {
            "d": found, "linked": state.linked_promises(found.id), "roles": ROLES,
            "dossier": dossier if dossier and len(dossier.steps) > 1 else None,
            "dossier_sentence": dossier_sentence(dossier) if dossier else ""})

    @router.get("/zoek")
    async def search_page(request: Request, filters: SearchFilters, q: OptionalText = "",
                          aantal: Limit = 20):
        result = state.search(q, filters, aantal) if q.strip() else None
        promises = state.search_promises(q, PROMISES_BESIDE) if q.strip() else None
        return render(request, "search.html", {
            "q": q, "hits": result.hits if result else (),
            "lexical_matches": result.lexical_matches if result else None,
            "promises": promises.hits if promises else (),
            "van": filters.date_from or "", "tot": filters.date_to or "",
            "instrument": filters.instrument or "", "fase": filters.stage or "",
            "instruments": state.known_values("instrument"),
            "stages": state.known_values("stage")})

    @router.get("/vraag")
    async def question_page(request: Request, q: OptionalText = ""):
        answer = await run_in_threadpool(state.ask, q) if q.strip() else None
        return render(request, "question.html", {"q": q, "answer": answer})

    @router.get("/overzicht")
    async def overview_page(request: Request):
        snapshot = state.snapshot
        with state.lock:
            ministers = promises_pipeline.progress_by_minister(state.store)
        return render(request, "overview.html", {
            "ministers": ministers,
            "groups": snapshot.chapters_by_part(), "total": snapshot.total,
            "per_quarter": Markup(column_chart(snapshot.decisions_per_quarter)),
            "decisions": snapshot.decision_count})

    return router


def unknown_agreement_router(state: WebState) -> APIRouter:
    """Last of all routes: an address whose first segment looks like a slug the store does not
    hold gets a Dutch 404 naming the known agreements (web.agreement_paths)."""
    router = APIRouter(include_in_schema=False)
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    @router.api_route("/{slug:akkoord}", methods=methods)
    @router.api_route("/{slug:akkoord}/{rest:path}", methods=methods)
    async def unknown(slug: str, rest: str = ""):
        try:
            with state.lock:
                agreements_store.find(state.store, slug)
        except NotFoundError as unknown:  # which agreements there are, and the closest
            raise NotFoundError(f"{MESSAGES[404]} {unknown.message}") from None
        raise HTTPException(404)  # a known slug deeper in the path: no such page

    return router

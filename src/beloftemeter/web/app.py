"""The FastAPI app: server-rendered Dutch pages and a JSON API over one embedded store.

The store is opened once and only read. SQLite access goes through one lock (a single
connection serves every thread); the search engine and the assessment snapshot are loaded at
start-up, and section reports are rendered once and kept.
"""

from __future__ import annotations

import csv
import io
import logging
import threading
from collections import OrderedDict
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import numpy as np
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from beloftemeter.answer import Answer, extractive_answer, llm_answer
from beloftemeter.config import Settings
from beloftemeter.errors import BeloftemeterError, NotFoundError
from beloftemeter.models.assessment import STATUSES
from beloftemeter.reports import ReportBuilder, compose, render_html_fragment
from beloftemeter.reports.extractive import ExtractiveGenerator
from beloftemeter.reports.html import STATUS_CLASSES, markdown_html
from beloftemeter.reports.json_report import report_dict
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.queries import text_query
from beloftemeter.store import decisions as decisions_store
from beloftemeter.store import open_store
from beloftemeter.web.charts import column_chart, status_bar
from beloftemeter.web.snapshot import load_snapshot

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
MAX_QUERY = 500
MAX_RESULTS = 50
REPORT_CACHE = 512


# Parameter types at module level: the app's signatures are resolved by name.
Q = Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="zoekvraag")]
Dag = Annotated[str | None, Query(max_length=10, description="JJJJ-MM-DD")]
Kort = Annotated[str | None, Query(max_length=40)]
Aantal = Annotated[int, Query(ge=1, le=MAX_RESULTS)]
Vrij = Annotated[str, Query(max_length=MAX_QUERY)]


class MemoryQueryCache:
    """Query vectors kept in memory (bounded): a popular question is embedded once."""

    def __init__(self, size: int = 2048) -> None:
        self._items: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get_many(self, model, hashes):
        with self._lock:
            found = {h: self._items[(model, h)] for h in hashes if (model, h) in self._items}
            for h in found:
                self._items.move_to_end((model, h))
            return found

    def put_many(self, model, items) -> None:
        with self._lock:
            for h, vector in items:
                self._items[(model, h)] = vector
                while len(self._items) > self._size:
                    self._items.popitem(last=False)


def _iso_date(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"Ongeldige datum voor {name}: gebruik JJJJ-MM-DD.") from None


def create_app(settings: Settings) -> FastAPI:
    store = open_store(settings.store_url)
    lock = threading.RLock()
    with lock:
        snapshot = load_snapshot(store)
        engine = SearchEngine(store, settings, query_cache=MemoryQueryCache())
        builder = ReportBuilder(store) if snapshot.nodes else None
    chat = None
    if settings.llm_base_url:
        from beloftemeter.llm.client import ChatClient, ChatSettings

        chat = ChatClient(ChatSettings.from_settings(settings))

    app = FastAPI(title="beloftemeter", description="Wat deed de Vlaamse Regering met de"
                  " beloften uit haar regeerakkoord?", docs_url=None, redoc_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(status_bar=lambda r: Markup(status_bar(r)),
                                 status_class=lambda s: STATUS_CLASSES.get(s, "s-nvt"),
                                 statuses=STATUSES, markdown=markdown_html)

    # -- errors: Dutch, no stack traces ------------------------------------------------------

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    def error(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"fout": message}, status_code=status)
        return templates.TemplateResponse(request, "error.html",
                                          {"message": message, "status": status},
                                          status_code=status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for item in exc.errors():
            where = str(item.get("loc", ["?"])[-1])
            kind = item.get("type", "")
            limit = (item.get("ctx") or {})
            if kind == "string_too_long":
                problems.append(f"{where} is te lang (hoogstens {limit.get('max_length')}"
                                " tekens)")
            elif kind in {"less_than_equal", "greater_than_equal"}:
                problems.append(f"{where} ligt buiten de grenzen")
            elif kind == "missing":
                problems.append(f"{where} ontbreekt")
            else:
                problems.append(f"{where} is ongeldig")
        return error(request, 422, "Ongeldige vraag: " + "; ".join(problems) + ".")

    @app.exception_handler(StarletteHTTPException)  # FastAPI's own and unknown routes
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        messages = {404: "Pagina niet gevonden.", 405: "Methode niet toegelaten."}
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail not in {
            "Not Found", "Method Not Allowed"} else messages.get(exc.status_code, "Fout.")
        return error(request, exc.status_code, detail)

    @app.exception_handler(BeloftemeterError)
    async def _ours(request: Request, exc: BeloftemeterError) -> Response:
        status = 404 if isinstance(exc, NotFoundError) else 400
        return error(request, status, exc.message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("interne fout bij %s", request.url.path)
        return error(request, 500, "Interne fout: probeer het later opnieuw.")

    # -- data shared by pages and API -----------------------------------------------------

    @lru_cache(maxsize=REPORT_CACHE)
    def section_report(key: str):
        if builder is None:
            raise NotFoundError("De opslag bevat nog geen regeerakkoord.")
        with lock:
            node = snapshot.nodes.get(key)
            if node is None:
                raise NotFoundError(f"Onbekende sectie: {key}.")
            report_input = builder.input_for(key)
        report = compose(report_input, ExtractiveGenerator())
        return report, render_html_fragment(report, lambda d: f"/beslissingen/{d.decision_id}")

    def search(q: str, van: str | None, tot: str | None, soort: str | None,
               fase: str | None, aantal: int):
        query = text_query(q)
        with lock:
            return engine.search(query, limit=aantal, date_from=_iso_date(van, "van"),
                                 date_to=_iso_date(tot, "tot"), instrument=soort or None,
                                 stage=fase or None)

    def ask(q: str) -> Answer:
        with lock:
            hits = engine.search(text_query(q), limit=8)
        if chat is not None:
            try:
                return llm_answer(q, hits, chat)
            except BeloftemeterError as exc:
                fallback = extractive_answer(q, hits)
                return Answer(q, fallback.text, fallback.sources, "extractive", 0,
                              f"Het taalmodel faalde ({exc.message}).")
        return extractive_answer(q, hits)

    def decision(decision_id: str):
        with lock:
            found = decisions_store.get_decision(store, decision_id)
        carries = [(key, ordinal, next((a for a in snapshot.assessments.get(key, [])
                                        if a.ordinal == ordinal), None))
                   for key, ordinal in snapshot.cited_by.get(found.id, [])]
        return found, carries

    def hit_dict(h) -> dict:
        return {"id": h.decision_id, "rang": h.rank, "score": h.score, "datum": h.meeting_date,
                "titel": h.title, "instrument": h.instrument, "fase": h.stage, "url": h.url,
                "passage": h.snippet}

    # -- pages ------------------------------------------------------------------------------
    # Every request runs on the event loop itself: each takes a few milliseconds of CPU (reports
    # are rendered once and kept), so serving them one after the other beats a pool of threads
    # queueing for the interpreter and the one store connection.

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home(request: Request):
        return templates.TemplateResponse(request, "home.html", {
            "roots": snapshot.roots, "decisions": snapshot.decision_count})

    @app.get("/secties/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    async def section_page(request: Request, key: str):
        report, fragment = section_report(key)
        tree = snapshot.by_key[key]
        return templates.TemplateResponse(request, "section.html", {
            "tree": tree, "report": report, "fragment": Markup(fragment)})

    @app.get("/beslissingen/{decision_id}", response_class=HTMLResponse,
             include_in_schema=False)
    async def decision_page(request: Request, decision_id: str):
        found, carries = decision(decision_id)
        return templates.TemplateResponse(request, "decision.html", {
            "d": found, "carries": carries, "nodes": snapshot.nodes})

    @app.get("/zoek", response_class=HTMLResponse, include_in_schema=False)
    async def search_page(request: Request, q: Vrij = "",
                    van: Dag = None, tot: Dag = None, soort: Kort = None, fase: Kort = None,
                    aantal: Aantal = 20):
        hits = search(q, van, tot, soort, fase, aantal) if q.strip() else []
        with lock:
            kinds = engine.known_values("instrument")
            stages = engine.known_values("stage")
        return templates.TemplateResponse(request, "search.html", {
            "q": q, "hits": hits, "van": van or "", "tot": tot or "", "soort": soort or "",
            "fase": fase or "", "kinds": kinds, "stages": stages})

    @app.get("/vraag", response_class=HTMLResponse, include_in_schema=False)
    async def question_page(request: Request, q: Vrij = ""):
        answer = await run_in_threadpool(ask, q) if q.strip() else None
        return templates.TemplateResponse(request, "question.html", {"q": q, "answer": answer})

    @app.get("/overzicht", response_class=HTMLResponse, include_in_schema=False)
    async def overview_page(request: Request):
        return templates.TemplateResponse(request, "overview.html", {
            "chapters": snapshot.chapters,
            "per_quarter": Markup(column_chart(snapshot.decisions_per_quarter)),
            "decisions": snapshot.decision_count})

    # -- JSON API ---------------------------------------------------------------------------

    @app.get("/api/secties", tags=["akkoord"])
    async def api_sections() -> list[dict]:
        """Alle knopen van het akkoord met hun telling per status (met subsecties)."""
        return [{"sleutel": t.node.key, "soort": t.node.kind, "nummer": t.node.number,
                 "titel": t.node.title, "ouder": t.node.parent_key, **t.total.as_dict()}
                for t in snapshot.by_key.values()]

    @app.get("/api/secties/{key:path}", tags=["akkoord"])
    async def api_section(key: str) -> dict:
        """Het rapport van een sectie: tekst, beloften met status, bewijs en referenties."""
        return report_dict(section_report(key)[0])

    @app.get("/api/beslissingen/{decision_id}", tags=["beslissingen"])
    async def api_decision(decision_id: str) -> dict:
        """Eén beslissing met de beloften die ze volgens de beoordeling uitvoert."""
        found, carries = decision(decision_id)
        return {"id": found.id, "datum": found.meeting_date, "titel": found.title,
                "tekst": found.text, "url": found.url, "instrument": found.instrument,
                "fase": found.stage, "bedragen": list(found.amounts),
                "voert_uit": [{"sectie": key, "volgnummer": ordinal,
                               "status": a.status if a else None} for key, ordinal, a in carries]}

    @app.get("/api/zoek", tags=["beslissingen"])
    async def api_search(q: Q, van: Dag = None, tot: Dag = None, soort: Kort = None,
                   fase: Kort = None, aantal: Aantal = 20) -> list[dict]:
        """Beslissingen gerangschikt voor een zoekvraag, met filters."""
        return [hit_dict(h) for h in search(q, van, tot, soort, fase, aantal)]

    @app.get("/api/vraag", tags=["vragen"])
    async def api_question(q: Q) -> dict:
        """Een antwoord met verwijzingen [n] naar beslissingen."""
        answer = await run_in_threadpool(ask, q)  # a language model may take seconds
        return {"vraag": answer.question, "antwoord": answer.text,
                "bronnen": [{"n": n, **hit_dict(h)} for n, h in enumerate(answer.sources)],
                "generator": answer.generator, "notitie": answer.note}

    @app.get("/api/export.json", tags=["export"])
    async def api_export_json() -> list[dict]:
        """De volledige beoordeling: elke belofte met status, reden en bewijs."""
        return [{"sectie": a.node_key, "volgnummer": a.ordinal, "pagina": a.page,
                 "belofte": a.promise, "status": a.status, "reden": a.reason,
                 "eerste_beslissing": a.first_date, "laatste_beslissing": a.last_date,
                 "bewijs": [e.decision_id for e in a.evidence]}
                for key in snapshot.nodes for a in snapshot.assessments.get(key, [])]

    @app.get("/api/export.csv", tags=["export"])
    async def api_export_csv() -> Response:
        """Dezelfde beoordeling als CSV (één rij per belofte)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["sectie", "volgnummer", "pagina", "belofte", "status", "reden",
                         "eerste_beslissing", "laatste_beslissing", "bewijs"])
        for key in snapshot.nodes:
            for a in snapshot.assessments.get(key, []):
                writer.writerow([a.node_key, a.ordinal, a.page, a.promise, a.status, a.reason,
                                 a.first_date or "", a.last_date or "",
                                 " ".join(e.decision_id for e in a.evidence)])
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": "attachment; filename=beoordeling.csv"})

    app.state.store = store
    return app

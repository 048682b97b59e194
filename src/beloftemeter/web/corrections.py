"""The public corrections (issue 19): /correcties lists every save by the editors that changed a
published verdict, newest first, with its reason; /api/correcties is its JSON twin (English
keys) and /feeds/correcties.atom its feed (web.feeds). Data from pipeline.corrections."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from beloftemeter.pipeline.corrections import (
    MAX_PAGE,
    MAX_PER_PAGE,
    PER_PAGE,
    corrections_dict,
    list_corrections,
)
from beloftemeter.web.agreement_paths import link
from beloftemeter.web.state import WebState

Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="paginanummer")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="correcties per pagina")]


def corrections_page_router(state: WebState, templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

    @router.get("/correcties")
    async def corrections_page(request: Request, pagina: Page = 1):
        with state.lock:
            result = list_corrections(state.store, page=pagina)
        pages = max(1, -(-result.total // result.per_page))
        return templates.TemplateResponse(request, "corrections.html", {
            "result": result, "pages": pages, "feed_url": link("/feeds/correcties.atom"),
            "json_url": link("/api/correcties") + (f"?pagina={pagina}" if pagina > 1 else ""),
            "previous_url": link(f"/correcties?pagina={pagina - 1}" if pagina > 2
                                 else "/correcties") if pagina > 1 else None,
            "next_url": link(f"/correcties?pagina={pagina + 1}") if pagina < pages else None})

    return router


def corrections_api_router(state: WebState) -> APIRouter:
    """GET /correcties, included under /api by web.promise_api."""
    router = APIRouter(tags=["correcties"])

    @router.get("/correcties")
    async def api_corrections(pagina: Page = 1, per_pagina: PerPage = PER_PAGE) -> dict:
        """Elke bewaring door de redactie die een gepubliceerd oordeel veranderde (status of
        bewijs), de nieuwste eerst: total, page, per_page en corrections [{id, at,
        promise_id, promise, before_status, after_status, added [{decision_id, title}],
        removed [...], reason (van de redactie; leeg als de ladder de status bepaalde),
        published_reason}]."""
        with state.lock:
            return corrections_dict(list_corrections(state.store, pagina, per_pagina))

    return router

"""The promises in the JSON API (issue 18): the filtered list with its total beside the page of
results (/api/beloften, the same parameters as /beloften), one promise (/api/beloften/{id}), and
the whole filtered list for download (/api/beloften.csv, /api/beloften.json), and the editors'
corrections (/api/correcties, web.corrections). The shapes are
those of `beloftemeter beloften --json` (pipeline.promise_json); English keys only: these
endpoints are new, there are no old Dutch keys to keep."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from beloftemeter.csv_cells import csv_table
from beloftemeter.models.promises import PromiseSummary
from beloftemeter.pipeline import promises as pipeline
from beloftemeter.pipeline.promise_json import summary_dict
from beloftemeter.web.agreement_paths import elsewhere
from beloftemeter.web.corrections import corrections_api_router
from beloftemeter.web.promise_params import filters_from_query
from beloftemeter.web.state import WebState

# One row per promise: the keys of the list's summaries (pipeline.promise_json.summary_dict).
EXPORT_COLUMNS = tuple(f.name for f in fields(PromiseSummary))


def export_csv(rows: list[dict[str, Any]]) -> str:
    return csv_table(EXPORT_COLUMNS, rows)


def promise_api_router(state: WebState) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["beloften"])

    def everything(request: Request) -> list[dict[str, Any]]:
        """Every promise under the request's filters, all pages."""
        filters = filters_from_query(request.query_params)
        with state.lock:
            return [summary_dict(s) for s in pipeline.all_promises(state.store, filters)]

    @router.get("/beloften")
    async def api_promises(request: Request) -> dict:
        """De beloften met dezelfde filters als /beloften (status, deel, hoofdstuk, minister,
        domein, bewijs=ja|nee, fase, jaar, q, sortering=akkoord|recent|status, pagina,
        per_pagina): total is het aantal onder de filters, promises de beloften van deze
        pagina, facets per filter de waarden met hun aantal (onder de andere filters)."""
        filters = filters_from_query(request.query_params)
        with state.lock:
            return pipeline.promise_list_dict(pipeline.list_promises(state.store, filters))

    @router.get("/beloften.json")
    async def api_promises_export_json(request: Request) -> list[dict]:
        """Alle beloften onder de filters (zonder paginering), als JSON."""
        return everything(request)

    @router.get("/beloften.csv")
    async def api_promises_export_csv(request: Request) -> Response:
        """Alle beloften onder de filters (zonder paginering), als CSV."""
        rows = everything(request)
        return Response(export_csv(rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": "attachment; filename=beloften.csv"})

    @router.get("/beloften/{promise_id}")
    async def api_promise(request: Request, promise_id: str) -> Response:
        """Eén belofte: tekst met de zin ervoor en erna, plaats, status en reden, bewijs,
        kandidaten (mogelijk relevant, niet bevestigd), verwante beslissingen, plannen,
        gelijkaardige beloften, geschiedenis en review: of de redactie het oordeel nakeek
        (reviewed, reviewed_at, status_source editor|ladder, note, rejected_count). Een oud
        id volgt zijn opvolger; een onbekend id geeft 404 met de dichtstbijzijnde beloften
        (closest_promises). Een belofte van een ander akkoord: 308 naar dat akkoord."""
        moved = elsewhere(state, request, promise_id)
        if moved is not None:
            return moved
        with state.lock:
            current = pipeline.resolve_promise_id(state.store, promise_id)
            if current is None:
                closest = pipeline.closest_promise_ids(state.store, promise_id)
                shown = promise_id if len(promise_id) <= 80 else promise_id[:80] + "…"
                return JSONResponse({"error": f"Er is geen belofte met id {shown}.",
                                     "closest_promises": [summary_dict(s) for s in closest]},
                                    status_code=404)
            detail = pipeline.get_promise(state.store, current)
        return JSONResponse(pipeline.promise_detail_dict(detail))

    router.include_router(corrections_api_router(state))
    return router

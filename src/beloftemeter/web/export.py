"""The whole assessment for download: one row per promise, as JSON or CSV, both built from the
same rows."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from beloftemeter.csv_cells import csv_table
from beloftemeter.web.legacy_keys import with_dutch_keys
from beloftemeter.web.snapshot import Snapshot
from beloftemeter.web.state import WebState

COLUMNS = ("section", "ordinal", "page", "promise", "status", "reason", "first_decision",
           "last_decision", "evidence", "candidates")


def export_rows(snapshot: Snapshot) -> list[dict[str, Any]]:
    """Every assessed promise in the agreement's order, its evidence and its candidates
    ("mogelijk relevant, niet bevestigd", never counted) as decision ids."""
    return [{"section": a.node_key, "ordinal": a.ordinal, "page": a.page, "promise": a.promise,
             "status": a.status, "reason": a.reason, "first_decision": a.first_date,
             "last_decision": a.last_date, "evidence": [e.decision_id for e in a.evidence],
             "candidates": [e.decision_id for e in a.candidates]}
            for key in snapshot.nodes for a in snapshot.assessments.get(key, [])]


def export_csv(rows: list[dict[str, Any]]) -> str:
    return csv_table(COLUMNS, rows)


def export_router(state: WebState) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["export"])

    @router.get("/export.json")
    async def api_export_json() -> list[dict]:
        """De volledige beoordeling: elke belofte met status, reden en bewijs."""
        return with_dutch_keys(export_rows(state.snapshot))

    @router.get("/export.csv")
    async def api_export_csv() -> Response:
        """Dezelfde beoordeling als CSV (één rij per belofte)."""
        return Response(export_csv(export_rows(state.snapshot)),
                        media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": "attachment; filename=beoordeling.csv"})

    return router

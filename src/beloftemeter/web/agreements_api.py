"""`GET /api/akkoorden`: the agreements of the store side by side, the most recent government
first, each with its term and how far its promises are (store.agreements.progress): the JSON
twin of the home page. The keys are those of `beloftemeter akkoord lijst --json`, without the
source (a path on the server) and with `url`, where the agreement's pages are."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from beloftemeter.models.agreement import AgreementProgress
from beloftemeter.models.assessment import STATUSES
from beloftemeter.store import agreements as agreements_store
from beloftemeter.web.state import WebState


def progress_dict(row: AgreementProgress) -> dict[str, Any]:
    a = row.agreement
    ordered = [s for s in STATUSES if s in row.by_status] + sorted(
        set(row.by_status) - set(STATUSES))
    return {"slug": a.slug, "title": a.title, "term_start": a.term_start,
            "term_end": a.term_end, "promises": row.promises, "assessed": row.assessed,
            "by_status": {s: row.by_status[s] for s in ordered},
            "with_evidence": row.with_evidence, "reviewed": row.reviewed,
            "imported_at": a.imported_at, "url": f"/{a.slug}/"}


def agreements_api_router(state: WebState) -> APIRouter:
    router = APIRouter(tags=["akkoord"])

    @router.get("/api/akkoorden")
    async def api_agreements() -> list[dict]:
        """De regeerakkoorden in de opslag, de recentste regering eerst: slug, title,
        term_start, term_end (null: nog in functie), promises, assessed, by_status,
        with_evidence, reviewed, imported_at en url (waar de pagina's van het akkoord
        staan; elke andere API-vraag staat onder /{slug}/api/...)."""
        with state.lock:
            return [progress_dict(row) for row in agreements_store.progress(state.store)]

    return router

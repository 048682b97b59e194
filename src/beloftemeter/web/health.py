"""`GET /gezondheid` for a load balancer: 200 with a small JSON when this worker can reach its
store, 503 with a Dutch `error` when it cannot (the database is down) or when the store is
busy beyond a short wait. One tiny query (the schema version); the counts come from memory.
Never a stack trace, never the store's address (it may hold a password).

A PostgreSQL connection that the server broke (a restart) is opened again by that query
(store.postgres_store), one attempt per check: the check says 503 while the server is down
and 200 again once it is back, without a restart of the worker. The freshness middleware
reads the change counters on the new connection, so writes made meanwhile are noticed.

The freshness middleware leaves this path alone: a load balancer's check never waits for a
reload of the snapshot or the search index.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from beloftemeter.web.state import WebState

log = logging.getLogger(__name__)

HEALTH_PATH = "/gezondheid"
LOCK_WAIT = 2.0  # seconds: a request holding the store this long counts as "busy"
UNREACHABLE = "De opslag is niet bereikbaar."
BUSY = "De webapp is bezet: de opslag antwoordt niet binnen 2 s."


def _answer(status: int, body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def health_router(state: WebState) -> APIRouter:
    router = APIRouter()

    @router.get(HEALTH_PATH, tags=["beheer"], summary="Gezondheid voor een load balancer")
    def health() -> JSONResponse:  # a plain def: FastAPI runs it in a worker thread
        worker = os.getpid()
        if not state.lock.acquire(timeout=LOCK_WAIT):
            return _answer(503, {"status": "fout", "error": BUSY, "worker": worker})
        try:
            version = state.store.schema_version()
        except Exception as exc:  # any failure of the store makes the worker unhealthy
            log.warning("gezondheid: opslag niet bereikbaar (%s)", type(exc).__name__)
            return _answer(503, {"status": "fout", "error": UNREACHABLE, "worker": worker})
        finally:
            state.lock.release()
        snapshot = state.snapshot
        return _answer(200, {"status": "ok", "schema_version": version,
                             "decisions": snapshot.decision_count,
                             "agreement": bool(snapshot.nodes), "worker": worker})

    return router

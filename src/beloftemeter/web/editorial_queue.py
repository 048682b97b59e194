"""The review queue page (/redactie), behind a login: the queue of pipeline.review_queue in
its order, narrowed like the public list (status, hoofdstuk), each entry with its place,
published status, reasons, first decisions to judge and the open reports of readers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from beloftemeter.analysis.review_queue import RECHECK
from beloftemeter.ascii_digits import parse_digits
from beloftemeter.config import Settings
from beloftemeter.errors import InputError
from beloftemeter.models.assessment import STATUSES, EvidenceDecision
from beloftemeter.models.review import ReaderReport
from beloftemeter.pipeline.review_queue import review_queue
from beloftemeter.store import promise_ids
from beloftemeter.store import reviews as reviews_store
from beloftemeter.web.editorial import NO_STORE, reader_redirect, review_url
from beloftemeter.web.state import WebState

DEFAULT_SHOWN = 50
MAX_SHOWN = 500
DECISIONS_SHOWN = 3  # of each entry's decisions, in the order an editor judges them


@dataclass(frozen=True)
class QueueRow:
    promise_id: str
    url: str  # its review page
    text: str
    place: str
    status: str | None
    score: float
    reasons: tuple[str, ...]
    recheck: str | None  # why it is back in the queue ("opnieuw bekijken")
    decisions: tuple[EvidenceDecision, ...]
    more_decisions: int
    reports: tuple[ReaderReport, ...]
    reviewed: bool


def _shown(value: str | None) -> int:
    if not value:
        return DEFAULT_SHOWN
    shown = parse_digits(value, 9)
    if shown is None or not 1 <= shown <= MAX_SHOWN:
        raise InputError(f"aantal moet een getal van 1 tot {MAX_SHOWN} zijn.")
    return shown


def queue_context(state: WebState, settings: Settings,
                  params: Mapping[str, str]) -> dict[str, Any]:
    """The template's context; InputError (400) for a filter the page does not know."""
    status = (params.get("status") or "").strip() or None
    chapter = (params.get("hoofdstuk") or "").strip() or None
    shown = _shown(params.get("aantal"))
    snapshot = state.snapshot
    if status is not None and status not in STATUSES:
        raise InputError(f"Onbekende status: {status[:40]!r}.")
    chapters = {t.node.key: t for t in snapshot.chapters}
    if chapter is not None and chapter not in chapters:
        raise InputError(f"Onbekend hoofdstuk: {chapter[:40]!r}.")
    # The verdicts come from the snapshot the app holds (reading 2,809 of them with their
    # 110,000 linked decisions from the store took 2-4 s, with every page waiting on the lock).
    verdicts = [a for own in snapshot.assessments.values() for a in own]
    verdicts.sort(key=lambda a: (snapshot.nodes[a.node_key].ordinal
                                 if a.node_key in snapshot.nodes else -1, a.ordinal))
    with state.lock:
        entries = review_queue(state.store, settings, assessments=verdicts)
        ours = set(promise_ids.ids_by_key(state.store).values())  # the agreement's promises
        reports = {pid: found for pid, found in reviews_store.open_reports(state.store).items()
                   if pid in ours}
        reviews = reviews_store.reviews_by_id(state.store)
    rows, statuses, per_chapter = [], Counter(), Counter()
    for entry in entries:
        verdict = state.verdict(entry.node_key, entry.ordinal)
        its_status = verdict.status if verdict else None
        its_chapter = next((n.key for n in snapshot.trail(entry.node_key)
                            if n.kind == "chapter"), None)
        if chapter is None or its_chapter == chapter:
            statuses[its_status] += 1
        if status is None or its_status == status:
            per_chapter[its_chapter] += 1
        if (status is not None and its_status != status) or (
                chapter is not None and its_chapter != chapter):
            continue
        review = reviews.get(entry.promise_id)
        recheck = review.recheck if review else None
        reasons = tuple(r for r in entry.reasons if not recheck or r != RECHECK.format(recheck))
        rows.append(QueueRow(
            entry.promise_id, review_url(entry.promise_id),
            verdict.promise if verdict else entry.promise_id,
            snapshot.place(entry.node_key), its_status, entry.score, reasons, recheck,
            entry.decisions[:DECISIONS_SHOWN],
            max(0, len(entry.decisions) - DECISIONS_SHOWN),
            tuple(reports.get(entry.promise_id, ())), entry.reviewed))
    return {
        "rows": rows[:shown], "total": len(rows), "shown": shown, "status": status or "",
        "chapter": chapter or "", "open_reports": sum(len(r) for r in reports.values()),
        "status_options": [(s, statuses[s]) for s in STATUSES],
        "chapter_options": [(key, snapshot.place(key), per_chapter[key]) for key in chapters],
    }


def queue_router(state: WebState, templates: Jinja2Templates, settings: Settings) -> APIRouter:
    router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

    @router.get("/redactie")
    async def queue_page(request: Request):
        redirect = reader_redirect(request)
        if redirect is not None:
            return redirect
        context = await run_in_threadpool(queue_context, state, settings, request.query_params)
        return templates.TemplateResponse(request, "editorial_queue.html", context,
                                          headers=NO_STORE)

    return router

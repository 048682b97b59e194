"""The promise pages (issue 18): the faceted list (/beloften), one promise with its permanent
link (/beloften/{id}), whether the editors checked it and its form "Klopt dit niet?" (posted to
web.reader_reports), the recent changes across the agreement (/veranderingen) and the editors'
corrections (/correcties, web.corrections).

The data comes from pipeline.promises; every read of the store goes through the web state's
lock (one SQLite connection serves every thread). An unknown id gets a Dutch 404 page naming
the closest promises; an old id whose sentence was edited redirects to its successor.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from beloftemeter.models.promises import PromiseFilters, PromiseList
from beloftemeter.pipeline import promises as pipeline
from beloftemeter.web.agreement_paths import elsewhere, link, origin
from beloftemeter.web.corrections import corrections_page_router
from beloftemeter.web.csrf import reader_csrf_token
from beloftemeter.web.promise_links import (
    FACET_HEADINGS,
    missing_promise,
    promise_url,
)
from beloftemeter.web.promise_params import (
    SORT_LABELS,
    SORT_PARAMS,
    filters_from_query,
    on_page,
    query_pairs,
    url_for,
)
from beloftemeter.web.reader_reports import THANKS, ReportForm, reader_reports_router
from beloftemeter.web.state import WebState

CHANGES_SHOWN = 50


def page_count(result: PromiseList) -> int:
    return max(1, -(-result.total // result.per_page))


def list_context(filters: PromiseFilters, result: PromiseList) -> dict:
    """What the list template needs beside the results: the addresses of the other pages,
    of the exports and of the JSON twin, all with exactly these filters."""
    pages = page_count(result)
    return {
        "filters": filters, "result": result, "pages": pages,
        "previous_url": url_for("/beloften", on_page(filters, result.page - 1))
        if result.page > 1 else None,
        "next_url": url_for("/beloften", on_page(filters, result.page + 1))
        if result.page < pages else None,
        "json_url": url_for("/api/beloften", filters),
        "csv_export_url": url_for("/api/beloften.csv", filters, paged=False),
        "json_export_url": url_for("/api/beloften.json", filters, paged=False),
        "feed_url": link("/feeds/veranderingen.atom"),
        "sort_labels": SORT_LABELS, "sort": SORT_PARAMS.get(filters.sort, "akkoord"),
        "facet_headings": FACET_HEADINGS,
        # The search form keeps every other filter; a new search starts on the first page.
        "hidden": [(name, value) for name, value in query_pairs(filters)
                   if name not in ("q", "sortering", "pagina")],
        "active": bool(query_pairs(filters, paged=False)),
    }


def promise_pages_router(state: WebState, templates: Jinja2Templates,
                         agreement_url: str) -> APIRouter:
    """`agreement_url`: where the agreement is published (its PDF, or the page linking to
    it); a promise links to its page in the PDF when the address of the PDF is known."""
    router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
    render = templates.TemplateResponse
    pdf_url = agreement_url if agreement_url.lower().split("?")[0].endswith(".pdf") else None

    @router.get("/beloften")
    async def promise_list(request: Request):
        filters = filters_from_query(request.query_params)
        with state.lock:
            result = pipeline.list_promises(state.store, filters)
        return render(request, "promises.html", list_context(filters, result))

    def show_promise(request: Request, current: str, report: ReportForm,
                     status: int = 200) -> Response:
        """The page of the promise with id `current`, its form in the state `report`."""
        with state.lock:
            detail = pipeline.get_promise(state.store, current, pdf_url=pdf_url)
        base = origin(request)
        response = render(request, "promise.html", {
            "p": detail, "s": detail.summary, "absolute_url": base + promise_url(current),
            "feed_url": link(f"/feeds/beloften/{current}.atom"),
            "json_url": link(f"/api/beloften/{current}"), "agreement_url": agreement_url,
            "report": report}, status_code=status,
            # the form's token belongs to this browser: shared caches keep no copy
            headers={"Cache-Control": "private"})
        reader_csrf_token(request, response)  # the cookie the form's token is checked against
        return response

    @router.get("/beloften/{promise_id}")
    async def promise_page(request: Request, promise_id: str) -> Response:
        moved = elsewhere(state, request, promise_id)  # another agreement's promise
        if moved is not None:
            return moved
        with state.lock:
            current = pipeline.resolve_promise_id(state.store, promise_id)
            if current is None:
                closest = pipeline.closest_promise_ids(state.store, promise_id)
                return render(request, "promise_missing.html",
                              missing_promise(promise_id, closest), status_code=404)
        if current != promise_id:  # an edited sentence: its old link keeps working
            return RedirectResponse(promise_url(current), status_code=301)
        return show_promise(request, current,
                            ReportForm(thanks=request.query_params.get(THANKS) == "1"))

    router.include_router(reader_reports_router(state, show_promise))
    router.include_router(corrections_page_router(state, templates))

    @router.get("/veranderingen")
    async def changes_page(request: Request):
        with state.lock:
            entries = pipeline.recent_changes(state.store, limit=CHANGES_SHOWN)
        return render(request, "changes.html", {"entries": entries})

    return router

"""The editors' review page of one promise, behind a login (/redactie/beloften/{id}): GET shows
the verdicts and the form, POST saves the editor's verdict. (The queue: web.editorial_queue.)

A reader who opens one is sent to the login page (and back after it); a POST without a login
is refused (401), one without the session's CSRF token too (403). A save runs under the web
state's lock and refreshes its snapshot, so every page shows it at once. A form made from an
older version gets 409 with what changed meanwhile and the form as the editor left it; a form
the core refuses gets 400 with its Dutch message. Nothing a user typed is ever marked safe:
Jinja escapes it.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from beloftemeter.dutch_dates import long_moment
from beloftemeter.errors import InputError, StaleReviewError
from beloftemeter.models.review import Review
from beloftemeter.models.search import Filters
from beloftemeter.pipeline.review import EditorView, editor_view, save_review
from beloftemeter.store import agreements as agreements_store
from beloftemeter.web.agreement_paths import elsewhere, link
from beloftemeter.web.auth import (
    CSRF_FIELD,
    check_csrf,
    current_user,
    login_redirect,
    read_form,
    require_editor,
)
from beloftemeter.web.editorial_form import (
    GROUPS,
    FormValues,
    decision_groups,
    listed_ids,
    machine_ids,
    merged_values,
    review_edit,
    sent_values,
    stored_values,
    values_at,
)
from beloftemeter.web.promise_links import promise_url
from beloftemeter.web.state import WebState

MERGED = ("Wat de ander veranderde en jij niet, staat nu in het formulier; wat jij veranderde,"
          " ook. Kijk het na en bewaar opnieuw.")
SEARCH_SHOWN = 10  # decisions the inline search lists
NO_STORE = {"Cache-Control": "no-store"}  # an editor's page never sits in a shared cache
ACTION_WORDS = {"review": "bewaard", "report_received": "melding van een lezer",
                "report_handled": "melding behandeld"}


def review_url(promise_id: str) -> str:
    """The review page of a promise."""
    return link("/redactie/beloften/" + quote(promise_id, safe=""))


def reader_redirect(request: Request) -> Response | None:
    """For a GET: a redirect to the login page (and back) for a reader, None for an editor;
    a blocked account or unknown role gets 403 (require_editor)."""
    if current_user(request) is None:
        return login_redirect(request)
    require_editor(request)
    return None


def editorial_router(state: WebState, templates: Jinja2Templates) -> APIRouter:
    templates.env.filters["long_moment"] = long_moment  # audit times, in Belgian time
    """The review page of one promise: GET shows it, POST saves it."""
    router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

    def view_of(promise_id: str) -> EditorView:
        with state.lock:
            return editor_view(state.store, promise_id)

    def search(query: str, view: EditorView) -> tuple[list, str]:
        """The decisions found and not yet linked, or a Dutch word on why there are none
        (a query of only punctuation is no reason to lose the page)."""
        if not query.strip():
            return [], ""
        listed = listed_ids(view)
        with state.lock:
            agreement = agreements_store.in_scope(state.store)
        # Only decisions within the government's term can be added (pipeline.review refuses
        # the others): the search shows no others.
        term = Filters() if agreement is None else Filters(
            date_from=agreement.term_start, date_to=agreement.term_end)
        try:
            hits = state.search(query, term, SEARCH_SHOWN + len(listed)).hits
        except InputError as error:
            return [], error.message
        return [h for h in hits if h.decision_id not in listed][:SEARCH_SHOWN], ""

    def page(request: Request, view: EditorView, values: FormValues, status: int = 200,
             message: str = "", changes: tuple[str, ...] = (), saved: int | None = None
             ) -> Response:
        hits, search_message = search(values.query, view)
        return templates.TemplateResponse(request, "editorial_review.html", {
            "view": view, "a": view.assessment, "review": view.review, "values": values,
            "groups": decision_groups(view, values), "group_count": len(GROUPS),
            "hits": hits, "search_message": search_message, "message": message, "changes": changes,
            "saved": saved, "action_words": ACTION_WORDS,
            "place": state.snapshot.place(view.node_key),
            "public_url": promise_url(view.promise_id), "action": review_url(view.promise_id),
        }, status_code=status, headers=NO_STORE)

    @router.get("/redactie/beloften/{promise_id}")
    async def review_page(request: Request, promise_id: str, zoek: str = "",
                          bewaard: int | None = None):
        redirect = reader_redirect(request) or elsewhere(state, request, promise_id)
        if redirect is not None:
            return redirect
        view = view_of(promise_id)
        if view.promise_id != promise_id:  # an edited sentence: its old link keeps working
            return RedirectResponse(review_url(view.promise_id), status_code=301)
        return page(request, view, stored_values(view, zoek[:200]), saved=bewaard)

    @router.post("/redactie/beloften/{promise_id}")
    async def save(request: Request, promise_id: str):
        user = require_editor(request)
        form = await read_form(request)
        check_csrf(request, form.get(CSRF_FIELD))
        moved = elsewhere(state, request, promise_id)  # saved under its own agreement
        if moved is not None:
            return moved
        view = view_of(promise_id)
        try:
            values = sent_values(form)
        except InputError as error:
            return page(request, view, stored_values(view), 400, error.message)
        edit = review_edit(view.promise_id, user.name, values, machine_ids(view))
        try:
            saved: Review = await run_in_threadpool(
                state.write, lambda store: save_review(store, edit), [view.promise_id])
        except StaleReviewError as stale:
            current = view_of(view.promise_id)
            merged = merged_values(values_at(current, values.version), values,
                                   stored_values(current))
            return page(request, current, merged, 409, f"{stale.message} {MERGED}",
                        stale.changes)
        except InputError as error:
            return page(request, view, values, 400, error.message)
        return RedirectResponse(f"{review_url(view.promise_id)}?bewaard={saved.version}",
                                status_code=303, headers=NO_STORE)

    return router

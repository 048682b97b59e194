"""Logging in and out of the editorial pages, and what those pages ask of a request.

- `auth_router(state, templates, settings)`: GET /login (the form), POST /login, POST /logout.
- `current_user(request)`, `login_redirect(request)` (303 to the form, back after it),
  `require_editor(request)` (401 for a reader, 403 for a blocked
  account or an unknown role), `require_admin(request)` (403 for a redacteur); each works as a
  FastAPI dependency too (`Depends(require_editor)`).
- CSRF (see web.csrf): `csrf_token`, `check_csrf`, `reader_csrf_token`, `check_reader_csrf`,
  `read_form`; in templates `csrf_field()`, `reader_csrf_field()` and `current_user()`.

Readers never need an account: only the editorial pages call these.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from starlette.concurrency import run_in_threadpool

from beloftemeter.config import Settings
from beloftemeter.models.accounts import ACCOUNT_ROLES, ADMIN_ROLE, User
from beloftemeter.pipeline import login
from beloftemeter.web.csrf import (
    CSRF_FIELD,
    check_csrf,
    check_reader_csrf,
    csrf_field,
    csrf_token,
    read_form,
    reader_csrf_field,
    reader_csrf_token,
)
from beloftemeter.web.sessions import (
    SESSION_COOKIE,
    auth_config,
    clear_session_cookie,
    current_session,
    current_user,
    register,
    session_token,
    set_session_cookie,
    web_state,
)
from beloftemeter.web.state import WebState

__all__ = ["CSRF_FIELD", "SESSION_COOKIE", "auth_router", "check_csrf", "check_reader_csrf",
           "csrf_field", "csrf_token", "current_session", "current_user", "login_redirect",
           "read_form", "reader_csrf_field", "reader_csrf_token", "require_admin",
           "require_editor", "safe_next", "web_state"]

HOME = "/redactie"  # where a login leads without a (safe) `next`
NO_STORE = {"Cache-Control": "no-store"}
ANONYMOUS = "Log in als redacteur om dit te doen."
BLOCKED = "Dit account is geblokkeerd."
NO_ROLE = "Dit account heeft geen geldige rol."
ADMIN_ONLY = "Alleen een beheerder mag accounts beheren."


def require_editor(request: Request) -> User:
    """The logged-in editor; 401 for a reader, 403 for a blocked account or unknown role."""
    user = current_user(request)
    if user is None:
        raise HTTPException(401, ANONYMOUS)
    if user.blocked:
        raise HTTPException(403, BLOCKED)
    if user.role not in ACCOUNT_ROLES:
        raise HTTPException(403, NO_ROLE)
    return user


def require_admin(request: Request) -> User:
    """A logged-in beheerder; 403 for a redacteur (and as require_editor otherwise)."""
    user = require_editor(request)
    if user.role != ADMIN_ROLE:
        raise HTTPException(403, ADMIN_ONLY)
    return user


def login_redirect(request: Request) -> RedirectResponse:
    """For an editorial page asked for by a reader: to the login form, back here after it."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?{urlencode({'next': safe_next(here)})}", status_code=303,
                            headers=NO_STORE)


def safe_next(target: str | None) -> str:
    """`target` when it is a path on this site, else HOME: never another site, never a
    scheme (`//evil`, `/\\evil`, `https://evil` and `javascript:` all give HOME)."""
    if not target or len(target) > 500 or not target.startswith("/"):
        return HOME
    if target.startswith("//") or "\\" in target or any(ord(c) < 32 for c in target):
        return HOME
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return HOME
    return target


def auth_router(state: WebState, templates: Jinja2Templates,
                settings: Settings | None = None) -> APIRouter:
    """The login pages; also puts `csrf_field`, `reader_csrf_field` and `current_user` in
    the templates (base.html shows the editor in the header)."""
    settings = settings or Settings()
    register(state, settings)
    templates.env.globals.update(
        csrf_field=csrf_field, reader_csrf_field=reader_csrf_field,
        current_user=pass_context(lambda context: current_user(context["request"])))
    router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

    def login_page(request: Request, next_path: str, message: str = "",
                   status: int = 200, headers: dict[str, str] | None = None) -> Response:
        response = templates.TemplateResponse(request, "login.html", {
            "next": safe_next(next_path), "message": message, "user": current_user(request)},
            status_code=status, headers={**NO_STORE, **(headers or {})})
        reader_csrf_token(request, response)  # the cookie the form's token is checked against
        return response

    @router.get("/login")
    async def login_form(request: Request, next: str = HOME):
        return login_page(request, next)

    @router.post("/login")
    async def log_in(request: Request):
        form = await read_form(request)
        check_reader_csrf(request, form.get(CSRF_FIELD))
        result = await run_in_threadpool(
            login.log_in, state.store, form.get("naam", "")[:100],
            form.get("wachtwoord", ""), request.client.host if request.client else "",
            auth_config(request).secret, settings.session_hours, session_token(request),
            state.lock)
        if result.retry_after:
            return login_page(request, form.get("next", ""), result.message, 429,
                              {"Retry-After": str(result.retry_after)})
        if result.token is None:
            return login_page(request, form.get("next", ""), result.message,
                              403 if result.blocked else 401)
        response = RedirectResponse(safe_next(form.get("next")), status_code=303,
                                    headers=NO_STORE)
        set_session_cookie(request, response, result.token)
        return response

    @router.post("/logout")
    async def log_out(request: Request):
        form = await read_form(request)
        require_editor(request)
        check_csrf(request, form.get(CSRF_FIELD))
        token = session_token(request)
        if token is not None:
            with state.lock:
                login.log_out(state.store, token)
        response = RedirectResponse("/", status_code=303, headers=NO_STORE)
        clear_session_cookie(request, response)
        return response

    return router

"""Errors answered in Dutch without a stack trace: JSON under /api/ (and /{slug}/api/), a page
elsewhere. Every
error carries the security headers and, for 405, the methods that are allowed."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from beloftemeter.errors import BeloftemeterError, NotFoundError, StoreError
from beloftemeter.web.agreement_paths import is_api
from beloftemeter.web.legacy_keys import with_dutch_keys
from beloftemeter.web.security import add_security_headers

log = logging.getLogger(__name__)
MESSAGES = {404: "Pagina niet gevonden.", 405: "Methode niet toegelaten."}
RETRY_AFTER = 10  # seconds: a restarted PostgreSQL is usually back within that
FRAMEWORK_DETAILS = {"Not Found", "Method Not Allowed"}  # Starlette's English defaults


def validation_message(exc: RequestValidationError) -> str:
    problems = []
    for item in exc.errors():
        where = str(item.get("loc", ["?"])[-1])
        kind = item.get("type", "")
        limit = item.get("ctx") or {}
        if kind == "string_too_long":
            problems.append(f"{where} is te lang (hoogstens {limit.get('max_length')} tekens)")
        elif kind in {"less_than_equal", "greater_than_equal"}:
            problems.append(f"{where} ligt buiten de grenzen")
        elif kind == "missing":
            problems.append(f"{where} ontbreekt")
        else:
            problems.append(f"{where} is ongeldig")
    return "Ongeldige vraag: " + "; ".join(problems) + "."


def _allowed(headers: dict[str, str] | None) -> dict[str, str] | None:
    """Starlette names GET only; HEAD is answered too (see web.head)."""
    if not headers or "Allow" not in headers:
        return headers
    methods = [m.strip() for m in headers["Allow"].split(",")]
    if "GET" in methods and "HEAD" not in methods:
        methods.append("HEAD")
    return {**headers, "Allow": ", ".join(methods)}


def install_error_handlers(app: FastAPI, templates: Jinja2Templates) -> None:
    def error(request: Request, status: int, message: str,
              headers: dict[str, str] | None = None) -> Response:
        if is_api(request.url.path):
            response: Response = JSONResponse(with_dutch_keys({"error": message}),
                                              status_code=status, headers=headers)
        else:
            response = templates.TemplateResponse(request, "error.html", {
                "message": message, "status": status}, status_code=status, headers=headers)
        return add_security_headers(response)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error(request, 422, validation_message(exc))

    @app.exception_handler(StarletteHTTPException)  # FastAPI's own and unknown routes
    async def http(request: Request, exc: StarletteHTTPException) -> Response:
        ours = isinstance(exc.detail, str) and exc.detail not in FRAMEWORK_DETAILS
        detail = exc.detail if ours else MESSAGES.get(exc.status_code, "Fout.")
        return error(request, exc.status_code, detail, _allowed(exc.headers))

    @app.exception_handler(BeloftemeterError)
    async def ours(request: Request, exc: BeloftemeterError) -> Response:
        if isinstance(exc, StoreError):  # the store is down or busy: the request was fine
            return error(request, 503, exc.message, {"Retry-After": str(RETRY_AFTER)})
        return error(request, 404 if isinstance(exc, NotFoundError) else 400, exc.message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("interne fout bij %s", request.url.path)
        return error(request, 500, "Interne fout: probeer het later opnieuw.")

"""The method page: in plain Dutch what counts as a promise, what each status means, the three
tiers, how evidence is found, how well the verdicts agree with people, what the editors' check
means (with a link to /correcties) and how to report an error (the form "Klopt dit niet?" on
every promise page, web.reader_reports).

The figures on it are those of docs/beoordeling.md (bench.fit_relevance, blind sets measured on
1 December 2026); whoever measures again updates both."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates


def method_router(templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

    @router.get("/methode")
    async def method_page(request: Request):
        return templates.TemplateResponse(request, "method.html", {})

    return router

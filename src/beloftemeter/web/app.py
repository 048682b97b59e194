"""The FastAPI app: server-rendered Dutch pages and a JSON API over one store, every agreement
under its slug (web.agreement_paths). It opens the store once, never migrates it, and writes
only on an editor's or a reader's POST (see web.state). This module only puts the parts
together."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from beloftemeter.config import Settings
from beloftemeter.web.agreement_paths import AgreementPathMiddleware
from beloftemeter.web.agreements_api import agreements_api_router
from beloftemeter.web.api import api_router
from beloftemeter.web.auth import auth_router
from beloftemeter.web.editorial import editorial_router
from beloftemeter.web.editorial_queue import queue_router
from beloftemeter.web.errors import install_error_handlers
from beloftemeter.web.export import export_router
from beloftemeter.web.feeds import feeds_router
from beloftemeter.web.freshness import FreshSnapshotMiddleware
from beloftemeter.web.head import HeadAsGetMiddleware
from beloftemeter.web.health import health_router
from beloftemeter.web.method import method_router
from beloftemeter.web.pages import pages_router, unknown_agreement_router
from beloftemeter.web.promise_api import promise_api_router
from beloftemeter.web.promise_links import install_promise_helpers
from beloftemeter.web.promise_pages import promise_pages_router
from beloftemeter.web.security import SecurityHeadersMiddleware
from beloftemeter.web.state import WebState
from beloftemeter.web.templating import make_templates

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings, prepared: bool = False) -> FastAPI:
    """`prepared`: the start-up writes were done before (web.startup.prepare, by `serve`)."""
    state = WebState.open(settings, prepared=prepared)
    app = FastAPI(title="beloftemeter", description="Wat deed de Vlaamse Regering met de"
                  " beloften uit haar regeerakkoord?", docs_url=None, redoc_url=None)
    templates = make_templates(state)
    install_error_handlers(app, templates)
    app.add_middleware(FreshSnapshotMiddleware, state=state)  # writes by other processes
    # The agreement of the request from its path, old addresses redirected (inside the
    # security headers, so the redirects carry them too).
    app.add_middleware(AgreementPathMiddleware, state=state)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(HeadAsGetMiddleware)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(health_router(state))
    app.include_router(agreements_api_router(state))
    app.include_router(auth_router(state, templates, settings))
    app.include_router(editorial_router(state, templates))
    app.include_router(queue_router(state, templates, settings))
    app.include_router(pages_router(state, templates))
    app.include_router(api_router(state))
    app.include_router(export_router(state))
    app.include_router(method_router(templates))
    names = install_promise_helpers(templates, state)
    app.include_router(promise_pages_router(state, templates, settings.agreement_url))
    app.include_router(promise_api_router(state))
    app.include_router(feeds_router(state, names))
    app.include_router(unknown_agreement_router(state))  # last: after every real route
    app.state.web = state
    app.state.store = state.store
    return app

"""Pages show what another process wrote to the store (`analyseer` while the app serves,
another web worker's editor): before a request, at most once a second, the app reads the
store's change counters and reloads its snapshot (and search index) when they moved (see
WebState.notice_changes)."""

from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from beloftemeter.errors import StoreError
from beloftemeter.web.health import HEALTH_PATH
from beloftemeter.web.state import WebState

log = logging.getLogger(__name__)

# Never wait for a reload: static files, and a load balancer's health check.
_SKIPPED = ("/static/", HEALTH_PATH)


class FreshSnapshotMiddleware:
    """Calls `state.notice_changes()` before every request but those for static files and
    the health check."""

    def __init__(self, app: ASGIApp, state: WebState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and not scope["path"].startswith(_SKIPPED)
                and self.state.check_due()):
            # A reload reads the whole snapshot: off the event loop. A store that is down
            # (PostgreSQL restarting) is no reason to refuse the request here: the request's
            # own reads answer 503 if they need the store (web.errors).
            try:
                await run_in_threadpool(self.state.notice_changes)
            except StoreError as exc:
                log.warning("wijzigingen in de opslag niet nagekeken: %s", exc.message)
        await self.app(scope, receive, send)

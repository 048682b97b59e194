"""Pages show what another process wrote to the store (`analyseer` while the app serves,
another web worker's editor): before a request, at most once a second, the app asks SQLite
whether the database changed and reloads its snapshot when it did (see WebState.refresh)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from beloftemeter.web.state import WebState


class FreshSnapshotMiddleware:
    """Calls `state.notice_changes()` before every request but those for static files."""

    def __init__(self, app: ASGIApp, state: WebState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and not scope["path"].startswith("/static/")
                and self.state.check_due()):
            # A reload reads the whole snapshot: off the event loop.
            await run_in_threadpool(self.state.notice_changes)
        await self.app(scope, receive, send)

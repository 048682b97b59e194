"""Every page and API of one agreement lives under its slug: `/vlaanderen-2019-2024/beloften`,
`/vlaanderen-2019-2024/api/secties`. Global are the home page (`/`, the agreements side by
side), `/static`, `/gezondheid`, `/login`, `/logout`, `/methode`, `/openapi.json` and
`/api/akkoorden`.

`AgreementPathMiddleware` reads the first segment of the path. A known slug: the request runs
with that agreement in scope (store.scope, which Starlette carries into its worker threads)
and with the slug in `root_path`, so the routes match the rest of the path as before. An
address from before the slugs (`/beloften?status=...`) answers 308 to the same address under
the store's first agreement (the one those addresses were made for: a store of one agreement
became it), its query kept; a promise's address goes to the agreement that holds the
promise. 308 for every method: a form posted from a page opened before the change still
arrives, with its body, and a GET stays a GET.

`link(path)` prefixes an address of the app with the slug of the request's agreement (the
default agreement's on a global page): every internal link in pages, redirects and feeds is
built with it. Outside a request it returns `path` unchanged.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from typing import TYPE_CHECKING
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from beloftemeter.store import scope as store_scope

if TYPE_CHECKING:
    from beloftemeter.web.state import WebState

_prefix: ContextVar[str] = ContextVar("beloftemeter_web_prefix", default="")

# The first segments of the addresses from before the slugs: all of them belong to one
# agreement now. (No slug can be one of them: a slug has a hyphen, store.agreements.SLUG.)
OLD_ROOTS = frozenset({"beloften", "secties", "beslissingen", "zoek", "vraag", "overzicht",
                       "veranderingen", "correcties", "redactie", "feeds", "api"})
GLOBAL_API = frozenset({"/api/akkoorden"})
# Old addresses of one promise: they go to the agreement that holds it.
_PROMISE_PATH = re.compile(r"^/(?:api/|redactie/|feeds/)?beloften/([^/]+?)(?:\.atom)?(?:/|$)")
SLUG_PATTERN = r"[a-z][a-z0-9]*(?:-[a-z0-9]+){1,8}"  # store.agreements.SLUG, unanchored


def link(path: str) -> str:
    """`path` (an address of the app, "/beloften") under the slug of the agreement of the
    request ("/vlaanderen-2019-2024/beloften")."""
    return _prefix.get() + path


def prefix() -> str:
    """"/slug" of the request's agreement; "" outside a request."""
    return _prefix.get()


def origin(request: Request) -> str:
    """"https://host": the start of an absolute link, to which a `link(...)` is added
    (`request.base_url` holds the slug too: it ends with the root path)."""
    return f"{request.url.scheme}://{request.url.netloc}"


def is_api(path: str) -> bool:
    """Whether a request's path is one of the JSON API (`/api/...` or `/{slug}/api/...`)."""
    parts = path.split("/", 3)
    return (len(parts) > 2 and parts[1] == "api") or (len(parts) > 3 and parts[2] == "api")


class SlugConvertor(Convertor[str]):
    """A path segment shaped like a slug: the catch-all for an unknown agreement (web.pages)."""

    regex = SLUG_PATTERN

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("akkoord", SlugConvertor())


class AgreementPathMiddleware:
    """Chooses the request's agreement from its path, or redirects an address from before."""

    def __init__(self, app: ASGIApp, state: WebState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        first = path[1:].partition("/")[0]
        known = self.state.by_slug
        chosen = known.get(first)
        if chosen is not None:
            if path == f"/{first}":  # the agreement's own page, without its slash
                scope["path"] = path + "/"
                scope["raw_path"] = (path + "/").encode()
            scope["root_path"] = scope.get("root_path", "") + f"/{first}"
            with store_scope.using(chosen.id):
                token = _prefix.set(f"/{first}")
                try:
                    await self.app(scope, receive, send)
                finally:
                    _prefix.reset(token)
            return
        default, oldest = self.state.default_agreement, self.state.first_agreement
        if oldest is not None and first in OLD_ROOTS and path not in GLOBAL_API:
            slug = await self._slug_for(path, oldest.slug)
            # The address as sent (raw_path): an id's escaped slash stays escaped.
            raw = (scope.get("raw_path") or quote(path).encode()).decode("latin-1")
            query = scope.get("query_string", b"").decode("latin-1")
            location = f"/{slug}{raw}" + (f"?{query}" if query else "")
            await RedirectResponse(location, status_code=308)(scope, receive, send)
            return
        token = _prefix.set(f"/{default.slug}" if default is not None else "")
        # A global page is about no one agreement, whatever the process chose at its start
        # (a command's `--akkoord` is the serving thread's context, which requests inherit).
        before = store_scope.chosen()
        store_scope.choose(None)
        try:
            await self.app(scope, receive, send)
        finally:
            store_scope.choose(before)
            _prefix.reset(token)

    async def _slug_for(self, path: str, default_slug: str) -> str:
        """Under which agreement an old address lives now: a promise's under its own, the
        rest under the store's first agreement."""
        slug = default_slug
        found = _PROMISE_PATH.match(path)
        if found and len(self.state.by_slug) > 1:
            owner = await run_in_threadpool(self.state.agreement_of_promise, found.group(1))
            if owner is not None:
                slug = owner.slug
        return slug


def elsewhere(state: WebState, request: Request, promise_id: str) -> RedirectResponse | None:
    """A 308 to the same address under the agreement that holds promise `promise_id`, when
    that is not the request's agreement; None otherwise (an unknown id too: the page answers
    its own 404)."""
    owner = state.agreement_of_promise(promise_id)
    if owner is None or owner.id == state.view.id:
        return None
    raw = (request.scope.get("raw_path") or quote(request.url.path).encode()).decode("latin-1")
    here = prefix()
    rest = raw[len(here):] if here and raw.startswith(here + "/") else raw
    query = request.url.query
    return RedirectResponse(f"/{owner.slug}{rest}" + (f"?{query}" if query else ""),
                            status_code=308)

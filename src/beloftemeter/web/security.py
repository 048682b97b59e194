"""Security headers on every response the app sends: pages, API, static files and errors.

The pages need nothing from elsewhere and no script at all, and their styles live in
/static/style.css (charts use SVG presentation attributes and classes, never `style=`), so the
policy allows only the app's own files and no inline code.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none';"
    " form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",  # JSON errors echo input: never sniffed as HTML
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers without CSP level 2
    "Referrer-Policy": "same-origin",
}


SESSION_COOKIE_PREFIX = b"bm_sessie="


def _has_session(scope: Scope) -> bool:
    """Whether the request carries an editor's session cookie (valid or not)."""
    return any(name == b"cookie" and SESSION_COOKIE_PREFIX in value
               for name, value in scope.get("headers", []))


def add_security_headers(response: Response) -> Response:
    """For responses sent outside the middleware (the 500 handler runs outermost)."""
    response.headers.update(SECURITY_HEADERS)
    return response


class SecurityHeadersMiddleware:
    """Sets the headers on the start of every HTTP response passing through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        signed_in = _has_session(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if signed_in:
                    # An editor's pages carry their name and CSRF token: never kept by a
                    # shared cache and served to readers.
                    headers["Cache-Control"] = "private, no-store"
                    headers["Vary"] = "Cookie"
            await send(message)

        await self.app(scope, receive, send_with_headers)

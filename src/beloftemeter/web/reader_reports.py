"""Readers report an error (issue 19): the form "Klopt dit niet?" on every promise page posts to
POST /beloften/{id}/melding.

What protects it: the reader's CSRF token (web.csrf; a missing or wrong one is 403), a size
limit (the message at most 2,000 characters, the optional link at most 500 and http(s) only),
a honeypot field that people do not see (hidden by a class in /static/promises.css, not inline
style: the CSP forbids it) and a rate limit per address kept in memory only. Stored is the
report and its time, nothing else (store.reviews.add_reader_report): not the address, not a
cookie. A filled honeypot gets the same thank-you and stores nothing.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from beloftemeter.errors import InputError, NotFoundError
from beloftemeter.pipeline import promises as pipeline
from beloftemeter.store import reviews as reviews_store
from beloftemeter.urls import is_web_url
from beloftemeter.web.agreement_paths import elsewhere
from beloftemeter.web.agreement_paths import link as app_link
from beloftemeter.web.csrf import CSRF_FIELD, check_reader_csrf, read_form
from beloftemeter.web.state import WebState

MAX_MESSAGE = 2000  # characters of what is wrong
MAX_LINK = 500  # characters of the link to a decision
FORM_LIMIT = 16 * 1024  # bytes of the form: both fields fully percent-encoded fit
RATE_LIMIT = 5  # reports per address ...
RATE_WINDOW = 600.0  # ... per 10 minutes: more than a reader needs, too few for a flood
MAX_ADDRESSES = 10_000  # addresses remembered at once, so memory stays bounded
HONEYPOT = "website"  # people never see it, simple bots fill it in
MESSAGE_FIELD, LINK_FIELD = "melding", "link"
THANKS = "gemeld"  # query parameter of the page after a report
ANCHOR = "klopt-dit-niet"
TOO_MANY = ("Je hebt de voorbije tien minuten al {limit} meldingen gestuurd. Probeer het over"
            " {minutes} opnieuw.")


@dataclass(frozen=True)
class ReportForm:
    """What the form shows: the values sent back after an error, the error, the thank-you."""

    message: str = ""
    link: str = ""
    error: str = ""
    thanks: bool = False


# Renders the promise page `promise_id` with this form state and HTTP status.
RenderPromise = Callable[[Request, str, ReportForm, int], Response]


class RateLimit:
    """At most `limit` events per key within `window` seconds, in memory only (a restart
    forgets everything; nothing is written anywhere)."""

    def __init__(self, limit: int = RATE_LIMIT, window: float = RATE_WINDOW,
                 max_keys: int = MAX_ADDRESSES,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.max_keys, self.clock = limit, window, max_keys, clock
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 when `key` may go ahead (and it is counted); else the seconds until it may."""
        now = self.clock()
        with self._lock:
            times = self._seen.pop(key, None) or deque()
            while times and times[0] <= now - self.window:
                times.popleft()
            wait = times[0] + self.window - now if len(times) >= self.limit else 0.0
            if not wait:
                times.append(now)
            self._seen[key] = times  # most recently seen last
            while len(self._seen) > self.max_keys:
                self._seen.popitem(last=False)  # the address seen longest ago
            return wait


def _clean(text: str) -> str:
    """Browsers send a textarea's line ends as CRLF; control characters are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c.isprintable() or c in "\n\t").strip()


def checked_report(message: str, link: str) -> tuple[str, str | None]:
    """The report's text and link, or InputError with what to fix (Dutch)."""
    message, link = _clean(message), _clean(link)
    if not message:
        raise InputError("Schrijf wat er volgens jou niet klopt.")
    if len(message) > MAX_MESSAGE:
        raise InputError(f"Je melding is te lang: hoogstens {MAX_MESSAGE:,} tekens (nu"
                         f" {len(message):,}).".replace(",", "."))
    if len(link) > MAX_LINK:
        raise InputError(f"De link is te lang: hoogstens {MAX_LINK} tekens.")
    if link and not is_web_url(link):
        raise InputError("De link moet een webadres zijn dat begint met http:// of https://.")
    return message, link or None


def _minutes(seconds: float) -> str:
    minutes = max(1, -(-int(seconds) // 60))
    return "1 minuut" if minutes == 1 else f"{minutes} minuten"


def reader_reports_router(state: WebState, render: RenderPromise,
                          limiter: RateLimit | None = None) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    limiter = limiter or RateLimit()

    @router.post("/beloften/{promise_id}/melding")
    async def report_error(request: Request, promise_id: str) -> Response:
        form = await read_form(request, FORM_LIMIT)
        check_reader_csrf(request, form.get(CSRF_FIELD))
        moved = elsewhere(state, request, promise_id)  # another agreement's promise
        if moved is not None:
            return moved
        with state.lock:
            current = pipeline.resolve_promise_id(state.store, promise_id)
        if current is None:
            shown = promise_id if len(promise_id) <= 80 else promise_id[:80] + "…"
            raise NotFoundError(f"Er is geen belofte met id {shown}.")
        thanks = RedirectResponse(app_link(f"/beloften/{quote(current, safe='')}")
                                  + f"?{THANKS}=1#{ANCHOR}", status_code=303)
        if form.get(HONEYPOT, "").strip():
            return thanks  # a bot: it believes it succeeded, nothing is kept
        message, link = form.get(MESSAGE_FIELD, ""), form.get(LINK_FIELD, "")
        # What goes back into the form after an error: enough to correct, never a flood.
        sent = ReportForm(message=message[:MAX_MESSAGE * 2], link=link[:MAX_LINK * 2])
        try:
            text, url = checked_report(message, link)
        except InputError as exc:
            return render(request, current, ReportForm(sent.message, sent.link, exc.message), 400)
        wait = limiter.take(request.client.host if request.client else "")
        if wait:
            response = render(request, current, ReportForm(
                sent.message, sent.link, TOO_MANY.format(limit=limiter.limit,
                                                         minutes=_minutes(wait))), 429)
            response.headers["Retry-After"] = str(max(1, int(wait)))
            return response
        with state.lock:
            reviews_store.add_reader_report(state.store, current, text, url)
        return thanks

    return router

"""Tokens against cross-site requests, and the form bodies that carry them.

- An editor's form sends the session's own token (`csrf_token`, in a template `csrf_field()`),
  checked by `check_csrf`.
- A reader's form (no account: the login form, "klopt dit niet?") uses a signed double-submit
  token: the cookie `bm_lezer` holds a random value, the form its HMAC under the server's
  secret (`reader_csrf_token`, in a template `reader_csrf_field()`), checked by
  `check_reader_csrf`. Another site can neither read the cookie nor compute the HMAC.

The app has no multipart parser: `read_form` reads a urlencoded body, with a size limit.
"""

from __future__ import annotations

import hmac
import re
import secrets
from typing import Any
from urllib.parse import parse_qsl

from fastapi import HTTPException, Request, Response
from jinja2 import pass_context
from markupsafe import Markup, escape
from starlette.requests import ClientDisconnect

from beloftemeter.ascii_digits import parse_digits
from beloftemeter.pipeline.login import keyed
from beloftemeter.web.sessions import auth_config, current_session

CSRF_FIELD = "csrf"  # the name of the hidden field in every form
READER_COOKIE = "bm_lezer"
FORM_LIMIT = 64 * 1024  # bytes of a form body
MAX_FIELDS = 1000
_NONCE = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
CSRF_REFUSED = ("Het formulier is verlopen of komt niet van deze site (ongeldig"
                " beveiligingstoken). Laad de pagina opnieuw en probeer het nog eens.")


def csrf_token(request: Request) -> str:
    """The token an editor's forms carry: the session's own; "" for a reader."""
    session = current_session(request)
    return session.csrf if session else ""


def check_csrf(request: Request, value: str | None) -> None:
    """403 unless `value` is the token of the request's session (anonymous: 403 too)."""
    expected = csrf_token(request)
    if not expected or not value or not hmac.compare_digest(expected, value):
        raise HTTPException(403, CSRF_REFUSED)


def _reader_nonce(request: Request) -> tuple[str, bool]:
    """The reader's random value: from the cookie, or new (True) for this request."""
    known = getattr(request.state, "reader_nonce", None)
    if known is not None:
        return known
    cookie = request.cookies.get(READER_COOKIE, "")
    found = (cookie, False) if _NONCE.fullmatch(cookie) else (secrets.token_urlsafe(32), True)
    request.state.reader_nonce = found
    return found


def _reader_value(request: Request, nonce: str) -> str:
    return keyed(auth_config(request).secret, "lezer", nonce)


def reader_csrf_token(request: Request, response: Response | None = None) -> str:
    """The token for a reader's form. Give the page's `response` (after rendering it) so the
    cookie is set when this browser had none; the template's `reader_csrf_field()` renders
    the same token."""
    nonce, new = _reader_nonce(request)
    if response is not None and new:
        response.set_cookie(READER_COOKIE, nonce, path="/", httponly=True, samesite="lax",
                            secure=auth_config(request).secure)
    return _reader_value(request, nonce)


def check_reader_csrf(request: Request, value: str | None) -> None:
    """403 unless `value` is the HMAC of the value in the browser's reader cookie."""
    cookie = request.cookies.get(READER_COOKIE, "")
    if not value or not _NONCE.fullmatch(cookie) or not hmac.compare_digest(
            _reader_value(request, cookie), value):
        raise HTTPException(403, CSRF_REFUSED)


def _hidden(value: str) -> Markup:
    return Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, escape(value))


@pass_context
def csrf_field(context: Any) -> Markup:
    """Jinja: the hidden field of an editor's form (empty for a reader)."""
    token = csrf_token(context["request"])
    return _hidden(token) if token else Markup("")


@pass_context
def reader_csrf_field(context: Any) -> Markup:
    """Jinja: the hidden field of a reader's form; call `reader_csrf_token(request,
    response)` after rendering so the cookie goes with the page."""
    return _hidden(reader_csrf_token(context["request"]))


async def read_form(request: Request, limit: int = FORM_LIMIT) -> dict[str, str]:
    """The fields of a urlencoded form (the first value of each): 413 above `limit` bytes,
    415 for another kind of body."""
    kept = getattr(request.state, "form_fields", None)
    if kept is not None:  # the body can be read once; a second call gets the same fields
        return kept
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not kind and request.headers.get("content-length", "0") == "0":
        return {}  # a post without a body: an empty form (its CSRF check refuses it)
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(415, "Verwacht een formulier (application/x-www-form-urlencoded).")
    declared = parse_digits(request.headers.get("content-length", ""))
    if declared is not None and declared > limit:
        raise HTTPException(413, "Het formulier is te groot.")
    body = b""
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise HTTPException(413, "Het formulier is te groot.")
    except ClientDisconnect:  # the sender went away: nobody reads an answer, no stack trace
        raise HTTPException(400, "Het formulier kwam niet volledig aan.") from None
    try:
        pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True,
                          max_num_fields=MAX_FIELDS)
    except ValueError:  # more fields than MAX_FIELDS
        raise HTTPException(413, "Het formulier heeft te veel velden.") from None
    fields: dict[str, str] = {}
    for key, value in pairs:
        fields.setdefault(key, value)
    request.state.form_fields = fields
    return fields

"""The editor's session cookie `bm_sessie`: a random token signed with HMAC-SHA256 under the
server's secret (kept in the store, see store.accounts.session_secret), looked up per request
(only its hash is stored) and kept on `request.state` for the rest of that request.

Each app's settings for the cookie (`AuthConfig`) are registered by `auth_router`; a request
finds them through the app's WebState (`request.app.state.web`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import weakref
from dataclasses import dataclass

from fastapi import Request, Response

from beloftemeter.config import Settings
from beloftemeter.models.accounts import Session, User
from beloftemeter.pipeline import login
from beloftemeter.store import accounts as accounts_store
from beloftemeter.web.state import WebState

SESSION_COOKIE = "bm_sessie"
_NO_SESSION = object()


@dataclass(frozen=True)
class AuthConfig:
    secret: str
    hours: float
    secure: bool  # cookies only over https


_configs: weakref.WeakKeyDictionary[WebState, AuthConfig] = weakref.WeakKeyDictionary()


def register(state: WebState, settings: Settings) -> AuthConfig:
    """The app's cookie settings, with the store's secret (made at the first start)."""
    with state.lock:
        secret = accounts_store.session_secret(state.store)
    config = AuthConfig(secret, settings.session_hours, settings.session_secure)
    _configs[state] = config
    return config


def web_state(request: Request) -> WebState:
    return request.app.state.web


def auth_config(request: Request) -> AuthConfig:
    state = web_state(request)
    config = _configs.get(state)
    return config if config is not None else register(state, Settings())


def sign(secret: str, value: str) -> str:
    mac = hmac.new(secret.encode(), f"sessie:{value}".encode(), hashlib.sha256).digest()
    return f"{value}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"


def unsign(secret: str, signed: str | None) -> str | None:
    """The value of a signed cookie, None when it is missing or its signature is wrong."""
    if not signed or signed.count(".") != 1 or len(signed) > 200:
        return None
    value = signed.split(".", 1)[0]
    return value if hmac.compare_digest(sign(secret, value), signed) else None


def session_token(request: Request) -> str | None:
    """The token of the request's session cookie, if it carries a valid signature."""
    return unsign(auth_config(request).secret, request.cookies.get(SESSION_COOKIE))


def current_session(request: Request) -> Session | None:
    """The request's live session (None: anonymous, expired, ended or forged)."""
    cached = getattr(request.state, "auth_session", _NO_SESSION)
    if cached is not _NO_SESSION:
        return cached  # type: ignore[return-value]
    token = session_token(request)
    found = None
    if token is not None:
        state = web_state(request)
        with state.lock:
            found = login.session_for(state.store, token)
    request.state.auth_session = found
    return found


def current_user(request: Request) -> User | None:
    """The logged-in editor of this request, None for a reader."""
    session = current_session(request)
    return session.user if session else None


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    config = auth_config(request)
    response.set_cookie(SESSION_COOKIE, sign(config.secret, token),
                        max_age=int(config.hours * 3600), path="/", httponly=True,
                        samesite="lax", secure=config.secure)


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                           secure=auth_config(request).secure)

"""Logging in and out: a password checked against its argon2 hash, a new session with a fresh
random token at every login, and failed logins slowed down per account and per address.

Throttling: an attempt counts as a failure from before its password is checked (a success
clears it), so attempts sent at once cannot all pass. After ACCOUNT_LIMIT failures within
WINDOW for one account (or ADDRESS_LIMIT for one address) the next try must wait FIRST_DELAY
after the latest failure, doubling with each further failure up to MAX_DELAY. A refused
(throttled) try is not counted, a successful login forgets the account's failures, and
nothing ever slows a login that is not throttled.

The store only ever sees a keyed hash of an address, and of a name no account has (someone
may type their password in the name field).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import os
import secrets
import threading
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from beloftemeter.models.accounts import Session
from beloftemeter.pipeline import accounts as accounts_pipeline
from beloftemeter.pipeline.accounts import stamp, utc_now
from beloftemeter.store import Store
from beloftemeter.store import accounts as accounts_store

log = logging.getLogger(__name__)

ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20
WINDOW = timedelta(minutes=15)
FIRST_DELAY = 30.0  # seconds
MAX_DELAY = WINDOW.total_seconds()
FORGET = timedelta(days=1)  # failures older than this are deleted
UNKNOWN_ACTOR = "onbekend"  # the audit's actor for a failed login with a name no one has
# Password checks running at once (argon2 with 64 MiB each), whatever the number of threads.
_CHECKS = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))

WRONG = "Onbekende naam of verkeerd wachtwoord."
BLOCKED = "Dit account is geblokkeerd."


@dataclass(frozen=True)
class LoginResult:
    """A session (`token` set) or a refusal: `message` in Dutch, `retry_after` seconds (> 0:
    throttled, nothing was checked)."""

    token: str | None = None
    session: Session | None = None
    message: str = ""
    retry_after: int = 0
    blocked: bool = False


def keyed(secret: str, kind: str, value: str) -> str:
    """HMAC-SHA256 of `value` under the server's secret: stored instead of the value."""
    return hmac.new(secret.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def throttle_wait(count: int, latest: str | None, limit: int, now: datetime) -> int:
    """Seconds still to wait after `count` failures in the window, the latest at `latest`."""
    if count < limit or latest is None:
        return 0
    delay = min(MAX_DELAY, FIRST_DELAY * 2 ** (count - limit))
    until = datetime.fromisoformat(latest.replace("Z", "+00:00")) + timedelta(seconds=delay)
    return max(0, math.ceil((until - now).total_seconds()))


def throttle_message(seconds: int) -> str:
    wait = f"{seconds} seconden" if seconds < 120 else f"{math.ceil(seconds / 60)} minuten"
    return f"Te veel mislukte pogingen om in te loggen. Probeer het over {wait} opnieuw."


def log_in(store: Store, name: str, password: str, address: str, secret: str,
           hours: float, replaces: str | None = None,
           lock: AbstractContextManager[object] | None = None) -> LoginResult:
    """Check a login and open a session. `address` is the client's address (only its keyed
    hash is kept); `replaces` the token the browser still had (its session ends). The store
    is used under `lock`; the password check (slow by design) runs outside it."""
    lock = lock or nullcontext()
    name = name.strip().lower()
    now = utc_now()
    address_key = keyed(secret, "adres", address)
    with lock:
        user = accounts_store.get_user(store, name) if name else None
        account_key = user.name if user else "#" + keyed(secret, "naam", name)[:32]
        (account_n, account_at), (address_n, address_at) = accounts_store.failures_since(
            store, account_key, address_key, stamp(now - WINDOW))
        stored = accounts_store.password_hash(store, name) if user else None
        wait = max(throttle_wait(account_n, account_at, ACCOUNT_LIMIT, now),
                   throttle_wait(address_n, address_at, ADDRESS_LIMIT, now))
        if not wait:  # counted before the slow check: parallel tries see each other
            accounts_store.begin_attempt(store, account_key, address_key, stamp(now),
                                         stamp(now - FORGET))
    if wait:
        log.warning("inloggen vertraagd (%d s)", wait)
        return LoginResult(message=throttle_message(wait), retry_after=wait)
    with _CHECKS:  # each check takes ~64 MiB: a burst of logins must not exhaust memory
        good = accounts_pipeline.password_matches(stored, password)
    if not good or user is None or user.blocked:
        with lock:
            accounts_store.audit_failed_login(store, stamp(now),
                                              user.name if user else UNKNOWN_ACTOR)
        log.warning("mislukte login%s", f" voor {user.name}" if user else "")
        blocked = bool(good and user and user.blocked)
        return LoginResult(message=BLOCKED if blocked else WRONG, blocked=blocked)
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = now + timedelta(hours=hours)
    renewed = (accounts_pipeline.HASHER.hash(password)
               if stored and accounts_pipeline.needs_rehash(stored) else None)
    with lock:
        if renewed:
            accounts_store.rehash_password(store, user.name, renewed)
        accounts_store.clear_failures(store, account_key)
        accounts_store.create_session(store, token_hash(token), user.name, csrf, stamp(now),
                                      stamp(expires),
                                      replaces=token_hash(replaces) if replaces else None)
    log.info("%s is ingelogd", user.name)
    return LoginResult(token=token, session=Session(user, csrf, stamp(expires)))


def session_for(store: Store, token: str) -> Session | None:
    """The live session of this token; None when unknown, ended or expired."""
    return accounts_store.get_session(store, token_hash(token), stamp(utc_now()))


def log_out(store: Store, token: str) -> str | None:
    """End the session of this token; the name of its user, None when there was none."""
    session = session_for(store, token)
    if accounts_store.delete_session(store, token_hash(token), stamp(utc_now())):
        name = session.user.name if session else None
        log.info("%s is uitgelogd", name or "?")
        return name
    return None

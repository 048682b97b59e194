"""Editors' accounts, their sessions and failed logins (migration 0013), each change with its
line in the append-only audit (`editorial_events`).

Times are ISO strings in UTC written by the caller in one format, so they compare as text.
No function here returns a password hash except `password_hash`, and no event carries one.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from beloftemeter.errors import InputError, NotFoundError
from beloftemeter.models.accounts import Session, User
from beloftemeter.store.database import Store
from beloftemeter.store.sql import Executes, Row

SECRET_KEY = "session_secret"  # the state table's key for the server's signing secret
_USER_COLUMNS = "name, role, blocked, created_at, password_changed_at"


def _user(row: Row) -> User:
    return User(row["name"], row["role"], bool(row["blocked"]), row["created_at"],
                row["password_changed_at"])


def _event(conn: Executes, at: str, actor: str, action: str,
           after: dict[str, Any] | None = None, before: dict[str, Any] | None = None) -> None:
    conn.execute(
        "INSERT INTO editorial_events(at, actor, action, promise_id, before, after, reason)"
        " VALUES (?, ?, ?, NULL, ?, ?, '')",
        (at, actor, action, json.dumps(before or {}, ensure_ascii=False),
         json.dumps(after or {}, ensure_ascii=False)),
    )


def session_secret(store: Store) -> str:
    """The server's secret for signing cookies and hashing addresses, made once and kept in
    the state table (every process serving this store signs with the same one)."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO state(key, value, updated_at) VALUES (?, ?, datetime('now'))"
            " ON CONFLICT(key) DO NOTHING",
            (SECRET_KEY, json.dumps(secrets.token_hex(32))),
        )
        row = conn.execute("SELECT value FROM state WHERE key = ?", (SECRET_KEY,)).fetchone()
    return str(json.loads(row[0]))


# --- accounts ---------------------------------------------------------------------------

def create_user(store: Store, name: str, role: str, password_hash: str, at: str,
                actor: str) -> User:
    """A new account; InputError when the name is taken (nothing written then)."""
    taken = InputError(f"Er bestaat al een account met de naam {name}.")
    with store.transaction() as conn:
        # Asked first: on PostgreSQL a refused INSERT spoils the rest of the transaction.
        if conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            raise taken
        try:
            conn.execute(
                "INSERT INTO users(name, role, password_hash, blocked, created_at,"
                " password_changed_at) VALUES (?, ?, ?, 0, ?, ?)",
                (name, role, password_hash, at, at),
            )
        except store.IntegrityError:  # created by another process meanwhile
            raise taken from None
        _event(conn, at, actor, "account_created", after={"name": name, "role": role})
    return User(name, role, False, at, at)


def set_password(store: Store, name: str, password_hash: str, at: str, actor: str) -> None:
    """A new password; every session of the account ends with the old one."""
    with store.transaction() as conn:
        changed = conn.execute(
            "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE name = ?",
            (password_hash, at, name)).rowcount
        if not changed:
            raise NotFoundError(f"Onbekend account: {name}.")
        conn.execute("DELETE FROM sessions WHERE user_name = ?", (name,))
        _event(conn, at, actor, "password_changed", after={"name": name})


def rehash_password(store: Store, name: str, password_hash: str) -> None:
    """The same password under the current hash parameters (no event: nothing changed)."""
    with store.transaction() as conn:
        conn.execute("UPDATE users SET password_hash = ? WHERE name = ?", (password_hash, name))


def block_user(store: Store, name: str, at: str, actor: str) -> bool:
    """Block the account and end its sessions; False when it already was blocked."""
    with store.transaction() as conn:
        row = conn.execute("SELECT blocked FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"Onbekend account: {name}.")
        conn.execute("DELETE FROM sessions WHERE user_name = ?", (name,))
        if row[0]:
            return False
        conn.execute("UPDATE users SET blocked = 1 WHERE name = ?", (name,))
        _event(conn, at, actor, "account_blocked", before={"blocked": False},
               after={"name": name, "blocked": True})
    return True


def get_user(store: Store, name: str) -> User | None:
    row = store.execute(f"SELECT {_USER_COLUMNS} FROM users WHERE name = ?", (name,)).fetchone()
    return None if row is None else _user(row)


def list_users(store: Store) -> list[User]:
    return [_user(row) for row in
            store.execute(f"SELECT {_USER_COLUMNS} FROM users ORDER BY name")]


def password_hash(store: Store, name: str) -> str | None:
    """The stored hash, for checking a password and nothing else."""
    row = store.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


# --- sessions ---------------------------------------------------------------------------

def create_session(store: Store, token_hash: str, name: str, csrf: str, at: str,
                   expires_at: str, replaces: str | None = None) -> None:
    """A new session after a login (the audit's `login`); `replaces` is the hash of the
    session the browser still had, ended now so no id outlives a login."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (at,))
        if replaces:
            conn.execute("DELETE FROM sessions WHERE token_hash = ?", (replaces,))
        conn.execute(
            "INSERT INTO sessions(token_hash, user_name, csrf, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?)", (token_hash, name, csrf, at, expires_at))
        _event(conn, at, name, "login")


def get_session(store: Store, token_hash: str, now: str) -> Session | None:
    """The session with this token hash and its user, None when unknown or expired."""
    row = store.execute(
        f"SELECT s.csrf, s.expires_at, {', '.join('u.' + c for c in _USER_COLUMNS.split(', '))}"
        " FROM sessions s JOIN users u ON u.name = s.user_name"
        " WHERE s.token_hash = ? AND s.expires_at > ?", (token_hash, now)).fetchone()
    return None if row is None else Session(_user(row), row["csrf"], row["expires_at"])


def delete_session(store: Store, token_hash: str, at: str) -> bool:
    """End a session (the audit's `logout`); False when there was none."""
    with store.transaction() as conn:
        row = conn.execute("SELECT user_name FROM sessions WHERE token_hash = ?",
                           (token_hash,)).fetchone()
        if row is None:
            return False
        conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))
        _event(conn, at, row[0], "logout")
    return True


def expire_sessions(store: Store, now: str) -> int:
    """Delete the sessions that expired; how many there were."""
    with store.transaction() as conn:
        return conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,)).rowcount


def count_sessions(store: Store, name: str) -> int:
    return int(store.execute("SELECT COUNT(*) FROM sessions WHERE user_name = ?",
                             (name,)).fetchone()[0])


# --- failed logins ----------------------------------------------------------------------

def begin_attempt(store: Store, account_key: str, address_key: str, at: str,
                  forget_before: str) -> None:
    """Count a login attempt as failed before its password is checked, so attempts sent at
    once cannot all pass the throttle; a login that succeeds clears it (`clear_failures`)."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM login_failures WHERE at < ?", (forget_before,))
        conn.execute("INSERT INTO login_failures(user_name, address, at) VALUES (?, ?, ?)",
                     (account_key, address_key, at))


def audit_failed_login(store: Store, at: str, actor: str) -> None:
    """The audit line of a failed login (without what was typed)."""
    with store.transaction() as conn:
        _event(conn, at, actor, "login_failed")


def failures_since(store: Store, account_key: str, address_key: str,
                   since: str) -> tuple[tuple[int, str | None], tuple[int, str | None]]:
    """(count, latest time) of the failures since `since`, for the account and the address."""
    by_account = store.execute(
        "SELECT COUNT(*), MAX(at) FROM login_failures WHERE user_name = ? AND at >= ?",
        (account_key, since)).fetchone()
    by_address = store.execute(
        "SELECT COUNT(*), MAX(at) FROM login_failures WHERE address = ? AND at >= ?",
        (address_key, since)).fetchone()
    return (int(by_account[0]), by_account[1]), (int(by_address[0]), by_address[1])


def clear_failures(store: Store, account_key: str) -> None:
    """Forget an account's failures after it logged in (its address keeps its count)."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM login_failures WHERE user_name = ?", (account_key,))

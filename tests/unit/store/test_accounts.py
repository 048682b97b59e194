"""Accounts, sessions and failed logins in the store and the use cases over them: what is
kept, what the audit says, and that a password or its hash is never in either."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from beloftemeter.errors import InputError, NotFoundError
from beloftemeter.pipeline import accounts, login
from beloftemeter.store import accounts as accounts_store
from support.editors import PASSWORD, cheap_hashing

SECRET = "test-geheim"


@pytest.fixture(autouse=True)
def _cheap(monkeypatch):
    cheap_hashing(monkeypatch)


def events(store) -> list[dict]:
    return [dict(row) for row in store.execute("SELECT * FROM editorial_events ORDER BY id")]


def everything_written(store) -> str:
    """Every row of the tables an account touches, as text (to look for a password)."""
    return json.dumps([dict(row) for table in ("editorial_events", "sessions", "login_failures",
                                               "state")
                       for row in store.execute(f"SELECT * FROM {table}")])


def test_an_account_is_kept_with_an_argon2id_hash_and_its_event(store):
    user = accounts.create_account(store, "anna", "redacteur", PASSWORD)
    assert (user.name, user.role, user.blocked) == ("anna", "redacteur", False)
    stored = accounts_store.password_hash(store, "anna")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.password_matches(stored, PASSWORD)
    assert not accounts.password_matches(stored, PASSWORD + "x")
    assert accounts_store.get_user(store, "anna") == user
    [event] = events(store)
    assert (event["actor"], event["action"]) == (accounts.COMMAND_LINE, "account_created")
    assert json.loads(event["after"]) == {"name": "anna", "role": "redacteur"}
    assert "argon2" not in everything_written(store) and PASSWORD not in everything_written(store)


@pytest.mark.parametrize(("name", "role", "password", "message"), [
    ("anna", "redacteur", "te kort", "te kort"),
    ("anna", "baas", PASSWORD, "Onbekende rol"),
    ("Anna Smit", "redacteur", PASSWORD, "Ongeldige gebruikersnaam"),
    ("a", "redacteur", PASSWORD, "Ongeldige gebruikersnaam"),
    ("anna", "redacteur", " " + PASSWORD, "spatie"),
    ("anna", "redacteur", "x" * 1025, "te lang"),
])
def test_a_bad_account_writes_nothing(store, name, role, password, message):
    with pytest.raises(InputError, match=message):
        accounts.create_account(store, name, role, password)
    assert accounts.list_accounts(store) == [] and events(store) == []


def test_a_taken_name_is_refused_and_the_account_stays_as_it_was(store):
    accounts.create_account(store, "anna", "redacteur", PASSWORD)
    before = accounts_store.password_hash(store, "anna")
    with pytest.raises(InputError, match="bestaat al"):
        accounts.create_account(store, "anna", "beheerder", "een ander wachtwoord")
    with pytest.raises(InputError, match="bestaat al"):  # the store itself refuses it too
        accounts_store.create_user(store, "anna", "beheerder", "x", "2026-01-01T00:00:00Z", "t")
    assert accounts_store.password_hash(store, "anna") == before
    assert [e["action"] for e in events(store)] == ["account_created"]


def test_a_new_password_or_a_block_ends_the_sessions(store):
    accounts.create_account(store, "anna", "redacteur", PASSWORD)
    first = login.log_in(store, "anna", PASSWORD, "127.0.0.1", SECRET, 8)
    assert login.session_for(store, first.token).user.name == "anna"
    accounts.change_password(store, "anna", "een nieuw wachtwoord")
    assert login.session_for(store, first.token) is None
    assert login.log_in(store, "anna", PASSWORD, "127.0.0.1", SECRET, 8).token is None
    second = login.log_in(store, "anna", "een nieuw wachtwoord", "127.0.0.1", SECRET, 8)
    assert accounts.block_account(store, "anna") is True
    assert accounts.block_account(store, "anna") is False  # already blocked: no new event
    assert login.session_for(store, second.token) is None
    blocked = login.log_in(store, "anna", "een nieuw wachtwoord", "127.0.0.1", SECRET, 8)
    assert blocked.token is None and blocked.blocked and blocked.message == login.BLOCKED
    assert [e["action"] for e in events(store)] == [
        "account_created", "login", "password_changed", "login_failed", "login",
        "account_blocked", "login_failed"]
    written = everything_written(store)
    assert PASSWORD not in written and "een nieuw wachtwoord" not in written
    assert "argon2" not in written


def test_unknown_accounts_are_named_as_unknown(store):
    with pytest.raises(NotFoundError):
        accounts.change_password(store, "niemand", PASSWORD)
    with pytest.raises(NotFoundError):
        accounts.block_account(store, "niemand")


def test_a_session_is_kept_only_as_a_hash_and_expires(store, monkeypatch):
    accounts.create_account(store, "anna", "redacteur", PASSWORD)
    result = login.log_in(store, "anna", PASSWORD, "127.0.0.1", SECRET, 8)
    rows = [dict(r) for r in store.execute("SELECT * FROM sessions")]
    assert len(rows) == 1 and rows[0]["token_hash"] == login.token_hash(result.token)
    assert result.token not in everything_written(store)
    later = login.utc_now() + timedelta(hours=8, seconds=1)
    monkeypatch.setattr(login, "utc_now", lambda: later)
    assert login.session_for(store, result.token) is None
    assert accounts_store.expire_sessions(store, accounts.stamp(later)) == 1


def test_a_login_replaces_the_session_the_browser_had(store):
    accounts.create_account(store, "anna", "redacteur", PASSWORD)
    first = login.log_in(store, "anna", PASSWORD, "127.0.0.1", SECRET, 8)
    second = login.log_in(store, "anna", PASSWORD, "127.0.0.1", SECRET, 8,
                          replaces=first.token)
    assert second.token != first.token and second.session.csrf != first.session.csrf
    assert login.session_for(store, first.token) is None
    assert accounts_store.count_sessions(store, "anna") == 1
    assert login.log_out(store, second.token) == "anna"
    assert login.log_out(store, second.token) is None
    assert [e["action"] for e in events(store)][-1] == "logout"


def test_failures_keep_keyed_hashes_not_addresses_or_typed_names(store):
    login.log_in(store, "mijn geheime wachtwoord", "x", "203.0.113.9", SECRET, 8)
    [row] = [dict(r) for r in store.execute("SELECT * FROM login_failures")]
    assert "203.0.113.9" not in json.dumps(row) and "geheime" not in json.dumps(row)
    assert row["address"] == login.keyed(SECRET, "adres", "203.0.113.9")
    [event] = events(store)
    assert (event["actor"], event["action"]) == (login.UNKNOWN_ACTOR, "login_failed")
    assert "geheime" not in everything_written(store)


def test_throttle_waits_grow_after_the_limit_and_stop_at_the_window():
    now = login.utc_now()
    at = accounts.stamp(now)
    assert login.throttle_wait(4, at, 5, now) == 0
    waits = [login.throttle_wait(n, at, 5, now) for n in range(5, 12)]
    assert waits == [30, 60, 120, 240, 480, 900, 900]
    assert login.throttle_wait(5, at, 5, now + timedelta(seconds=31)) == 0


def test_the_secret_is_made_once(store):
    first = accounts_store.session_secret(store)
    assert len(first) == 64 and accounts_store.session_secret(store) == first

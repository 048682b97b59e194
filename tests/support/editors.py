"""Editors' accounts in tests: cheap password hashing, an account made through the library's
own function, and a test client logged in through the real login form.

    from support.editors import add_account, cheap_hashing, log_in
    cheap_hashing(monkeypatch)            # argon2 at its cheapest: the suite stays fast
    add_account(store, "anna", "redacteur")
    csrf = log_in(client, "anna")         # the token the editor's forms carry
"""

from __future__ import annotations

import re
from typing import Any

from argon2 import PasswordHasher

from beloftemeter.pipeline import accounts

PASSWORD = "een lang genoeg wachtwoord"  # the default test password (12+ characters)
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
_FIELD = re.compile(r'<input type="hidden" name="csrf" value="([^"]*)">')


def cheap_hashing(monkeypatch: Any = None) -> None:
    """Hash with argon2's cheapest parameters (through `monkeypatch` when given, else for the
    rest of the process)."""
    if monkeypatch is not None:
        monkeypatch.setattr(accounts, "HASHER", CHEAP)
    else:
        accounts.HASHER = CHEAP


def add_account(store: Any, name: str, role: str = "redacteur", password: str = PASSWORD) -> None:
    """An account made as `beloftemeter gebruiker maak` makes it, hashed cheaply."""
    kept = accounts.HASHER
    accounts.HASHER = CHEAP
    try:
        accounts.create_account(store, name, role, password)
    finally:
        accounts.HASHER = kept


def csrf_in(html: str) -> str:
    """The first CSRF token of a page (the first form's hidden field)."""
    found = _FIELD.search(html)
    assert found, "geen CSRF-veld op de pagina"
    return found.group(1)


def login_token(client: Any) -> str:
    """The reader token of the login form (a logged-in page also has the logout form's)."""
    return csrf_in(client.get("/login").text.split('class="inloggen"', 1)[1])


def log_in(client: Any, name: str, password: str = PASSWORD, next_path: str = "/") -> str:
    """Log `client` in through GET and POST /login; the session's CSRF token for its forms."""
    token = login_token(client)
    answer = client.post("/login", data={"csrf": token, "naam": name, "wachtwoord": password,
                                         "next": next_path}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    page = client.get("/")
    found = re.search(r'action="/logout">' + _FIELD.pattern, page.text)
    assert found, "niet ingelogd"
    return found.group(1)

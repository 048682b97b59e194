"""Editors' accounts: names and passwords checked, passwords hashed with argon2id, accounts
created, given a new password, blocked and listed. The CLI (`gebruiker`) and the login
(pipeline.login) both use these; a password or its hash never leaves this module and
store.accounts, not even in an error message."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from beloftemeter.errors import InputError, NotFoundError
from beloftemeter.models.accounts import ACCOUNT_ROLES, User
from beloftemeter.store import Store
from beloftemeter.store import accounts as accounts_store

MIN_PASSWORD = 12  # characters; the minimum
MAX_PASSWORD = 1024  # a longer one only costs the server hashing time
NAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
COMMAND_LINE = "opdrachtregel"  # the audit's actor for changes made with `gebruiker`

# argon2-cffi's defaults (RFC 9106's second recommendation: argon2id, 64 MiB, 3 passes,
# 4 lanes), about 0.15 s per hash on this machine. Tests replace HASHER with cheap parameters;
# a stored hash carries its own, so it is still checked, and renewed at the next login.
HASHER = PasswordHasher()
# Checked when a name is unknown, so such a login costs as long as a wrong password.
_DUMMY: list[str] = []


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """The one format of every time written by accounts and sessions (compares as text)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise InputError(
            "Ongeldige gebruikersnaam: 2 tot 32 tekens, kleine letters, cijfers, '.', '_' of"
            " '-', beginnend met een letter of cijfer.")
    return name


def check_role(role: str) -> str:
    if role not in ACCOUNT_ROLES:
        raise InputError(f"Onbekende rol: {role!r} (kies uit: {', '.join(ACCOUNT_ROLES)}).")
    return role


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"Het wachtwoord is te kort: minstens {MIN_PASSWORD} tekens.")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"Het wachtwoord is te lang: hoogstens {MAX_PASSWORD} tekens.")
    if password != password.strip():
        raise InputError("Het wachtwoord begint of eindigt met een spatie.")
    return password


def hash_password(password: str) -> str:
    return HASHER.hash(check_password(password))


def password_matches(stored: str | None, password: str) -> bool:
    """Whether `password` matches the stored hash; with no hash (an unknown name) a dummy is
    checked, so the answer takes as long either way."""
    if stored is None:
        if not _DUMMY:
            _DUMMY.append(HASHER.hash("onbekend account, geen wachtwoord"))
        stored, password = _DUMMY[0], password + "\0"
    try:
        return HASHER.verify(stored, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    try:
        return HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return False


def create_account(store: Store, name: str, role: str, password: str,
                   actor: str = COMMAND_LINE) -> User:
    """A new account; InputError (nothing written) for a bad name, role or password, or a
    name that is taken."""
    check_new_account(store, name, role)
    hashed = hash_password(password)
    return accounts_store.create_user(store, name, role, hashed, stamp(utc_now()), actor)


def check_new_account(store: Store, name: str, role: str) -> None:
    """InputError unless an account `name` with `role` can be made (before asking for a
    password)."""
    check_name(name)
    check_role(role)
    if accounts_store.get_user(store, name) is not None:
        raise InputError(f"Er bestaat al een account met de naam {name}.")


def change_password(store: Store, name: str, password: str, actor: str = COMMAND_LINE) -> None:
    """A new password for an existing account; its sessions end."""
    existing_account(store, name)
    accounts_store.set_password(store, name, hash_password(password), stamp(utc_now()), actor)


def block_account(store: Store, name: str, actor: str = COMMAND_LINE) -> bool:
    """Block an account and end its sessions; False when it was blocked already."""
    existing_account(store, name)
    return accounts_store.block_user(store, name, stamp(utc_now()), actor)


def existing_account(store: Store, name: str) -> User:
    found = accounts_store.get_user(store, name)
    if found is None:
        raise NotFoundError(f"Onbekend account: {name}.")
    return found


def list_accounts(store: Store) -> list[User]:
    return accounts_store.list_users(store)


def account_dict(user: User) -> dict[str, object]:
    """The public JSON of an account (`gebruiker lijst --json`): never its hash."""
    return {"name": user.name, "role": user.role, "blocked": user.blocked,
            "created_at": user.created_at, "password_changed_at": user.password_changed_at}

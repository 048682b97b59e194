"""Editors' accounts and their sessions. A record never holds a password or its hash: the hash
is read only where a password is checked (pipeline.accounts)."""

from __future__ import annotations

from dataclasses import dataclass

from beloftemeter.models.review import ACCOUNT_ROLES, ADMIN_ROLE, EDITOR_ROLE

__all__ = ["ACCOUNT_ROLES", "ADMIN_ROLE", "EDITOR_ROLE", "Session", "User"]


@dataclass(frozen=True)
class User:
    name: str
    role: str  # EDITOR_ROLE or ADMIN_ROLE
    blocked: bool
    created_at: str  # ISO datetime, UTC
    password_changed_at: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN_ROLE and not self.blocked


@dataclass(frozen=True)
class Session:
    """A logged-in browser: its user and the CSRF token its forms must send back."""

    user: User
    csrf: str
    expires_at: str  # ISO datetime, UTC

"""Store URLs: which backend a URL names, and how to show one without its password."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(url: str) -> bool:
    return url.lower().startswith(POSTGRES_SCHEMES)


def redacted_url(url: str) -> str:
    """`url` fit for a message or a log: a password (in the user part or as a `password=`
    parameter) left out. Any other URL or path is returned as it is."""
    if not is_postgres(url):
        return url
    parts = urlsplit(url)
    user, at, host = parts.netloc.rpartition("@")
    netloc = f"{user.split(':', 1)[0]}@{host}" if at else host
    query = "&".join(item for item in parts.query.split("&")
                     if item and not item.lower().startswith("password="))
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))

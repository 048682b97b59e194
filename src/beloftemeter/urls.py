"""Which outside addresses may become links: one rule for import, pages and reports."""

from __future__ import annotations

from urllib.parse import urlsplit

_WEB_SCHEMES = {"http", "https"}


def is_web_url(url: str | None) -> bool:
    """Whether `url` is an absolute http(s) address with a host, nothing a browser would run
    (`javascript:`, `data:`) nor whitespace or control characters it might strip first."""
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a malformed IPv6 host
        return False
    return parts.scheme.lower() in _WEB_SCHEMES and bool(parts.netloc)

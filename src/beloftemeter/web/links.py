"""Addresses in pages: ids escaped into the app's own URLs (under the request's agreement,
web.agreement_paths), and outside links only when they are plain web addresses (a stored
`javascript:` or `data:` URL is shown as text)."""

from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup, escape

from beloftemeter.urls import is_web_url
from beloftemeter.web.agreement_paths import link


def decision_url(decision_id: str) -> str:
    """The decision's page; every character that means something in a URL escaped (ids may
    hold `/`, `?` or `#`)."""
    return link("/beslissingen/" + quote(decision_id, safe=""))


def section_url(key: str) -> str:
    """The section's page; its key keeps its slashes (`mobiliteit/1.1`), the route reads them."""
    return link("/secties/" + quote(key, safe="/"))


def section_json_url(key: str) -> str:
    return link("/api/secties/" + quote(key, safe="/"))


def safe_link(url: str | None, label: str) -> Markup:
    """A link to `url` with text `label` when it is an http(s) address; otherwise the address
    itself as plain text, so a stored script URL can never run."""
    if not url:
        return Markup("")
    if is_web_url(url):
        return Markup('<a href="{}">{}</a>').format(url, label)
    return escape(url)

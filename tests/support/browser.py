"""One launch of Debian's Chromium for the browser tests (Playwright drives it; no browser is
ever downloaded), and pages that report every Content-Security-Policy violation."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1000, "height": 1200}

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium ontbreekt (/usr/bin/chromium); `make test` installeert het",
)

# Runs in every document before its own content: reports each Content-Security-Policy
# violation (a blocked inline style, script or outside resource) to the test.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(`${location.pathname}: ${event.violatedDirective}`
                            + ` blocked ${event.blockedURI || "inline"}`);
});
"""


@contextmanager
def launched() -> Iterator[Any]:
    """A headless Chromium for the length of the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def policed_page(browser: Any, **options: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page in a fresh context, and the CSP violations reported on any page it visits
    (events and console messages)."""
    violations: list[str] = []
    context = browser.new_context(**{"viewport": VIEWPORT, "locale": "nl-BE", **options})
    context.expose_function("reportCspViolation", lambda text: violations.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    page.on("console", lambda message: violations.append(f"console: {message.text}")
            if "Content Security Policy" in message.text else None)
    try:
        yield page, violations
    finally:
        context.close()


def assert_no_violations(page: Any, violations: list[str]) -> None:
    page.wait_for_timeout(100)  # events of the last page arrive asynchronously
    assert violations == [], "CSP-overtredingen: " + "; ".join(violations)

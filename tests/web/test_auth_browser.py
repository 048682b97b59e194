"""Logging in and out in a real browser (Debian's Chromium through Playwright, as in
test_browser.py): the form keeps to the Content-Security-Policy, a wrong password says so in
Dutch, a login leads back to the page asked for and shows the editor in the header, and the
header's button logs out."""

from __future__ import annotations

import pytest

from beloftemeter.config import Settings
from beloftemeter.store import open_store
from support.browser import assert_no_violations, launched, needs_chromium, policed_page
from support.editors import PASSWORD, add_account
from support.live_app import serve

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("auth") / "auth.db"
    with open_store(f"sqlite:///{path}") as store:
        add_account(store, "anna", "redacteur")
    with serve(Settings(store_url=f"sqlite:///{path}", embedder="geen")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched() as browser:
        yield browser


def test_an_editor_logs_in_sees_the_header_and_logs_out(browser, server):
    with policed_page(browser) as (page, violations):
        page.goto(server + "/login?next=/methode")
        assert page.get_by_role("heading", level=1).inner_text() == "Inloggen voor de redactie"
        page.get_by_label("Gebruikersnaam").fill("anna")
        page.get_by_label("Wachtwoord").fill("niet het goede wachtwoord")
        page.get_by_role("button", name="Inloggen").click()
        assert page.get_by_role("alert").inner_text() == "Onbekende naam of verkeerd wachtwoord."
        page.get_by_label("Gebruikersnaam").fill("anna")
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url("**/methode")
        header = page.locator("header .account")
        assert "Ingelogd als anna" in header.inner_text()
        assert header.get_by_role("link", name="Redactie").get_attribute("href") == "/redactie"
        cookies = {c["name"]: c for c in page.context.cookies()}
        assert cookies["bm_sessie"]["httpOnly"] and cookies["bm_sessie"]["sameSite"] == "Lax"
        assert page.evaluate("document.cookie") == ""  # no script can read either cookie
        header.get_by_role("button", name="Uitloggen").click()
        page.wait_for_url(server + "/")
        assert page.locator("header .account").count() == 0
        assert "bm_sessie" not in {c["name"] for c in page.context.cookies()}
        assert_no_violations(page, violations)

"""The editors' pages in a real browser (Debian's Chromium through Playwright, as in
test_browser.py): an editor logs in from the queue, rejects one evidence decision and confirms
another, sets a status with a reason; the public promise page and the corrections page show it
at once; a second editor saving the same promise from a page made before that save gets the 409
message with what changed, and keeps what they typed. Every page keeps to the
Content-Security-Policy. axe-core finds no serious or critical accessibility problem on the
queue or the review page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from agreement_urls import PREFIX, SLUG, at
from test_browser_promises import AXE, serious_violations

from beloftemeter.config import Settings
from beloftemeter.store import open_store
from beloftemeter.store.promise_ids import ids_by_key
from support.assessed_store import TOLL, TRAM, add_candidate, build
from support.browser import VIEWPORT, assert_no_violations, launched, needs_chromium, policed_page
from support.editors import PASSWORD, add_account
from support.live_app import serve

pytestmark = needs_chromium
REASON = "Het decreet is nog niet bekrachtigd; de heffing wordt voorbereid."
DECREE = "Kilometerheffing vrachtwagens: decreet"
CONCEPT = "Conceptnota kilometerheffing vrachtwagens"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[str, dict]]:
    path = tmp_path_factory.mktemp("redactie") / "redactie.db"
    with open_store(f"sqlite:///{path}") as store:
        build(store)
        add_candidate(store)
        add_account(store, "anna", "redacteur")
        add_account(store, "bert", "redacteur")
        ids = ids_by_key(store)
    with serve(Settings(store_url=f"sqlite:///{path}", embedder="geen")) as url:
        yield url, ids


@pytest.fixture(scope="module")
def browser():
    with launched() as browser:
        yield browser


def log_in(page: Any, name: str) -> None:
    """On the login page the queue sent us to: log in, and come back."""
    page.get_by_label("Gebruikersnaam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def judge(page: Any, title: str, choice: str) -> None:
    page.get_by_role("group", name=f"Oordeel over {title}").get_by_label(choice,
                                                                          exact=True).check()


def test_an_editor_reviews_a_promise_and_the_public_sees_it(browser, site):
    url, ids = site
    toll = ids[(TOLL, 0)]
    with policed_page(browser) as (page, violations):
        page.goto(url + at("/redactie"))
        page.wait_for_url(f"**/login?next=%2F{SLUG}%2Fredactie")
        log_in(page, "anna")
        page.wait_for_url(url + at("/redactie"))
        page.get_by_role("link", name="We voeren een kilometerheffing in.").click()
        page.wait_for_url(f"**/redactie/beloften/{toll}")
        judge(page, DECREE, "afwijzen")
        judge(page, CONCEPT, "bevestigen")
        page.get_by_label("Status", exact=True).select_option("in uitvoering")
        page.get_by_label(re.compile("^Reden")).fill(REASON)
        page.get_by_role("button", name="Bewaren").click()
        page.wait_for_url(f"**/redactie/beloften/{toll}?bewaard=1")
        assert "Bewaard als versie 1" in page.get_by_role("status").inner_text()
        group = page.get_by_role("group", name=f"Oordeel over {DECREE}")
        assert group.get_by_label("afwijzen", exact=True).is_checked()

        page.get_by_role("link", name="publieke pagina van deze belofte").click()
        page.wait_for_url(f"**/beloften/{toll}")
        status = page.locator("section.status")
        assert "in uitvoering" in status.locator(".badge").first.inner_text()
        assert REASON in status.inner_text()
        assert "Nagekeken door de redactie" in status.inner_text()
        timeline = page.locator("ol.tijdlijn").inner_text()
        assert CONCEPT in timeline and DECREE not in timeline

        page.goto(url + at("/correcties"))
        first = page.locator("ol.correcties > li").first
        assert "We voeren een kilometerheffing in." in first.inner_text()
        assert "uitgevoerd" in first.inner_text() and "in uitvoering" in first.inner_text()
        assert REASON in first.inner_text()
        assert_no_violations(page, violations)


def test_a_second_editor_saving_from_a_stale_page_gets_the_409_message(browser, site):
    url, ids = site
    bikes = ids[(TRAM, 1)]
    with policed_page(browser) as (first, first_violations), \
            policed_page(browser) as (second, second_violations):
        for page, name in ((first, "anna"), (second, "bert")):
            page.goto(f"{url}{PREFIX}/redactie/beloften/{bikes}")
            log_in(page, name)
            page.wait_for_url(f"**/redactie/beloften/{bikes}")
        second.get_by_label("Status", exact=True).select_option("afwijkend")
        second.get_by_label(re.compile("^Openbare notitie")).fill("Bert zijn notitie.")
        first.get_by_label("Status", exact=True).select_option("in voorbereiding")
        first.get_by_label(re.compile("^Reden")).fill("Een oproep voor mobipunten loopt.")
        first.get_by_role("button", name="Bewaren").click()
        first.wait_for_url("**?bewaard=1")

        second.get_by_label(re.compile("^Reden")).fill("De regering koos iets anders.")
        with second.expect_response(lambda r: r.request.method == "POST") as answer:
            second.get_by_role("button", name="Bewaren").click()
        assert answer.value.status == 409
        alert = second.get_by_role("alert").inner_text()
        assert "Deze belofte werd intussen opnieuw bewaard" in alert
        assert re.search(r"door anna: status ‘geen beslissing gevonden’ → ‘in voorbereiding’",
                         alert)
        assert second.get_by_label(re.compile("^Reden")).input_value() == (
            "De regering koos iets anders.")
        assert second.get_by_label(re.compile("^Openbare notitie")).input_value() == (
            "Bert zijn notitie.")
        assert second.get_by_label("Status", exact=True).input_value() == "afwijkend"
        assert "in voorbereiding" in second.locator("dl.oordelen").inner_text()
        assert_no_violations(first, first_violations)
        assert_no_violations(second, second_violations)


@pytest.fixture
def axe_page(browser):
    """For the accessibility check only: this one context bypasses the policy to run axe."""
    if not AXE.exists():
        pytest.skip("axe-core ontbreekt (tools/axe/node_modules): `make axe` installeert het"
                    " met npm")
    context = browser.new_context(viewport=VIEWPORT, locale="nl-BE", bypass_csp=True)
    yield context.new_page()
    context.close()


def test_the_queue_and_the_review_page_have_no_serious_accessibility_problems(axe_page, site):
    url, ids = site
    axe_page.goto(url + at("/redactie"))
    log_in(axe_page, "anna")
    axe_page.wait_for_url(url + at("/redactie"))
    assert serious_violations(axe_page) == []
    axe_page.goto(f"{url}{PREFIX}/redactie/beloften/{ids[(TOLL, 0)]}?zoek=tramlijn")
    assert axe_page.locator("ul.zoekresultaten li").count() == 1
    assert serious_violations(axe_page) == []

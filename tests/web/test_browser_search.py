"""The search box in a real browser (Debian's Chromium, driven by Playwright): a name finds the
decision that carries it first, never its look-alikes; a query that no decision contains says
so above the closest decisions; promises are found beside decisions. Any violation of the
Content-Security-Policy fails the test."""


import pytest
from agreement_urls import at

from beloftemeter.config import Settings
from beloftemeter.store import open_store
from beloftemeter.store.decisions import upsert_decisions
from support.assessed_store import build
from support.browser import launched, needs_chromium, policed_page
from support.decision_rows import make_decision
from support.live_app import serve

NO_MATCH = "Geen enkele beslissing bevat de woorden van je zoekvraag"

pytestmark = needs_chromium

# The real data names no M-decreet, so the look-alikes it would be confused with are made here.
NAMED = {
    "m1": ("2021-06-04", "Mestdecreet: wijziging van de mestnormen",
           "Ontwerpdecreet tot wijziging van het Mestdecreet. De regering past de normen aan."),
    "m2": ("2021-09-10", "Havendecreet: principiële goedkeuring",
           "Voorontwerp van decreet over het havenbeleid en het Havendecreet."),
    "m3": ("2022-02-18", "Evaluatie van het M-decreet in het onderwijs",
           "De regering neemt kennis van de evaluatie van het M-decreet over leerlingen met"
           " specifieke onderwijsbehoeften."),
    "m4": ("2022-05-06", "Decreet over de basisbereikbaarheid",
           "Ontwerp van decreet over de vervoerregio's."),
}


@pytest.fixture(scope="module")
def search_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "zoeken.db"
    with open_store(f"sqlite:///{path}") as store:
        build(store)
        upsert_decisions(store, [make_decision(i, day, title, text)
                                 for i, (day, title, text) in NAMED.items()])
    with serve(Settings(store_url=f"sqlite:///{path}", embedder="geen")) as url:
        yield url


@pytest.fixture(scope="module")
def page():
    with launched() as browser, policed_page(browser) as (tab, violations):
        tab.violations = violations  # each test asserts there are none
        yield tab


def _search(page, base: str, query: str) -> None:
    page.goto(base + at("/zoek"))
    page.fill("#q", query)
    page.click("form.zoek button[type=submit]")
    page.wait_for_load_state()


def test_a_name_finds_the_decision_that_carries_it_first(page, search_server):
    _search(page, search_server, "M-decreet")
    first = page.locator(".hit").first
    assert "M-decreet" in first.inner_text()
    assert "bevat M-decreet" in first.inner_text()
    titles = page.locator(".hit a").all_inner_texts()
    assert titles[0] == "Evaluatie van het M-decreet in het onderwijs", titles
    assert NO_MATCH not in page.inner_text("main")
    assert page.violations == []


def test_a_query_no_decision_contains_says_so_before_the_neighbours(page, search_server):
    _search(page, search_server, "canon van Vlaanderen")
    notice = page.locator(".melding")
    assert notice.is_visible()
    assert NO_MATCH in notice.inner_text()
    if page.locator(".hit").count():  # the notice stands above the first neighbour
        assert notice.bounding_box()["y"] < page.locator(".hit").first.bounding_box()["y"]
    assert page.violations == []


def test_promises_are_found_beside_decisions(page, search_server):
    _search(page, search_server, "kilometerheffing")
    section = page.locator(".beloften-gevonden")
    assert section.is_visible()
    assert "kilometerheffing" in section.inner_text().lower()
    assert page.violations == []

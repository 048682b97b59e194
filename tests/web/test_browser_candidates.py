"""The middle tier in a real browser (Debian's Chromium, driven by Playwright): on the section
page a decision "mogelijk relevant, niet bevestigd" is visible, labelled as not confirmed with
its score, apart from the evidence. Launch setup as in test_browser.py."""


import pytest
from agreement_urls import at

from beloftemeter.config import Settings
from beloftemeter.store import open_store
from support.assessed_store import CANDIDATE_ID, add_candidate, build
from support.browser import launched, needs_chromium, policed_page
from support.live_app import serve

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def candidate_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "kandidaat.db"
    with open_store(f"sqlite:///{path}") as store:
        build(store)
        add_candidate(store)
    with serve(Settings(store_url=f"sqlite:///{path}", embedder="geen")) as url:
        yield url


@pytest.fixture(scope="module")
def page():
    with launched() as browser, policed_page(browser) as (page, _):
        yield page


def test_a_candidate_is_visible_on_the_section_page_labelled_as_not_confirmed(
        page, candidate_server):
    page.goto(candidate_server + at("/secties/mobiliteit/1.2"))
    bikes = page.locator("ul.beloften > li").filter(has_text="We ondersteunen deelfietsen.")
    assert bikes.locator(".badge").inner_text() == "geen beslissing gevonden"  # not counted
    candidates = bikes.locator(".kandidaten")
    assert candidates.is_visible()
    label = candidates.locator(".label").inner_text()
    assert label.startswith("Mogelijk relevant, niet bevestigd") and "score 0,47" in label
    link = candidates.get_by_role("link", name="Mobipunten: regelgevend kader")
    assert link.is_visible()
    assert "10 maart 2023" in candidates.inner_text()
    assert bikes.locator("ol.tijdlijn").count() == 0  # no evidence shown for it
    link.click()
    page.wait_for_url(f"**/beslissingen/{CANDIDATE_ID}")

"""The pages in a real browser: Debian's Chromium, driven by Playwright (never a downloaded
browser). Screenshots of the section page and the overview land in `test-output/`."""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium ontbreekt (/usr/bin/chromium); `make test` installeert het",
)


@pytest.fixture(scope="module")
def page(live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1000, "height": 1200}, locale="nl-BE")
        yield context.new_page()
        browser.close()


def test_from_the_home_page_to_a_section_and_one_of_its_decisions(page, live_server):
    page.goto(live_server + "/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Wat deed de Vlaamse")
    page.get_by_role("link", name="1 Mobiliteit").click()  # sections fold under a chapter
    page.wait_for_url("**/secties/mobiliteit")
    page.get_by_role("link", name="1.1 Slimme heffingen").click()
    page.wait_for_url("**/secties/mobiliteit/1.1")
    assert page.locator(".badge.s-uitgevoerd").first.inner_text() == "uitgevoerd"
    promise = page.locator("ul.beloften > li").first
    assert promise.is_visible() and "We voeren een kilometerheffing in." in promise.inner_text()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "sectie.png", full_page=True)
    print(f"schermafdruk: {SCREENSHOTS / 'sectie.png'}")
    page.locator("ol.tijdlijn a").last.click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Kilometerheffing vrachtwagens: decreet")


def test_a_search_shows_ranked_decisions_with_the_matching_words_marked(page, live_server):
    page.goto(live_server + "/zoek")
    page.get_by_label("Zoekvraag").fill("tramlijn")
    page.get_by_role("button", name="Zoeken").click()
    first = page.locator(".hit").first
    assert "Tramlijn luchthaven Zaventem" in first.inner_text()
    assert page.locator("mark").first.inner_text().lower() == "tramlijn"


def test_a_question_is_answered_with_citations_that_link_to_decisions(page, live_server):
    page.goto(live_server + "/vraag")
    page.get_by_label("Vraag").fill("Wat gebeurde er met de kilometerheffing?")
    page.get_by_role("button", name="Vragen").click()
    answer = page.locator("section.antwoord")
    assert "[0]" in answer.inner_text()
    assert answer.locator("a.cite").count() >= 1
    assert answer.locator("#ref-0 a").inner_text().startswith("Kilometerheffing")


def test_the_overview_draws_progress_per_chapter(page, live_server):
    page.goto(live_server + "/overzicht")
    assert page.locator("svg.bar").count() >= 1
    assert "beslissingen in de opslag" in page.locator("main").inner_text()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "overzicht.png", full_page=True)
    print(f"schermafdruk: {SCREENSHOTS / 'overzicht.png'}")

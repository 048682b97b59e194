"""The pages in a real browser: Debian's Chromium, driven by Playwright (never a downloaded
browser). Screenshots of the section page and the overview land in `test-output/`."""

from pathlib import Path

import pytest
from agreement_urls import at

from support.browser import assert_no_violations, launched, needs_chromium, policed_page

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output"

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def browser_session(live_server):
    """A page, and the CSP violations reported on any page it visits (events and console)."""
    with launched() as browser, policed_page(browser) as (page, violations):
        yield page, violations


@pytest.fixture
def page(browser_session):
    """The page; after each test, every page it visited must have kept to the policy."""
    page, violations = browser_session
    violations.clear()
    yield page
    assert_no_violations(page, violations)


def test_from_the_home_page_to_a_section_and_one_of_its_decisions(page, live_server):
    page.goto(live_server + at("/"))
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
    page.goto(live_server + at("/zoek"))
    page.get_by_label("Zoekvraag").fill("tramlijn")
    page.get_by_role("button", name="Zoeken").click()
    first = page.locator(".hit").first
    assert "Tramlijn luchthaven Zaventem" in first.inner_text()
    assert page.locator("mark").first.inner_text().lower() == "tramlijn"


def test_a_question_is_answered_with_citations_that_link_to_decisions(page, live_server):
    page.goto(live_server + at("/vraag"))
    page.get_by_label("Vraag").fill("Wat gebeurde er met de kilometerheffing?")
    page.get_by_role("button", name="Vragen").click()
    answer = page.locator("section.antwoord")
    assert "[1]" in answer.inner_text() and "[0]" not in answer.inner_text()
    assert answer.locator("a.cite").count() >= 1
    assert answer.locator("a.cite").first.get_attribute("href") == "#ref-1"
    first_source = answer.locator("#ref-1")
    assert first_source.inner_text().startswith("[1] ")  # one number, the one the text cites
    assert first_source.locator("a").inner_text().startswith("Kilometerheffing")


def test_the_overview_draws_progress_per_chapter(page, live_server):
    page.goto(live_server + at("/overzicht"))
    assert page.locator("svg.bar").count() >= 1
    assert "beslissingen in de opslag" in page.locator("main").inner_text()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "overzicht.png", full_page=True)
    print(f"schermafdruk: {SCREENSHOTS / 'overzicht.png'}")


def test_a_filtered_search_leads_to_a_decision_whose_id_holds_a_slash(page, live_server):
    page.goto(live_server + at("/zoek"))
    page.get_by_label("Zoekvraag").fill("speelpleinwerking")
    page.get_by_label("type").select_option("")
    page.get_by_role("button", name="Zoeken").click()
    page.locator(".hit a").first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Speelpleinwerking")
    main = page.locator("main")
    assert main.get_by_role("link").count() == 0  # its javascript: URL is shown as text
    assert "javascript:alert(1)" in main.inner_text()


def test_the_violation_check_sees_a_blocked_inline_style(browser_session, live_server):
    page, violations = browser_session
    violations.clear()
    page.goto(live_server + at("/"))
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_timeout(200)
    assert any("style-src" in v for v in violations), violations
    assert page.evaluate("getComputedStyle(document.body).color") != "rgb(255, 0, 0)"
    violations.clear()


def test_an_error_page_is_dutch_and_keeps_to_the_policy(page, live_server):
    response = page.goto(live_server + at("/beslissingen/bestaat%2Fniet"))
    assert response.status == 404
    assert "Geen beslissing met id bestaat/niet" in page.locator("main").inner_text()


# Every pair (text, bar segment) in one row whose boxes intersect, and bars too narrow to read:
# counts are written beside or under a bar, never on it.
OVERLAPS = """
(rowSelector) => {
  const problems = [];
  const boxes = (row, selector) => [...row.querySelectorAll(selector)]
    .map((el) => [el, el.getBoundingClientRect()]);
  for (const row of document.querySelectorAll(rowSelector)) {
    const segments = boxes(row, "svg.bar rect");
    const texts = boxes(row, ".telling, .getal, a, th");
    for (const [, bar] of boxes(row, "svg.bar")) {
      if (bar.width < 40) problems.push(`balk van ${bar.width}px in ${row.innerText}`);
    }
    for (const [text, t] of texts) {
      for (const [, s] of segments) {
        const apart = t.right <= s.left || s.right <= t.left || t.bottom <= s.top
          || s.bottom <= t.top;
        if (!apart) problems.push(`"${text.innerText}" ligt op een balk`);
      }
    }
  }
  return problems;
}
"""
WIDTHS = [1280, 390]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("path", "rows"), [("/", ".tree .row, .row.totaal"),
                                            ("/overzicht", "table.voortgang tr")])
def test_status_bars_never_cover_their_counts(page, parted_server, width, path, rows):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(parted_server + at(path))
    assert page.locator(rows).count() >= 4
    assert page.evaluate(OVERLAPS, rows) == []
    # nothing wider than the screen but the table's own scrolling box
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(exist_ok=True)
    name = "overzicht-delen" if path == "/overzicht" else "start-delen"
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_overview_reads_part_chapter_and_total(page, parted_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(parted_server + at("/overzicht"))
    table = page.locator("table.voortgang")
    assert table.locator("tbody tr").nth(1).locator("td").first.inner_text() == (
        "Deel 1 › 1 Onderwijs")
    total = table.locator("tfoot tr")
    assert total.locator("th").inner_text() == "Totaal" and total.is_visible()
    axis = page.locator("svg.kolommen text.as")
    assert axis.count() >= 2 and axis.first.is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_decision_page_in_words_with_its_promises_by_role(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server + at("/beslissingen/x1"))
    facts = page.locator("dl.feiten").inner_text()
    assert "12 juni 2020" in facts and "definitieve goedkeuring" in facts
    assert "_" not in facts
    context = page.locator("section.rol-context")
    assert context.get_by_role("heading").inner_text() == "Verwant aan deze beloften"
    assert context.locator("li").count() == 2
    assert page.locator("section.rol-evidence").count() == 0
    context.get_by_role("link").first.click()
    page.wait_for_url("**/secties/mobiliteit/1.1")


def test_the_search_form_takes_dates_year_first(page, live_server):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server + at("/zoek"))
    page.get_by_label("Zoekvraag").fill("kilometerheffing")
    start = page.get_by_label("van", exact=True)
    assert start.get_attribute("placeholder") == "jjjj-mm-dd"
    start.fill("2022-01-01")
    page.get_by_role("button", name="Zoeken").click()
    assert page.locator(".hit").count() == 1
    assert "vanaf 1 januari 2022" in page.locator("main").inner_text()
    # a date the other way round is stopped by the form itself, before any request
    page.get_by_label("van", exact=True).fill("01/01/2022")
    assert page.evaluate("document.querySelector('input[name=van]').checkValidity()") is False


@pytest.mark.parametrize("width", WIDTHS)
def test_the_dossier_timeline_leads_to_the_other_stages(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server + at("/beslissingen/k3"))
    steps = page.locator("ol.dossier-stappen li")
    assert steps.count() == 2
    assert steps.nth(1).get_attribute("aria-current") == "page"
    assert "11 maart 2022 · bekrachtiging en afkondiging" in steps.nth(1).inner_text()
    steps.nth(0).get_by_role("link").click()
    page.wait_for_url("**/beslissingen/k2")
    current = page.locator('ol.dossier-stappen li[aria-current="page"]')
    assert current.inner_text().startswith("21 mei 2021 · principiële goedkeuring")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_question_no_decision_is_about_says_so_and_offers_promises(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server + at("/vraag"))
    page.get_by_label("Vraag").fill("Wat deed de regering voor deelfietsen?")
    page.get_by_role("button", name="Vragen").click()
    answer = page.locator("section.antwoord")
    assert answer.locator("p.niet-gevonden").inner_text() == (
        "Ik vond geen beslissing die over je vraag gaat.")
    assert answer.locator("ol.bronnen").count() == 0
    promise = answer.locator("ul.dichtste-beloften li").first
    assert "We ondersteunen deelfietsen." in promise.inner_text()
    promise.get_by_role("link").click()
    page.wait_for_url("**/secties/mobiliteit/1.2")

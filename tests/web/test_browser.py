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


# Runs in every document before its own content: reports each Content-Security-Policy
# violation (a blocked inline style, script or outside resource) to the test.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(`${location.pathname}: ${event.violatedDirective}`
                            + ` blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture(scope="module")
def browser_session(live_server):
    """A page, and the CSP violations reported on any page it visits (events and console)."""
    from playwright.sync_api import sync_playwright

    violations: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1000, "height": 1200}, locale="nl-BE")
        context.expose_function("reportCspViolation", lambda text: violations.append(text))
        context.add_init_script(REPORT_VIOLATIONS)
        page = context.new_page()
        page.on("console", lambda message: violations.append(f"console: {message.text}")
                if "Content Security Policy" in message.text else None)
        yield page, violations
        browser.close()


@pytest.fixture
def page(browser_session):
    """The page; after each test, every page it visited must have kept to the policy."""
    page, violations = browser_session
    violations.clear()
    yield page
    page.wait_for_timeout(100)  # events of the last page arrive asynchronously
    assert violations == [], "CSP-overtredingen: " + "; ".join(violations)


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


def test_a_filtered_search_leads_to_a_decision_whose_id_holds_a_slash(page, live_server):
    page.goto(live_server + "/zoek")
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
    page.goto(live_server + "/")
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_timeout(200)
    assert any("style-src" in v for v in violations), violations
    assert page.evaluate("getComputedStyle(document.body).color") != "rgb(255, 0, 0)"
    violations.clear()


def test_an_error_page_is_dutch_and_keeps_to_the_policy(page, live_server):
    response = page.goto(live_server + "/beslissingen/bestaat%2Fniet")
    assert response.status == 404
    assert "Geen beslissing met id bestaat/niet" in page.locator("main").inner_text()

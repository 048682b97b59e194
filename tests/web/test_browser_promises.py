"""The promise pages in a real browser (Debian's Chromium, driven by Playwright; launch setup
as in test_browser.py): filter the list to one status and one chapter with plain links, open a
promise, follow its evidence to the decision page and come back with the filters kept; every
page keeps to the Content-Security-Policy. An accessibility check of the list and the promise
page with axe-core (pinned in tools/axe, installed by `make axe`): no serious or critical
violations."""

from pathlib import Path

import pytest
from agreement_urls import PREFIX, at
from several_store import OLD

from support.browser import VIEWPORT, assert_no_violations, launched, needs_chromium, policed_page

AXE = Path(__file__).resolve().parents[2] / "tools/axe/node_modules/axe-core/axe.min.js"

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def browser():
    with launched() as browser:
        yield browser


@pytest.fixture
def page(browser):
    """A page that keeps to the policy: any violation on any page it visits fails the test."""
    with policed_page(browser) as (page, violations):
        yield page
        assert_no_violations(page, violations)


def test_filter_open_a_promise_follow_its_evidence_and_come_back(page, live_server):
    page.goto(live_server + at("/beloften"))
    assert page.get_by_role("heading", level=1).inner_text() == "Beloften"
    page.locator('[aria-labelledby="facet-status"] a', has_text="uitgevoerd").first.click()
    page.wait_for_url("**/beloften?status=uitgevoerd")
    page.locator('[aria-labelledby="facet-chapter"] a').first.click()
    page.wait_for_url("**/beloften?status=uitgevoerd&hoofdstuk=mobiliteit")
    filtered_url = page.url
    results = page.locator("ol.beloftelijst > li")
    assert results.count() == 2
    assert page.locator('[aria-labelledby="facet-status"] a[aria-current="true"]').count() == 1
    page.get_by_role("link", name="We voeren een kilometerheffing in.").click()
    page.wait_for_url("**/beloften/p-*")
    assert "kilometerheffing" in page.locator("strong.belofte-tekst").inner_text()
    assert page.locator("ol.tijdlijn > li").count() == 3
    page.locator("ol.tijdlijn a", has_text="decreet").last.click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Kilometerheffing vrachtwagens: decreet")
    page.go_back()
    page.wait_for_url("**/beloften/p-*")
    page.go_back()
    assert page.url == filtered_url
    assert page.locator("ol.beloftelijst > li").count() == 2
    assert page.locator("#resultaten-kop").inner_text() == "2 beloften"


def test_a_mistyped_promise_link_offers_the_promise_it_meant(page, live_server):
    import httpx

    pid = httpx.get(live_server + at("/api/beloften")).json()["promises"][0]["id"]
    typo = pid[:-1] + ("0" if pid[-1] != "0" else "1")
    response = page.goto(f"{live_server}{PREFIX}/beloften/{typo}")
    assert response.status == 404
    page.locator("ul.dichtste-beloften a").first.click()
    page.wait_for_url(f"**/beloften/{pid}")
    assert page.locator("strong.belofte-tekst").is_visible()


@pytest.fixture
def axe_page(browser):
    """A page for the accessibility check only: the policy forbids injected scripts, so this
    one context (and no other) bypasses it to run axe-core."""
    if not AXE.exists():
        pytest.skip("axe-core ontbreekt (tools/axe/node_modules): `make axe` installeert het"
                    " met npm")
    context = browser.new_context(viewport=VIEWPORT, locale="nl-BE", bypass_csp=True)
    yield context.new_page()
    context.close()


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_the_list_and_a_promise_page_have_no_serious_accessibility_problems(axe_page,
                                                                            live_server):
    axe_page.goto(live_server + at("/beloften?status=uitgevoerd"))
    assert serious_violations(axe_page) == []
    axe_page.locator("ol.beloftelijst a.belofte").first.click()
    axe_page.wait_for_url("**/beloften/p-*")
    assert serious_violations(axe_page) == []


def test_the_home_page_with_two_agreements_has_no_serious_accessibility_problems(
        axe_page, several_server):
    """The agreements side by side, at a phone's width too; from a card to its own list."""
    for width in (1280, 390):
        axe_page.set_viewport_size({"width": width, "height": 900})
        axe_page.goto(several_server + "/")
        assert axe_page.locator("li.akkoord-kaart").count() == 2
        assert serious_violations(axe_page) == []
        assert axe_page.evaluate("document.documentElement.scrollWidth") <= width
    axe_page.get_by_role("link", name="Regeerakkoord 2019-2024").click()
    axe_page.wait_for_url(f"**/{OLD}/")
    axe_page.get_by_role("link", name="Beloften", exact=True).click()
    axe_page.wait_for_url(f"**/{OLD}/beloften")
    assert serious_violations(axe_page) == []
    assert axe_page.locator("ol.beloftelijst > li").count() == 4

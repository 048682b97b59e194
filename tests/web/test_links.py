"""Addresses in pages: ids with special characters escaped and reachable, outside links only
for http(s) addresses, whatever the store holds."""

import re
from urllib.parse import quote

import pytest
from agreement_urls import PREFIX, at
from odd_decisions import DATA_URL, SCRIPT_URL, SLASHED_ID

from beloftemeter.web.links import decision_url, is_web_url, safe_link, section_url


def test_a_decision_id_with_a_slash_is_linked_from_search_and_its_page_opens(client):
    page = client.get(at("/zoek"), params={"q": "speelpleinwerking"}).text
    links = re.findall(rf'href="({PREFIX}/beslissingen/[^"]+)"', page)
    assert links == [f"{PREFIX}/beslissingen/" + quote(SLASHED_ID, safe="")]
    decision = client.get(links[0])
    assert decision.status_code == 200
    assert "<h1>Speelpleinwerking: subsidie voor zomerwerking</h1>" in decision.text
    data = client.get(at("/api/beslissingen/") + quote(SLASHED_ID, safe="")).json()
    assert data["id"] == SLASHED_ID


def test_a_decision_with_a_script_url_shows_it_as_text_not_as_a_link(client):
    page = client.get(decision_url(SLASHED_ID)).text
    main = page.split("<main", 1)[1]
    assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', main)).lower()
    assert "<p>javascript:alert(1)</p>" in main
    data_page = client.get(at("/beslissingen/d1")).text.split("<main", 1)[1]
    assert "href=\"data:" not in data_page and "<script>" not in data_page
    assert "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;" in data_page


def test_a_decision_with_a_web_url_links_to_it(client):
    page = client.get(at("/beslissingen/k1")).text
    assert ('<a href="https://example.test/k1">Bekijk op beslissingenvlaamseregering.vlaanderen.be'
            '</a>') in page


@pytest.mark.parametrize("url", [
    "https://example.test/a?b=1&c=2", "http://example.test/", "HTTPS://EXAMPLE.TEST/x"])
def test_web_addresses_become_links(url):
    assert is_web_url(url)
    assert str(safe_link(url, "bron")).startswith('<a href="')


@pytest.mark.parametrize("url", [
    SCRIPT_URL, DATA_URL, "JaVaScRiPt:alert(1)", " javascript:alert(1)",
    "java\tscript:alert(1)", "vbscript:msgbox(1)", "https://x.test/\njavascript:alert(1)",
    "//evil.test/", "/beslissingen/k1", "ftp://example.test/", "https:// spaced.test"])
def test_anything_else_stays_text(url):
    assert not is_web_url(url)
    assert "<a" not in str(safe_link(url, "bron"))


def test_a_link_label_and_address_are_escaped():
    html = str(safe_link('https://x.test/"><script>', "<b>bron</b>"))
    assert html == ('<a href="https://x.test/&#34;&gt;&lt;script&gt;">'
                    '&lt;b&gt;bron&lt;/b&gt;</a>')


def test_section_addresses_keep_their_slashes_and_escape_the_rest():
    assert section_url("mobiliteit/1.1") == "/secties/mobiliteit/1.1"
    assert section_url("a b?c#d") == "/secties/a%20b%3Fc%23d"
    assert decision_url("a/b c") == "/beslissingen/a%2Fb%20c"

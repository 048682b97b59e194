"""The promise pages: the faceted list with shareable filter links, one promise's page (text,
place, status with its reason, evidence apart from the rest, OpenGraph), the 404 page with the
closest promises, the changes and the progress per minister."""

import re
from html import unescape

import pytest
from agreement_urls import PREFIX, at

from beloftemeter.config import Settings
from beloftemeter.models.policy import Action, PolicyDocument, PromiseLink
from beloftemeter.store import open_store
from beloftemeter.store.policy import save_document
from support.assessed_store import TOLL, TRAM, build


def ids(client) -> dict[tuple[str, int], str]:
    return {(r["section"], r["ordinal"]): r["id"]
            for r in client.get(at("/api/beloften")).json()["promises"]}


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', html)]


def test_the_list_shows_every_promise_with_facets_whose_links_are_plain_urls(client):
    html = client.get(at("/beloften")).text
    assert "3 beloften" in html
    for pid in ids(client).values():
        assert f'href="{PREFIX}/beloften/{pid}"' in html
    facet_links = [h for h in links(html) if h.startswith(f"{PREFIX}/beloften?")]
    assert f"{PREFIX}/beloften?status=uitgevoerd" in facet_links
    assert "<script" not in html and "style=" not in html
    # Following a facet link gives the filtered list, with links to its exports and twin.
    filtered = client.get(at("/beloften?status=uitgevoerd")).text
    assert "2 beloften" in filtered and "deelfietsen" not in filtered
    for href in (f"{PREFIX}/api/beloften.csv?status=uitgevoerd",
                 f"{PREFIX}/api/beloften.json?status=uitgevoerd",
                 f"{PREFIX}/api/beloften?status=uitgevoerd"):
        assert href in links(filtered)
        assert client.get(href).status_code == 200
    # The chosen value links back to the list without it; the form keeps the filter.
    assert f'<a href="{PREFIX}/beloften" aria-current="true">' in filtered
    assert '<input type="hidden" name="status" value="uitgevoerd">' in filtered


def test_a_search_within_the_promises_keeps_the_other_filters(client):
    html = client.get(at("/beloften"), params={"q": "tramlijn", "status": "uitgevoerd"}).text
    assert "1 belofte" in html and "Zaventem" in html and "kilometerheffing in." not in html
    assert 'value="tramlijn"' in html


def test_a_promise_page_shows_text_place_status_reason_and_the_evidence_as_a_timeline(client):
    pid = ids(client)[(TOLL, 0)]
    html = client.get(at(f"/beloften/{pid}")).text
    assert '<strong class="belofte-tekst">We voeren een kilometerheffing in.</strong>' in html
    assert f'href="{PREFIX}/secties/mobiliteit"' in html
    assert f'href="{PREFIX}/secties/mobiliteit/1.1"' in html
    assert "pagina 10" in html  # the store knows no PDF address: the publication page
    assert 'href="https://www.vlaanderen.be/publicaties/regeerakkoord' in html
    assert "Verst gekomen: het decreet [bekrachtigd]." in html
    timeline = html.split('<ol class="tijdlijn">')[1].split("</ol>")[0]
    assert [h for h in links(timeline) if h.startswith(f"{PREFIX}/beslissingen/")] == [
        f"{PREFIX}/beslissingen/k1", f"{PREFIX}/beslissingen/k2",
        f"{PREFIX}/beslissingen/k3"]
    assert "11 maart 2022" in timeline and "bekrachtiging en afkondiging" in timeline
    # Related decisions stand apart and are never called evidence.
    assert f"{PREFIX}/beslissingen/x1" not in timeline
    assert f"{PREFIX}/beslissingen/x1" in html.split('id="verwant-kop"')[1]
    assert '<meta property="og:title" content="We voeren een kilometerheffing in.">' in html
    assert '<meta property="og:description" content="uitgevoerd: Verst gekomen' in html
    assert "<script" not in html and "style=" not in html


def test_a_promise_without_evidence_stands_after_the_sentence_before_it(client):
    pid = ids(client)[(TRAM, 1)]
    html = client.get(at(f"/beloften/{pid}")).text
    assert ('<span class="omringend">We bouwen een tramlijn naar Zaventem.</span>'
            ' <strong class="belofte-tekst">We ondersteunen deelfietsen.</strong>') in html
    assert "Geen beslissing gevonden die deze belofte uitvoert." in html
    assert 'class="tijdlijn"' not in html


def test_an_unknown_promise_is_a_dutch_404_with_the_closest_promises(client):
    pid = ids(client)[(TRAM, 0)]
    typo = pid[:-1] + ("0" if pid[-1] != "0" else "1")
    response = client.get(at(f"/beloften/{typo}"))
    assert response.status_code == 404
    assert "Belofte niet gevonden" in response.text and typo in response.text
    assert "Bedoelde je een van deze beloften?" in response.text
    assert f"{PREFIX}/beloften/{pid}" in links(response.text)
    nothing_alike = client.get(at("/beloften/iets-heel-anders"))
    assert nothing_alike.status_code == 404 and f'href="{PREFIX}/beloften"' in nothing_alike.text
    escaped = client.get(at("/beloften/%3Cscript%3Ealert(1)%3C%2Fscript%3E"))
    assert escaped.status_code == 404 and "<script>" not in escaped.text


def test_the_changes_page_lists_changes_with_links_to_the_promises(client):
    html = client.get(at("/veranderingen")).text
    assert f'href="{PREFIX}/feeds/veranderingen.atom"' in html
    promise_links = {h for h in links(html) if h.startswith(f"{PREFIX}/beloften/p-")}
    assert promise_links == {f"{PREFIX}/beloften/{pid}" for pid in ids(client).values()}
    assert "We voeren een kilometerheffing in." in html  # the text, not just the id


def test_without_policy_documents_the_overview_says_why_there_are_no_ministers(client):
    html = client.get(at("/overzicht")).text
    assert "Voortgang per minister" in html and "Voortgang per hoofdstuk" in html
    assert "Nog geen beleidsnota's ingelezen" in html


@pytest.fixture(scope="module")
def planned_client(tmp_path_factory):
    """The tiny store with the tram promise planned by one action under two ministers."""
    from fastapi.testclient import TestClient

    from beloftemeter.web.app import create_app

    path = tmp_path_factory.mktemp("web") / "gepland.db"
    with open_store(f"sqlite:///{path}") as store:
        build(store)
        action = Action("1.1", "Tram naar de luchthaven", None, "Tekst.", responsible=(
            "Mobiliteit en Openbare Werken – minister Lydia Peeters Brussel – minister"
            " Benjamin Dalle"), timing="2021", budget="5 miljoen euro")
        save_document(store, PolicyDocument("nota-mobiliteit", "Beleidsnota Mobiliteit", "x",
                                            "0" * 64, (), (action,)),
                      [PromiseLink("nota-mobiliteit", "1.1", TRAM, 0, "citaat", 1.0, "tram")],
                      [])
    settings = Settings(store_url=f"sqlite:///{path}", embedder="geen")
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def test_the_overview_has_a_row_per_minister_that_leads_to_their_promises(planned_client):
    html = planned_client.get(at("/overzicht")).text
    table = html.split('<table class="ministers">')[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>', table)
    assert sorted(name for _, name in rows) == ["Benjamin Dalle", "Lydia Peeters"]
    assert "<title>1 uitgevoerd</title>" in table  # the status bar of one promise
    for href, _ in rows:
        listed = planned_client.get(unescape(href))
        assert listed.status_code == 200 and "1 belofte" in listed.text
        assert "We bouwen een tramlijn naar Zaventem." in listed.text


def test_a_planned_promise_shows_its_action_minister_timing_and_budget(planned_client):
    results = planned_client.get(at("/api/beloften")).json()["promises"]
    pid = next(r["id"] for r in results if (r["section"], r["ordinal"]) == (TRAM, 0))
    plans = planned_client.get(at(f"/beloften/{pid}")).text.split('id="plannen-kop"')[1]
    for text in ("Beleidsnota Mobiliteit", "1.1 Tram naar de luchthaven", "Lydia Peeters",
                 "2021", "5 miljoen euro"):
        assert text in plans


def test_a_decision_page_links_to_the_pages_of_its_promises(client):
    html = client.get(at("/beslissingen/k3")).text
    pid = ids(client)[(TOLL, 0)]
    assert f'<a href="{PREFIX}/beloften/{pid}">“We voeren een kilometerheffing in.”</a>' in html

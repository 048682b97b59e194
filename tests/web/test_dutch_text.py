"""Text a newspaper would print: Dutch articles and number grouping, headings that fit the
answer, no raw keys or made-up dates (a journalist's review of the pages over real data)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from agreement_urls import PREFIX, at


@pytest.mark.parametrize("url", [f"{PREFIX}/api/zoek?q=x&type=onzin",
                                 f"{PREFIX}/zoek?q=x&type=onzin",
                                 f"{PREFIX}/api/zoek?q=x&soort=onzin"])
def test_an_unknown_type_is_het_type(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Onbekend type: " in response.text and "onzin" in response.text
    assert "Onbekende type" not in response.text


def test_an_unknown_stage_is_de_fase(client):
    response = client.get(at("/api/zoek"), params={"q": "x", "fase": "klaar"})
    assert response.status_code == 400
    assert response.json()["error"].startswith("Onbekende fase: 'klaar'. Bekend: ")


@pytest.mark.parametrize("url", [f"{PREFIX}/zoek?q=x&van=2020-13-45",
                                 f"{PREFIX}/api/zoek?q=x&van=2020-13-45",
                                 f"{PREFIX}/zoek?q=x&tot=gisteren"])
def test_a_bad_date_is_a_400_like_a_bad_year(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Ongeldige datum voor de" in response.text
    assert client.get(at("/api/beloften"), params={"jaar": "twintig"}).status_code == 400


def test_a_refused_request_is_not_headed_as_our_failure(client):
    page = client.get(at("/zoek"), params={"q": "x", "van": "2020-13-45"}).text
    assert "<h1>Deze vraag kunnen we niet beantwoorden</h1>" in page
    assert "Er ging iets mis" not in page
    missing = client.get("/bestaat-niet").text
    assert "<h1>Niet gevonden</h1>" in missing and "Er ging iets mis" not in missing


def test_counts_are_grouped_by_thousands_on_every_page(client, monkeypatch):
    snapshot = client.app.state.web.snapshot
    monkeypatch.setattr(snapshot, "decision_count", 3165)
    monkeypatch.setattr(snapshot, "total", replace(snapshot.total, promises=2809))
    assert "3.165 beslissingen" in client.get(at("/")).text
    overview = client.get(at("/overzicht")).text
    assert "3.165 beslissingen in de opslag" in overview
    assert '<td class="getal">2.809</td>' in overview and ">2809<" not in overview


def test_a_section_counts_one_belofte_and_groups_many(client, monkeypatch):
    by_key = client.app.state.web.snapshot.by_key
    tree = by_key["mobiliteit"]
    for n in (1, 1250):
        monkeypatch.setitem(by_key, "mobiliteit", replace(tree, total=replace(tree.total,
                                                                           promises=n)))
        if n == 1:
            assert "1 belofte<" in client.get(at("/secties/mobiliteit")).text
    assert "1.250 beloften" in client.get(at("/secties/mobiliteit")).text


def _promise_ids(client) -> dict[str, str]:
    promises = client.get(at("/api/beloften")).json()["promises"]
    return {p["status"]: p["id"] for p in promises}


def test_a_promise_summary_never_says_its_status_twice(client):
    ids = _promise_ids(client)
    missing = client.get(f"{PREFIX}/beloften/{ids['geen beslissing gevonden']}").text
    assert '<meta property="og:description" content="Geen beslissing gevonden.">' in missing
    assert "geen beslissing gevonden: Geen" not in missing
    done = client.get(f"{PREFIX}/beloften/{ids['uitgevoerd']}").text
    assert '<meta name="description" content="uitgevoerd: Verst gekomen: ' in done


def test_search_names_a_promise_by_its_section_number_and_title(client):
    page = client.get(at("/zoek"), params={"q": "kilometerheffing"}).text
    found = page.split('class="beloften-gevonden"')[1].split("</section>")[0]
    assert (f'<a href="{PREFIX}/secties/mobiliteit/1.1">1 Mobiliteit › 1.1 Slimme heffingen</a>'
            in found)
    assert ">mobiliteit/1.1<" not in found


def _updated(feed: str) -> str:
    return feed.split("<updated>")[1].split("</updated>")[0]


def _latest_assessment(client) -> str:
    times = [client.get(at(f"/api/beloften/{pid}")).json()["assessed_at"]
             for pid in _promise_ids(client).values()]
    return max(t for t in times if t)


def test_an_empty_corrections_feed_is_dated_by_the_latest_assessment(client):
    from beloftemeter.web.feeds import atom_time

    feed = client.get(at("/feeds/correcties.atom")).text
    assert "<entry>" not in feed  # the test store has no corrections
    assert _updated(feed) == atom_time(_latest_assessment(client))
    assert "2019-10-02" not in feed


def test_a_feed_without_changes_is_dated_by_the_latest_assessment(client, parted_client):
    from beloftemeter.web.feeds import atom_time

    nodes = parted_client.get(at("/api/secties")).json()
    chapters = [n["key"] for n in nodes if n["kind"] == "chapter"]
    feeds = [f"{PREFIX}/feeds/hoofdstukken/{key}.atom" for key in chapters]
    feeds += [f"{PREFIX}/feeds/beloften/{p['id']}.atom"
              for p in parted_client.get(at("/api/beloften")).json()["promises"]]
    quiet = [url for url in feeds if "<entry>" not in parted_client.get(url).text]
    assert quiet, "the parted store has a chapter or promise without history"
    latest = atom_time(_latest_assessment(parted_client))
    assert _updated(parted_client.get(quiet[0]).text) == latest
    agreement = client.get(at("/feeds/veranderingen.atom")).text
    assert "<entry>" in agreement and "2019-10-02" not in agreement


def test_the_method_page_quotes_no_promise_the_agreement_lacks(client):
    page = client.get("/methode").text
    assert "kilometerheffing" not in page
    assert "zinnen van het soort \"We voeren … in\"" in page


def test_a_filter_given_twice_with_different_values_is_refused_not_half_applied(client):
    for path in (f"{PREFIX}/beloften", f"{PREFIX}/api/beloften"):
        response = client.get(path, params=[("status", "uitgevoerd"),
                                            ("status", "in uitvoering")])
        assert response.status_code == 400, path
        assert "Kies één waarde voor status" in response.text
    same = client.get(at("/beloften"), params=[("status", "uitgevoerd"), ("status", "uitgevoerd")])
    assert same.status_code == 200

"""The public corrections (issue 19): /correcties, /api/correcties and /feeds/correcties.atom
list every save that changed a published verdict, newest first, with the promise, before →
after, the decisions added and removed as evidence and the reason; a save that changed
nothing the public sees is not listed; script in a reason is text everywhere."""

from __future__ import annotations

import re

import feedparser
import pytest
from agreement_urls import PREFIX, at

from beloftemeter.config import Settings
from beloftemeter.models.review import CONFIRMED, ReviewEdit
from beloftemeter.pipeline.corrections import list_corrections
from beloftemeter.pipeline.review import save_review
from beloftemeter.store import open_store
from beloftemeter.store.promise_ids import ids_by_key
from support.assessed_store import TOLL, build
from support.reviewed_store import REASON, SCRIPT, build_reviewed

ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"


@pytest.fixture(scope="module")
def reviewed(make_module_store):
    url = make_module_store("correcties")
    with open_store(url) as store:
        ids = build_reviewed(store)
    return Settings(store_url=url, embedder="geen"), ids


@pytest.fixture(scope="module")
def client(reviewed):
    from fastapi.testclient import TestClient

    from beloftemeter.web.app import create_app

    with TestClient(create_app(reviewed[0]), raise_server_exceptions=False) as test_client:
        yield test_client


def entries(html: str) -> list[str]:
    return re.findall(r'<li id="correctie-\d+">(.*?)</li>', html, re.S)


def test_the_page_lists_each_change_newest_first_with_its_reason(client, reviewed):
    ids = reviewed[1]
    response = client.get(at("/correcties"))
    assert response.status_code == 200
    html = response.text
    bikes, toll = entries(html)  # the save that changed nothing public is not listed
    assert f'href="{PREFIX}/beloften/{ids["bikes"]}"' in bikes
    assert f'href="{PREFIX}/beloften/{ids["toll"]}"' in toll
    assert "1 december 2026" in bikes and "30 november 2026" in toll
    assert re.search(r">geen beslissing gevonden</span> → <span[^>]*>in voorbereiding<", bikes)
    assert "Nu als bewijs:" in bikes and f'href="{PREFIX}/beslissingen/t1"' in bikes
    assert "Reden van de redactie:" in bikes and ESCAPED in bikes
    assert re.search(r">uitgevoerd</span> → <span[^>]*>in uitvoering<", toll)
    assert "Niet langer als bewijs:" in toll and "Kilometerheffing vrachtwagens: decreet" in toll
    assert "Nieuwe uitleg:" in toll  # the ladder decided: its reason is the explanation
    assert SCRIPT not in html and "<script" not in html and "style=" not in html
    assert f'href="{PREFIX}/feeds/correcties.atom"' in html
    assert f'href="{PREFIX}/api/correcties"' in html


def test_the_json_twin_has_english_keys_and_the_reason_as_plain_text(client, reviewed):
    response = client.get(at("/api/correcties"))
    assert response.headers["content-type"].startswith("application/json")
    data = response.json()
    assert (data["total"], data["page"], data["per_page"]) == (2, 1, 50)
    bikes, toll = data["corrections"]
    assert set(bikes) == {"id", "at", "promise_id", "promise", "before_status", "after_status",
                          "added", "removed", "reason", "published_reason", "note"}
    assert bikes["promise_id"] == reviewed[1]["bikes"] and bikes["reason"] == REASON
    assert (bikes["before_status"], bikes["after_status"]) == (
        "geen beslissing gevonden", "in voorbereiding")
    assert bikes["added"] == [{"decision_id": "t1", "title": "Tramlijn luchthaven Zaventem:"
                               " tracé", "meeting_date": "2021-09-17"}]
    assert toll["removed"][0]["decision_id"] == "k3" and toll["reason"] == ""
    assert toll["published_reason"].startswith("Verst gekomen")
    assert bikes["id"] > toll["id"]


def test_pages_of_corrections(client):
    first = client.get(at("/api/correcties"), params={"per_pagina": 1}).json()
    second = client.get(at("/api/correcties"), params={"per_pagina": 1, "pagina": 2}).json()
    assert first["total"] == second["total"] == 2
    assert first["corrections"][0]["id"] > second["corrections"][0]["id"]
    beyond = client.get(at("/correcties"), params={"pagina": 9})
    assert beyond.status_code == 200 and "Geen correcties op deze pagina." in beyond.text
    for bad in ({"pagina": 0}, {"pagina": "x"}, {"per_pagina": 1000}):
        assert client.get(at("/api/correcties"), params=bad).status_code == 422
    assert client.get(at("/correcties"), params={"pagina": -1}).status_code == 422


def test_the_feed_is_valid_atom_with_the_reason_escaped(client, reviewed):
    response = client.get(at("/feeds/correcties.atom"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert b"<script" not in response.content and b"&lt;script&gt;" in response.content
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.title == "Correcties van de redactie"
    bikes, toll = feed.entries
    assert "(geen beslissing gevonden → in voorbereiding)" in bikes.title
    assert bikes.link == f"http://testserver{PREFIX}/beloften/{reviewed[1]['bikes']}"
    assert f"Reden van de redactie: {REASON}" in bikes.summary
    assert "Niet langer als bewijs: Kilometerheffing vrachtwagens: decreet." in toll.summary
    for link in (*feed.feed.links, *bikes.links, *toll.links):
        assert client.get(link.href.removeprefix("http://testserver")).status_code == 200


def test_the_method_page_links_the_corrections_and_explains_how_to_report(client):
    html = client.get("/methode").text
    assert f'href="{PREFIX}/correcties"' in html and "Klopt dit niet?" in html
    assert "Automatisch beoordeeld, nog niet nagekeken" in html


def test_only_saves_that_change_what_the_public_sees_are_corrections(store):
    build(store)
    toll = ids_by_key(store)[(TOLL, 0)]
    assert list_corrections(store).total == 0
    save_review(store, ReviewEdit(toll, 0, "an", {}))  # confirms the verdict as it is
    assert list_corrections(store).items == ()
    save_review(store, ReviewEdit(toll, 1, "an", {"x1": CONFIRMED}))  # related → evidence
    [correction] = list_corrections(store).items
    assert [d.decision_id for d in correction.added] == ["x1"] and not correction.removed
    assert correction.before_status == correction.after_status == "uitgevoerd"


def test_the_page_dates_each_decision_and_shows_the_editors_note(tmp_path):
    from fastapi.testclient import TestClient

    from beloftemeter.config import Settings
    from beloftemeter.models.review import ADDED, ReviewEdit
    from beloftemeter.pipeline.review import save_review
    from beloftemeter.store import open_store
    from beloftemeter.store.promise_ids import ids_by_key
    from beloftemeter.web.app import create_app
    from support.assessed_store import TRAM, build

    url = f"sqlite:///{tmp_path / 'opslag.db'}"
    with open_store(url) as store:
        build(store)
        save_review(store, ReviewEdit(ids_by_key(store)[(TRAM, 1)], 0, "an", {"t1": ADDED},
                                      note="De tram rijdt ook langs fietsstallingen."))
    with TestClient(create_app(Settings(store_url=url, embedder="geen"))) as client:
        page = client.get(at("/correcties")).text
    assert ("Tramlijn luchthaven Zaventem: tracé</a> (<time datetime=\"2021-09-17\">"
            "17 september 2021</time>)") in page
    assert "Notitie van de redactie:</strong> De tram rijdt ook langs fietsstallingen." in page

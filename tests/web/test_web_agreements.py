"""Several agreements in the web app (issue 20): each under its slug with only its own
promises, the home page with the agreements side by side, old addresses redirected (a
promise's to the agreement that holds it), an unknown slug a Dutch 404, and every request
on its own agreement when requests for two agreements run at once."""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest
from several_store import NEW, OLD, STATUS, build_several

from beloftemeter.config import Settings
from beloftemeter.store import agreements, open_store, scope
from beloftemeter.web.app import create_app


@pytest.fixture(scope="module")
def several(make_module_store):
    url = make_module_store("several")
    with open_store(url) as store:
        ids = build_several(store)
    return Settings(store_url=url, embedder="geen"), ids


@pytest.fixture(scope="module")
def app(several):
    return create_app(several[0])


@pytest.fixture(scope="module")
def ids(several) -> dict[str, list[str]]:
    return several[1]


@pytest.fixture(scope="module")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as test_client:
        yield test_client


def promise_links(html: str) -> set[str]:
    return set(re.findall(r'href="/[a-z0-9-]+/beloften/(p-[0-9a-f]+)"', html))


def test_the_home_page_lists_both_agreements_with_their_own_counts(client):
    page = client.get("/")
    assert page.status_code == 200
    cards = page.text.split('<li class="akkoord-kaart">')[1:]
    assert [re.search(r'<a href="/([a-z0-9-]+)/">', c).group(1) for c in cards] == [NEW, OLD]
    new, old = cards
    assert "Regeerakkoord 2024-2029" in new and "sinds 30 september 2024 (in functie)" in new
    assert "Regeerakkoord 2019-2024" in old and "van 2 oktober 2019 tot 30 september 2024" in old
    assert "<dt>Beloften</dt><dd>4</dd>" in new and "<dt>Beloften</dt><dd>4</dd>" in old
    assert f"{STATUS[NEW]}</span> 4" in new and STATUS[OLD] not in new
    assert f"{STATUS[OLD]}</span> 4" in old and STATUS[NEW] not in old
    listed = client.get("/api/akkoorden").json()
    assert [(a["slug"], a["promises"], a["by_status"], a["url"]) for a in listed] == [
        (NEW, 4, {STATUS[NEW]: 4}, f"/{NEW}/"), (OLD, 4, {STATUS[OLD]: 4}, f"/{OLD}/")]
    assert listed[0]["term_end"] is None and listed[1]["term_end"] == "2024-09-30"
    assert "source" not in listed[0]  # a path on the server


def test_each_agreement_shows_only_its_own_promises(client, ids):
    for slug, other in ((OLD, NEW), (NEW, OLD)):
        page = client.get(f"/{slug}/beloften")
        assert page.status_code == 200
        assert promise_links(page.text) == set(ids[slug])
        assert STATUS[other] not in page.text.split("<main", 1)[1]
        listed = client.get(f"/{slug}/api/beloften").json()
        assert {p["id"] for p in listed["promises"]} == set(ids[slug])
        exported = client.get(f"/{slug}/api/export.json").json()
        assert {row["status"] for row in exported} == {STATUS[slug]}
        tree = client.get(f"/{slug}/").text
        assert f"Regeerakkoord {slug.removeprefix('vlaanderen-')}" in tree
        promise = client.get(f"/{slug}/beloften/{ids[slug][0]}")
        assert promise.status_code == 200 and f"Reden in {slug}." in promise.text
        assert client.get(f"/{slug}").status_code == 200  # without its slash too


def test_requests_for_two_agreements_at_once_each_see_their_own(app, ids):
    """Every request sets its agreement for itself (a context variable per request task):
    many requests for both agreements interleaved on one event loop never mix them."""

    async def run() -> list[tuple[str, set[str], str]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as web:
            async def one(slug: str, n: int) -> tuple[str, set[str], str]:
                path = ("/beloften", "/api/beloften", "/vraag?q=onderwijs", "/")[n % 4]
                answer = await web.get(f"/{slug}{path}")
                assert answer.status_code == 200, (slug, path)
                return slug, set(re.findall(r"p-[0-9a-f]{10}", answer.text)), answer.text

            return await asyncio.gather(*(one((OLD, NEW)[n % 2], n) for n in range(40)))

    for slug, seen, text in asyncio.run(run()):
        other = NEW if slug == OLD else OLD
        assert seen <= set(ids[slug]) and not seen & set(ids[other]), slug
        assert f'href="/{other}/' not in text


def test_old_addresses_go_to_the_first_agreement_with_their_query(client):
    # They were made for the store's first agreement; the default (the most recent
    # government's, NEW) taking them over would silently show another agreement's sections.
    for old in ("/beloften?status=uitgevoerd&pagina=1", "/secties/onderwijs", "/overzicht",
                "/zoek?q=school", "/api/beloften?bewijs=ja", "/api/secties",
                "/feeds/veranderingen.atom", "/redactie", "/correcties"):
        answer = client.get(old)
        assert answer.status_code == 308, old
        assert answer.headers["location"] == f"/{OLD}{old}"
    assert client.head("/beloften").status_code == 308
    posted = client.post("/beloften/p-0000000000/melding", data={"melding": "x"})
    assert posted.status_code == 308  # a form posted from an old page keeps its body
    for kept in ("/", "/methode", "/login", "/gezondheid", "/api/akkoorden", "/openapi.json",
                 "/static/style.css"):
        assert client.get(kept).status_code == 200, kept


def test_a_promise_goes_to_the_agreement_that_holds_it(client, ids):
    mine = ids[OLD][1]
    for path in (f"/beloften/{mine}", f"/api/beloften/{mine}", f"/feeds/beloften/{mine}.atom",
                 f"/redactie/beloften/{mine}"):
        answer = client.get(path + "?x=1")
        assert answer.status_code == 308 and answer.headers["location"] == f"/{OLD}{path}?x=1"
    # Under the other agreement's slug too, method kept.
    moved = client.get(f"/{NEW}/beloften/{mine}")
    assert moved.status_code == 308 and moved.headers["location"] == f"/{OLD}/beloften/{mine}"
    report = client.post(f"/{NEW}/beloften/{mine}/melding", data={"melding": "x"})
    assert report.status_code in (308, 403)  # the token is checked first, then the owner
    api = client.get(f"/{NEW}/api/beloften/{mine}")
    assert api.status_code == 308 and api.headers["location"] == f"/{OLD}/api/beloften/{mine}"
    assert client.get(api.headers["location"]).json()["status"] == STATUS[OLD]


def test_an_old_promise_id_goes_to_the_agreement_of_its_successor(several, client, ids):
    with open_store(several[0].store_url) as store, store.transaction() as conn:
        conn.execute("INSERT INTO promise_redirects (old_id, new_id, created_at)"
                     " VALUES (?, ?, ?)", ("p-0123456789", ids[OLD][2], "2026-01-01T00:00:00"))
    answer = client.get("/beloften/p-0123456789")
    assert answer.status_code == 308 and answer.headers["location"] == (
        f"/{OLD}/beloften/p-0123456789")
    followed = client.get(answer.headers["location"])
    assert followed.status_code == 301
    assert followed.headers["location"] == f"/{OLD}/beloften/{ids[OLD][2]}"


def test_an_unknown_agreement_is_a_dutch_404_naming_the_known_ones(client):
    page = client.get("/vlaanderen-2019-2025/beloften")
    assert page.status_code == 404 and "Niet gevonden" in page.text
    assert "Onbekend akkoord: vlaanderen-2019-2025 (bedoelt u vlaanderen-2019-2024?" in page.text
    api = client.get("/vlaanderen-2019-2025/api/beloften")
    assert api.status_code == 404 and "Onbekend akkoord" in api.json()["error"]
    assert client.post("/bestaat-niet/iets").status_code == 404
    assert client.get(f"/{OLD}/bestaat-niet").status_code == 404


def test_an_agreement_chosen_for_the_whole_process_does_not_leak_into_requests(app, several,
                                                                               ids):
    """`serve` may run in a context with an agreement chosen (`--akkoord`): requests inherit
    that context, yet the home page stays the list and each slug its own agreement."""
    with open_store(several[0].store_url) as store:
        old_id = agreements.find(store, OLD).id

    async def run() -> tuple[str, str]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as web:
            return (await web.get("/")).text, (await web.get(f"/{NEW}/beloften")).text

    with scope.using(old_id):
        home, listed = asyncio.run(run())
        assert scope.chosen() == old_id
    assert home.count('<li class="akkoord-kaart">') == 2
    assert promise_links(listed) == set(ids[NEW])

"""With two agreements every internal link of a page stays with the page's agreement (under
its slug) or is one of the global addresses, and answers without a redirect; an editor's
save and a reader's report run under the agreement of their promise."""

from __future__ import annotations

import re

import pytest
from several_store import NEW, OLD, STATUS, build_several

from beloftemeter.config import Settings
from beloftemeter.store import open_store
from beloftemeter.store.reviews import get_review
from beloftemeter.web.app import create_app
from support.editors import add_account, cheap_hashing, log_in

GLOBAL = ("/static/", "/methode", "/login", "/logout", "/api/akkoorden", "/openapi.json")


@pytest.fixture(scope="module")
def site(make_module_store):
    cheap_hashing()
    url = make_module_store("several_links")
    with open_store(url) as store:
        ids = build_several(store)
        add_account(store, "anna")
    return Settings(store_url=url, embedder="geen"), ids


@pytest.fixture
def client(site):
    from fastapi.testclient import TestClient

    with TestClient(create_app(site[0]), raise_server_exceptions=False,
                    follow_redirects=False) as test_client:
        yield test_client


def internal(html: str, attribute: str = "href|action|src") -> list[str]:
    """The page's addresses on this site in these attributes (not outside links)."""
    found = [a.replace("&amp;", "&")
             for a in re.findall(rf'(?:{attribute})="([^"]*)"', html)]
    return [a for a in found if a.startswith("/") and not a.startswith("//")]


def pages_of(slug: str, ids: dict[str, list[str]]) -> list[str]:
    return [f"/{slug}/", f"/{slug}/beloften", f"/{slug}/beloften?status={STATUS[slug]}",
            f"/{slug}/beloften/{ids[slug][0]}", f"/{slug}/overzicht", f"/{slug}/secties/onderwijs",
            f"/{slug}/veranderingen", f"/{slug}/zoek?q=onderwijs", f"/{slug}/vraag?q=school",
            f"/{slug}/correcties", f"/{slug}/beloften/p-onbekend"]


def test_every_internal_link_stays_with_its_agreement_and_answers_directly(client, site):
    ids = site[1]
    for slug in (OLD, NEW):
        other = NEW if slug == OLD else OLD
        for page in pages_of(slug, ids):
            answer = client.get(page)
            assert answer.status_code in (200, 404), page
            for address in internal(answer.text):
                assert address == "/" or address.startswith((f"/{slug}/", *GLOBAL)), (
                    page, address)
                assert not address.startswith(f"/{other}/"), (page, address)
            for address in internal(answer.text, "href"):  # forms post, links are read
                followed = client.get(address.split("#")[0])
                assert followed.status_code == 200, (page, address, followed.status_code)


def test_global_pages_link_to_the_default_agreement(client):
    for page in ("/", "/methode", "/login", "/bestaat-niet-hier"):
        addresses = internal(client.get(page).text)
        assert f"/{NEW}/beloften" in addresses, page
        assert all(a == "/" or a.startswith((f"/{NEW}/", f"/{OLD}/", *GLOBAL))
                   for a in addresses), page


def test_an_editors_save_runs_under_the_agreement_of_its_promise(client, site):
    ids = site[1]
    mine = ids[OLD][0]
    csrf = log_in(client, "anna")
    moved = client.get(f"/{NEW}/redactie/beloften/{mine}")
    assert moved.status_code == 308
    assert moved.headers["location"] == f"/{OLD}/redactie/beloften/{mine}"
    page = client.get(moved.headers["location"])
    assert page.status_code == 200 and "Reden in vlaanderen-2019-2024." in page.text
    form = {"csrf": csrf, "versie": "0", "status": "afwijkend", "reden": "Anders dan beloofd.",
            "notitie": ""}
    elsewhere = client.post(f"/{NEW}/redactie/beloften/{mine}", data=form)
    assert elsewhere.status_code == 308  # the browser sends it again to the right agreement
    saved = client.post(f"/{OLD}/redactie/beloften/{mine}", data=form)
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/{OLD}/redactie/beloften/{mine}?bewaard=1"
    public = client.get(f"/{OLD}/beloften/{mine}").text
    assert "afwijkend" in public and "Anders dan beloofd." in public
    # Only the first agreement's figures moved.
    listed = {a["slug"]: a for a in client.get("/api/akkoorden").json()}
    assert listed[OLD]["reviewed"] == 1 and listed[NEW]["reviewed"] == 0
    assert listed[NEW]["by_status"] == {STATUS[NEW]: 4}
    with open_store(site[0].store_url) as store:
        assert get_review(store, mine).status == "afwijkend"
    queue = client.get(f"/{NEW}/redactie").text
    assert "In voorbereiding" in queue or STATUS[NEW] in queue
    assert mine not in queue and ids[NEW][0] in queue  # each queue its own promises

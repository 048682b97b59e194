"""The review queue page (/redactie): behind a login, in the queue's order with each entry's
reasons and a link to its review page, filtered by status and chapter, "opnieuw bekijken"
with its reason, and the open reports of readers (escaped)."""

from __future__ import annotations

import re

import pytest
from agreement_urls import PREFIX, SLUG, at
from fastapi.testclient import TestClient
from markupsafe import escape

from beloftemeter.config import Settings
from beloftemeter.models.review import ReviewEdit
from beloftemeter.pipeline.review import save_review
from beloftemeter.pipeline.review_queue import review_queue
from beloftemeter.store import open_store
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.assessment import save_assessments
from beloftemeter.store.promise_ids import ids_by_key
from beloftemeter.web.app import create_app
from support.assessed_store import TOLL, TRAM, add_candidate, build
from support.editors import add_account, cheap_hashing, log_in

RECHECK = "Nieuwe beslissing als bewijs voorgesteld sinds de controle: «Tramlijn»."
REPORT = 'Er is wel een besluit <b>over deelfietsen</b>.'


@pytest.fixture
def store_url(fresh_store_url, monkeypatch) -> str:
    cheap_hashing(monkeypatch)
    url = fresh_store_url
    with open_store(url) as store:
        build(store)
        add_candidate(store)
        add_account(store, "anna", "redacteur")
        ids = ids_by_key(store)
        save_review(store, ReviewEdit(ids[(TRAM, 0)], 0, "anna", {}))
        save_assessments(store, [], rechecks=[(ids[(TRAM, 0)], RECHECK)])
        reviews_store.add_reader_report(store, ids[(TRAM, 1)], REPORT,
                                        "javascript:alert(1)")
    return url


@pytest.fixture
def client(store_url):
    app = create_app(Settings(store_url=store_url, embedder="geen"))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def listed(page: str) -> list[str]:
    return re.findall(fr'<a class="belofte" href="{PREFIX}/redactie/beloften/(p-[0-9a-f]+)"', page)


def test_a_reader_is_sent_to_the_login(client):
    answer = client.get(at("/redactie?status=uitgevoerd"), follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/login?next=%2F{SLUG}%2Fredactie%3Fstatus%3Duitgevoerd"
    assert client.post(at("/redactie"), data={}).status_code in (401, 405)


def test_the_queue_in_its_order_with_reasons_recheck_and_reports(client, store_url):
    log_in(client, "anna")
    page = client.get(at("/redactie")).text
    with open_store(store_url) as store:
        expected = [e.promise_id for e in review_queue(store)]
        ids = ids_by_key(store)
    assert listed(page) == expected and len(expected) == 3
    assert "Opnieuw bekijken:</strong> " + str(escape(RECHECK)) in page
    assert page.count("opnieuw bekijken: ") == 0  # the reason once, not twice
    assert str(escape(REPORT)) in page and REPORT not in page
    assert 'href="javascript:' not in page
    assert "1 open melding" in page
    entry = page.split(f'href="{PREFIX}/redactie/beloften/{ids[(TRAM, 1)]}"', 1)[1].split(
        "</li>\n", 1)
    assert "nog niet nagekeken" in entry[0] and "melding van een lezer" in entry[0]


def test_filters_by_status_and_chapter(client):
    log_in(client, "anna")
    done = client.get(at("/redactie"), params={"status": "uitgevoerd"}).text
    assert len(listed(done)) == 2
    assert '<option value="uitgevoerd" selected>uitgevoerd (2)</option>' in done
    chapter = client.get(at("/redactie"), params={"hoofdstuk": "mobiliteit", "aantal": "1"}).text
    assert len(listed(chapter)) == 1 and "3 beloften in de wachtrij, de eerste 1" in chapter
    assert client.get(at("/redactie"), params={"hoofdstuk": "nergens"}).status_code == 400
    assert client.get(at("/redactie"), params={"status": "klaar"}).status_code == 400
    assert client.get(at("/redactie"), params={"aantal": "0"}).status_code == 400


def test_a_save_takes_a_promise_out_of_the_queue(client, store_url):
    csrf = log_in(client, "anna")
    with open_store(store_url) as store:
        toll = ids_by_key(store)[(TOLL, 0)]
    assert toll in listed(client.get(at("/redactie")).text)
    answer = client.post(at(f"/redactie/beloften/{toll}"), data={
        "csrf": csrf, "versie": "0", "d:k1": "bevestigen", "d:k2": "bevestigen",
        "d:k3": "afwijzen"}, follow_redirects=False)
    assert answer.status_code == 303
    assert toll not in listed(client.get(at("/redactie")).text)

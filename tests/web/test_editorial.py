"""The review page of one promise (/redactie/beloften/{id}): who may open and save it, CSRF,
a stale form (409 with what changed, the editor's input kept), refused input (400), escaping,
the inline search, and every page showing a save at once (also one by another process)."""

from __future__ import annotations

import html
import re

import pytest
from agreement_urls import PREFIX, SLUG, at
from fastapi.testclient import TestClient
from markupsafe import escape

from beloftemeter.config import Settings
from beloftemeter.models.review import REJECTED, ReviewEdit
from beloftemeter.pipeline import accounts
from beloftemeter.pipeline.review import save_review
from beloftemeter.store import open_store
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.promise_ids import ids_by_key
from beloftemeter.web import state as web_state
from beloftemeter.web.app import create_app
from support.assessed_store import TOLL, TRAM, add_candidate, build
from support.editors import add_account, cheap_hashing, log_in

SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def store_url(fresh_store_url, monkeypatch) -> str:
    cheap_hashing(monkeypatch)
    url = fresh_store_url
    with open_store(url) as store:
        build(store)
        add_candidate(store)
        add_account(store, "anna", "redacteur")
        add_account(store, "bo", "beheerder")
    return url


@pytest.fixture
def ids(store_url) -> dict:
    with open_store(store_url) as store:
        return ids_by_key(store)


@pytest.fixture
def client(store_url):
    app = create_app(Settings(store_url=store_url, embedder="geen"))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def page_of(pid: str) -> str:
    return f"{PREFIX}/redactie/beloften/{pid}"


def form(csrf: str, version: int = 0, **fields: str) -> dict[str, str]:
    return {"csrf": csrf, "versie": str(version), "status": "", "reden": "", "notitie": "",
            **fields}


def saves(client: TestClient) -> int:
    return len(reviews_store.events(client.app.state.store, actions=["review"]))


def test_a_reader_is_sent_to_the_login_and_may_not_save(client, ids):
    toll = ids[(TOLL, 0)]
    answer = client.get(page_of(toll), follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == (
        f"/login?next=%2F{SLUG}%2Fredactie%2Fbeloften%2F{toll}")
    refused = client.post(page_of(toll), data=form("x", **{"d:k3": "afwijzen"}),
                          follow_redirects=False)
    assert refused.status_code == 401 and "Log in" in refused.text
    assert saves(client) == 0


@pytest.mark.parametrize("token", [None, "", "vals-token"])
def test_a_save_without_the_sessions_csrf_token_is_refused(client, ids, token):
    log_in(client, "anna")
    data = form("", **{"d:k3": "afwijzen"})
    if token is None:
        del data["csrf"]
    else:
        data["csrf"] = token
    answer = client.post(page_of(ids[(TOLL, 0)]), data=data, follow_redirects=False)
    assert answer.status_code == 403 and "beveiligingstoken" in answer.text
    assert saves(client) == 0


def test_rejecting_and_confirming_shows_on_the_public_page_at_once(client, ids):
    toll = ids[(TOLL, 0)]
    csrf = log_in(client, "anna")
    page = client.get(page_of(toll)).text
    assert 'name="versie" value="0"' in page and 'name="d:k3"' in page
    assert "Volgens de machine" in page and "nog niet: dit is een automatisch oordeel" in page
    answer = client.post(page_of(toll), data=form(csrf, **{
        "d:k3": "afwijzen", "d:k1": "bevestigen", "d:x1": "geen"}), follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == page_of(toll) + "?bewaard=1"
    page = client.get(answer.headers["location"]).text
    assert "Bewaard als versie 1" in page and 'name="versie" value="1"' in page
    assert re.search(r'name="d:k3" value="afwijzen" checked', page)
    public = client.get(at(f"/beloften/{toll}")).text
    timeline = public.split('class="tijdlijn"', 1)[1].split("</ol>", 1)[0]
    assert "voorontwerp van decreet" in timeline and "Kilometerheffing vrachtwagens: decreet<" \
        not in timeline
    # The snapshot is read again: the decree's page no longer counts it as evidence.
    decree = client.get(at("/beslissingen/k3")).text
    assert "Bewijs voor deze beloften" not in decree


def test_an_editors_status_and_reason_show_on_the_public_page(client, ids):
    bikes = ids[(TRAM, 1)]
    csrf = log_in(client, "anna")
    assert "De oproep voor mobipunten loopt." not in client.get(at(f"/secties/{TRAM}")).text
    answer = client.post(page_of(bikes), data=form(
        csrf, status="in voorbereiding", reden="De oproep voor mobipunten loopt."),
        follow_redirects=False)
    assert answer.status_code == 303
    # The section's report, rendered and kept before the save, is rendered again.
    assert "De oproep voor mobipunten loopt." in client.get(at(f"/secties/{TRAM}")).text
    public = client.get(at(f"/beloften/{bikes}")).text
    status = public.split('id="status-kop"', 1)[1].split("</section>", 1)[0]
    assert "in voorbereiding" in status and "De oproep voor mobipunten loopt." in status
    listed = client.get(at("/beloften?status=in+voorbereiding")).text
    assert "We ondersteunen deelfietsen." in listed


def test_a_status_without_a_reason_is_refused_with_the_input_kept(client, ids):
    bikes = ids[(TRAM, 1)]
    csrf = log_in(client, "anna")
    answer = client.post(page_of(bikes), data=form(
        csrf, status="uitgevoerd", notitie="Mijn notitie", **{"d:c1": "bevestigen"}))
    assert answer.status_code == 400
    assert "Geef een reden" in answer.text and ">Mijn notitie</textarea>" in answer.text
    assert '<option value="uitgevoerd" selected>' in answer.text
    assert re.search(r'name="d:c1" value="bevestigen" checked', answer.text)
    assert saves(client) == 0
    broken = client.post(page_of(bikes), data={"csrf": csrf, "versie": "x"})
    assert broken.status_code == 400 and "versie" in broken.text


def test_a_stale_form_gets_409_with_what_changed_and_keeps_the_editors_input(client, ids,
                                                                              store_url):
    toll = ids[(TOLL, 0)]
    with open_store(store_url) as other:  # someone else saved version 1 meanwhile
        save_review(other, ReviewEdit(toll, 0, "bo", {"k3": REJECTED}))
    csrf = log_in(client, "anna")
    answer = client.post(page_of(toll), data=form(
        csrf, 0, status="uitgevoerd", reden="Het decreet is bekrachtigd.",
        notitie="Zie het Staatsblad."))
    assert answer.status_code == 409
    text = html.unescape(answer.text)
    assert "Deze belofte werd intussen opnieuw bewaard (nu versie 1" in text
    assert re.search(r"<li>\d+ \w+ \d{4} om \d+\.\d\d uur door bo: .*bewijs gewijzigd\.</li>",
                     text)
    assert ">Het decreet is bekrachtigd.</textarea>" in text  # the editor's own input
    assert ">Zie het Staatsblad.</textarea>" in text
    # bo's rejection, which anna's older page did not show, is in the form now: saving
    # again does not undo it unseen
    assert re.search(r'name="d:k3" value="afwijzen" checked', text)
    assert 'name="versie" value="1"' in text
    assert saves(client) == 1
    again = client.post(page_of(toll), data=form(
        csrf, 1, status="uitgevoerd", reden="Het decreet is bekrachtigd."),
        follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].endswith("bewaard=2")


def test_script_in_a_reason_or_note_is_escaped(client, ids):
    bikes = ids[(TRAM, 1)]
    csrf = log_in(client, "anna")
    client.post(page_of(bikes), data=form(csrf, status="afwijkend", reden=SCRIPT,
                                          notitie=SCRIPT))
    for path in (page_of(bikes), f"{PREFIX}/beloften/{bikes}"):
        page = client.get(path).text
        assert SCRIPT not in page
        assert str(escape(SCRIPT)) in page
    refused = client.post(page_of(bikes), data=form(csrf, 0, notitie=SCRIPT))
    assert refused.status_code == 409 and SCRIPT not in refused.text


def test_a_decision_found_with_the_inline_search_is_added_as_evidence(client, ids):
    bikes = ids[(TRAM, 1)]
    csrf = log_in(client, "anna")
    page = client.get(page_of(bikes), params={"zoek": "tramlijn luchthaven"}).text
    assert 'name="d:t1" value="toevoegen"' in page and "als bewijs toevoegen" in page
    assert 'name="d:c1" value="toevoegen"' not in page  # listed already: not offered again
    answer = client.post(page_of(bikes), data=form(csrf, zoek="tramlijn luchthaven",
                                                   **{"d:t1": "toevoegen"}),
                         follow_redirects=False)
    assert answer.status_code == 303
    page = client.get(page_of(bikes)).text
    assert "Toegevoegd door de redactie" in page
    assert re.search(r'name="d:t1" value="bevestigen" checked', page)
    public = client.get(at(f"/beloften/{bikes}")).text
    assert "Tramlijn luchthaven Zaventem: tracé" in public.split('id="bewijs-kop"', 1)[1]


@pytest.mark.parametrize("query", ["-", '"', "%", "?!"])
def test_a_search_without_words_keeps_the_review_page_and_says_why(client, ids, query):
    log_in(client, "anna")
    response = client.get(page_of(ids[(TRAM, 1)]), params={"zoek": query})
    assert response.status_code == 200
    results = response.text.split('id="resultaten-kop"', 1)[1].split("</section>")[0]
    assert "<p>" in results and "Geen andere beslissingen gevonden" not in results
    assert 'name="versie"' in response.text  # the form is still there


def test_an_unknown_promise_and_an_unknown_choice(client, ids):
    log_in(client, "anna")
    assert client.get(page_of("p-0000000000")).status_code == 404
    csrf = log_in(client, "anna")
    answer = client.post(page_of(ids[(TOLL, 0)]), data=form(csrf, **{"d:k3": "weg"}))
    assert answer.status_code == 400 and "Onbekende keuze" in answer.text


def test_a_save_by_another_process_shows_within_a_second(client, ids, store_url, monkeypatch):
    toll = ids[(TOLL, 0)]
    assert "Bewijs voor deze beloften" in client.get(at("/beslissingen/k3")).text
    with open_store(store_url) as other:
        save_review(other, ReviewEdit(toll, 0, "bo", {"k3": REJECTED}))
    monkeypatch.setattr(web_state, "CHECK_EVERY", 0.0)
    assert "Bewijs voor deze beloften" not in client.get(at("/beslissingen/k3")).text


def test_an_account_blocked_while_logged_in_can_neither_open_nor_save(client, ids, store_url):
    toll = ids[(TOLL, 0)]
    csrf = log_in(client, "anna")
    with open_store(store_url) as other:
        accounts.block_account(other, "anna")
    assert client.get(page_of(toll), follow_redirects=False).status_code == 303  # to the login
    answer = client.post(page_of(toll), data=form(csrf, **{"d:k3": "afwijzen"}),
                         follow_redirects=False)
    assert answer.status_code == 401  # blocking ends its sessions
    assert saves(client) == 0


def test_the_search_pages_show_a_saved_status_at_once(client, ids):
    bikes = ids[(TRAM, 1)]
    section = client.get(at("/zoek"), params={"q": "deelfietsen"}).text.split(
        "Beloften uit het regeerakkoord", 1)[1]
    assert "in voorbereiding" not in section
    csrf = log_in(client, "anna")
    client.post(page_of(bikes), data=form(csrf, status="in voorbereiding",
                                          reden="Een oproep is aangekondigd."))
    section = client.get(at("/zoek"), params={"q": "deelfietsen"}).text.split(
        "Beloften uit het regeerakkoord", 1)[1]
    assert "in voorbereiding" in section


def test_the_review_page_speaks_of_the_trap_and_dates_its_log_in_dutch(client, ids):
    toll = ids[(TOLL, 0)]
    csrf = log_in(client, "anna")
    client.post(page_of(toll), data=form(csrf, **{"d:k3": "afwijzen"}))
    page = client.get(page_of(toll)).text
    assert "bepaald door de trap van wetgevende fasen" in page and "ladder" not in page
    log = page.split('class="logboek"', 1)[1].split("</ol>")[0]
    assert re.search(r"<li>\d+ \w+ \d{4} om \d+\.\d\d uur · anna · ", log)

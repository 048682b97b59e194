"""Numbers in parameters, forms and headers are ASCII digits: "²" (which str.isdigit accepts
and int() refuses) and "٣" (which int() reads as 3) are refused with a Dutch 400, never a 500."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from beloftemeter.ascii_digits import parse_digits
from beloftemeter.config import Settings
from beloftemeter.store import open_store
from beloftemeter.store.promise_ids import ids_by_key
from beloftemeter.web.app import create_app
from support.assessed_store import TOLL, build
from support.editors import add_account, cheap_hashing, log_in

ODD = ("²", "٣", "１")  # superscript two, Arabic-Indic three, full-width one


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('cijfers') / 'opslag.db'}"
    with pytest.MonkeyPatch.context() as patch:
        cheap_hashing(patch)
        with open_store(url) as store:
            build(store)
            add_account(store, "anna", "redacteur")
        app = create_app(Settings(store_url=url, embedder="geen"))
        with TestClient(app, raise_server_exceptions=False) as test_client:
            yield test_client


def test_only_ascii_digits_are_numbers():
    assert parse_digits("42") == 42 and parse_digits("0042") == 42
    assert [parse_digits(odd) for odd in ODD] == [None, None, None]
    assert parse_digits("") is None and parse_digits("-1") is None
    assert parse_digits("1" * 19) is None  # longer than any count or size we read


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("path", [
    "/beloften?pagina={}", "/beloften?per_pagina={}", "/beloften?jaar={}",
    "/api/beloften?pagina={}", "/api/beloften.csv?jaar={}",
])
def test_odd_digits_in_list_parameters_are_a_dutch_400(client, path, odd):
    response = client.get(path.format(quote(odd)))
    assert response.status_code == 400
    assert "getal" in response.text or "Ongeldige" in response.text


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("path", ["/beloften/{}", "/api/beloften/{}",
                                  "/feeds/beloften/{}.atom"])
def test_an_old_style_id_with_odd_digits_is_unknown_not_a_crash(client, path, odd):
    response = client.get(path.format(quote(f"{TOLL}#{odd}")))
    assert response.status_code == 404


@pytest.mark.parametrize("odd", ODD)
def test_odd_digits_in_the_editors_queue_and_form(client, odd):
    csrf = log_in(client, "anna")
    assert client.get(f"/redactie?aantal={quote(odd)}").status_code == 400
    promise = ids_by_key(client.app.state.store)[(TOLL, 0)]
    response = client.post(f"/redactie/beloften/{promise}", data={
        "csrf": csrf, "versie": odd, "status": "", "reden": "", "notitie": ""})
    assert response.status_code == 400 and "versie" in response.text

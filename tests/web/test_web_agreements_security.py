"""Security of the agreement addresses (issue 20): an old address's 308 never leaves the site
and never splits a header, whatever its raw path; a reader's report of another agreement's
promise is sent on, not stored under the wrong agreement; a title read from a PDF is text
on the home page."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from several_store import NEW, OLD, build_several

from beloftemeter.config import Settings
from beloftemeter.pipeline.agreement import prepare_agreement
from beloftemeter.store import open_store
from beloftemeter.store.agreement import save_agreement
from beloftemeter.web.app import create_app
from support.editors import login_token
from unit.agreement.agreement_pdfs import sample_agreement

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
THIRD = "test-2030-2034"


@pytest.fixture(scope="module")
def site(make_module_store):
    url = make_module_store("several_security")
    with open_store(url) as store:
        ids = build_several(store)
        parsed = prepare_agreement(sample_agreement(), "sample.pdf")
        save_agreement(store, dataclasses.replace(parsed, title=HOSTILE, slug=THIRD,
                                                  sha256="3" * 64, term_start="2030-01-01"))
    return Settings(store_url=url, embedder="geen"), ids


@pytest.fixture(scope="module")
def client(site):
    from fastapi.testclient import TestClient

    with TestClient(create_app(site[0]), raise_server_exceptions=False,
                    follow_redirects=False) as test_client:
        yield test_client


def raw_location(app, raw_path: bytes, query: bytes = b"") -> tuple[int, str]:
    """The status and Location of a GET whose raw path is exactly `raw_path` (a client would
    clean it up first)."""
    from urllib.parse import unquote

    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": unquote(raw_path.decode("latin-1")),
             "raw_path": raw_path, "query_string": query, "root_path": "",
             "headers": [(b"host", b"t")], "client": ("127.0.0.1", 1), "server": ("t", 80)}
    asyncio.run(app(scope, receive, send))
    start = sent[0]
    headers = {k.decode().lower(): v.decode("latin-1") for k, v in start["headers"]}
    return start["status"], headers.get("location", "")


@pytest.mark.parametrize("raw", [
    b"/beloften//evil.example", b"/beloften/%2F%2Fevil.example", b"/beloften/\\\\evil.example",
    b"/beloften/..//evil.example", b"/beloften/%0d%0aSet-Cookie:%20x=1", b"/%62eloften",
    b"/beloften/" + b"a" * 5000, b"/api/../beloften", b"/redactie/beloften/%2F%2Fevil.example",
])
def test_an_old_address_stays_on_the_site_and_in_one_header(client, raw):
    status, location = raw_location(client.app, raw, b"next=//evil.example&x=%0d%0a")
    assert status == 308
    assert location.startswith(f"/{OLD}/") and not location.startswith("//")
    assert "\r" not in location and "\n" not in location and "\\" not in location
    assert location.endswith("?next=//evil.example&x=%0d%0a")


def test_a_report_of_another_agreements_promise_is_sent_on_not_stored(client, site):
    theirs = site[1][NEW][0]
    token = login_token(client)
    form = {"csrf": token, "melding": "Dit klopt niet."}
    for slug in (OLD, THIRD):
        moved = client.post(f"/{slug}/beloften/{theirs}/melding", data=form)
        assert moved.status_code == 308
        assert moved.headers["location"] == f"/{NEW}/beloften/{theirs}/melding"
    with open_store(site[0].store_url) as store:
        assert store.execute("SELECT COUNT(*) FROM reader_reports").fetchone()[0] == 0


def test_a_hostile_title_is_text_on_the_home_page_and_json_in_the_api(client):
    page = client.get("/").text
    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    listed = client.get("/api/akkoorden")
    assert listed.headers["content-type"] == "application/json"
    assert listed.headers["x-content-type-options"] == "nosniff"
    assert {a["slug"]: a["title"] for a in listed.json()}[THIRD] == HOSTILE
    assert "<script>" not in client.get(f"/{THIRD}/").text

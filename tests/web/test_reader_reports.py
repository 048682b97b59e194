"""Readers report an error (issue 19): "Klopt dit niet?" on every promise page posts to
/beloften/{id}/melding with the reader's CSRF token; a size limit, http(s) links only, a
honeypot and a rate limit per address kept in memory; nothing is stored but the report and
its time."""

from __future__ import annotations

import re
import sqlite3

import pytest
from agreement_urls import PREFIX, at

from beloftemeter.config import Settings
from beloftemeter.store import open_store
from beloftemeter.store.promise_ids import ids_by_key
from beloftemeter.web.reader_reports import RATE_LIMIT, RateLimit, checked_report
from support.assessed_store import TOLL, build
from support.editors import csrf_in

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("meldingen") / "web.db"
    with open_store(f"sqlite:///{path}") as store:
        build(store)
        toll = ids_by_key(store)[(TOLL, 0)]
    from beloftemeter.web.app import create_app

    return create_app(Settings(store_url=f"sqlite:///{path}", embedder="geen")), path, toll


_addresses = iter(range(1, 250))


@pytest.fixture
def reader(site):
    """A browser of its own address (the rate limit counts per address) that opened the
    promise page: it holds the reader cookie; `reader.token` is the form's token."""
    from fastapi.testclient import TestClient

    address = f"10.9.8.{next(_addresses)}"
    with TestClient(site[0], raise_server_exceptions=False, follow_redirects=False,
                    client=(address, 50000)) as client:
        page = client.get(at(f"/beloften/{site[2]}"))
        assert page.status_code == 200
        client.token = csrf_in(page.text)
        client.address = address
        yield client


def reports(path) -> list[dict]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute("SELECT * FROM reader_reports ORDER BY id")]


def send(reader, pid, **fields):
    data = {"csrf": reader.token, "melding": "Er is een decreet van 2023.", "link": "",
            **fields}
    return reader.post(at(f"/beloften/{pid}/melding"), data={k: v for k, v in data.items()
                                                         if v is not None})


def test_every_promise_page_has_the_form_with_a_token_and_a_hidden_honeypot(site, reader):
    html = reader.get(at(f"/beloften/{site[2]}")).text
    form = html.split('<section class="melden"')[1].split("</section>")[0]
    assert "Klopt dit niet?" in form
    assert f'action="{PREFIX}/beloften/{site[2]}/melding"' in form and 'method="post"' in form
    assert 'name="csrf"' in form and 'maxlength="2000"' in form and 'maxlength="500"' in form
    assert '<div class="lokveld" aria-hidden="true">' in form and 'name="website"' in form
    assert "style=" not in html and "<script" not in html
    css = reader.get("/static/promises.css").text
    assert re.search(r"\.lokveld \{[^}]*left: -10000px", css)
    assert "bm_lezer" in reader.cookies


def test_a_report_is_stored_with_its_time_and_nothing_else(site, reader):
    before = len(reports(site[1]))
    answer = send(reader, site[2], link="https://beslissingenvlaamseregering.vlaanderen.be/x")
    assert answer.status_code == 303
    assert (answer.headers["location"]
            == f"{PREFIX}/beloften/{site[2]}?gemeld=1#klopt-dit-niet")
    thanks = reader.get(answer.headers["location"]).text
    assert "Bedankt voor je melding." in thanks
    rows = reports(site[1])
    assert len(rows) == before + 1
    row = rows[-1]
    assert (row["promise_id"], row["message"], row["decision_url"]) == (
        site[2], "Er is een decreet van 2023.",
        "https://beslissingenvlaamseregering.vlaanderen.be/x")
    assert row["created_at"] and row["handled_at"] is None and row["handled_by"] is None
    with sqlite3.connect(site[1]) as conn:  # the address and the cookie are nowhere
        dump = "\n".join(conn.iterdump())
    assert reader.address not in dump and reader.cookies["bm_lezer"] not in dump
    assert reader.token not in dump


def test_without_a_valid_token_nothing_is_stored(site, reader):
    before = reports(site[1])
    assert send(reader, site[2], csrf=None).status_code == 403
    assert send(reader, site[2], csrf="x" * 43).status_code == 403
    reader.cookies.clear()  # the token without the cookie it belongs to
    refused = send(reader, site[2])
    assert refused.status_code == 403 and "beveiligingstoken" in refused.text
    assert reports(site[1]) == before


def test_a_filled_honeypot_gets_the_thanks_and_stores_nothing(site, reader):
    before = reports(site[1])
    answer = send(reader, site[2], website="http://spam.example")
    assert answer.status_code == 303 and "gemeld=1" in answer.headers["location"]
    assert reports(site[1]) == before


@pytest.mark.parametrize(("fields", "message"), [
    ({"melding": "x" * 2001}, "Je melding is te lang: hoogstens 2.000 tekens (nu 2.001)."),
    ({"melding": "  \r\n "}, "Schrijf wat er volgens jou niet klopt."),
    ({"link": "javascript:alert(1)"}, "De link moet een webadres zijn"),
    ({"link": "ftp://example.org/besluit"}, "De link moet een webadres zijn"),
    ({"link": "https://example.org/" + "a" * 481}, "De link is te lang: hoogstens 500 tekens."),
])
def test_invalid_reports_are_refused_in_dutch_on_the_page(site, reader, fields, message):
    before = reports(site[1])
    answer = send(reader, site[2], **fields)
    assert answer.status_code == 400
    assert message in answer.text and "Klopt dit niet?" in answer.text
    assert reports(site[1]) == before


def test_what_a_reader_typed_comes_back_escaped(site, reader):
    answer = send(reader, site[2], melding=SCRIPT, link="javascript:" + SCRIPT)
    assert answer.status_code == 400
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</textarea>" in answer.text
    assert "<script" not in answer.text


def test_a_report_at_the_limit_is_accepted_and_line_ends_count_once(site, reader):
    text = "\r\n".join(["a" * 99] * 20) + "b"  # 2,019 sent, 2,000 once CRLF is one end
    assert len(text) > 2000 and len(text.replace("\r\n", "\n")) == 2000
    assert send(reader, site[2], melding=text).status_code == 303
    assert reports(site[1])[-1]["message"] == text.replace("\r\n", "\n")
    assert send(reader, site[2], melding=text + "c").status_code == 400


def test_a_form_body_over_the_limit_is_refused(site, reader):
    answer = send(reader, site[2], melding="x" * 20_000)
    assert answer.status_code == 413


def test_an_unknown_promise_is_a_404(site, reader):
    assert send(reader, "p-0000000000").status_code == 404


def test_the_rate_limit_counts_per_address(site, reader):
    for _ in range(RATE_LIMIT):
        assert send(reader, site[2]).status_code == 303
    before = reports(site[1])
    refused = send(reader, site[2])
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert f"al {RATE_LIMIT} meldingen gestuurd" in refused.text
    assert reports(site[1]) == before
    from fastapi.testclient import TestClient

    with TestClient(site[0], follow_redirects=False, client=("10.9.9.9", 1)) as other:
        other.token = csrf_in(other.get(at(f"/beloften/{site[2]}")).text)
        assert send(other, site[2]).status_code == 303


def test_the_limit_forgets_after_its_window_and_keeps_few_addresses():
    now = [0.0]
    limit = RateLimit(limit=2, window=60, max_keys=3, clock=lambda: now[0])
    assert limit.take("a") == 0 and limit.take("a") == 0
    assert limit.take("a") == 60
    now[0] = 30
    assert limit.take("a") == 30
    now[0] = 60.5
    assert limit.take("a") == 0
    for key in "bcd":
        limit.take(key)
    assert len(limit._seen) == 3 and "a" not in limit._seen


def test_checked_report_cleans_control_characters():
    assert checked_report("  kijk\x00 hier\r\nnu  ", " https://x.be/a ") == (
        "kijk hier\nnu", "https://x.be/a")
    assert checked_report("ok", "") == ("ok", None)

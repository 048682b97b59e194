"""What the public sees of editorial review on a promise (issue 19): "Nagekeken door de redactie
op DATUM" or "Automatisch beoordeeld, nog niet nagekeken", the status an editor set, the
editors' note, how many proposed decisions they rejected, the same in the JSON twin and in
`beloftemeter beloften toon`, and never an editor's name. Script in a reason or a note is text
everywhere."""

from __future__ import annotations

import json
import re

import pytest

from beloftemeter.config import Settings
from beloftemeter.store import open_store
from support.cli import run
from support.reviewed_store import EDITORS, NOTE, REASON, SCRIPT, build_reviewed

ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"


@pytest.fixture(scope="module")
def reviewed(make_module_store):
    url = make_module_store("nagekeken")
    with open_store(url) as store:
        ids = build_reviewed(store)
    return Settings(store_url=url, embedder="geen"), ids


@pytest.fixture(scope="module")
def client(reviewed):
    from fastapi.testclient import TestClient

    from beloftemeter.web.app import create_app

    with TestClient(create_app(reviewed[0]), raise_server_exceptions=False) as test_client:
        yield test_client


def text_of(html: str) -> str:
    """The page's words without tags, as a reader sees them."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def status_section(html: str) -> str:
    return text_of(html.split('<section class="status"')[1].split("</section>")[0])


def test_a_reviewed_promise_says_when_the_editors_checked_it(client, reviewed):
    html = client.get(f"/beloften/{reviewed[1]['toll']}").text
    status = status_section(html)
    # the last save counts, also when it changed nothing the public sees
    assert "Nagekeken door de redactie op 2 december 2026 ." in status
    assert "Automatisch beoordeeld" not in status
    assert "status bepaald door de redactie" not in status  # the ladder decided
    assert "De redactie wees 1 voorgestelde beslissing af: die telt niet als bewijs." in (
        text_of(html))
    evidence = html.split('<ol class="tijdlijn">')[1].split("</ol>")[0]
    assert "/beslissingen/k2" in evidence
    assert "/beslissingen/k3" not in evidence  # the rejected decision is no evidence


def test_an_editors_status_is_said_beside_the_reason_and_script_stays_text(client, reviewed):
    html = client.get(f"/beloften/{reviewed[1]['bikes']}").text
    status = status_section(html)
    assert "(status bepaald door de redactie)" in status
    assert "Nagekeken door de redactie op 1 december 2026" in status
    assert ESCAPED in html and SCRIPT not in html and "<script" not in html
    toll = client.get(f"/beloften/{reviewed[1]['toll']}").text
    assert "Notitie van de redactie:" in toll and ESCAPED in toll and "<script" not in toll


def test_an_unreviewed_promise_says_it_is_automatic(client, reviewed):
    status = status_section(client.get(f"/beloften/{reviewed[1]['tram']}").text)
    assert "Automatisch beoordeeld, nog niet nagekeken" in status
    assert "Nagekeken door de redactie" not in status


def test_the_json_twin_has_a_review_object_without_names(client, reviewed):
    toll = client.get(f"/api/beloften/{reviewed[1]['toll']}")
    assert toll.headers["content-type"].startswith("application/json")
    assert toll.json()["review"] == {
        "reviewed": True, "reviewed_at": "2026-12-02T08:00:00+00:00",
        "status_source": "ladder", "note": NOTE, "rejected_count": 1}
    assert [e["decision_id"] for e in toll.json()["evidence"]] == ["k1", "k2"]
    bikes = client.get(f"/api/beloften/{reviewed[1]['bikes']}").json()
    assert bikes["review"]["status_source"] == "editor" and bikes["reason"] == REASON
    assert client.get(f"/api/beloften/{reviewed[1]['tram']}").json()["review"] == {
        "reviewed": False, "reviewed_at": None, "status_source": None, "note": "",
        "rejected_count": 0}


def test_no_public_page_names_an_editor_and_script_is_text_on_each(client, reviewed):
    pages = [f"/beloften/{pid}" for pid in reviewed[1].values()]
    pages += [f"/feeds/beloften/{pid}.atom" for pid in reviewed[1].values()]
    pages += ["/correcties", "/feeds/correcties.atom", "/veranderingen",
              "/feeds/veranderingen.atom", "/secties/mobiliteit", "/secties/mobiliteit/1.2"]
    apis = [f"/api/beloften/{pid}" for pid in reviewed[1].values()]
    apis += ["/api/correcties", "/api/beloften", "/api/secties/mobiliteit/1.2"]
    for page in pages + apis:
        response = client.get(page)
        assert response.status_code == 200, page
        assert "geheim" not in response.text, page
        if page in pages:  # HTML and Atom: the reason and the note are escaped
            assert "<script" not in response.text, page
        else:  # JSON: the text as it was typed, in a JSON string
            assert response.headers["content-type"].startswith("application/json"), page
    assert all(name.endswith("geheim") for name in EDITORS)
    assert SCRIPT in client.get(f"/api/beloften/{reviewed[1]['bikes']}").json()["reason"]
    history = client.get(f"/beloften/{reviewed[1]['bikes']}").text.split(
        '<ol class="geschiedenis">')[1]
    assert f"Nagekeken door de redactie: De minister kondigde een oproep aan. {ESCAPED}" in (
        history)


def test_the_section_report_marks_the_reviewed_verdicts(client):
    html = client.get("/secties/mobiliteit/1.2").text
    assert "(nagekeken door de redactie)" in html
    assert "automatisch beoordeeld en door geen mens nagekeken" in html


def test_the_cli_shows_the_review_and_its_json(reviewed):
    settings, ids = reviewed
    shown = run("--opslag", settings.store_url, "beloften", "toon", ids["bikes"])
    assert shown.returncode == 0, shown.stderr
    assert f"Reden (status bepaald door de redactie): {REASON}" in shown.stdout
    assert "Nagekeken door de redactie op 1 december 2026" in shown.stdout
    toll = run("--opslag", settings.store_url, "beloften", "toon", ids["toll"]).stdout
    assert f"Notitie van de redactie: {NOTE}" in toll
    assert "De redactie wees 1 voorgestelde beslissing af" in toll
    tram = run("--opslag", settings.store_url, "beloften", "toon", ids["tram"]).stdout
    assert "Automatisch beoordeeld, nog niet nagekeken" in tram
    data = json.loads(run("--opslag", settings.store_url, "beloften", "toon", ids["toll"],
                          "--json").stdout)
    assert data["review"]["reviewed"] is True and data["review"]["rejected_count"] == 1
    assert "geheim" not in shown.stdout + toll + json.dumps(data)

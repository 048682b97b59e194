"""The JSON API and the pages: every endpoint, and bad input answered in Dutch with a 4xx."""

import csv
import io

import pytest

LONG = "a" * 10_000


def test_the_tree_lists_every_node_with_its_status_counts(client):
    nodes = {n["sleutel"]: n for n in client.get("/api/secties").json()}
    assert set(nodes) == {"mobiliteit", "mobiliteit/1.1", "mobiliteit/1.2"}
    assert nodes["mobiliteit"]["beloften"] == 3
    assert nodes["mobiliteit"]["per_status"]["uitgevoerd"] == 2


def test_a_section_gives_its_report_with_checked_references(client):
    data = client.get("/api/secties/mobiliteit/1.1").json()
    assert data["section"]["title"] == "Slimme heffingen"
    assert [r["decision_id"] for r in data["references"]] == ["k1", "k2", "k3"]
    assert data["promises"][0]["status"] == "uitgevoerd"


def test_a_decision_lists_the_promises_it_carries_out(client):
    data = client.get("/api/beslissingen/k3").json()
    assert data["datum"] == "2022-03-11"
    assert data["voert_uit"] == [{"sectie": "mobiliteit/1.1", "volgnummer": 0,
                                  "status": "uitgevoerd"}]


def test_search_ranks_decisions_and_filters_by_date(client):
    hits = client.get("/api/zoek", params={"q": "kilometerheffing"}).json()
    assert {h["id"] for h in hits} >= {"k1", "k2", "k3"}
    later = client.get("/api/zoek", params={"q": "kilometerheffing", "van": "2022-01-01"}).json()
    assert [h["id"] for h in later] == ["k3"]


def test_a_question_is_answered_with_citations_to_decisions(client):
    data = client.get("/api/vraag", params={"q": "Wat gebeurde er met de tramlijn?"}).json()
    assert "[0]" in data["antwoord"]
    assert data["bronnen"][0]["id"] == "t1"


def test_the_full_assessment_exports_as_csv_and_json(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export.csv").text)))
    assert [r["status"] for r in rows] == ["uitgevoerd", "uitgevoerd",
                                            "geen beslissing gevonden"]
    assert rows[0]["bewijs"] == "k1 k2 k3"
    assert len(client.get("/api/export.json").json()) == 3


def test_the_openapi_schema_names_the_stable_urls_and_no_cdn_docs(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/secties/{key}", "/api/beslissingen/{decision_id}", "/api/zoek",
                 "/api/vraag"):
        assert path in paths
    assert client.get("/docs").status_code == 404


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/secties/bestaat/niet", 404, "Onbekende sectie"),
        ("/api/beslissingen/onbekend", 404, "Geen beslissing met id onbekend"),
        ("/api/zoek?q=x&van=2021-13-40", 422, "Ongeldige datum voor van"),
        ("/api/zoek?q=x&aantal=1000", 422, "aantal ligt buiten de grenzen"),
        (f"/api/zoek?q={LONG}", 422, "q is te lang (hoogstens 500 tekens)"),
        (f"/api/vraag?q={LONG}", 422, "q is te lang"),
        ("/api/zoek", 422, "q ontbreekt"),
        ("/api/zoek?q=x&soort=onzin", 400, "Onbekende type: 'onzin'"),
        ("/api/zoek?q=...", 400, "geen woorden"),
        ("/bestaat-niet", 404, "Pagina niet gevonden"),
    ],
)
def test_bad_input_gets_a_dutch_4xx_without_a_stack_trace(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    body = response.text
    assert message in body
    assert "Traceback" not in body and "pydantic" not in body.lower()


def test_pages_render_in_dutch_and_escape_what_users_type(client):
    for url in ("/", "/secties/mobiliteit", "/beslissingen/k1", "/overzicht",
                "/zoek?q=kilometerheffing", "/vraag?q=tramlijn"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="nl">' in response.text
        assert "https://" not in response.text.split("<main")[0]  # no external assets
    page = client.get("/zoek", params={"q": "<script>alert(1)</script> heffing"}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_with_a_language_model_the_answer_is_its_cited_text(web_settings):
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from beloftemeter.web.app import create_app
    from support.llm_server import LlmServer, Reply

    with LlmServer([Reply("De tramlijn kreeg een tracé [0]. Zonder bron gaat dit eruit.")]) as s:
        settings = replace(web_settings, llm_base_url=s.base_url, llm_model="m", llm_retries=0)
        with TestClient(create_app(settings)) as client:
            data = client.get("/api/vraag", params={"q": "tramlijn Zaventem"}).json()
    assert data["generator"] == "llm"
    assert data["antwoord"] == "De tramlijn kreeg een tracé [0]."
    assert data["bronnen"][0]["id"] == "t1"

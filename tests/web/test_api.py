"""The JSON API and the pages: every endpoint, and bad input answered in Dutch with a 4xx."""

import csv
import io

import pytest
from agreement_urls import PREFIX, at

LONG = "a" * 10_000


def test_the_tree_lists_every_node_with_its_status_counts(client):
    nodes = {n["key"]: n for n in client.get(at("/api/secties")).json()}
    assert set(nodes) == {"mobiliteit", "mobiliteit/1.1", "mobiliteit/1.2"}
    assert nodes["mobiliteit"]["promises"] == 3
    assert nodes["mobiliteit"]["per_status"]["uitgevoerd"] == 2
    assert nodes["mobiliteit/1.1"]["title"] == "Slimme heffingen"
    assert nodes["mobiliteit/1.1"]["parent_key"] == "mobiliteit"
    assert nodes["mobiliteit/1.1"]["evidence_share"] == 1.0


def test_a_section_gives_its_report_with_checked_references(client):
    data = client.get(at("/api/secties/mobiliteit/1.1")).json()
    assert data["section"]["title"] == "Slimme heffingen"
    assert [r["decision_id"] for r in data["references"]] == ["k1", "k2", "k3"]
    assert data["promises"][0]["status"] == "uitgevoerd"


def test_a_decision_lists_the_promises_it_carries_out(client):
    data = client.get(at("/api/beslissingen/k3")).json()
    assert data["meeting_date"] == "2022-03-11"
    assert [{k: c[k] for k in ("section", "ordinal", "status")} for c in data["carries_out"]] == [
        {"section": "mobiliteit/1.1", "ordinal": 0, "status": "uitgevoerd"}]


def test_search_ranks_decisions_and_filters_by_date(client):
    found = client.get(at("/api/zoek"), params={"q": "kilometerheffing"}).json()
    assert found["query"] == "kilometerheffing" and found["lexical_matches"] == 3
    hits = found["results"]
    assert {h["id"] for h in hits} >= {"k1", "k2", "k3"}
    later = client.get(at("/api/zoek"), params={"q": "kilometerheffing",
                                            "van": "2022-01-01"}).json()["results"]
    assert [h["id"] for h in later] == ["k3"]
    assert later[0]["rank"] == 1 and later[0]["meeting_date"] == "2022-03-11"


def test_search_says_when_no_decision_contains_the_words(client):
    found = client.get(at("/api/zoek"), params={"q": "canon van Vlaanderen"}).json()
    assert found["lexical_matches"] == 0
    page = client.get(at("/zoek"), params={"q": "canon van Vlaanderen"}).text
    assert "Geen enkele beslissing bevat de woorden van je zoekvraag" in page


@pytest.mark.parametrize("name", ["type", "soort"])  # soort: the old name, kept one release
def test_search_filters_by_instrument_as_type_or_its_old_name(client, name):
    hits = client.get(at("/api/zoek"),
                      params={"q": "kilometerheffing", name: "decreet"}).json()["results"]
    assert {h["id"] for h in hits} == {"k2", "k3"}
    assert {h["instrument"] for h in hits} == {"decreet"}


def test_a_question_is_answered_with_citations_to_decisions(client):
    data = client.get(at("/api/vraag"), params={"q": "Wat gebeurde er met de tramlijn?"}).json()
    assert "[1]" in data["answer"] and "[0]" not in data["answer"]  # numbered from 1
    assert data["sources"][0]["id"] == "t1" and data["sources"][0]["n"] == 1
    assert data["question"] == "Wat gebeurde er met de tramlijn?"


def test_the_full_assessment_exports_as_csv_and_json(client):
    text = client.get(at("/api/export.csv")).text
    assert text.splitlines()[0] == ("section,ordinal,page,promise,status,reason,"
                                    "first_decision,last_decision,evidence,candidates")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["status"] for r in rows] == ["uitgevoerd", "uitgevoerd",
                                            "geen beslissing gevonden"]
    assert rows[0]["evidence"] == "k1 k2 k3" and rows[2]["first_decision"] == ""
    assert [r["candidates"] for r in rows] == ["", "", ""]  # this store has none
    data = client.get(at("/api/export.json")).json()
    assert [{k: row[k] for k in ("section", "ordinal", "evidence")} for row in data] == [
        {"section": "mobiliteit/1.1", "ordinal": 0, "evidence": ["k1", "k2", "k3"]},
        {"section": "mobiliteit/1.2", "ordinal": 0, "evidence": ["t1"]},
        {"section": "mobiliteit/1.2", "ordinal": 1, "evidence": []}]

    def cell(value):
        return "" if value is None else " ".join(value) if isinstance(value, list) else str(value)

    assert rows == [{column: cell(row[column]) for column in rows[0]} for row in data]  # same rows


def test_the_export_lists_a_promises_candidates_apart_from_its_evidence(tmp_path):
    from beloftemeter.store import open_store
    from beloftemeter.web.export import export_csv, export_rows
    from beloftemeter.web.snapshot import load_snapshot
    from support.assessed_store import CANDIDATE_ID, add_candidate, build

    with open_store(f"sqlite:///{tmp_path / 'export.db'}") as store:
        build(store)
        add_candidate(store)
        rows = export_rows(load_snapshot(store))
    assert [(r["evidence"], r["candidates"]) for r in rows] == [
        (["k1", "k2", "k3"], []), (["t1"], []), ([], [CANDIDATE_ID])]
    assert export_csv(rows).splitlines()[3].endswith(f",,{CANDIDATE_ID}")


def test_the_old_dutch_keys_still_come_back_for_one_release(client):
    node = next(n for n in client.get(at("/api/secties")).json() if n["key"] == "mobiliteit/1.1")
    assert (node["sleutel"], node["titel"], node["beloften"], node["ouder"]) == (
        "mobiliteit/1.1", "1.1 Slimme heffingen", 1, "mobiliteit")
    decision = client.get(at("/api/beslissingen/k3")).json()
    assert decision["datum"] == "2022-03-11" and decision["titel"] == decision["title"]
    assert decision["voert_uit"][0]["sectie"] == "mobiliteit/1.1"
    assert decision["voert_uit"][0]["volgnummer"] == 0
    hit = client.get(at("/api/zoek"), params={"q": "tramlijn"}).json()["results"][0]
    assert (hit["rang"], hit["datum"], hit["fase"]) == (1, "2021-09-17", "andere")
    answer = client.get(at("/api/vraag"), params={"q": "tramlijn"}).json()
    assert answer["antwoord"] == answer["answer"] and answer["bronnen"][0]["id"] == "t1"
    row = client.get(at("/api/export.json")).json()[0]
    assert (row["sectie"], row["volgnummer"], row["bewijs"]) == ("mobiliteit/1.1", 0,
                                                                  ["k1", "k2", "k3"])
    error = client.get(at("/api/beslissingen/onbekend")).json()
    assert error["fout"] == error["error"]


def test_the_openapi_schema_names_the_stable_urls_and_no_cdn_docs(client):
    paths = client.get("/openapi.json").json()["paths"]
    # Operations are named by their path within an agreement (/{slug}/api/...).
    for path in ("/api/secties/{key}", "/api/beslissingen/{decision_id}", "/api/zoek",
                 "/api/vraag"):
        assert path in paths
    assert client.get("/docs").status_code == 404


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        (f"{PREFIX}/api/secties/bestaat/niet", 404, "Onbekende sectie"),
        (f"{PREFIX}/api/beslissingen/onbekend", 404, "Geen beslissing met id onbekend"),
        (f"{PREFIX}/api/zoek?q=x&van=2021-13-40", 400,
         "Ongeldige datum voor de begindatum"),
        (f"{PREFIX}/api/zoek?q=x&tot=gisteren", 400, "Ongeldige datum voor de einddatum"),
        (f"{PREFIX}/api/zoek?q=x&van=2022-01-01&tot=2021-01-01", 400,
         "ligt na de einddatum"),
        (f"{PREFIX}/zoek?q=x&van=2021-02-30", 400, "Ongeldige datum voor de begindatum"),
        (f"{PREFIX}/api/zoek?q=x&aantal=1000", 422, "aantal ligt buiten de grenzen"),
        (f"{PREFIX}/api/zoek?q={LONG}", 422, "q is te lang (hoogstens 500 tekens)"),
        (f"{PREFIX}/api/vraag?q={LONG}", 422, "q is te lang"),
        (f"{PREFIX}/api/zoek", 422, "q ontbreekt"),
        (f"{PREFIX}/api/zoek?q=x&type=onzin", 400, "Onbekend type: 'onzin'"),
        (f"{PREFIX}/api/zoek?q=x&soort=onzin", 400, "Onbekend type: 'onzin'"),
        (f"{PREFIX}/api/zoek?q=x&type=" + "d" * 41, 422, "type is te lang"),
        (f"{PREFIX}/api/zoek?q=...", 400, "geen woorden"),
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
    for url in ("/", f"{PREFIX}/", f"{PREFIX}/secties/mobiliteit", f"{PREFIX}/beslissingen/k1",
                f"{PREFIX}/overzicht", f"{PREFIX}/zoek?q=kilometerheffing",
                f"{PREFIX}/vraag?q=tramlijn"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="nl">' in response.text
        assert "https://" not in response.text.split("<main")[0]  # no external assets
    page = client.get(at("/zoek"), params={"q": "<script>alert(1)</script> heffing"}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_with_a_language_model_the_answer_is_its_cited_text(web_settings):
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from beloftemeter.web.app import create_app
    from support.llm_server import LlmServer, Reply

    with LlmServer([Reply("De tramlijn kreeg een tracé [1]. Zonder bron gaat dit eruit.")]) as s:
        settings = replace(web_settings, llm_base_url=s.base_url, llm_model="m", llm_retries=0)
        with TestClient(create_app(settings)) as client:
            data = client.get(at("/api/vraag"), params={"q": "tramlijn Zaventem"}).json()
    assert data["generator"] == "llm"
    assert data["answer"] == "De tramlijn kreeg een tracé [1]."
    assert data["sources"][0]["id"] == "t1"

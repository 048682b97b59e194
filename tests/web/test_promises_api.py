"""The promises in the JSON API: the list's contract (total beside the page of results, the
same filters as the page), one promise, the exports of exactly the filtered list, and bad
input: unknown ids (404 with the closest promises) and invalid filters (400, never 500)."""

import csv
import io

import pytest

from support.assessed_store import TOLL, TRAM

LIST_KEYS = {"total", "page", "per_page", "promises", "facets"}
SUMMARY_KEYS = {"id", "section", "ordinal", "page", "text", "status", "reason", "part",
                "chapter", "section_title", "evidence_count", "candidate_count",
                "latest_decision_date", "latest_stage"}


def promise_id(client, section: str, ordinal: int) -> str:
    results = client.get("/api/beloften").json()["promises"]
    return next(r["id"] for r in results if (r["section"], r["ordinal"]) == (section, ordinal))


def test_the_list_gives_the_total_beside_a_page_of_results(client):
    body = client.get("/api/beloften").json()
    assert set(body) == LIST_KEYS
    assert body["total"] == 3 and body["page"] == 1 and len(body["promises"]) == 3
    assert all(set(r) == SUMMARY_KEYS for r in body["promises"])
    assert [(r["section"], r["ordinal"]) for r in body["promises"]] == [
        (TOLL, 0), (TRAM, 0), (TRAM, 1)]  # the agreement's order by default
    toll = body["promises"][0]
    assert toll["text"] == "We voeren een kilometerheffing in."
    assert toll["status"] == "uitgevoerd" and toll["evidence_count"] == 3
    assert toll["latest_decision_date"] == "2022-03-11" and toll["id"].startswith("p-")
    paged = client.get("/api/beloften", params={"per_pagina": 1, "pagina": 2}).json()
    assert paged["total"] == 3 and paged["per_page"] == 1 and paged["page"] == 2
    assert [r["id"] for r in paged["promises"]] == [body["promises"][1]["id"]]


def test_filters_narrow_the_list_and_facets_count_what_is_left(client):
    body = client.get("/api/beloften", params={"status": "uitgevoerd"}).json()
    assert body["total"] == 2
    assert {r["status"] for r in body["promises"]} == {"uitgevoerd"}
    chosen = [v for v in body["facets"]["status"] if v["selected"]]
    assert [(v["value"], v["count"]) for v in chosen] == [("uitgevoerd", 2)]
    without = client.get("/api/beloften", params={"bewijs": "nee"}).json()
    assert [r["text"] for r in without["promises"]] == ["We ondersteunen deelfietsen."]
    found = client.get("/api/beloften", params={"q": "tramlijn"}).json()
    assert [r["text"] for r in found["promises"]] == ["We bouwen een tramlijn naar Zaventem."]


def test_a_facet_value_from_the_json_selects_its_filter_as_typed(client):
    # has_evidence is reported as "true"/"false"; a client that passes that back is understood.
    values = [v["value"] for v in client.get("/api/beloften").json()["facets"]["has_evidence"]]
    for value in values:
        by_facet = client.get("/api/beloften", params={"bewijs": value}).json()
        by_word = client.get("/api/beloften",
                             params={"bewijs": "ja" if value == "true" else "nee"}).json()
        assert by_facet["total"] == by_word["total"]


def test_one_promise_with_its_evidence_context_and_history(client):
    pid = promise_id(client, TOLL, 0)
    body = client.get(f"/api/beloften/{pid}").json()
    assert body["id"] == pid and body["text"] == "We voeren een kilometerheffing in."
    assert [d["decision_id"] for d in body["evidence"]] == ["k1", "k2", "k3"]  # a timeline
    assert body["evidence"][-1]["stage"] == "bekrachtiging"
    assert [d["decision_id"] for d in body["context"]] == ["x1"] and body["candidates"] == []
    assert {"previous_sentence", "next_sentence", "path", "pdf_page_url", "plans", "similar",
            "history", "assessed_at", "rules_version"} <= set(body)
    assert [p["key"] for p in body["path"]][-1] == TOLL
    assert body["history"] and body["history"][0]["after_status"] == "uitgevoerd"


def test_an_unknown_id_is_a_404_with_the_closest_promises(client):
    pid = promise_id(client, TRAM, 0)
    typo = pid[:-1] + ("0" if pid[-1] != "0" else "1")
    response = client.get(f"/api/beloften/{typo}")
    assert response.status_code == 404
    body = response.json()
    assert typo in body["error"]
    assert body["closest_promises"][0]["id"] == pid
    assert set(body["closest_promises"][0]) == SUMMARY_KEYS


@pytest.mark.parametrize("query", [
    {"status": "bijna klaar"}, {"bewijs": "misschien"}, {"jaar": "twintig"}, {"jaar": "99999"},
    {"pagina": "0"}, {"pagina": "-1"}, {"per_pagina": "100000"}, {"sortering": "willekeurig"},
    {"q": "x" * 600}, {"fase": "x" * 300},
])
def test_an_invalid_filter_is_a_dutch_400_never_a_500(client, query):
    for path in ("/api/beloften", "/api/beloften.csv", "/api/beloften.json"):
        response = client.get(path, params=query)
        assert response.status_code == 400, (path, query)
        assert response.json()["error"].startswith(("Ongeldige", "Onbekende"))
    page = client.get("/beloften", params=query)
    assert page.status_code == 400 and "Deze vraag kunnen we niet beantwoorden" in page.text


def test_the_exports_hold_exactly_the_filtered_list(client):
    rows = client.get("/api/beloften.json", params={"status": "uitgevoerd"}).json()
    assert sorted(r["text"] for r in rows) == [
        "We bouwen een tramlijn naar Zaventem.", "We voeren een kilometerheffing in."]
    response = client.get("/api/beloften.csv", params={"status": "uitgevoerd"})
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["id"] for r in table] == [r["id"] for r in rows]
    everything = client.get("/api/beloften.json", params={"per_pagina": 1}).json()
    assert len(everything) == 3  # an export is never one page

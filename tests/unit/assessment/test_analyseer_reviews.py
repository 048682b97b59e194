"""`analyseer --alles` through the command line, after an editor reviewed a promise: the
editor's verdict stands, and a new decision that becomes evidence sends it back to the queue."""

import json

import pytest
from assessment_fixtures import SECTION, insert_agreement, insert_decisions

from beloftemeter.models.review import ReviewEdit
from beloftemeter.pipeline.review import save_review
from beloftemeter.store import open_store
from beloftemeter.store.decisions import upsert_decisions
from beloftemeter.store.promise_ids import ids_by_key
from support import cli
from support.decision_rows import make_decision


@pytest.fixture
def store_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with open_store(url) as store:
        insert_decisions(store)
        insert_agreement(store)
    return url


def run(store_url, *args):
    env = {"BELOFTEMETER_EMBEDDER": "geen", "BELOFTEMETER_EMBEDDING_CACHE": ""}
    result = cli.run("--opslag", store_url, *args, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _toll(first):
    return next(r for r in first["results"] if (r["section"], r["ordinal"]) == (SECTION, 0))


def test_reviewed_verdicts_survive_analyseer_alles_and_new_evidence_requeues_them(store_url):
    run(store_url, "analyseer", "--alles", "--json")
    with open_store(store_url) as store:
        toll = ids_by_key(store)[(SECTION, 0)]
        save_review(store, ReviewEdit(toll, 0, "an", {}, status="in uitvoering",
                                      reason="Het decreet is nog niet gestemd."))
    again = run(store_url, "analyseer", "--alles", "--json")
    assert (_toll(again)["status"], _toll(again)["reason"]) == (
        "in uitvoering", "Het decreet is nog niet gestemd.")
    assert again["back_in_queue"] == 0
    assert toll not in [e["promise_id"] for e in run(store_url, "redactie", "wachtrij",
                                                     "--aantal", "50", "--json")["entries"]]
    with open_store(store_url) as store:
        upsert_decisions(store, [make_decision(
            "k4", "2023-02-03", "Decreet kilometerheffing vrachtwagens gewestwegen:"
            " bekrachtiging", "Bekrachtiging van het decreet over de kilometerheffing voor"
            " vrachtwagens op gewestwegen.", instrument="decreet", stage="bekrachtiging")])
    later = run(store_url, "analyseer", "--alles", "--json")
    assert _toll(later)["status"] == "in uitvoering"  # still the editor's
    assert later["kept_reviewed"] >= 1 and later["back_in_queue"] == 1
    assert "k4" not in [e["id"] for e in _toll(later)["evidence"]]
    queue = run(store_url, "redactie", "wachtrij", "--aantal", "50", "--json")["entries"]
    [entry] = [e for e in queue if e["promise_id"] == toll]
    assert any("opnieuw bekijken" in r for r in entry["reasons"])
    assert entry["candidates"][0]["decision_id"] == "k4"  # what is new comes first

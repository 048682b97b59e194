import json

import pytest
from assessment_fixtures import SECTION, insert_agreement, insert_decisions

from beloftemeter.store import open_store
from support import cli


@pytest.fixture
def store_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with open_store(url) as store:
        insert_decisions(store)
        insert_agreement(store)
    return url


def run(store_url, *args):
    env = {"BELOFTEMETER_EMBEDDER": "geen", "BELOFTEMETER_EMBEDDING_CACHE": ""}
    return cli.run("--opslag", store_url, *args, env=env)


def test_analyseer_sectie_prints_each_promise_with_status_reason_and_a_rollup(store_url):
    result = run(store_url, "analyseer", "--sectie", SECTION)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"[{SECTION} #1, p. 11] niet te beoordelen" in out
    assert "belofte: We voeren een kilometerheffing voor vrachtwagens in" in out
    assert "bewijs 2020-02-07 k1 Conceptnota kilometerheffing vrachtwagens gewestwegen" in out
    assert "1.1 Slimme heffingen: 2 beloften, 50% met bewijs (2020-02-07 – 2022-03-11)" in out
    assert "2 beloften: 2 (opnieuw) beoordeeld, 0 ongewijzigd." in out


def test_analyseer_alles_json_has_results_and_rollups_and_reruns_incrementally(store_url):
    first = json.loads(run(store_url, "analyseer", "--alles", "--json").stdout)
    assert first["promises"] == 4 and first["reassessed"] == 4
    statuses = {(r["section"], r["ordinal"]): r["status"] for r in first["results"]}
    assert statuses[(SECTION, 0)] == "grotendeels uitgevoerd"
    chapter = first["chapters"][0]
    assert chapter["promises"] == 4 and chapter["with_evidence"] == 2
    assert [s["key"] for s in first["sections"]] == [SECTION, "mobiliteit/1.2"]
    again = json.loads(run(store_url, "analyseer", "--alles", "--json").stdout)
    assert (again["reassessed"], again["unchanged"]) == (0, 4)


@pytest.mark.parametrize("args", [(), ("--alles", "--sectie", SECTION)])
def test_analyseer_needs_exactly_one_of_sectie_or_alles(store_url, args):
    result = run(store_url, "analyseer", *args)
    assert result.returncode != 0
    assert result.stderr.startswith("fout: Kies --sectie SLEUTEL of --alles")


def test_analyseer_on_an_unknown_section_says_so_in_dutch(store_url):
    result = run(store_url, "analyseer", "--sectie", "bestaat/niet")
    assert result.returncode != 0
    assert result.stderr.startswith("fout:") and "Traceback" not in result.stderr


def run_judged(store_url, server, *args, model="rechter"):
    env = {"BELOFTEMETER_EMBEDDER": "geen", "BELOFTEMETER_EMBEDDING_CACHE": "",
           "BELOFTEMETER_ASSESSMENT_JUDGE": "llm",
           "BELOFTEMETER_LLM_BASE_URL": server.base_url, "BELOFTEMETER_LLM_MODEL": model,
           "BELOFTEMETER_LLM_RETRIES": "0", "BELOFTEMETER_LLM_TIMEOUT": "5"}
    return cli.run("--opslag", store_url, *args, env=env)


def test_analyseer_with_the_llm_judge_takes_its_verdicts_and_fails_in_one_dutch_line(store_url):
    from support.llm_server import LlmServer, Reply

    with LlmServer(default=Reply("UITVOEREND: geen")) as server:
        result = run_judged(store_url, server, "analyseer", "--alles", "--json")
        assert result.returncode == 0, result.stderr
        statuses = {(r["section"], r["ordinal"]): r["status"]
                    for r in json.loads(result.stdout)["results"]}
        assert statuses[(SECTION, 0)] == "geen beslissing gevonden"  # the model saw no fit
        asked = len(server.requests)
        assert asked  # it was asked
        # a re-run asks nothing: verdicts and fingerprints are stored
        again = run_judged(store_url, server, "analyseer", "--alles", "--json")
        assert len(server.requests) == asked and json.loads(again.stdout)["unchanged"] == 4

    # another model judges anew; an answer without a verdict stops the run in one Dutch line
    # and leaves the stored assessments as they were
    def stored():
        with open_store(store_url) as store:
            return store.execute("SELECT node_key, ordinal, status, fingerprint"
                                 " FROM promise_assessments ORDER BY 1, 2").fetchall()

    before = stored()
    with LlmServer(default=Reply("Misschien.")) as server:
        result = run_judged(store_url, server, "analyseer", "--sectie", SECTION, model="ander")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fout: Het taalmodel gaf geen bruikbaar")
    assert stored() == before


def test_the_json_of_a_promise_lists_its_candidates_apart_from_evidence_and_context():
    from dataclasses import replace

    from assessment_fixtures import evidence

    from beloftemeter.analysis.status import assess
    from beloftemeter.cli.analyseer import assessment_json
    from beloftemeter.models.assessment import Linked

    maybe = replace(evidence("c", "2021-01-01", "decreet", "bekrachtiging"), role="candidate")
    related = replace(evidence("d", "2020-01-01", "besluit", None), role="context")
    verdict = assess(SECTION, 0, 10, "We voeren een kilometerheffing voor vrachtwagens in.",
                     Linked((), (related,), "fp", ("kilometerheff",), (maybe,)))
    data = assessment_json(verdict, [])
    assert [c["id"] for c in data["candidates"]] == ["c"]
    assert data["candidates"][0]["score"] == 0.5
    assert data["evidence"] == [] and [c["id"] for c in data["context"]] == ["d"]

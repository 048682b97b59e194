"""One promise's page: content, redirects of old ids, the 404 suggestions, and the CLI."""

from __future__ import annotations

import dataclasses
import json

import pytest

from beloftemeter.errors import NotFoundError
from beloftemeter.pipeline.promises import (
    closest_promise_ids,
    get_promise,
    promise_detail_dict,
    resolve_promise_id,
)
from beloftemeter.store.agreement import save_agreement
from beloftemeter.store.promise_ids import ids_by_key
from support.assessed_store import TOLL, TRAM
from support.cli import run


def test_the_page_holds_the_promise_in_its_place_with_its_tiers(small):
    toll = ids_by_key(small)[(TOLL, 0)]
    detail = get_promise(small, toll)
    assert detail.summary.text == "We voeren een kilometerheffing in."
    assert detail.path == (("chapter", "mobiliteit", "1 — Mobiliteit"),
                           ("section", TOLL, "1.1 Slimme heffingen"))
    assert [d.decision_id for d in detail.evidence] == ["k1", "k2", "k3"]
    assert detail.evidence[0].url == "https://example.test/k1"
    assert [d.decision_id for d in detail.context] == ["x1"]
    assert detail.previous_sentence is None and detail.next_sentence is None
    data = promise_detail_dict(detail)
    assert data["id"] == toll and data["evidence"][0]["decision_id"] == "k1"
    assert json.loads(json.dumps(data)) == data


def test_neighbours_are_the_sentences_around_it(small):
    bikes = get_promise(small, ids_by_key(small)[(TRAM, 1)])
    assert bikes.previous_sentence == "We bouwen een tramlijn naar Zaventem."


def test_an_old_id_leads_to_its_successor_and_an_unknown_one_is_not_found(small):
    from beloftemeter.store.agreement import iter_promises, list_nodes

    old = ids_by_key(small)[(TRAM, 1)]
    statements = tuple(
        dataclasses.replace(s, text="We ondersteunen deelfietsen in elke stad.")
        if (s.node_key, s.ordinal) == (TRAM, 1) else s for s in iter_promises(small))
    from beloftemeter.models.agreement import Agreement

    save_agreement(small, Agreement("Regeerakkoord test", "test", "9" * 64, 20,
                                    tuple(list_nodes(small)), statements=statements))
    new = resolve_promise_id(small, old)
    assert new is not None and new != old
    assert get_promise(small, old).summary.id == new
    assert resolve_promise_id(small, f"{TRAM}#0") == ids_by_key(small)[(TRAM, 0)]
    with pytest.raises(NotFoundError):
        get_promise(small, "p-ffffffffff")
    assert [p.id for p in closest_promise_ids(small, new[:-1] + "x")] == [new]


def test_cli_lijst_json_csv_and_toon(small, fresh_store_url):
    url = fresh_store_url
    listed = run("--opslag", url, "beloften", "lijst", "--status", "uitgevoerd", "--json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert data["total"] == 2 and [p["id"] for p in data["promises"]] == [
        ids_by_key(small)[(TOLL, 0)], ids_by_key(small)[(TRAM, 0)]]
    exported = run("--opslag", url, "beloften", "lijst", "--aantal", "1", "--csv")
    lines = exported.stdout.splitlines()
    assert lines[0].startswith("id,section,ordinal,page,status") and len(lines) == 4
    shown = run("--opslag", url, "beloften", "toon", ids_by_key(small)[(TOLL, 0)])
    assert "» We voeren een kilometerheffing in." in shown.stdout
    assert "Status: uitgevoerd" in shown.stdout and "k3" in shown.stdout
    as_json = run("--opslag", url, "beloften", "toon", ids_by_key(small)[(TOLL, 0)], "--json")
    assert json.loads(as_json.stdout)["status"] == "uitgevoerd"
    plain = run("--opslag", url, "beloften", "lijst", "--zonder-bewijs")
    assert plain.stdout.startswith("1 belofte (pagina 1 van 1)")


@pytest.mark.parametrize(("args", "code", "message"), [
    (("toon", "p-0000000000"), 3, "fout: Onbekende belofte: p-0000000000"),
    (("lijst", "--status", "klaar"), 2, "fout: Onbekende status: 'klaar'"),
    (("lijst", "--json", "--csv"), 2, "fout: Kies --json of --csv, niet allebei."),
    (("lijst", "--sorteer", "titel"), 2, "fout: Onbekende sortering: 'titel'"),
])
def test_cli_bad_input_is_one_dutch_line(small, fresh_store_url, args, code, message):
    result = run("--opslag", fresh_store_url, "beloften", *args)
    assert result.returncode == code and result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1

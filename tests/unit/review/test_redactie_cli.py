"""`beloftemeter redactie wachtrij` and `redactie export`: parsing, output and exit codes, in
process through the one CLI runner."""

from __future__ import annotations

import json

import pytest

from beloftemeter.analysis.evaluation import load_assessment_labels
from beloftemeter.models.review import REJECTED, ReviewEdit
from beloftemeter.pipeline.review import save_review
from beloftemeter.store import open_store
from beloftemeter.store.promise_ids import ids_by_key
from support import assessed_store
from support.assessed_store import CANDIDATE_ID, TOLL, TRAM
from support.cli import run


@pytest.fixture
def url(fresh_store_url) -> str:
    url = fresh_store_url
    with open_store(url) as store:
        assessed_store.build(store)
        assessed_store.add_candidate(store)
    return url


def test_the_queue_as_json_in_review_order_with_its_decisions(url):
    result = run("--opslag", url, "redactie", "wachtrij", "--aantal", "2", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total"] == 3 and len(data["entries"]) == 2
    first = data["entries"][0]
    assert set(first) == {"promise_id", "section", "score", "reviewed", "reasons", "candidates"}
    assert first["promise_id"].startswith("p-") and first["reviewed"] is False
    assert "nog niet nagekeken" in first["reasons"]
    assert [e["score"] for e in data["entries"]] == sorted(
        (e["score"] for e in data["entries"]), reverse=True)
    decision = first["candidates"][0]
    assert set(decision) == {"decision_id", "title", "meeting_date", "role", "score"}


def test_the_queue_in_the_terminal_says_why(url):
    with open_store(url) as store:
        bikes = ids_by_key(store)[(TRAM, 1)]
    result = run("--opslag", url, "redactie", "wachtrij", "--hoofdstuk", "mobiliteit")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "3 beloften in de wachtrij; de eerste 3:"
    line = next(x for x in result.stdout.splitlines() if bikes in x)
    assert "1 beslissing dicht bij de bewijsdrempel" in line
    assert f"mogelijk relevant 0,47  2023-03-10  Mobipunten: regelgevend kader  [{CANDIDATE_ID}]"\
        in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (("--aantal", "0"), "--aantal moet minstens 1 zijn."),
    (("--status", "klaar"), "Onbekende status: 'klaar'"),
    (("--hoofdstuk", "landbouw"), "Onbekend hoofdstuk: 'landbouw' (kies uit: mobiliteit)."),
])
def test_a_bad_filter_is_one_dutch_line(url, args, message):
    result = run("--opslag", url, "redactie", "wachtrij", *args)
    assert result.returncode == 2
    assert result.stderr.startswith("fout: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_export_writes_labels_the_label_reader_reads(url, tmp_path):
    with open_store(url) as store:
        save_review(store, ReviewEdit(ids_by_key(store)[(TOLL, 0)], 0, "an", {"k3": REJECTED}))
    path = tmp_path / "redactie.json"
    result = run("--opslag", url, "redactie", "export", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"1 nagekeken belofte geschreven naar {path}"
    [label] = load_assessment_labels(path)
    assert (label.section_key, label.key_decisions) == (TOLL, ("k1", "k2"))


def test_the_export_into_a_missing_folder_writes_nothing(url, tmp_path):
    path = tmp_path / "nergens" / "redactie.json"
    result = run("--opslag", url, "redactie", "export", path)
    assert result.returncode == 2
    assert result.stderr.startswith("fout: De map ") and "bestaat niet" in result.stderr
    assert not path.parent.exists()

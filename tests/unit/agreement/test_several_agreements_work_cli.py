"""The work on one of several agreements through the command line (issue 20): `analyseer`,
`rapport`, `beleid` and `bouw` with `--akkoord SLUG` touch that agreement only; its reports go
in its own folder, the folder's index lists the agreements side by side."""

import json

import pytest

from beloftemeter.store import open_store
from support.cli import run
from support.small_data import write_small_data

OLD = "vlaanderen-2019-2024"
NEW = "test-2021"
OFFLINE = {"BELOFTEMETER_EMBEDDER": "geen", "BELOFTEMETER_EMBEDDING_CACHE": ""}


@pytest.fixture
def two(fresh_store_url, tmp_path):
    """A store with the decisions of the small data folder and two agreements: the test PDF
    as the 2019-2024 agreement, and again as one of a government in office during 2021."""
    data = write_small_data(tmp_path / "data")
    pdf = data / "regeerakkoord-test.pdf"
    for args in (["beslissingen", "import", data / "decisions-test.jsonl"],
                 ["akkoord", "import", pdf],
                 ["akkoord", "import", pdf, "--akkoord", NEW, "--van", "2021-01-01", "--tot",
                  "2021-12-31"]):
        result = cli(fresh_store_url, tmp_path, *args)
        assert result.returncode == 0, result.stderr
    return fresh_store_url, tmp_path, data


def cli(url, folder, *args):
    return run("--opslag", url, *args, cwd=folder, env=OFFLINE)


def verdicts(url, slug):
    with open_store(url) as store:
        return [tuple(row) for row in store.execute(
            "SELECT p.node_key, p.ordinal, p.status, p.reason, p.evidence_count"
            " FROM promise_assessments p JOIN agreements a ON a.id = p.agreement_id"
            " WHERE a.slug = ? ORDER BY p.node_key, p.ordinal", (slug,))]


def listed(url, folder):
    return {a["slug"]: a for a in json.loads(cli(url, folder, "akkoord", "lijst",
                                                 "--json").stdout)}


def test_analysing_one_agreement_leaves_the_other_as_it_was(two):
    url, folder, _ = two
    first = cli(url, folder, "analyseer", "--alles", "--akkoord", OLD)
    assert first.returncode == 0, first.stderr
    assert "4 beloften: 4 (opnieuw) beoordeeld" in first.stdout
    assert {s: a["assessed"] for s, a in listed(url, folder).items()} == {OLD: 4, NEW: 0}
    old = verdicts(url, OLD)
    second = cli(url, folder, "--akkoord", NEW, "analyseer", "--alles", "--json")
    assert second.returncode == 0, second.stderr
    results = json.loads(second.stdout)["results"]
    assert len(results) == 4 and verdicts(url, OLD) == old
    counted = listed(url, folder)
    assert counted[NEW]["assessed"] == 4
    assert sum(counted[NEW]["by_status"].values()) == 4
    # Its evidence comes only from decisions taken within its term.
    days = [e["meeting_date"] for r in results for e in r["evidence"] + r["candidates"]]
    assert days and all(day.startswith("2021-") for day in days)


def test_the_reports_of_each_agreement_land_in_its_own_folder(two):
    url, folder, _ = two
    for slug in (OLD, NEW):
        assert cli(url, folder, "analyseer", "--alles", "--akkoord", slug).returncode == 0
    for slug in (NEW, OLD):
        result = cli(url, folder, "--akkoord", slug, "rapport", "--alles", "--uit", "uit")
        assert result.returncode == 0, result.stderr
        assert f"rapporten geschreven in uit/{slug}; overzicht: uit/{slug}/index.md" in (
            result.stdout)
        assert "alle akkoorden: uit/index.md" in result.stdout
    for slug in (OLD, NEW):
        own = sorted(p.relative_to(folder / "uit" / slug).as_posix()
                     for p in (folder / "uit" / slug).rglob("*.md"))
        assert own == ["index.md", "onderwijs/1.1.md", "onderwijs/1.2.1.md", "welzijn/1.1.md"]
    index = (folder / "uit" / "index.md").read_text(encoding="utf-8")
    assert index.index(f"]({NEW}/index.md) ({NEW})") < index.index(f"]({OLD}/index.md) ({OLD})")
    assert "| 1 januari 2021 tot 31 december 2021 | 4 |" in index
    single = cli(url, folder, "rapport", "onderwijs/1.1", "--uit", "een", "--akkoord", NEW)
    assert single.stdout.strip() == f"Geschreven: een/{NEW}/onderwijs/1.1.md"


def test_a_policy_document_belongs_to_the_agreement_in_scope(two):
    url, folder, data = two
    result = cli(url, folder, "beleid", "import", data / "policy" / "testplan.txt", "--akkoord",
                 NEW, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["promise_links"] >= 1
    titles = {slug: [d["title"] for d in json.loads(cli(
        url, folder, "beleid", "lijst", "--json", "--akkoord", slug).stdout)]
        for slug in (OLD, NEW)}
    assert titles == {OLD: [], NEW: ["Testplan onderwijs"]}


def test_bouw_works_on_the_agreement_asked_for(two):
    url, folder, data = two
    result = cli(url, folder, "bouw", "--data", data, "--akkoord", NEW)
    assert result.returncode == 0, result.stderr
    assert f"Akkoord {NEW} zoals ingelezen: " in result.stdout
    assert f"De rapporten per sectie: rapporten/{NEW}/index.html (of index.md); alle" \
           " akkoorden: rapporten/index.html." in result.stdout
    counted = listed(url, folder)
    assert (counted[NEW]["assessed"], counted[OLD]["assessed"]) == (4, 0)
    assert not (folder / "rapporten" / OLD).exists()
    # The data folder's policy plan goes with the data folder's own agreement only.
    assert "beleidsdocumenten: 0" in result.stderr


def test_bouw_refuses_a_known_agreement_it_has_no_pdf_for_before_it_writes(two):
    url, folder, data = two
    result = cli(url, folder, "bouw", "--data", data, "--akkoord", "vlaanderen-2024-2029")
    assert (result.returncode, result.stderr.splitlines()) == (2, [
        "fout: Akkoord vlaanderen-2024-2029 is nog niet ingelezen: geef de PDF met"
        " --akkoord-bron BRON, of lees het eerst in (`beloftemeter akkoord import BRON"
        " --akkoord vlaanderen-2024-2029`)."])
    assert set(listed(url, folder)) == {OLD, NEW}
    built = cli(url, folder, "bouw", "--data", data, "--akkoord", "vlaanderen-2024-2029",
                "--akkoord-bron", data / "regeerakkoord-test.pdf")
    assert built.returncode == 0, built.stderr
    assert listed(url, folder)["vlaanderen-2024-2029"]["term_start"] == "2024-09-30"

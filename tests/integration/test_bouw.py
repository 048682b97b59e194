"""`beloftemeter bouw --data`: the main job runs offline from a local folder, end to end."""

import json

import pytest

from support import cli

pytestmark = pytest.mark.integration


def run(*args, cwd):
    # Embedding the corpus is a benchmark's job.
    return cli.run(*args, cwd=cwd, env={"BELOFTEMETER_EMBEDDER": "geen"})


@pytest.fixture(scope="module")
def built(shared_data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bouw")
    first = run("bouw", "--data", str(shared_data), cwd=folder)
    return folder, first


def test_bouw_imports_agreement_and_decisions_and_says_where_to_look(built):
    folder, result = built
    assert result.returncode == 0, result.stderr
    assert "beloftemeter akkoord lijst" in result.stdout
    assert "De rapporten per sectie: rapporten/vlaanderen-2019-2024/index.html" in result.stdout
    assert "alle akkoorden: rapporten/index.html" in result.stdout
    assert (folder / "beloftemeter.db").is_file()
    stats = json.loads(run("beslissingen", "stats", "--json", cwd=folder).stdout)
    assert stats["total"] == 3165
    nodes = json.loads(run("akkoord", "boom", "--json", cwd=folder).stdout)
    assert any(node["chapter"] == "1 — Onderwijs" and node["number"] == "1.2.1" for node in nodes)


def test_bouw_again_on_the_same_data_changes_nothing(built, shared_data):
    folder, _ = built
    tree_before = run("akkoord", "boom", "--json", cwd=folder).stdout
    stats_before = run("beslissingen", "stats", "--json", cwd=folder).stdout
    again = run("bouw", "--data", str(shared_data), cwd=folder)
    assert again.returncode == 0, again.stderr
    assert "Ongewijzigd" in again.stdout
    assert "0 nieuw, 0 gewijzigd, 3165 ongewijzigd" in again.stdout
    assert run("akkoord", "boom", "--json", cwd=folder).stdout == tree_before
    assert run("beslissingen", "stats", "--json", cwd=folder).stdout == stats_before


def test_bouw_with_a_missing_folder_is_one_dutch_line_and_changes_nothing(built):
    folder, _ = built
    before = run("beslissingen", "stats", "--json", cwd=folder).stdout
    missing = folder.parent / "ontbreekt"
    result = run("bouw", "--data", str(missing), cwd=folder)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [f"fout: Map niet gevonden: {missing}"]
    assert run("beslissingen", "stats", "--json", cwd=folder).stdout == before


def test_search_works_on_what_bouw_built(built):
    folder, _ = built
    result = run("zoek", "inburgering", "--json", cwd=folder)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits, "verwacht treffers voor 'inburgering'"


def test_bouw_writes_a_report_per_section_and_every_citation_resolves(built):
    import sqlite3

    from support.report_markdown import assert_citations_sound, parse_report

    folder, _ = built
    own = folder / "rapporten" / "vlaanderen-2019-2024"
    reports = sorted(p for p in own.rglob("*.md") if p.name != "index.md")
    assert len(reports) > 200
    assert (own / "index.html").is_file()
    assert 'href="vlaanderen-2019-2024/index.html"' in (
        folder / "rapporten" / "index.html").read_text(encoding="utf-8")
    with sqlite3.connect(folder / "beloftemeter.db") as db:
        dates = dict(db.execute("SELECT url, meeting_date FROM decisions"))
    cited = 0
    for path in reports:
        parsed = parse_report(path.read_text(encoding="utf-8"))
        assert parsed.title.startswith("Evaluatie van de uitvoering van het regeerakkoord")
        assert_citations_sound(parsed)
        for reference in parsed.references:
            assert dates[reference.url] == reference.date, (path, reference)
        cited += len(parsed.references)
    assert cited > 100
    index = (own / "index.md").read_text(encoding="utf-8")
    assert "| 1 — Onderwijs |" in index and "(onderwijs/1.2.1.md)" in index

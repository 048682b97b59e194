"""Several agreements through the command line (issue 20): `akkoord import --akkoord --van
--tot`, `akkoord lijst` listing them side by side, `--akkoord SLUG` on the root and on each
command, and an unknown slug refused with one Dutch line before anything is written."""

import json

import pytest
from agreement_pdfs import sample_agreement

from beloftemeter.store import copy as store_copy
from beloftemeter.store import open_store
from support.cli import run

OLD = "vlaanderen-2019-2024"
NEW = "test-2030-2034"


@pytest.fixture
def workdir(tmp_path):
    (tmp_path / "akkoord.pdf").write_bytes(sample_agreement())
    return tmp_path


def snapshot(url):
    """Every table's rows and checksum: equal snapshots, an unchanged store."""
    with open_store(url) as store:
        return [store_copy.table_figures(store, table)
                for table in store_copy.schema_tables()]


def two_agreements(url, folder):
    for args in (["akkoord", "import", "akkoord.pdf"],
                 ["akkoord", "import", "akkoord.pdf", "--akkoord", NEW, "--van", "2030-01-01",
                  "--tot", "2034-12-31"]):
        result = run("--opslag", url, *args, cwd=folder)
        assert result.returncode == 0, result.stderr


def test_a_second_agreement_is_imported_beside_the_first_and_listed_with_its_term(
        fresh_store_url, workdir):
    run("--opslag", fresh_store_url, "akkoord", "import", "akkoord.pdf", cwd=workdir)
    first = snapshot(fresh_store_url)
    tree = run("--opslag", fresh_store_url, "akkoord", "boom", "--json", cwd=workdir).stdout
    result = run("--opslag", fresh_store_url, "akkoord", "import", "akkoord.pdf", "--akkoord",
                 NEW, "--van", "2030-01-01", "--tot", "2034-12-31", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "(akkoord test-2030-2034)" in result.stdout
    listed = json.loads(run("--opslag", fresh_store_url, "akkoord", "lijst", "--json",
                            cwd=workdir).stdout)
    assert [(a["slug"], a["term_start"], a["term_end"], a["promises"], a["assessed"])
            for a in listed] == [(NEW, "2030-01-01", "2034-12-31", 4, 0),
                                 (OLD, "2019-10-02", "2024-09-30", 4, 0)]
    assert set(listed[0]) == {"slug", "title", "term_start", "term_end", "promises",
                              "assessed", "by_status", "with_evidence", "reviewed", "source",
                              "imported_at"}
    # The first agreement's tree is as it was, and is still there to ask for by name.
    assert run("--opslag", fresh_store_url, "--akkoord", OLD, "akkoord", "boom", "--json",
               cwd=workdir).stdout == tree
    with open_store(fresh_store_url) as store:
        rows = store.execute(
            "SELECT a.slug, COUNT(*) FROM agreement_nodes n JOIN agreements a"
            " ON a.id = n.agreement_id GROUP BY a.slug ORDER BY a.slug").fetchall()
    assert [tuple(r) for r in rows] == [(NEW, 8), (OLD, 8)]
    assert first != snapshot(fresh_store_url)  # the second one was written, beside it


def test_the_list_says_each_term_in_dutch_and_which_is_the_default(fresh_store_url, workdir):
    two_agreements(fresh_store_url, workdir)
    result = run("--opslag", fresh_store_url, "akkoord", "lijst", cwd=workdir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("test-2030-2034 (standaard): ")
    assert "  regeerperiode: 1 januari 2030 tot 31 december 2034" in lines
    assert "  regeerperiode: 2 oktober 2019 tot 30 september 2024" in lines
    assert lines.count("  4 beloften, nog geen beoordeeld; 0 met bewijs, 0 nagekeken door de"
                       " redactie") == 2
    assert lines[-1] == ("Zonder --akkoord gaat een commando over test-2030-2034 (de standaard;"
                         " een ander kies je met --akkoord of de instelling agreement_slug).")


def test_an_empty_store_lists_no_agreement(tmp_path):
    assert json.loads(run("akkoord", "lijst", "--json", cwd=tmp_path).stdout) == []
    result = run("akkoord", "lijst", cwd=tmp_path)
    assert (result.returncode, result.stdout.strip()) == (
        0, "Nog geen regeerakkoord ingelezen: `beloftemeter akkoord import [BRON]`.")


def test_a_known_slug_takes_its_term_and_a_reimport_keeps_the_stored_one(workdir):
    run("akkoord", "import", "akkoord.pdf", "--akkoord", "vlaanderen-2024-2029", cwd=workdir)
    run("akkoord", "import", "akkoord.pdf", "--akkoord", NEW, "--van", "2030-01-01",
        cwd=workdir)
    again = run("akkoord", "import", "akkoord.pdf", "--akkoord", NEW, cwd=workdir)
    assert again.returncode == 0, again.stderr
    assert "Ongewijzigd" in again.stdout
    terms = {a["slug"]: (a["term_start"], a["term_end"]) for a in json.loads(
        run("akkoord", "lijst", "--json", cwd=workdir).stdout)}
    assert terms == {"vlaanderen-2024-2029": ("2024-09-30", None), NEW: ("2030-01-01", None)}


@pytest.mark.parametrize(("args", "message"), [
    (["--akkoord", "test-onbekend"],
     "fout: Onbekende regeerperiode voor akkoord test-onbekend: geef het begin (--van"
     " JJJJ-MM-DD) en zo nodig het einde (--tot JJJJ-MM-DD)."),
    (["--akkoord", "Geen_Naam", "--van", "2030-01-01"],
     "fout: Ongeldige naam voor een akkoord: 'geen_naam' (kleine letters en cijfers met"
     " koppeltekens, bijvoorbeeld vlaanderen-2024-2029)."),
    (["--akkoord", NEW, "--van", "2030-02-30"],
     "fout: Ongeldige datum voor de begindatum: '2030-02-30' (verwacht JJJJ-MM-DD)."),
    (["--akkoord", NEW, "--van", "2030-01-01", "--tot", "2029-12-31"],
     "fout: De begindatum 2030-01-01 ligt na de einddatum 2029-12-31."),
    (["--akkoord", OLD, "--van", "2025-01-01"],
     "fout: De begindatum 2025-01-01 ligt na de einddatum 2024-09-30."),
], ids=["unknown-term", "bad-slug", "bad-date", "end-before-start", "after-known-end"])
def test_a_bad_import_is_one_dutch_line_and_writes_nothing(fresh_store_url, workdir, args,
                                                           message):
    run("--opslag", fresh_store_url, "akkoord", "import", "akkoord.pdf", cwd=workdir)
    before = snapshot(fresh_store_url)
    result = run("--opslag", fresh_store_url, "akkoord", "import", "akkoord.pdf", *args,
                 cwd=workdir)
    assert (result.returncode, result.stderr.splitlines()) == (2, [message])
    assert snapshot(fresh_store_url) == before


@pytest.mark.parametrize("command", [
    ["akkoord", "boom"], ["akkoord", "toon", "onderwijs/1.1"], ["analyseer", "--alles"],
    ["rapport", "--alles"], ["beloften", "lijst"], ["redactie", "wachtrij"],
    ["beleid", "lijst"], ["zoek", "eindtermen", "--soort", "belofte"], ["bouw"],
])
@pytest.mark.parametrize("where", ["root", "command"])
def test_an_unknown_agreement_is_one_dutch_line_and_changes_nothing(fresh_store_url, workdir,
                                                                     command, where):
    two_agreements(fresh_store_url, workdir)
    before = snapshot(fresh_store_url)
    args = (["--akkoord", "vlaanderen-2019-2042", *command] if where == "root"
            else [*command, "--akkoord", "vlaanderen-2019-2042"])
    result = run("--opslag", fresh_store_url, *args, cwd=workdir,
                 env={"BELOFTEMETER_EMBEDDER": "geen"})
    assert (result.returncode, result.stderr.splitlines()) == (3, [
        "fout: Onbekend akkoord: vlaanderen-2019-2042 (bedoelt u vlaanderen-2019-2024?"
        " bekend: test-2030-2034, vlaanderen-2019-2024)."])
    assert snapshot(fresh_store_url) == before
    assert not (workdir / "rapporten").exists()


def test_the_list_refuses_an_unknown_agreement_given_before_it(fresh_store_url, workdir):
    two_agreements(fresh_store_url, workdir)
    result = run("--opslag", fresh_store_url, "--akkoord", "vlaanderen-2019-2042", "akkoord",
                 "lijst", cwd=workdir)
    assert result.returncode == 3 and result.stdout == ""
    assert result.stderr.startswith("fout: Onbekend akkoord: vlaanderen-2019-2042 (bedoelt u")


def _promise_ids(*args, cwd, env=None):
    result = run(*args, "--json", cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    return [p["id"] for p in json.loads(result.stdout)["promises"]]


def test_the_agreement_comes_from_the_option_else_the_setting_else_the_most_recent(workdir):
    two_agreements(f"sqlite:///{workdir / 'beloftemeter.db'}", workdir)
    old = _promise_ids("--akkoord", OLD, "beloften", "lijst", cwd=workdir)
    new = _promise_ids("beloften", "lijst", "--akkoord", NEW, cwd=workdir)
    assert len(old) == len(new) == 4 and not set(old) & set(new)  # ids unique in the store
    assert _promise_ids("beloften", "lijst", cwd=workdir) == new  # the most recent term
    setting = {"BELOFTEMETER_AGREEMENT_SLUG": OLD}
    assert _promise_ids("beloften", "lijst", cwd=workdir, env=setting) == old
    # The command's own option over the root's over the setting.
    assert _promise_ids("--akkoord", OLD, "beloften", "lijst", "--akkoord", NEW, cwd=workdir,
                        env=setting) == new
    unknown = run("akkoord", "boom", cwd=workdir, env={"BELOFTEMETER_AGREEMENT_SLUG": "x-y"})
    assert (unknown.returncode, unknown.stderr.splitlines()) == (
        3, ["fout: Onbekend akkoord: x-y (bekend: test-2030-2034, vlaanderen-2019-2024)."])

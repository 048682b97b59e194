"""`beloftemeter zoek` and `beloftemeter indexeer` as a user runs them."""

import json

import pytest
from search_fixtures import (
    DECISIONS,
    NAME_DECISIONS,
    PROMISE_SECTION,
    insert_agreement,
    insert_decisions,
)

from beloftemeter.store import open_store
from support import cli


@pytest.fixture
def store_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with open_store(url) as store:
        insert_decisions(store)
    return url


@pytest.fixture
def names_url(tmp_path):
    """The decisions with names, and a small agreement with promises and two verdicts."""
    url = f"sqlite:///{tmp_path / 'namen.db'}"
    with open_store(url) as store:
        insert_decisions(store, DECISIONS + NAME_DECISIONS)
        insert_agreement(store)
    return url


def run(store_url, *args):
    return cli.run("--opslag", store_url, *args, env={"BELOFTEMETER_EMBEDDER": "geen"})


def test_zoek_prints_rank_date_title_score_and_snippet(store_url):
    result = run(store_url, "zoek", "sociale woningen")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith(" 1. 2022-01-14  Energiebesparing in sociale woningen  score 0.0164")
    assert "Renovatie van sociale woningen" in result.stdout


def test_zoek_json_lists_hits_with_ranker_details(store_url):
    result = run(store_url, "zoek", "inburgering", "--json", "--type", "decreet")
    hits = json.loads(result.stdout)["results"]
    assert sorted(hit["decision_id"] for hit in hits) == ["d01", "d06"]
    assert hits[0]["rankers"][0]["ranker"] == "bm25"
    assert hits[0]["highlights"]


def test_zoek_without_results_says_so(store_url):
    result = run(store_url, "zoek", "xylofoon")
    assert (result.returncode, result.stdout.strip()) == (0, "geen resultaten")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["zoek", ""], "fout: Lege zoekvraag"),
        (["zoek", "!!! ???"], "fout: De zoekvraag bevat geen woorden"),
        (["zoek", "x" * 10_001], "fout: Zoekvraag te lang"),
        (["zoek", "woning", "--type", "wet"], "fout: Onbekend type: 'wet'"),
        (["zoek", "woning", "--van", "2020-13-01"], "fout: Ongeldige datum voor de begindatum"),
    ],
    ids=["empty", "punctuation", "too-long", "unknown-type", "bad-date"],
)
def test_bad_queries_and_filters_give_one_dutch_line(store_url, args, message):
    result = run(store_url, *args)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(message)


def test_indexeer_analyses_only_what_changed(store_url):
    first = run(store_url, "indexeer")
    assert "lexicale index: 8 geanalyseerd, 8 in totaal" in first.stdout
    second = run(store_url, "indexeer")
    assert "lexicale index: 0 geanalyseerd, 8 in totaal" in second.stdout


def test_zoek_on_an_empty_store_explains_what_to_do(tmp_path):
    result = run(f"sqlite:///{tmp_path / 'leeg.db'}", "zoek", "woning")
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "fout: De opslag bevat nog geen beslissingen: importeer ze eerst."
    )


def test_highlighting_marks_matched_words_and_escapes_the_rest():
    from beloftemeter.cli.zoek import highlight

    marked = highlight("De [raad] keurt woningen goed", ((10, 15), (16, 24)))
    assert marked == (
        "De \\[raad] [bold yellow]keurt[/bold yellow] [bold yellow]woningen[/bold yellow] goed"
    )


NO_MATCH = ("Geen enkele beslissing bevat de woorden van je zoekvraag; dit zijn de inhoudelijk"
            " dichtste beslissingen:")


def test_zoek_says_so_before_the_results_when_no_decision_has_the_words(names_url):
    result = run(names_url, "zoek", "canon van Vlaanderen")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == NO_MATCH
    assert lines[1].startswith(" 1. 2021-07-09  Mensenrechten in Vlaanderen")


def test_zoek_json_gives_lexical_matches_beside_the_results(names_url):
    none = json.loads(run(names_url, "zoek", "canon van Vlaanderen", "--json").stdout)
    assert none["lexical_matches"] == 0
    assert none["results"] and none["results"][0]["kind"] == "decision"
    some = json.loads(run(names_url, "zoek", "inburgering", "--json").stdout)
    assert some["lexical_matches"] == 3
    assert NO_MATCH not in run(names_url, "zoek", "inburgering").stdout


def test_zoek_puts_the_name_first_and_says_which_decisions_contain_it(names_url):
    result = run(names_url, "zoek", "M-decreet", "-n", "2")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(" 1. 2019-10-25  Begeleiding van leerlingen")
    assert "| bevat M-decreet |" in lines[2]
    assert "bevat" not in lines[5]
    hits = json.loads(run(names_url, "zoek", "M-decreet", "--json").stdout)["results"]
    assert [hit["exact_names"] for hit in hits[:2]] == [["M-decreet"], []]


def test_zoek_soort_belofte_searches_the_promises(names_url):
    result = run(names_url, "zoek", "M-decreet", "--soort", "belofte", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["lexical_matches"] == 1
    first = found["results"][0]
    assert {k: first[k] for k in ("kind", "id", "section", "ordinal", "page", "status", "rank")}\
        == {"kind": "promise", "id": f"{PROMISE_SECTION}#0", "section": PROMISE_SECTION,
            "ordinal": 0, "page": 25, "status": "uitgevoerd", "rank": 1}
    assert first["text"].startswith("We schaffen het M-decreet af")
    assert first["score"] > 0

    text = run(names_url, "zoek", "renovatie sociale woningen", "--soort", "Belofte").stdout
    assert text.splitlines()[0].startswith(
        f" 1. {PROMISE_SECTION} belofte 2  p. 27  nog niet beoordeeld  score ")
    assert "We investeren in de renovatie van sociale woningen." in text


def test_zoek_soort_belofte_says_when_no_promise_has_the_words(names_url):
    result = run(names_url, "zoek", "canon van Brussel", "--soort", "belofte")
    assert result.stdout.splitlines()[0] == (
        "Geen enkele belofte bevat de woorden van je zoekvraag; dit zijn de beloften die er"
        " het dichtst bij komen:")
    assert "Canon van Vlaanderen" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--soort", "belofte", "--van", "2020-01-01"],
         "fout: --van, --tot, --type en --fase gelden alleen voor beslissingen"),
        (["--soort", "belofte"], "fout: De opslag bevat nog geen beloften"),
    ],
    ids=["decision-filter", "no-agreement"],
)
def test_zoek_soort_belofte_refuses_what_it_cannot_do(store_url, args, message):
    result = run(store_url, "zoek", "woning", *args)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(message)

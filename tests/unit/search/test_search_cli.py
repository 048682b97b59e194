"""`beloftemeter zoek` and `beloftemeter indexeer` as a user runs them."""

import json

import pytest
from search_fixtures import insert_decisions

from beloftemeter.store import open_store
from support import cli


@pytest.fixture
def store_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with open_store(url) as store:
        insert_decisions(store)
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
    hits = json.loads(result.stdout)
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
        (["zoek", "woning", "--type", "wet"], "fout: Onbekende type: 'wet'"),
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

"""The search engine on a handful of decisions: ranking, fusion, filters, bad input."""

import pytest
from search_fixtures import FakeEmbedder, insert_decisions

from beloftemeter.config import Settings
from beloftemeter.errors import InputError
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.queries import promise_query, section_query
from beloftemeter.search.vectors import embed_missing

LEXICAL_ONLY = Settings(embedder="geen")


@pytest.fixture
def engine(decisions_store, fake_embedder):
    embed_missing(decisions_store, fake_embedder)
    return SearchEngine(decisions_store, LEXICAL_ONLY, embedders=[fake_embedder])


def test_a_compound_query_finds_decisions_that_spell_it_out(decisions_store):
    engine = SearchEngine(decisions_store, LEXICAL_ONLY)
    found = [hit.decision_id for hit in engine.search("inburgeringstraject", limit=3)]
    assert found[:2] == ["d01", "d06"] or found[:2] == ["d06", "d01"]
    spelled_out = [hit.decision_id for hit in engine.search("traject inburgering", limit=3)]
    assert {"d01", "d06"} <= set(spelled_out)


def test_hits_carry_date_title_score_and_a_highlighted_snippet(decisions_store):
    engine = SearchEngine(decisions_store, LEXICAL_ONLY)
    hit = engine.search("sociale woningen", limit=1)[0]
    assert hit.decision_id == "d03"
    assert hit.meeting_date == "2022-01-14"
    assert hit.title == "Energiebesparing in sociale woningen"
    assert hit.score > 0 and hit.rank == 1
    marked = [hit.snippet[start:end].lower() for start, end in hit.highlights]
    assert "woningen" in marked and "sociale" in marked
    assert [r.ranker for r in hit.rankers] == ["bm25"]


def test_accents_do_not_matter(decisions_store):
    engine = SearchEngine(decisions_store, LEXICAL_ONLY)
    assert engine.search("cafe", limit=1)[0].decision_id == "d08"
    assert engine.search("CAFÉ'S", limit=1)[0].decision_id == "d08"


def test_fusion_adds_what_only_the_semantic_ranker_finds(engine):
    # "migranten" occurs in no decision; the fake embedder maps it to "inburgering".
    hits = engine.search("migranten", limit=5)
    assert hits, "the semantic ranking alone must still give results"
    assert hits[0].decision_id in {"d01", "d06"}
    assert {r.ranker for r in hits[0].rankers} == {"fake-1"}


def test_a_hit_found_by_both_rankers_reports_both_ranks(engine):
    hit = engine.search("kinderopvang plaatsen", limit=1)[0]
    assert hit.decision_id == "d05"
    assert {r.ranker: r.rank for r in hit.rankers} == {"bm25": 1, "fake-1": 1}


def test_filters_on_dates_instrument_stage_and_type(engine):
    def ids(**filters):
        return {hit.decision_id for hit in engine.search("inburgering cursus", limit=8, **filters)}

    assert ids(date_from="2023-01-01") <= {"d05", "d06"}
    assert "d06" in ids(date_from="2023-01-01")
    assert ids(date_to="2020-12-31") <= {"d01", "d07", "d08"}
    assert ids(instrument="decreet") == {"d01", "d06"}
    assert ids(instrument="Decreet", stage="definitief") == {"d06"}
    assert ids(item_type="mededeling") <= {"d04"}


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"instrument": "wet"}, "Onbekend type: 'wet'. Bekend: besluit, conceptnota, decreet"),
        ({"stage": "klaar"}, "Onbekende fase: 'klaar'"),
        ({"date_from": "gisteren"}, "Ongeldige datum voor de begindatum: 'gisteren'"),
        ({"date_from": "2023-01-01", "date_to": "2022-01-01"}, "ligt na de einddatum"),
    ],
)
def test_unknown_or_bad_filters_give_a_dutch_message(engine, filters, message):
    with pytest.raises(InputError) as caught:
        engine.search("inburgering", **filters)
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Lege zoekvraag"),
        ("   \n ", "Lege zoekvraag"),
        ("?!... ;-)", "geen woorden"),
        ("woord " * 2001, "Zoekvraag te lang: 12.005 tekens (hoogstens 10.000)"),
    ],
    ids=["empty", "blank", "punctuation", "too-long"],
)
def test_empty_punctuation_only_and_very_long_queries_are_refused_in_dutch(engine, query, message):
    with pytest.raises(InputError) as caught:
        engine.search(query)
    assert message in caught.value.message


def test_a_query_of_unknown_words_gives_no_lexical_results(decisions_store):
    engine = SearchEngine(decisions_store, LEXICAL_ONLY)
    assert engine.search("xylofoonzweefvliegtuig") == []


def test_new_and_changed_decisions_are_found_after_reload(decisions_store):
    engine = SearchEngine(decisions_store, LEXICAL_ONLY)
    assert engine.search("zonnepanelen") == []
    insert_decisions(
        decisions_store,
        [("d09", "2023-10-06", "nota", "besluit", None, "Zonnepanelen op scholen", "Premie.")],
    )
    reloaded = SearchEngine(decisions_store, LEXICAL_ONLY)
    assert reloaded.search("zonnepanelen")[0].decision_id == "d09"


def test_promise_and_section_queries_reach_the_right_decisions(engine):
    promise = promise_query("We hertekenen het inburgeringstraject.", "Inburgering")
    assert engine.search(promise, limit=2)[0].decision_id in {"d01", "d06"}
    section = section_query(
        "Kinderopvang",
        "We breiden de kinderopvang uit. Ouders vinden sneller een plaats.",
        promises=["We breiden de kinderopvang uit."],
    )
    assert section.passages[0].startswith("Kinderopvang: ")
    assert len(section.passages) == 2
    assert engine.search(section, limit=1)[0].decision_id == "d05"


def test_an_embedder_without_vectors_yet_leaves_lexical_search_working(decisions_store):
    engine = SearchEngine(decisions_store, LEXICAL_ONLY, embedders=[FakeEmbedder("leeg")])
    assert engine.status().vectors == {"leeg": 0}
    assert engine.search("kinderopvang")[0].decision_id == "d05"


def test_a_section_query_embeds_its_promises_then_its_other_statements_while_there_is_room():
    from beloftemeter.search.queries import MAX_PASSAGES

    query = section_query("Inburgering", "Tekst van de sectie.", ["Belofte een.", "Belofte twee."],
                          ["Vaststelling."])
    assert query.passages == ("Inburgering: Tekst van de sectie.", "Inburgering: Belofte een.",
                              "Inburgering: Belofte twee.", "Inburgering: Vaststelling.")
    crowded = section_query("T", "x", [f"Belofte {i}." for i in range(40)], ["Vaststelling."])
    assert len(crowded.passages) == MAX_PASSAGES
    assert all("Vaststelling" not in p for p in crowded.passages)

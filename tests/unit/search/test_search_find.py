"""The search box's entry (issue 17): names as written first, a count of the decisions that
contain the query's words, and snippets from the summary rather than the formal title."""

import pytest
from search_fixtures import DECISIONS, NAME_DECISIONS, FakeEmbedder, insert_decisions

from beloftemeter.config import Settings
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.vectors import embed_missing

LEXICAL_ONLY = Settings(embedder="geen")


@pytest.fixture
def store(store):
    insert_decisions(store, DECISIONS + NAME_DECISIONS)
    return store


@pytest.fixture
def lexical(store):
    return SearchEngine(store, LEXICAL_ONLY)


@pytest.fixture
def hybrid(store):
    """Two embedders for which the abbreviation means "mensenrechten"."""
    embedders = [FakeEmbedder(name, synonyms={"vmri": "mensenrechten"})
                 for name in ("fake-1", "fake-2")]
    for embedder in embedders:
        embed_missing(store, embedder)
    return SearchEngine(store, LEXICAL_ONLY, embedders=embedders)


def ids(hits):
    return [hit.decision_id for hit in hits]


def test_a_hyphenated_name_finds_itself_first_not_the_decrees_that_share_a_part(lexical):
    # The plain ranking puts the decisions full of "decreet" first (Mestdecreet,
    # Havendecreet); the M-decreet is what the journalist asked for.
    assert ids(lexical.search("M-decreet", limit=4))[0] != "n1"
    result = lexical.find("M-decreet", limit=4)
    assert ids(result.hits) == ["n1", "n4", "n3", "n2"]
    assert result.hits[0].exact_names == ("M-decreet",)
    assert [hit.exact_names for hit in result.hits[1:]] == [(), (), ()]
    assert result.lexical_matches == 1
    assert result.names == ("M-decreet",)


def test_an_abbreviation_ranks_above_decisions_that_are_only_close_in_meaning(hybrid):
    # Deep in a large corpus the one decision with "VMRI" is beyond the semantic rankings'
    # depth; the decisions about human rights rank first in both of them.
    assert ids(hybrid.search("VMRI", limit=3, depth=3))[0] != "v1"
    result = hybrid.find("VMRI", limit=3, depth=3)
    assert ids(result.hits)[0] == "v1"
    assert result.lexical_matches == 1
    marked = [result.hits[0].snippet[s:e] for s, e in result.hits[0].highlights]
    assert "VMRI" in marked


def test_a_name_the_fusion_did_not_reach_is_still_found(lexical):
    # depth 1: the lexical ranking holds one decision, and it is not the M-decreet.
    result = lexical.find("M-decreet", limit=3, depth=1)
    assert ids(result.hits)[0] == "n1"
    assert result.hits[0].score == 0.0


def test_without_names_find_keeps_the_fused_order(hybrid):
    for query in ("inburgering cursus", "sociale woningen", "canon van Vlaanderen"):
        assert ids(hybrid.find(query, limit=8).hits) == ids(hybrid.search(query, limit=8))


def test_no_decision_with_the_query_words_gives_zero_lexical_matches(hybrid):
    result = hybrid.find("canon van Vlaanderen", limit=5)
    assert result.lexical_matches == 0
    assert result.hits, "the closest decisions are still shown"


@pytest.mark.parametrize(
    ("query", "count"),
    [("inburgering", 3), ("traject inburgering", 2), ("inburgeringstraject", 2),
     ("VMRI", 1), ('"sociale woningen"', 2), ("sociale woningen", 2), ("xylofoon", 0)],
)
def test_lexical_matches_counts_decisions_with_every_content_word(lexical, query, count):
    # d01 spells "inburgeringstraject", d06 "traject van inburgering", d02 "inburgering".
    assert lexical.find(query, limit=1).lexical_matches == count


def test_lexical_matches_respects_the_filters(lexical):
    assert lexical.find("inburgering", limit=1, instrument="decreet").lexical_matches == 2
    assert lexical.find("M-decreet", limit=1, date_from="2020-01-01").lexical_matches == 0


def test_the_snippet_shows_the_summary_not_the_formal_title(lexical):
    (hit,) = [h for h in lexical.search("sociale woningen", limit=5) if h.decision_id == "s1"]
    assert hit.snippet == "Zo worden 500 sociale woningen energiezuinig gemaakt."
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["sociale", "woningen"]


def test_the_snippet_prefers_the_passage_with_the_name(lexical):
    hit = lexical.find("M-decreet", limit=1).hits[0]
    assert "M-decreet af te schaffen" in hit.snippet
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["M-decreet"]

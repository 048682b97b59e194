"""The question box says when no decision is about the question, shows the closest promises
then, and lists each dossier once."""

import pytest
from agreement_urls import PREFIX, at

from beloftemeter.answer.relevance import is_answered, question_core


@pytest.mark.parametrize(("question", "core"), [
    ("Wat deed de regering met het M-decreet?", "Wat de regering met het M-decreet?"),
    ("Welke beslissingen over de Oosterweelverbinding?", "over de Oosterweelverbinding?"),
    ("Wanneer komt de bouw van Doel 5?", "de bouw van Doel 5?"),  # "Doel" is no "doe..."
    ('Hoe zit het met de "canon van Vlaanderen"?', 'Hoe het met de "canon van Vlaanderen"?'),
    ("Wat gebeurde er?", "Wat er?"),
    ("Welke beslissingen?", "Welke beslissingen?"),  # nothing left: the question itself
])
def test_the_question_words_go_the_rest_stays_as_typed(question, core):
    assert question_core(question) == core


def test_the_threshold_is_one_decision_with_every_word():
    assert not is_answered(0) and is_answered(1)


def test_a_question_no_decision_is_about_gets_the_closest_promises(client):
    data = client.get(at("/api/vraag"),
                      params={"q": "Wat deed de regering voor deelfietsen?"}).json()
    assert data["found"] is False and data["sources"] == []
    assert data["answer"] == "Ik vond geen beslissing die over je vraag gaat."
    closest = data["closest_promises"][0]
    assert {k: closest[k] for k in ("section", "ordinal", "page", "promise", "status")} == {
        "section": "mobiliteit/1.2", "ordinal": 1, "page": 11,
        "promise": "We ondersteunen deelfietsen.", "status": "geen beslissing gevonden"}


def test_the_question_page_says_it_found_nothing_and_links_the_promises(client):
    page = client.get(at("/vraag"), params={"q": "deelfietsen"}).text
    assert "Ik vond geen beslissing die over je vraag gaat." in page
    assert "Beloften die het dichtst bij je vraag komen" in page
    assert (f'<a href="{PREFIX}/secties/mobiliteit/1.2">1 Mobiliteit › 1.2 Openbaar vervoer</a>'
            in page)
    assert "Bronnen" not in page


def test_an_answer_lists_each_dossier_once(client):
    data = client.get(at("/api/vraag"), params={"q": "Wat gebeurde er met de kilometerheffing?"})
    ids = [s["id"] for s in data.json()["sources"]]
    assert "k1" in ids  # the concept note is a file of its own
    assert len({"k2", "k3"} & set(ids)) == 1  # the decree's two stages: one entry
    assert [s["n"] for s in data.json()["sources"]] == list(range(1, len(ids) + 1))


def test_a_question_without_any_word_is_a_dutch_400(client):
    response = client.get(at("/api/vraag"), params={"q": "..."})
    assert response.status_code == 400 and "geen woorden" in response.json()["error"]


def test_a_name_asked_for_keeps_the_answer_to_the_decisions_that_name_it(tmp_path):
    from beloftemeter.answer import retrieve
    from beloftemeter.config import Settings
    from beloftemeter.search.engine import SearchEngine
    from beloftemeter.store import open_store
    from beloftemeter.store.decisions import upsert_decisions
    from support.decision_rows import make_decision

    with open_store(f"sqlite:///{tmp_path / 'namen.db'}") as store:
        upsert_decisions(store, [
            make_decision("m1", "2023-05-05", "Decreet leersteun",
                          "Het decreet vervangt het M-decreet."),
            make_decision("m2", "2021-06-18", "Wijziging Mestdecreet",
                          "Een decreet over mest en een decreet over afval."),
            make_decision("m3", "2022-01-14", "Decreet over de decreten",
                          "Decreet, decreet en nog eens decreet."),
        ])
        engine = SearchEngine(store, Settings(embedder="geen"))
        found = retrieve("Wat deed de regering met het M-decreet?", engine, None, lambda ids: {})
    assert found.found and [h.decision_id for h in found.hits] == ["m1"]

"""Answers to questions: every claim cited, also when a language model writes them."""

from beloftemeter.answer import extractive_answer, llm_answer
from beloftemeter.llm.client import ChatClient, ChatSettings
from beloftemeter.models.search import Hit
from support.llm_server import LlmServer, Reply


def hit(decision_id: str, title: str) -> Hit:
    return Hit(decision_id, 1, 0.1, "2022-03-11", title, "nota", "decreet", "bekrachtiging",
               f"https://example.test/{decision_id}", (), f"Tekst over {title.lower()}.")


HITS = [hit("k3", "Kilometerheffing: decreet"), hit("t1", "Tramlijn Zaventem")]


def test_the_extractive_answer_cites_every_decision_it_names():
    answer = extractive_answer("kilometerheffing?", HITS)
    lines = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert [line.endswith(f"[{n}]") for n, line in enumerate(lines)] == [True, True]
    assert [h.decision_id for h in answer.sources] == ["k3", "t1"]


def test_no_hits_means_saying_so_without_citations():
    answer = extractive_answer("iets onvindbaars", [])
    assert answer.sources == () and "Geen beslissing gevonden" in answer.text


def test_a_model_answer_keeps_only_cited_sentences_and_renumbers_its_sources():
    reply = ("De tramlijn kreeg een tracé [1]. Dat was een goed idee. "
             "Het decreet werd bekrachtigd [1][0]. Ook [7] klopt niet.")
    with LlmServer([Reply(reply)]) as server:
        client = ChatClient(ChatSettings(server.base_url, "m", timeout=2, retries=0))
        answer = llm_answer("Wat gebeurde er?", HITS, client)
    assert answer.text == "De tramlijn kreeg een tracé [0]. Het decreet werd bekrachtigd [0][1]."
    assert [h.decision_id for h in answer.sources] == ["t1", "k3"]
    assert answer.generator == "llm"


def test_a_model_answer_without_valid_citations_is_replaced_by_the_extractive_one():
    with LlmServer([Reply("Dat weet iedereen [9].")]) as server:
        client = ChatClient(ChatSettings(server.base_url, "m", timeout=2, retries=0))
        answer = llm_answer("Wat gebeurde er?", HITS, client)
    assert answer.generator == "extractive" and "geen antwoord met geldige" in answer.note
    assert answer.text.rstrip().endswith("[1]")

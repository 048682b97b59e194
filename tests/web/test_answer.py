"""Answers to questions: every claim cited, also when a language model writes them."""

from beloftemeter.answer import extractive_answer, llm_answer, prompt
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
    # numbered from 1, as the list of sources under the answer
    assert [line.endswith(f"[{n}]") for n, line in enumerate(lines, start=1)] == [True, True]
    assert [h.decision_id for h in answer.sources] == ["k3", "t1"]
    assert "Op 11 maart 2022 (decreet · bekrachtiging en afkondiging)" in lines[0]


def test_no_hits_means_saying_so_without_citations():
    answer = extractive_answer("iets onvindbaars", [])
    assert answer.sources == () and not answer.found
    assert answer.text == "Ik vond geen beslissing die over je vraag gaat."


def test_a_model_answer_keeps_only_cited_sentences_and_renumbers_its_sources():
    # The model sees the passages numbered from 1 ([1] k3, [2] t1); [0] and [7] name none.
    reply = ("De tramlijn kreeg een tracé [2]. Dat was een goed idee. "
             "Het decreet werd bekrachtigd [2][1]. Ook [7] klopt niet. Net als [0].")
    with LlmServer([Reply(reply)]) as server:
        client = ChatClient(ChatSettings(server.base_url, "m", timeout=2, retries=0))
        answer = llm_answer("Wat gebeurde er?", HITS, client)
    assert answer.text == "De tramlijn kreeg een tracé [1]. Het decreet werd bekrachtigd [1][2]."
    assert [h.decision_id for h in answer.sources] == ["t1", "k3"]
    assert answer.generator == "llm"


def test_the_model_is_given_passages_numbered_from_one_with_dates_in_words():
    text = prompt("Wat gebeurde er?", HITS)
    assert "[1] 11 maart 2022, decreet · bekrachtiging en afkondiging: Kilometerheffing" in text
    assert "[2] " in text and "[0]" not in text


def test_a_model_answer_without_valid_citations_is_replaced_by_the_extractive_one():
    with LlmServer([Reply("Dat weet iedereen [9]. En [0].")]) as server:
        client = ChatClient(ChatSettings(server.base_url, "m", timeout=2, retries=0))
        answer = llm_answer("Wat gebeurde er?", HITS, client)
    assert answer.generator == "extractive" and "geen antwoord met geldige" in answer.note
    assert answer.text.rstrip().endswith("[2]")

"""The optional language-model judge of a promise's best candidates, against a local
OpenAI-compatible server."""

import numpy as np
import pytest
from assessment_fixtures import PROMISES, SECTION

from beloftemeter.analysis.evidence import EvidenceLinker
from beloftemeter.analysis.judge import JUDGED, build_judge, parse_answer
from beloftemeter.config import Settings
from beloftemeter.errors import ConfigError, SourceError
from beloftemeter.search.engine import SearchEngine
from beloftemeter.store.judgements import count_judgements
from support.llm_server import LlmServer, Reply

TOLL = PROMISES[(SECTION, 0)]


def judged_linker(store, server: LlmServer) -> EvidenceLinker:
    settings = Settings(assessment_judge="llm", llm_base_url=server.base_url,
                        llm_model="rechter", llm_timeout=2.0, llm_retries=0)
    engine = SearchEngine(store, Settings(embedder="geen"), embedders=[])
    judge = build_judge(settings.assessment_judge, store, settings)
    return EvidenceLinker(store, engine, max_title_share=0.1, judge=judge)


def numbered(request: dict) -> dict[int, str]:
    """Candidate number -> decision title, as the judge was asked."""
    text = request["body"]["messages"][1]["content"]
    rows = [line for line in text.splitlines() if line.startswith("[")]
    return {int(r[1:r.index("]")]): r.split(" — ", 1)[1] for r in rows}


def test_the_candidates_the_model_names_are_the_evidence_whatever_their_probability(
        assessment_store):
    with LlmServer(default=Reply("UITVOEREND: 1")) as server:
        linked = judged_linker(assessment_store, server).link(TOLL, "Slimme heffingen")
    asked = numbered(server.requests[0])
    assert 1 <= len(asked) <= JUDGED
    assert [e.title for e in linked.evidence] == [asked[1]]
    assert all(e.title != asked[1] for e in linked.context)
    body = server.requests[0]["body"]
    assert body["temperature"] == 0 and TOLL in body["messages"][1]["content"]


def test_when_the_model_names_none_the_promise_has_no_evidence(assessment_store):
    with LlmServer(default=Reply("UITVOEREND: geen")) as server:
        linked = judged_linker(assessment_store, server).link(TOLL, "Slimme heffingen")
    assert linked.evidence == ()
    assert linked.context  # what was found stays visible as context


def test_verdicts_are_remembered_so_a_rerun_asks_nothing(assessment_store):
    with LlmServer(default=Reply("UITVOEREND: 1, 2")) as server:
        first = judged_linker(assessment_store, server).link(TOLL, "Slimme heffingen")
        second = judged_linker(assessment_store, server).link(TOLL, "Slimme heffingen")
    assert len(server.requests) == 1
    assert first.evidence == second.evidence and len(first.evidence) >= 2


def test_a_reply_without_a_verdict_is_asked_again_once_then_one_dutch_error(assessment_store):
    with LlmServer([Reply("Dat hangt ervan af."), Reply("UITVOEREND: 1")]) as server:
        linked = judged_linker(assessment_store, server).link(TOLL, "Slimme heffingen")
    assert len(server.requests) == 2 and len(linked.evidence) == 1
    assert "UITVOEREND" in server.requests[1]["body"]["messages"][-1]["content"]

    with LlmServer(default=Reply("Dat hangt ervan af.")) as server, \
            pytest.raises(SourceError, match="geen bruikbaar oordeel"):
        judged_linker(assessment_store, server).link(TOLL, "Andere sectie")
    assert len(server.requests) == 2
    stored = count_judgements(assessment_store)
    assert stored == len(numbered(server.requests[0]))  # only the first promise's verdicts


def test_a_changed_decision_or_another_section_title_is_judged_anew(assessment_store):
    with LlmServer(default=Reply("UITVOEREND: 1")) as server:
        judged_linker(assessment_store, server).link(TOLL, "Slimme heffingen")
        judged_linker(assessment_store, server).link(TOLL, "Andere sectie")
        assert len(server.requests) == 2  # the section title is part of the question
        asked = numbered(server.requests[0])
        changed = next(k for k, v in asked.items() if v.startswith("Conceptnota"))
        with assessment_store.transaction() as conn:
            conn.execute("UPDATE decisions SET content_hash = 'nieuw' WHERE id = 'k1'")
        judged_linker(assessment_store, server).link(TOLL, "Slimme heffingen")
    again = numbered(server.requests[2])
    assert list(again.values()) == [asked[changed]]  # only the changed decision is asked


def test_at_most_the_five_most_probable_candidates_are_read(assessment_store):
    from assessment_fixtures import insert_decisions

    insert_decisions(assessment_store, rows=[
        (f"m{i}", f"2021-0{1 + i}-01", "besluit", "definitieve_goedkeuring",
         f"Kilometerheffing vrachtwagens: uitvoering deel {i}",
         "Uitvoering van de kilometerheffing voor vrachtwagens op gewestwegen.")
        for i in range(8)])
    with LlmServer(default=Reply("UITVOEREND: geen")) as server:
        linker = judged_linker(assessment_store, server)
        candidates = linker.candidates(TOLL, "Slimme heffingen")
        probabilities = linker._model.probabilities(candidates.features)
        linker.link(TOLL, "Slimme heffingen")
    asked = numbered(server.requests[0])
    assert len(asked) == JUDGED
    mentioning = [i for i in np.argsort(-probabilities, kind="stable")
                  if "kilometerheffing" in candidates.hits[i].title.lower()]
    assert list(asked.values()) == [candidates.hits[i].title for i in mentioning[:JUDGED]]


def test_a_promise_without_distinctive_terms_is_not_put_to_the_model(assessment_store):
    with LlmServer(default=Reply("UITVOEREND: 1")) as server:
        linked = judged_linker(assessment_store, server).link(
            PROMISES[(SECTION, 1)], "Slimme heffingen")
    assert server.requests == [] and linked.evidence == ()


def test_the_judge_is_part_of_the_fingerprint(assessment_store):
    engine = SearchEngine(assessment_store, Settings(embedder="geen"), embedders=[])
    alone = EvidenceLinker(assessment_store, engine, max_title_share=0.1)
    with LlmServer() as server:
        judged = judged_linker(assessment_store, server)
    assert alone.settings_tag != judged.settings_tag and "rechter" in judged.settings_tag
    assert server.base_url in judged.settings_tag  # the same model name elsewhere is another


@pytest.mark.parametrize(("reply", "expected"), [
    ("UITVOEREND: 1, 3", {1, 3}), ("uitvoerend: geen", set()), ("Uitvoerend: [2]", {2}),
    ("UITVOEREND: 2 (de conceptnota van 2021)", {2}), ("UITVOEREND: 1 en 3, niet 5", {1, 3}),
    ("UITVOEREND: 1-3", {1, 2, 3}), ("**UITVOEREND:** 4", {4}),
    ("<think>\nuitvoerend: 4 misschien\n</think>\nUITVOEREND: geen", set()),
    ("Niet uitvoerend: 2, 3", None), ("UITVOEREND: 9", None), ("ja", None),
    ("UITVOEREND:", None),
])
def test_the_answer_names_candidates_by_their_number(reply, expected):
    assert parse_answer(reply, 5) == expected


def test_an_unknown_judge_is_a_dutch_configuration_error(assessment_store):
    with pytest.raises(ConfigError, match="Onbekende beoordelaar"):
        build_judge("orakel", assessment_store, Settings())
    with pytest.raises(ConfigError, match="llm_base_url"):
        build_judge("llm", assessment_store, Settings())
    assert build_judge("model", assessment_store, Settings()) is None

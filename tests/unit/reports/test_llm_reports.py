"""The LLM generator end to end against a local OpenAI-compatible server."""

import pytest

from beloftemeter.config import Settings
from beloftemeter.errors import SourceError
from beloftemeter.reports import build_section_report, render_markdown
from support.assessed_store import TOLL, TRAM
from support.llm_server import LlmServer, Reply
from support.report_markdown import assert_citations_sound, parse_report


def settings(server: LlmServer, **changes) -> Settings:
    base = dict(report_generator="llm", llm_base_url=server.base_url, llm_model="test-model",
                llm_api_key="geheim", llm_timeout=2.0, llm_retries=1, llm_fallback=False)
    return Settings(**{**base, **changes})


def test_a_valid_reply_becomes_the_body_with_its_citations_renumbered(report_store):
    reply = ("1. **Kilometerheffing**: eerst een conceptnota [0], dan het decreet [2].\n\n"
             "Oordeel: de heffing is ingevoerd [2].")
    with LlmServer([Reply(reply)]) as server:
        report = build_section_report_in(report_store, server)
    assert "eerst een conceptnota [0], dan het decreet [1]" in report.body
    assert report.closing == "Oordeel: de heffing is ingevoerd [1]."
    assert report.removed_citations == 0
    asked = server.requests[0]
    assert asked["body"]["temperature"] == 0 and asked["body"]["seed"] == 42
    assert asked["body"]["model"] == "test-model" and asked["auth"] == "Bearer geheim"
    assert "[2] 11 maart 2022" in asked["body"]["messages"][1]["content"]
    assert report.generator["name"] == "llm" and "geheim" not in str(report.generator)


def test_invalid_citations_are_removed_and_counted_and_the_rest_stays_sound(report_store):
    reply = ("Het decreet [2] volgde op een nota [9] en op beslissing [5FD8FA00] en [tien].\n"
             "Oordeel: uitgevoerd [0].")
    with LlmServer([Reply(reply)]) as server:
        report = build_section_report_in(report_store, server)
    assert report.removed_citations == 3
    assert "[9]" not in report.body and "[tien]" not in report.body
    parsed = parse_report(render_markdown(report))
    assert_citations_sound(parsed)
    assert [r.url.rsplit("/", 1)[1] for r in parsed.references] == ["k3", "k1", "k2"]


def test_a_reply_without_citations_keeps_only_the_data_backed_citations(report_store):
    with LlmServer([Reply("De regering deed veel. Oordeel: goed.")]) as server:
        report = build_section_report_in(report_store, server)
    assert report.closing == "Oordeel: goed."
    assert_citations_sound(parse_report(render_markdown(report)))
    assert len(report.references) == 3  # cited by the status overview, built from the data


def test_server_errors_are_retried_then_give_one_dutch_error(report_store):
    with LlmServer([Reply(status=500), Reply(status=503)]) as server, \
            pytest.raises(SourceError, match=r"Het taalmodel op .* antwoordde niet bruikbaar"):
        build_section_report_in(report_store, server)
    assert len(server.requests) == 2  # one retry


def test_a_slow_model_times_out_and_falls_back_to_the_extractive_text_when_allowed(report_store):
    with LlmServer([Reply("te laat", delay=1.5)] * 2) as server:
        report = build_section_report(
            report_store, TOLL, settings(server, llm_timeout=0.5, llm_fallback=True))
    assert report.notes and "extractief" in report.notes[0]
    assert report.generator["name"] == "extractive"
    assert "Daarmee voert de regering" in report.body  # the extractive wording


def test_a_broken_answer_counts_as_a_failure_and_a_later_good_one_is_used(report_store):
    with LlmServer([Reply(broken=True), Reply("Het decreet [2].\nOordeel: klaar [2].")]) as s:
        report = build_section_report_in(report_store, s)
    assert report.body == "Het decreet [0]." and len(s.requests) == 2


def test_a_section_without_evidence_is_not_sent_to_the_model(report_store):
    with LlmServer() as server:
        report = build_section_report(report_store, f"{TRAM}", settings(server))
        report_without = [p for p in report.input.promises if not p.evidence]
    assert report_without and len(server.requests) == 1  # only the tram promise has evidence


# -- helpers ---------------------------------------------------------------------------------


def build_section_report_in(store, server: LlmServer):
    return build_section_report(store, TOLL, settings(server))


def test_the_prompt_asks_for_the_structure_of_the_earlier_reports_and_keeps_candidates_apart(
        report_store):
    from beloftemeter.reports.builder import ReportBuilder
    from beloftemeter.reports.llm_generator import prompt
    from support.assessed_store import add_candidate

    add_candidate(report_store)
    asked = prompt(ReportBuilder(report_store).input_for(TRAM))
    assert "'1. **Naam van het thema**: ...'" in asked and "begint met 'Oordeel:'" in asked
    uitvoeren, _, apart = asked.partition("Beslissingen die mogelijk relevant zijn")
    assert "[0] 17 september 2021" in uitvoeren and "Mobipunten" not in uitvoeren
    assert "[1] 10 maart 2023, definitieve goedkeuring: Mobipunten: regelgevend kader." in apart
    assert "(score 0,47)" in apart
    assert "(p. 10-12)" in asked  # the section's pages, a range only when it is one

"""The middle tier in the reports: decisions "mogelijk relevant, niet bevestigd" are shown
apart with their score, cited as such, and never counted as carrying a promise out."""

import json

import pytest

from beloftemeter.reports import build_section_report, render_html, render_json, render_markdown
from support.assessed_store import CANDIDATE_ID, TRAM, add_candidate
from support.report_markdown import assert_citations_sound, parse_report


@pytest.fixture
def candidate_store(report_store):
    add_candidate(report_store)
    return report_store


def test_the_section_json_lists_candidates_apart_from_evidence_and_context(candidate_store):
    data = json.loads(render_json(build_section_report(candidate_store, TRAM)))
    bikes = data["promises"][1]
    assert bikes["status"] == "geen beslissing gevonden"  # a candidate never counts
    assert [c["decision_id"] for c in bikes["candidates"]] == [CANDIDATE_ID]
    candidate = bikes["candidates"][0]
    assert candidate["score"] == 0.47 and candidate["meeting_date"] == "2023-03-10"
    assert candidate["url"] == f"https://example.test/{CANDIDATE_ID}"
    assert {"title", "stage"} <= set(candidate)
    assert CANDIDATE_ID not in [d["decision_id"] for p in data["promises"]
                                for d in (*p["evidence"], *p["context"])]
    assert data["promises"][0]["candidates"] == []


def test_the_markdown_report_shows_candidates_apart_with_their_score(candidate_store):
    markdown = render_markdown(build_section_report(candidate_store, TRAM))
    body, references = markdown.split("<summary> Referenties")
    assert "**Mogelijk relevant, niet bevestigd**" in body
    assert "Ze tellen niet mee voor de status" in body
    assert "Mogelijk relevant, niet bevestigd (score 0,47): “Mobipunten: regelgevend kader”" in body
    assert "Daarnaast is er 1 beslissing (op 10 maart 2023) die mogelijk relevant is" in body
    assert "mogelijk relevant, niet bevestigd; score 0,47" in references
    parsed = parse_report(markdown)
    assert_citations_sound(parsed)
    assert [r.url.rsplit("/", 1)[1] for r in parsed.references] == ["t1", CANDIDATE_ID]


def test_the_html_report_labels_candidates_as_not_confirmed(candidate_store):
    page = render_html(build_section_report(candidate_store, TRAM))
    block = page.split('<div class="kandidaten">', 1)[1].split("</div>", 1)[0]
    assert "Mogelijk relevant, niet bevestigd" in block and "score 0,47" in block
    assert "Mobipunten: regelgevend kader" in block
    assert "10 maart 2023" in block


def test_a_decision_that_is_evidence_for_one_promise_is_cited_as_evidence(candidate_store):
    from dataclasses import replace

    from beloftemeter.reports.builder import ReportBuilder
    from beloftemeter.store.assessment import load_assessments, save_assessments

    tram, bikes = [a for a in load_assessments(candidate_store) if a.node_key == TRAM]
    tram_as_candidate = replace(tram.evidence[0], role="candidate", score=0.5)
    save_assessments(candidate_store, [replace(
        bikes, candidates=(*bikes.candidates, tram_as_candidate))])
    report_input = ReportBuilder(candidate_store).input_for(TRAM)
    assert [d.decision_id for d in report_input.evidence] == ["t1"]
    assert [d.decision_id for d in report_input.candidates] == [CANDIDATE_ID]
    assert report_input.numbered[0].confirmed and not report_input.numbered[1].confirmed


def test_a_planned_action_is_named_once_under_the_first_promise_that_cites_it(report_store):
    from dataclasses import replace

    from beloftemeter.models.policy import PlannedAction
    from beloftemeter.reports.builder import ReportBuilder
    from beloftemeter.reports.overview import status_overview

    plan = PlannedAction("bn-2020", "Beleidsnota Mobiliteit 2019-2024", "12",
                         "Een tramlijn en deelfietsen naar de luchthaven", "", "2021", "",
                         "pagina", 1.0)
    report_input = ReportBuilder(report_store).input_for(TRAM)
    both = replace(report_input, promises=tuple(replace(p, plans=(plan,))
                                                for p in report_input.promises))
    overview = status_overview(both)
    assert overview.count("Een tramlijn en deelfietsen naar de luchthaven") == 1
    first, second = overview.split("\n- ")[1:3]
    assert "Gepland: actie 12" in first and "Gepland" not in second


def test_an_abbreviation_does_not_end_a_quoted_sentence():
    from beloftemeter.reports.wording import excerpt

    promise = ("De Vlaamse overheid sluit een samenwerkingsovereenkomst af met een"
               " participatieorganisatie die expertise bundelt m.b.t. inclusie van mensen met"
               " een buitenlandse herkomst. Deze netwerkorganisatie adviseert de overheid.")
    assert excerpt(promise, 200) == promise.split(" Deze")[0]
    assert excerpt(promise, 120).endswith("bundelt m.b.t. […]")  # cut at a word, marked

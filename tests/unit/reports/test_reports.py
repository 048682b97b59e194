"""Reports: the known Markdown format, JSON and HTML, with every citation sound."""

import json

import pytest

from beloftemeter.config import Settings
from beloftemeter.reports import (
    build_section_report,
    render_html,
    render_html_fragment,
    render_json,
    render_markdown,
)
from support.assessed_store import DECISIONS, TOLL, TRAM
from support.report_markdown import assert_citations_sound, parse_report


def test_a_markdown_report_has_the_known_format_and_sound_citations(report_store):
    markdown = render_markdown(build_section_report(report_store, TOLL))
    assert markdown.startswith("# Evaluatie van de uitvoering van het regeerakkoord: 1.1 Slimme")
    assert "<summary>Regeerakkoord sectie 1.1 Slimme heffingen (p. 10-12)</summary>" in markdown
    assert "We voeren een kilometerheffing in." in markdown
    assert "Oordeel: de enige belofte in deze sectie is uitgevoerd." in markdown
    parsed = parse_report(markdown)
    assert_citations_sound(parsed)
    # The references are exactly the evidence, with the decisions' own dates and links.
    cited = {r.url.rsplit("/", 1)[1]: r for r in parsed.references}
    assert set(cited) == {"k1", "k2", "k3"}
    for decision_id, reference in cited.items():
        assert reference.date == DECISIONS[decision_id][0]
        assert reference.text.startswith(DECISIONS[decision_id][3])


def test_related_decisions_are_never_cited(report_store):
    report = build_section_report(report_store, TRAM)
    assert [d.decision_id for d in report.references] == ["t1"]
    assert "x1" not in render_markdown(report).split("<summary> Referenties")[1]
    assert report.input.promises[1].context[0].decision_id == "x1"  # kept as context


def test_the_extractive_report_is_deterministic(report_store):
    assert render_markdown(build_section_report(report_store, "mobiliteit")) == \
        render_markdown(build_section_report(report_store, "mobiliteit"))


def test_brackets_in_decision_texts_cannot_pass_for_citations(report_store):
    report = build_section_report(report_store, TOLL)
    assert report.removed_citations == 0
    references = render_markdown(report).split("<summary> Referenties")[1]
    assert "(zie bijlage)" in references and "[zie bijlage]" not in references


def test_the_json_report_carries_all_structured_data(report_store):
    data = json.loads(render_json(build_section_report(report_store, "mobiliteit")))
    assert data["section"]["key"] == "mobiliteit"
    assert [p["status"] for p in data["promises"]] == [
        "uitgevoerd", "uitgevoerd", "geen beslissing gevonden"]
    first = data["promises"][0]["evidence"][0]
    assert set(first) >= {"decision_id", "meeting_date", "title", "url", "score", "stage"}
    assert data["promises"][2]["context"][0]["decision_id"] == "x1"
    assert [r["n"] for r in data["references"]] == list(range(len(data["references"])))
    assert data["generator"]["name"] == "extractive"


def test_html_reports_link_citations_and_escape_what_they_show(report_store):
    report = build_section_report(report_store, TOLL)
    page = render_html(report)
    assert page.startswith("<!doctype html>") and 'lang="nl"' in page
    assert '<a class="cite" href="#ref-0">[0]</a>' in page
    assert 'id="ref-2"' in page and "https://example.test/k3" in page
    fragment = render_html_fragment(report)
    assert "<html" not in fragment and "<article" in fragment


def test_a_stored_script_address_never_becomes_a_link_in_any_report_format(report_store):
    # A store written before links were checked at import may still hold one.
    from beloftemeter.store.decisions import get_decision, upsert_decisions
    from support.decision_rows import make_decision

    k3 = get_decision(report_store, "k3")
    upsert_decisions(report_store, [make_decision(
        "k3", k3.meeting_date, k3.title, k3.text, instrument=k3.instrument, stage=k3.stage,
        url="javascript:alert(document.domain)")])
    report = build_section_report(report_store, TOLL)
    for rendered in (render_markdown(report), render_html(report), render_json(report)):
        assert "javascript:" not in rendered
    assert "https://example.test/k2" in render_markdown(report)


def test_an_unknown_generator_is_refused_in_dutch(report_store):
    from beloftemeter.errors import InputError

    with pytest.raises(InputError, match="Onbekende generator"):
        build_section_report(report_store, TOLL, Settings(), generator="gpt")

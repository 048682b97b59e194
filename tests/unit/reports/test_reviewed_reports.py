"""Reports mark the verdicts the editors checked (issue 19): "(nagekeken door de redactie)"
beside such a status in Markdown and HTML, `reviewed` per promise in JSON, one line saying
that every other status is automatic; script in an editor's reason stays text."""

from __future__ import annotations

import json

from beloftemeter.reports import build_section_report, render_html, render_json, render_markdown
from support.assessed_store import TOLL, TRAM
from support.reviewed_store import REASON, build_reviewed


def test_the_markdown_marks_the_reviewed_status_and_escapes_the_reason(store):
    build_reviewed(store)
    markdown = render_markdown(build_section_report(store, TRAM))
    lines = [line for line in markdown.splitlines() if line.startswith("- **")]
    tram, bikes = lines
    assert bikes.startswith("- **in voorbereiding** (nagekeken door de redactie): “")
    assert "nagekeken" not in tram
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in bikes and "<script" not in markdown
    assert "_Een status zonder “nagekeken door de redactie” is automatisch beoordeeld en door" \
           " geen mens nagekeken._" in markdown
    assert markdown == render_markdown(build_section_report(store, TRAM))  # same bytes


def test_the_json_report_says_which_verdicts_were_reviewed(store):
    build_reviewed(store)
    tram = json.loads(render_json(build_section_report(store, TRAM)))
    assert [(p["ordinal"], p["reviewed"]) for p in tram["promises"]] == [(0, False), (1, True)]
    assert tram["promises"][1]["reason"] == REASON  # JSON carries the text as it is
    toll = json.loads(render_json(build_section_report(store, TOLL)))
    assert toll["promises"][0]["reviewed"] is True
    assert [e["decision_id"] for e in toll["promises"][0]["evidence"]] == ["k1", "k2"]


def test_the_html_report_marks_and_escapes(store):
    build_reviewed(store)
    html = render_html(build_section_report(store, TRAM))
    assert html.count("(nagekeken door de redactie)</span>") == 1
    assert "&lt;script&gt;" in html and "<script" not in html


def test_without_reviews_no_status_is_marked(store):
    from support.assessed_store import build

    build(store)
    markdown = render_markdown(build_section_report(store, TRAM))
    assert "(nagekeken door de redactie)" not in markdown
    assert all(p["reviewed"] is False for p in json.loads(
        render_json(build_section_report(store, TRAM)))["promises"])

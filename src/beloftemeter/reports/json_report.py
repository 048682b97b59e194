"""Reports as JSON: all structured data, for other tools."""

from __future__ import annotations

import json
from dataclasses import asdict

from beloftemeter.models.report import Report, ReportDecision


def _decision(d: ReportDecision) -> dict:
    return {"decision_id": d.decision_id, "meeting_date": d.meeting_date, "title": d.title,
            "url": d.url, "score": d.score, "stage": d.stage, "instrument": d.instrument}


def report_dict(report: Report) -> dict:
    section = report.input.section
    return {
        "section": {"key": section.key, "chapter": section.chapter, "number": section.number,
                    "title": section.title, "text": section.text,
                    "first_page": section.first_page, "last_page": section.last_page},
        "promises": [
            {"ordinal": p.ordinal, "text": p.text, "page": p.page, "status": p.status,
             "reason": p.reason,
             # checked by the editors; false: the automatic verdict, not checked by a person
             "reviewed": p.reviewed, "evidence": [_decision(d) for d in p.evidence],
             # "mogelijk relevant, niet bevestigd": never counted towards the status
             "candidates": [_decision(d) for d in p.candidates],
             "context": [_decision(d) for d in p.context],
             "plans": [asdict(plan) for plan in p.plans]}
            for p in report.input.promises
        ],
        "body": report.body,
        "overview": report.overview,
        "closing": report.closing,
        "references": [{"n": n, "decision_id": d.decision_id, **{
            k: v for k, v in asdict(d).items() if k != "decision_id"}}
            for n, d in enumerate(report.references)],
        "generator": report.generator,
        "removed_citations": report.removed_citations,
        "notes": list(report.notes),
    }


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=1) + "\n"

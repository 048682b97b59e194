"""The promise list and a promise's page as plain dicts: one shape for `beloftemeter beloften
... --json` and the JSON API. Keys are English (the project's glossary); values such as
statuses and stage codes stay as they are."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from beloftemeter.models.promises import (
    HistoryEntry,
    LinkedDecision,
    PromiseDetail,
    PromiseList,
    PromiseSummary,
)
from beloftemeter.models.public_review import PublicReview


def summary_dict(summary: PromiseSummary) -> dict[str, Any]:
    """id, section, ordinal, page, text, status, reason, part, chapter, section_title,
    evidence_count, candidate_count, latest_decision_date, latest_stage."""
    return asdict(summary)


def history_dict(entry: HistoryEntry) -> dict[str, Any]:
    data = asdict(entry)
    for key in ("before_evidence", "after_evidence", "decision_ids"):
        data[key] = list(data[key])
    return data


def _decision_dict(decision: LinkedDecision) -> dict[str, Any]:
    return {**asdict(decision), "amounts": list(decision.amounts)}


def review_dict(review: PublicReview) -> dict[str, Any]:
    """{"reviewed", "reviewed_at", "status_source" ("editor" | "ladder" | null), "note",
    "rejected_count"}: no editor's name, those stay in the audit."""
    return asdict(review)


def promise_list_dict(result: PromiseList) -> dict[str, Any]:
    """{"total", "page", "per_page", "promises": [{"id", ...}], "facets": {name: [{"value",
    "label", "count", "selected"}]}}."""
    return {
        "total": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "promises": [summary_dict(s) for s in result.items],
        "facets": {facet.name: [asdict(v) for v in facet.values] for facet in result.facets},
    }


def promise_detail_dict(detail: PromiseDetail) -> dict[str, Any]:
    """The summary's keys and previous_sentence, next_sentence, path [{kind, key, title}],
    pdf_page_url, evidence / candidates / context [{decision_id, meeting_date, stage,
    instrument, amounts, title, url, score, passage}], plans [{document, action, minister,
    timing, budget}], assessed_at, rules_version, similar [summary], history [entry],
    review {reviewed, reviewed_at, status_source, note, rejected_count}."""
    return {
        **summary_dict(detail.summary),
        "previous_sentence": detail.previous_sentence,
        "next_sentence": detail.next_sentence,
        "path": [{"kind": kind, "key": key, "title": title} for kind, key, title in detail.path],
        "pdf_page_url": detail.pdf_page_url,
        "evidence": [_decision_dict(d) for d in detail.evidence],
        "candidates": [_decision_dict(d) for d in detail.candidates],
        "context": [_decision_dict(d) for d in detail.context],
        "plans": [asdict(p) for p in detail.plans],
        "assessed_at": detail.assessed_at,
        "rules_version": detail.rules_version,
        "similar": [summary_dict(s) for s in detail.similar],
        "history": [history_dict(h) for h in detail.history],
        "review": review_dict(detail.review),
    }

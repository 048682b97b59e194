"""Decisions for test stores, made the way production makes them: the content hash from
`compute_content_hash`. Store them with `store.decisions.upsert_decisions`, as an import does."""

from __future__ import annotations

from beloftemeter.models.decisions import Decision, compute_content_hash


def make_decision(
    decision_id: str,
    meeting_date: str,
    title: str,
    text: str,
    *,
    item_type: str = "nota",
    instrument: str | None = None,
    stage: str | None = None,
    url: str | None = None,
) -> Decision:
    """A decision with a link of its own (or `url`) and the production content hash."""
    fields = dict(
        id=decision_id, meeting_date=meeting_date, item_type=item_type, title=title,
        alternative_title="", text=text,
        url=f"https://example.test/{decision_id}" if url is None else url,
        source_url="", instrument=instrument, stage=stage, amounts=(),
    )
    return Decision(**fields, content_hash=compute_content_hash(**fields))

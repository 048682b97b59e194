"""What can be read from a decision's title and text: instrument, legislative stage, euro
amounts, the public link, and a title where the source gave none.

This module is the entry point (`read_decision`) and keeps the public names importable; the
readings themselves live in `decision_titles` (titles, formal title and summary, links),
`decision_amounts` (euro amounts) and `decision_stage` (instrument and stage, with the stage
vocabulary).
"""

from __future__ import annotations

from beloftemeter.models.decisions import Decision, compute_content_hash
from beloftemeter.sources.decision_amounts import read_amounts
from beloftemeter.sources.decision_stage import (
    INSTRUMENTS,
    STAGES,
    read_instrument,
    read_stage,
)
from beloftemeter.sources.decision_titles import (
    THEMIS_URL,
    after_title,
    derive_title,
    public_url,
    split_text,
    squash_spaces,
    web_source_url,
)

__all__ = [
    "INSTRUMENTS",
    "STAGES",
    "THEMIS_URL",
    "after_title",
    "derive_title",
    "public_url",
    "read_amounts",
    "read_decision",
    "read_instrument",
    "read_stage",
    "split_text",
]


def read_decision(
    *,
    id: str,
    meeting_date: str,
    item_type: str,
    title: str,
    text: str,
    alternative_title: str = "",
    source_url: str = "",
) -> Decision:
    """A complete Decision from the source's fields: derive what is missing, read the rest.
    A `source_url` that is not an http(s) address is dropped (with a warning)."""
    text = text.strip()
    title = squash_spaces(title) or derive_title(text)
    item_type = (item_type or "nota").strip().lower()
    source_url = web_source_url(id, source_url)
    fields = {
        "id": id,
        "meeting_date": meeting_date,
        "item_type": item_type,
        "title": title,
        "alternative_title": alternative_title.strip(),
        "text": text,
        "url": public_url(id, source_url),
        "source_url": source_url,
        "instrument": read_instrument(item_type, title, text),
        "stage": read_stage(item_type, title, text),
        "amounts": read_amounts(text),
    }
    return Decision(**fields, content_hash=compute_content_hash(**fields))

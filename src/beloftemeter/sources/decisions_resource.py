"""One news item of the decisions JSON:API (`{"id", "attributes": {...}}`) as a Decision.

Everything in an item comes from outside and is checked here: the id and texts must be
strings (a lone surrogate becomes U+FFFD, so the store can write it), the meeting date must be
a real date between `MIN_YEAR` and `MAX_YEAR`, and a text beyond `max_text_bytes` is cut, with
a note for the caller to warn about. An unusable item is a `ValueError` with a Dutch reason
and nothing else.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from inscriptis import get_text

from beloftemeter.models.decisions import Decision
from beloftemeter.sources.bounded_input import (
    DEFAULT_LIMITS,
    InputLimits,
    check_value,
    clean_text,
    cut_text,
    shown,
)
from beloftemeter.sources.decision_reading import read_decision

# The government's term is 2019-2024; outside these years a "date" is an error in the source
# (and 0001-01-01T00:00:00+14:00 cannot even be moved to Brussels time).
MIN_YEAR, MAX_YEAR = 1900, 2199
MAX_ID_CHARS = 200  # real ids are 24 hex digits or a 36-character UUID
HTML_FACTOR = 4  # HTML is cut at this many times the text limit before it is converted

try:  # tz database from the system; without it, fall back to a fixed winter offset
    from zoneinfo import ZoneInfo

    BRUSSELS: Any = ZoneInfo("Europe/Brussels")
except Exception:  # pragma: no cover - depends on the machine
    from datetime import timezone

    BRUSSELS = timezone(timedelta(hours=1))


class DateOutOfRange(ValueError):
    """A real date, but not one a meeting of this government can have."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"meetingDate {reason}")
        self.reason = reason  # without the field's name, for the dump's own name


def html_to_text(html: str) -> str:
    """Clean plain text from the API's HTML: paragraphs kept, whitespace tidied."""
    if not html or not html.strip():
        return ""
    text = html if "<" not in html else get_text(html)
    lines = [" ".join(line.split()) for line in text.replace("\r", "").split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _in_range(year: int, value: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateOutOfRange(f"ligt niet tussen {MIN_YEAR} en {MAX_YEAR}: {shown(value)}")


def local_meeting_date(value: str) -> str:
    """The Brussels calendar date of an ISO date or datetime ("2021-12-02T23:00:00Z")."""
    value = (value or "").strip()
    if not value:
        raise ValueError("meetingDate ontbreekt")
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            _in_range(day.year, value)
            return day.isoformat()
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except DateOutOfRange:
        raise
    except ValueError:  # its own message is English ("Invalid isoformat string")
        raise ValueError(f"meetingDate is geen geldige datum: {shown(value)}") from None
    _in_range(moment.year, value)  # within range, moving to Brussels cannot overflow
    if moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.astimezone(BRUSSELS).date().isoformat()


def limited(value: str, limits: InputLimits, field: str, notes: list[str] | None) -> str:
    """`value` made storable and cut to the text limit (noted in `notes` when cut)."""
    value = clean_text(value)
    cut = cut_text(value, limits.max_text_bytes)
    if cut is None:
        return value
    if notes is not None:
        notes.append(f"{field} ingekort van {len(value.encode()) // 1024} kB tot"
                     f" {limits.max_text_bytes // 1024} kB (max_decision_text_kb)")
    return cut


def decision_from_resource(
    resource: Any, limits: InputLimits = DEFAULT_LIMITS, notes: list[str] | None = None
) -> Decision:
    """A Decision from one JSON:API resource; ValueError (Dutch) when it cannot be read.
    Texts cut to `limits.max_text_bytes` are reported in `notes` (Dutch, one per field)."""
    if not isinstance(resource, dict):
        raise ValueError("geen JSON-object")
    check_value(resource)  # nesting and numbers, per item (a page is not checked whole)
    attributes = resource.get("attributes")
    if not isinstance(attributes, dict):
        raise ValueError("'attributes' ontbreekt")
    decision_id = resource.get("id") or attributes.get("uuid")
    if not isinstance(decision_id, str) or not decision_id.strip():
        raise ValueError("'id' ontbreekt")
    if len(decision_id.strip()) > MAX_ID_CHARS:
        raise ValueError(f"'id' is langer dan {MAX_ID_CHARS} tekens")
    title = attributes.get("title") or ""
    alternative = attributes.get("alternativeTitle") or ""
    html = attributes.get("htmlContent") or ""
    if not all(isinstance(v, str) for v in (title, alternative, html)):
        raise ValueError("title, alternativeTitle en htmlContent moeten tekst zijn")
    meeting = attributes.get("meetingDate") or ""
    if not isinstance(meeting, str):
        raise ValueError(f"meetingDate is geen geldige datum: {shown(meeting)}")
    item_type = attributes.get("agendaitemType") or "nota"
    if isinstance(item_type, (dict, list)):
        raise ValueError("agendaitemType moet tekst zijn")
    meeting_date = local_meeting_date(meeting)
    title = limited(title, limits, "title", notes)
    alternative = limited(alternative, limits, "alternativeTitle", notes)
    html_limit = InputLimits(limits.max_line_bytes, limits.max_text_bytes * HTML_FACTOR)
    body = html_to_text(limited(html, html_limit, "htmlContent", notes))
    parts = [" ".join(title.split()), " ".join(alternative.split()), body]
    text = "\n\n".join(p for p in parts if p)
    if not text:
        raise ValueError("geen titel en geen tekst")
    return read_decision(
        id=clean_text(decision_id.strip()),
        meeting_date=meeting_date,
        item_type=clean_text(str(item_type))[:MAX_ID_CHARS],
        title=title,
        alternative_title=alternative,
        text=limited(text, limits, "tekst", notes),
    )

"""Decision dumps: JSON Lines in the shared dump format, or the API's own JSON pages.

Each line of a `.jsonl` file is one of:
  - a dump record `{"id", "meeting_date", "agenda_item_type", "title", "text", "source_url"}`;
  - one API resource `{"id", "attributes": {...}}`;
  - one whole API page `{"count", "data": [...]}`.
A `.json` file holds one API page (or a list of resources) as a whole.

A line that cannot be read is reported (line number and reason, through `on_error`) and
skipped; every other line is still yielded. Whether a bad line rejects the whole file is the
caller's decision (see `beloftemeter beslissingen import --streng`).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from beloftemeter.errors import InputError
from beloftemeter.models.decisions import Decision, LineError
from beloftemeter.sources.decision_reading import read_decision
from beloftemeter.sources.decisions_api import (
    decision_from_resource,
    json_error_reason,
    local_meeting_date,
)

log = logging.getLogger(__name__)

ErrorCallback = Callable[[LineError], None]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def decision_from_record(record: Any) -> Decision:
    """A Decision from one dump record; ValueError (Dutch) when it cannot be read."""
    if not isinstance(record, dict):
        raise ValueError("geen JSON-object")
    decision_id = record.get("id")
    if not isinstance(decision_id, str) or not decision_id.strip():
        raise ValueError("'id' ontbreekt of is leeg")
    meeting_date = record.get("meeting_date")
    if not isinstance(meeting_date, str) or not _DATE.match(meeting_date.strip()):
        raise ValueError(f"'meeting_date' is geen datum JJJJ-MM-DD: {meeting_date!r}")
    try:
        if len(meeting_date.strip()) == 10:
            date.fromisoformat(meeting_date.strip())
        else:  # an ISO datetime, as the API gives it: its date in Brussels
            meeting_date = local_meeting_date(meeting_date)
    except ValueError:
        raise ValueError(f"'meeting_date' bestaat niet: {meeting_date!r}") from None
    values = {}
    for key in ("agenda_item_type", "title", "text", "source_url"):
        value = record.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValueError(f"'{key}' moet tekst zijn")
        values[key] = value
    if not values["text"].strip() and not values["title"].strip():
        raise ValueError("'title' en 'text' zijn allebei leeg")
    return read_decision(
        id=decision_id.strip(),
        meeting_date=meeting_date.strip(),
        item_type=values["agenda_item_type"] or "nota",
        title=values["title"],
        text=values["text"] or values["title"],
        source_url=values["source_url"].strip(),
    )


def _decisions_from_json(value: Any) -> Iterator[Decision | ValueError]:
    """One parsed JSON value (record, resource or page) → decisions or per-item errors."""
    if isinstance(value, dict) and isinstance(value.get("data"), list):
        for index, resource in enumerate(value["data"]):
            try:
                yield decision_from_resource(resource)
            except ValueError as exc:
                yield ValueError(f"data[{index}]: {exc}")
    elif isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            yield from _decisions_from_json({"data": value})
        else:
            yield ValueError("een lijst, geen beslissing of API-pagina")
    elif isinstance(value, dict) and "attributes" in value:
        try:
            yield decision_from_resource(value)
        except ValueError as exc:
            yield exc
    else:
        try:
            yield decision_from_record(value)
        except ValueError as exc:
            yield exc


def _report(on_error: ErrorCallback | None, line: int, reason: str) -> None:
    error = LineError(line=line, reason=reason)
    if on_error is None:
        log.warning("regel %d overgeslagen: %s", line, reason)
    else:
        on_error(error)


def read_jsonl(path: str | Path, on_error: ErrorCallback | None = None) -> Iterator[Decision]:
    """Decisions from a dump file, in file order; bad lines go to `on_error` and are skipped."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"Dit is een map, geen dumpbestand: {path}")
    if not path.is_file():
        raise InputError(f"Bestand niet gevonden: {path}")
    if path.suffix.lower() == ".json":
        yield from _read_whole_json(path, on_error)
        return
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8").strip()
            except UnicodeDecodeError:
                _report(on_error, number, "geen geldige UTF-8")
                continue
            if not line:
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                reason = json_error_reason(exc, line=False)
                _report(on_error, number, f"geen geldige JSON ({reason})")
                continue
            for item in _decisions_from_json(value):
                if isinstance(item, ValueError):
                    _report(on_error, number, str(item))
                else:
                    yield item


def _read_whole_json(path: Path, on_error: ErrorCallback | None) -> Iterator[Decision]:
    try:
        value = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is geen geldige UTF-8.") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path} is geen geldige JSON ({json_error_reason(exc)})."
        ) from exc
    for item in _decisions_from_json(value):
        if isinstance(item, ValueError):
            _report(on_error, 1, str(item))
        else:
            yield item

"""Decision dumps: JSON Lines in the shared dump format, or the API's own JSON pages.

Each line of a `.jsonl` file is one of:
  - a dump record `{"id", "meeting_date", "agenda_item_type", "title", "text", "source_url"}`;
  - one API resource `{"id", "attributes": {...}}`;
  - one whole API page `{"count", "data": [...]}`.
A `.json` file holds one API page (or a list of resources) as a whole.

A line that cannot be read is reported (line number and reason, through `on_error`) and
skipped; every other line is still yielded. Whether a bad line rejects the whole file is the
caller's decision (see `beloftemeter beslissingen import --streng`). A line longer than
`max_dump_line_kb` is skipped without being read whole; a text longer than
`max_decision_text_kb` is cut and reported through `on_warning`. A byte order mark is ignored.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from beloftemeter.errors import InputError
from beloftemeter.models.decisions import Decision, LineError
from beloftemeter.sources.bounded_input import (
    DEFAULT_LIMITS,
    InputLimits,
    JsonInputError,
    check_value,
    clean_text,
    loads_bounded,
    read_bounded_lines,
    shown,
)
from beloftemeter.sources.decision_reading import read_decision
from beloftemeter.sources.decisions_resource import (
    MAX_ID_CHARS,
    DateOutOfRange,
    decision_from_resource,
    limited,
    local_meeting_date,
)

log = logging.getLogger(__name__)

ErrorCallback = Callable[[LineError], None]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$", re.ASCII)
JSON_PAGE_ITEMS = 100  # a saved API page may be this many times `max_dump_line_kb`


def decision_from_record(
    record: Any, limits: InputLimits = DEFAULT_LIMITS, notes: list[str] | None = None
) -> Decision:
    """A Decision from one dump record; ValueError (Dutch) when it cannot be read. Texts cut
    to `limits.max_text_bytes` are reported in `notes`."""
    if not isinstance(record, dict):
        raise ValueError("geen JSON-object")
    check_value(record)  # already done for a dump line; not for a saved page's items
    decision_id = record.get("id")
    if not isinstance(decision_id, str) or not decision_id.strip():
        raise ValueError("'id' ontbreekt of is leeg")
    if len(decision_id.strip()) > MAX_ID_CHARS:
        raise ValueError(f"'id' is langer dan {MAX_ID_CHARS} tekens")
    meeting_date = record.get("meeting_date")
    if not isinstance(meeting_date, str) or not _DATE.match(meeting_date.strip()):
        raise ValueError(f"'meeting_date' is geen datum JJJJ-MM-DD: {shown(meeting_date)}")
    try:  # an ISO datetime, as the API gives it, becomes its date in Brussels
        meeting_date = local_meeting_date(meeting_date)
    except DateOutOfRange as exc:
        raise ValueError(f"'meeting_date' {exc.reason}") from None
    except ValueError:
        raise ValueError(f"'meeting_date' bestaat niet: {shown(meeting_date)}") from None
    values = {}
    for key in ("agenda_item_type", "title", "text", "source_url"):
        value = record.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValueError(f"'{key}' moet tekst zijn")
        values[key] = limited(value, limits, key, notes)
    if not values["text"].strip() and not values["title"].strip():
        raise ValueError("'title' en 'text' zijn allebei leeg")
    return read_decision(
        id=clean_text(decision_id.strip()),
        meeting_date=meeting_date,
        item_type=values["agenda_item_type"][:MAX_ID_CHARS] or "nota",
        title=values["title"],
        text=values["text"] or values["title"],
        source_url=values["source_url"].strip(),
    )


def _decisions_from_json(
    value: Any, limits: InputLimits, notes: list[str]
) -> Iterator[Decision | ValueError]:
    """One parsed JSON value (record, resource or page) → decisions or per-item errors."""
    if isinstance(value, dict) and isinstance(value.get("data"), list):
        for index, resource in enumerate(value["data"]):
            try:
                yield decision_from_resource(resource, limits, notes)
            except ValueError as exc:
                yield ValueError(f"data[{index}]: {exc}")
    elif isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            yield from _decisions_from_json({"data": value}, limits, notes)
        else:
            yield ValueError("een lijst, geen beslissing of API-pagina")
    elif isinstance(value, dict) and "attributes" in value:
        try:
            yield decision_from_resource(value, limits, notes)
        except ValueError as exc:
            yield exc
    else:
        try:
            yield decision_from_record(value, limits, notes)
        except ValueError as exc:
            yield exc


def _report(callback: ErrorCallback | None, line: int, reason: str, what: str) -> None:
    if callback is None:
        log.warning("regel %d %s: %s", line, what, reason)
    else:
        callback(LineError(line=line, reason=reason))


def _open_regular(path: Path) -> BinaryIO:
    """The file at `path` opened for reading; InputError (Dutch) for a missing file, a
    directory, or anything that is not a regular file (a device such as /dev/zero, a pipe)."""
    try:
        # Non-blocking, so a pipe nobody writes to cannot hang the open; fstat then tells a
        # regular file from a device, pipe or directory before a byte is read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"Bestand niet gevonden: {path}") from None
    except IsADirectoryError:
        raise InputError(f"Dit is een map, geen dumpbestand: {path}") from None
    except OSError as exc:
        raise InputError(f"Kan het bestand niet lezen: {path} ({exc.strerror})") from None
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):
        os.close(fd)
        raise InputError(f"Dit is een map, geen dumpbestand: {path}")
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError(f"Dit is geen gewoon bestand (een apparaat of pijp?): {path}")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_jsonl(
    path: str | Path,
    on_error: ErrorCallback | None = None,
    *,
    limits: InputLimits = DEFAULT_LIMITS,
    on_warning: ErrorCallback | None = None,
) -> Iterator[Decision]:
    """Decisions from a dump file, in file order; bad lines go to `on_error` and are skipped,
    texts cut to the limit go to `on_warning` (each with its line number)."""
    for _, decision in read_numbered(path, on_error, limits=limits, on_warning=on_warning):
        yield decision


def read_numbered(
    path: str | Path,
    on_error: ErrorCallback | None = None,
    *,
    limits: InputLimits = DEFAULT_LIMITS,
    on_warning: ErrorCallback | None = None,
) -> Iterator[tuple[int, Decision]]:
    """(line number, decision) for each decision of a dump file, as `read_jsonl`. The file
    is opened at once, so a missing or unusable path fails before anything is read."""
    path = Path(path)
    return _numbered(path, _open_regular(path), limits, on_error, on_warning)


def _numbered(
    path: Path,
    handle: BinaryIO,
    limits: InputLimits,
    on_error: ErrorCallback | None,
    on_warning: ErrorCallback | None,
) -> Iterator[tuple[int, Decision]]:
    with handle:
        try:
            yield from _lines(path, handle, limits, on_error, on_warning)
        except OSError as exc:  # a disk or network file system failing half-way
            raise InputError(f"Kan het bestand niet lezen: {path} ({exc.strerror})") from None


def _lines(
    path: Path,
    handle: BinaryIO,
    limits: InputLimits,
    on_error: ErrorCallback | None,
    on_warning: ErrorCallback | None,
) -> Iterator[tuple[int, Decision]]:
    if path.suffix.lower() == ".json":
        yield from _read_whole_json(path, handle, limits, on_error, on_warning)
        return
    for number, raw in read_bounded_lines(handle, limits.max_line_bytes):
        if raw is None:
            reason = f"regel langer dan {limits.max_line_bytes // 1024} kB (max_dump_line_kb)"
            _report(on_error, number, reason, "overgeslagen")
            continue
        try:
            line = raw.decode("utf-8-sig").strip()
        except UnicodeDecodeError:
            _report(on_error, number, "geen geldige UTF-8", "overgeslagen")
            continue
        if not line:
            continue
        try:
            value = loads_bounded(line, line=False)
        except JsonInputError as exc:
            _report(on_error, number, f"geen geldige JSON ({exc})", "overgeslagen")
            continue
        yield from _emit(value, number, limits, on_error, on_warning)


def _emit(
    value: Any,
    number: int,
    limits: InputLimits,
    on_error: ErrorCallback | None,
    on_warning: ErrorCallback | None,
) -> Iterator[tuple[int, Decision]]:
    notes: list[str] = []
    for item in _decisions_from_json(value, limits, notes):
        if isinstance(item, ValueError):
            _report(on_error, number, str(item), "overgeslagen")
        else:
            yield number, item
    for note in notes:
        _report(on_warning, number, note, "ingekort")


def _read_whole_json(
    path: Path,
    handle: BinaryIO,
    limits: InputLimits,
    on_error: ErrorCallback | None,
    on_warning: ErrorCallback | None,
) -> Iterator[tuple[int, Decision]]:
    max_bytes = limits.max_line_bytes * JSON_PAGE_ITEMS
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            f"{path} is groter dan {max_bytes // 2**20} MB ({JSON_PAGE_ITEMS} keer"
            " max_dump_line_kb); een JSON-bestand wordt in zijn geheel gelezen."
        )
    try:
        value = loads_bounded(data.decode("utf-8-sig"), max_depth=None)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is geen geldige UTF-8.") from exc
    except JsonInputError as exc:
        raise InputError(f"{path} is geen geldige JSON ({exc}).") from exc
    yield from _emit(value, 1, limits, on_error, on_warning)

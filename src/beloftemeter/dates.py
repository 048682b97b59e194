"""Calendar days given by a user (CLI option, web parameter): one parser, neutral messages.

The messages name the field in words ("begindatum"), never a CLI option or a URL parameter,
so the CLI and the web can both show them as they are.
"""

from __future__ import annotations

from datetime import date

from beloftemeter.errors import InputError

FIELD_NAMES = {"from": "de begindatum", "to": "de einddatum"}


def parse_day(value: str | None, field: str = "from") -> str | None:
    """`value` as an ISO day (JJJJ-MM-DD), None when empty; InputError when it is no day."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else _invalid(text, field)
    except ValueError:
        return _invalid(text, field)


def parse_range(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Both ends of a period, checked: the start may not lie after the end."""
    start, end = parse_day(date_from, "from"), parse_day(date_to, "to")
    if start and end and start > end:
        raise InputError(f"De begindatum {start} ligt na de einddatum {end}.")
    return start, end


def _invalid(text: str, field: str) -> str:
    shown = text if len(text) <= 40 else text[:40] + "…"
    raise InputError(
        f"Ongeldige datum voor {FIELD_NAMES.get(field, field)}: {shown!r} (verwacht JJJJ-MM-DD).")

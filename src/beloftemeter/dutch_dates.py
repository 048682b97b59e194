"""Dates written out the Dutch way for what people read ("10 juni 2022"), shared by pages,
reports and the dossier sentences. Months are lower case in Dutch; the day has no leading
zero and no ordinal suffix."""

from __future__ import annotations

from datetime import date

from beloftemeter.errors import InputError

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)


def _day(value: str | date) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()[:10])
    except (ValueError, AttributeError):
        shown = str(value) if len(str(value)) <= 40 else str(value)[:40] + "…"
        raise InputError(f"Ongeldige datum: {shown!r} (verwacht JJJJ-MM-DD).") from None


def long_date(value: str | date) -> str:
    """`"2022-06-10"` → `"10 juni 2022"`; a timestamp's time is ignored. InputError when
    `value` is no date."""
    day = _day(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(value: str | date) -> str:
    """`"2022-06-10"` (or `"2022-06"`) → `"juni 2022"`."""
    if isinstance(value, str) and len(value.strip()) == 7:
        value = value.strip() + "-01"
    day = _day(value)
    return f"{MONTHS[day.month - 1]} {day.year}"


# Editors work in Brussels: times of their saves are shown in Belgian time.
LOCAL_ZONE = "Europe/Brussels"


def long_moment(value: str) -> str:
    """`"2026-12-03T18:27:05+00:00"` → `"3 december 2026 om 19.27 uur"` (Belgian time); a
    value without a zone is taken as UTC. InputError when `value` is no moment."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise InputError(f"Ongeldig tijdstip: {str(value)[:40]!r}.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(ZoneInfo(LOCAL_ZONE))
    return f"{long_date(local.date())} om {local.hour}.{local.minute:02d} uur"

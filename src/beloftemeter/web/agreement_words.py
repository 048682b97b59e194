"""How pages name an agreement: "Regeerakkoord 2019-2024", and its government's term in Dutch
dates ("van 2 oktober 2019 tot 30 september 2024", "sinds 30 september 2024")."""

from __future__ import annotations

import re

from beloftemeter.dutch_dates import long_date
from beloftemeter.models.agreement import StoredAgreement

_YEARS = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})-((?:19|20)[0-9]{2})(?![0-9])")


def term_years(agreement: StoredAgreement) -> str:
    """"2019-2024": the years its slug names, else those of its term ("2024-" in office)."""
    named = _YEARS.search(agreement.slug)
    if named:
        return f"{named.group(1)}-{named.group(2)}"
    end = agreement.term_end[:4] if agreement.term_end else ""
    return f"{agreement.term_start[:4]}-{end}"


def agreement_name(agreement: StoredAgreement | None) -> str:
    """"Regeerakkoord 2019-2024"; "Regeerakkoord" when the store holds none."""
    return "Regeerakkoord" if agreement is None else f"Regeerakkoord {term_years(agreement)}"


def term_words(agreement: StoredAgreement) -> str:
    """The government's term in Dutch dates."""
    start = long_date(agreement.term_start)
    if agreement.term_end is None:
        return f"sinds {start}"
    return f"van {start} tot {long_date(agreement.term_end)}"

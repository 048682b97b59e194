"""The query parameters users type (names stay Dutch: q, van, tot, fase, aantal; `type` for
the instrument, as on the CLI) and the search filters read from them, shared by the search
page and the API."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from beloftemeter.dates import parse_range
from beloftemeter.models.search import Filters

MAX_QUERY = 500
MAX_RESULTS = 50

# At module level: FastAPI resolves the routes' annotations by name.
QueryText = Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="zoekvraag")]
OptionalText = Annotated[str, Query(max_length=MAX_QUERY, description="zoekvraag")]
Day = Annotated[str | None, Query(max_length=10, description="JJJJ-MM-DD")]
Stage = Annotated[str | None, Query(max_length=40, description="fase (bv. bekrachtiging)")]
Limit = Annotated[int, Query(ge=1, le=MAX_RESULTS, description="hoeveel resultaten")]
Instrument = Annotated[str | None, Query(alias="type", max_length=40,
                                         description="soort beslissing (decreet, besluit...)")]
# `soort` meant the instrument on the web but the item type on the CLI; `type` replaces it.
OldInstrument = Annotated[str | None, Query(max_length=40, deprecated=True,
                                            description="verouderd: gebruik type")]


def search_filters(van: Day = None, tot: Day = None, instrument: Instrument = None,
                   soort: OldInstrument = None, fase: Stage = None) -> Filters:
    """The filters, dates checked: a bad date is a 400 with the Dutch message, as a bad
    `jaar` on /beloften is (InputError, see web.errors)."""
    date_from, date_to = parse_range(van, tot)
    return Filters(date_from=date_from, date_to=date_to,
                   instrument=instrument or soort or None, stage=fase or None)


SearchFilters = Annotated[Filters, Depends(search_filters)]

"""Search filters: the columns decisions are filtered on, held in memory in the engine's row
order, and the mask a set of filters gives."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from beloftemeter.dates import parse_range
from beloftemeter.errors import InputError
from beloftemeter.models.search import Filters
from beloftemeter.store import Store
from beloftemeter.store.search_index import filter_columns

# column → what a user calls it in an error message
# The refusal per column, with the article its noun takes ("het type", "de fase").
UNKNOWN = {"instrument": "Onbekend type", "stage": "Onbekende fase",
           "item_type": "Onbekende soort"}


class FilterColumns:
    """Meeting date, item type, instrument and stage of each decision, rows in `ids` order."""

    def __init__(self, store: Store, ids: Sequence[str]) -> None:
        meta = filter_columns(store)
        columns = list(zip(*(meta[i] for i in ids), strict=True)) if ids else [[]] * 4
        self._size = len(ids)
        self._dates = np.array(columns[0], dtype="U10")
        self._values = {
            column: np.array([(v or "").lower() for v in values], dtype=object)
            for column, values in zip(("item_type", "instrument", "stage"), columns[1:],
                                      strict=True)
        }

    def known_values(self, column: str) -> list[str]:
        """The values `column` takes (lower case), sorted."""
        return sorted({v for v in self._values[column] if v})

    def mask(self, filters: Filters) -> np.ndarray | None:
        """Which rows pass `filters`; None when nothing is restricted. InputError for a bad
        date or a value no decision has."""
        mask = np.ones(self._size, dtype=bool)
        restricted = False
        date_from, date_to = parse_range(filters.date_from, filters.date_to)
        if date_from:
            mask &= self._dates >= date_from
            restricted = True
        if date_to:
            mask &= self._dates <= date_to
            restricted = True
        for column, value in (
            ("instrument", filters.instrument),
            ("stage", filters.stage),
            ("item_type", filters.item_type),
        ):
            if value is None:
                continue
            wanted = value.strip().lower()
            known = self.known_values(column)
            if wanted not in known:
                choices = ", ".join(known) if known else "geen (de opslag kent er nog geen)"
                raise InputError(f"{UNKNOWN[column]}: {value!r}. Bekend: {choices}.")
            mask &= self._values[column] == wanted
            restricted = True
        return mask if restricted else None

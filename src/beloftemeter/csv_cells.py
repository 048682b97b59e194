"""Cells for CSV files that people open in a spreadsheet.

Text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel and LibreOffice (`=HYPERLINK(...)` in an editor's reason would run on every reader's
machine), so such text gets a leading apostrophe, which spreadsheets show as plain text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """`value` as a CSV cell: None empty, a list space-separated, formula-like text quoted."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = " ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_table(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """A CSV file: a header of `columns`, then one line per row, every value a `cell`."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row[column]) for column in columns])
    return out.getvalue()

"""`beloftemeter akkoord lijst`: the agreements of the store side by side, each with its
government's term and how far its promises are (store.agreements.progress)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from beloftemeter.cli.common import Context, console, print_json
from beloftemeter.dutch_numbers import count_of, number
from beloftemeter.models.agreement import AgreementProgress
from beloftemeter.models.assessment import STATUSES

EMPTY = "Nog geen regeerakkoord ingelezen: `beloftemeter akkoord import [BRON]`."


def progress_dict(row: AgreementProgress) -> dict[str, Any]:
    """One agreement as `akkoord lijst --json` gives it (English keys, Dutch status values)."""
    a = row.agreement
    return {
        "slug": a.slug, "title": a.title, "term_start": a.term_start, "term_end": a.term_end,
        "promises": row.promises, "assessed": row.assessed,
        "by_status": {s: row.by_status[s] for s in _ordered(row.by_status)},
        "with_evidence": row.with_evidence, "reviewed": row.reviewed,
        "source": a.source, "imported_at": a.imported_at,
    }


def _ordered(by_status: dict[str, int]) -> list[str]:
    """The statuses on the published scale's order, any other after them."""
    return [s for s in STATUSES if s in by_status] + sorted(set(by_status) - set(STATUSES))


def list_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Toon de akkoorden in de opslag: naam, regeerperiode en hoe ver hun beloften zijn."""
    from beloftemeter.reports.agreements_index import term_words
    from beloftemeter.store import agreements, scope

    context: Context = ctx.obj
    with context.store() as store:
        rows = agreements.progress(store)
        default = scope.default_id(store)
    if as_json:
        print_json([progress_dict(row) for row in rows])
        return
    if not rows:
        console.print(EMPTY, markup=False, highlight=False)
        return
    for place, row in enumerate(rows):
        a = row.agreement
        if place:
            console.print()
        mark = " (standaard)" if a.id == default and len(rows) > 1 else ""
        console.print(f"{a.slug}{mark}: {a.title}", markup=False, highlight=False)
        console.print(f"  regeerperiode: {term_words(a.term_start, a.term_end)}", markup=False,
                      highlight=False)
        counts = ", ".join(f"{s} {number(row.by_status[s])}" for s in _ordered(row.by_status))
        console.print(
            f"  {count_of(row.promises, 'belofte', 'beloften')},"
            f" {number(row.assessed)} beoordeeld" + (f" ({counts})" if counts else "")
            + f"; {number(row.with_evidence)} met bewijs, {number(row.reviewed)} nagekeken",
            markup=False, highlight=False)

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
        # A slug given (or set in agreement_slug) must exist here too: a typo is said, not
        # ignored; set, it is what commands without --akkoord are about.
        chosen = context.choose_agreement(store)
        rows = agreements.progress(store)
        default = scope.default_id(store) if chosen is None else chosen.id
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
        for line in (f"{a.slug}{mark}: {a.title}",
                     f"  regeerperiode: {term_words(a.term_start, a.term_end)}",
                     f"  {_totals(row)}", *([f"  {_statuses(row)}"] if row.by_status else [])):
            console.print(line, markup=False, highlight=False)
    chosen = next((row.agreement.slug for row in rows if row.agreement.id == default), None)
    if chosen and len(rows) > 1:
        console.print()
        console.print(f"Zonder --akkoord gaat een commando over {chosen} (de standaard; een ander"
                      " kies je met --akkoord of de instelling agreement_slug).",
                      markup=False, highlight=False)


def _totals(row: AgreementProgress) -> str:
    """"51 beloften, alle beoordeeld; 29 met bewijs (57%), 0 nagekeken door de redactie"."""
    if row.assessed == 0:
        assessed = "nog geen beoordeeld"
    elif row.assessed == row.promises:
        assessed = "alle beoordeeld"
    else:
        assessed = f"{number(row.assessed)} beoordeeld"
    share = (f" ({round(row.with_evidence / row.promises * 100)}%)"
             if row.with_evidence and row.promises else "")
    return (f"{count_of(row.promises, 'belofte', 'beloften')}, {assessed};"
            f" {number(row.with_evidence)} met bewijs{share},"
            f" {number(row.reviewed)} nagekeken door de redactie")


def _statuses(row: AgreementProgress) -> str:
    """"22 uitgevoerd, 1 grotendeels uitgevoerd, …": the count first, as on the web pages."""
    return ", ".join(f"{number(row.by_status[s])} {s}" for s in _ordered(row.by_status))

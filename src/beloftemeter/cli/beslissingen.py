"""`beloftemeter beslissingen ...`: sync from the API, import a dump, show one, count them."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from beloftemeter.cli.common import Context, console, err_console, print_json, progress_bar
from beloftemeter.dutch_numbers import euro
from beloftemeter.pipeline.decisions_import import DecisionsImport, import_decisions
from beloftemeter.pipeline.decisions_sync import sync_decisions
from beloftemeter.pipeline.sync_windows import SyncPlan, SyncResult, parse_day
from beloftemeter.store.decisions import decision_stats, get_decision

app = typer.Typer(
    help="Beslissingen van de Vlaamse Regering: ophalen, inlezen, tonen, tellen.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")]


@app.command("sync")
def sync(
    ctx: typer.Context,
    date_from: Annotated[
        str | None,
        typer.Option(
            "--van",
            help="Eerste vergaderdatum (JJJJ-MM-DD). Standaard: kort voor de vorige sync,"
            " of decisions_since bij de eerste.",
        ),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option("--tot", help="Laatste vergaderdatum (JJJJ-MM-DD). Standaard: vandaag."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Haal beslissingen op uit de publieke API en werk de opslag bij (hervat na onderbreking)."""
    context: Context = ctx.obj
    settings = context.settings
    since = parse_day(date_from, "--van") if date_from else None
    until = parse_day(date_to, "--tot") if date_to else None

    def announce(plan: SyncPlan) -> None:
        if plan.resumed and not as_json:
            err_console.print(
                f"vorige sync van {plan.first} tot {plan.last} wordt hervat"
                f" vanaf venster {plan.resume_window}, pagina {plan.resume_page + 1}"
            )

    with progress_bar("maandvensters ophalen") as advance:
        result = sync_decisions(settings.store_url, settings, since=since, until=until,
                                progress=advance, on_plan=announce)
    if as_json:
        print_json(sync_json(result))
        return
    show_sync(result)


def sync_json(result: SyncResult) -> dict:
    return {
        "from": result.first.isoformat(),
        "to": result.last.isoformat(),
        "resumed": result.resumed,
        "windows": result.windows,
        "pages": result.pages,
        "new": result.counts.new,
        "changed": result.counts.changed,
        "unchanged": result.counts.unchanged,
        "skipped": result.skipped,
        "truncated": result.truncated,
    }


def show_sync(result: SyncResult) -> None:
    console.print(
        f"sync {result.first} tot {result.last}: {result.counts.new} nieuw,"
        f" {result.counts.changed} gewijzigd, {result.counts.unchanged} ongewijzigd"
        f" ({result.pages} pagina's, {result.windows} maandvensters"
        + (f", {result.skipped} onleesbare items overgeslagen" if result.skipped else "")
        + (f", {result.truncated} teksten ingekort" if result.truncated else "")
        + ")",
        markup=False,
    )


@app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(metavar="PAD", help="JSONL-dump (of een JSON-pagina van de API).")
    ],
    strict: Annotated[
        bool,
        typer.Option(
            "--streng", help="Weiger het hele bestand als één regel ongeldig is (niets ingelezen)."
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Lees een dump met beslissingen in; ongeldige regels worden gemeld en overgeslagen."""
    context: Context = ctx.obj
    settings = context.settings
    with progress_bar("beslissingen inlezen") as advance:
        result = import_decisions(settings.store_url, settings, path, strict=strict,
                                  progress=advance)
    show_line_errors(result)
    if as_json:
        print_json(
            {
                "read": result.read,
                "new": result.counts.new,
                "changed": result.counts.changed,
                "unchanged": result.counts.unchanged,
                "invalid_lines": [asdict(e) for e in result.errors],
                "warnings": [asdict(w) for w in result.warnings],
                "truncated": result.truncated,
            }
        )
        return
    show_import(result)


def show_line_errors(result: DecisionsImport) -> None:
    for error in result.errors:
        err_console.print(
            f"waarschuwing: regel {error.line} overgeslagen: {error.reason}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    for warning in result.warnings:
        err_console.print(f"let op: regel {warning.line}: {warning.reason}", markup=False,
                          highlight=False, soft_wrap=True)


def show_import(result: DecisionsImport) -> None:
    console.print(
        f"{result.read} beslissingen gelezen uit {result.path}: {result.counts.new} nieuw,"
        f" {result.counts.changed} gewijzigd, {result.counts.unchanged} ongewijzigd"
        + (f"; {len(result.errors)} ongeldige regel(s) overgeslagen" if result.errors else ""),
        markup=False,
    )


@app.command("toon")
def show(
    ctx: typer.Context,
    decision_id: Annotated[str, typer.Argument(metavar="ID", help="Id van de beslissing.")],
    as_json: JsonOption = False,
) -> None:
    """Toon één beslissing met wat eruit gelezen werd (instrument, stadium, bedragen)."""
    context: Context = ctx.obj
    with context.store() as store:
        decision = get_decision(store, decision_id)
    if as_json:
        data = asdict(decision)
        data["amounts"] = list(decision.amounts)
        print_json(data)
        return
    amounts = ", ".join(euro(a) for a in decision.amounts) or "geen"
    lines = [
        decision.title,
        "",
        f"id:          {decision.id}",
        f"vergadering: {decision.meeting_date}",
        f"type:        {decision.item_type}",
        f"instrument:  {decision.instrument}",
        f"stadium:     {decision.stage}",
        f"bedragen:    {amounts}",
        f"link:        {decision.url}",
        "",
        decision.text,
    ]
    console.print("\n".join(lines), markup=False, highlight=False)


# The store's counts under the CLI's English JSON keys (old key, new key), in this order.
STATS_KEYS = (("totaal", "total"), ("per_jaar", "per_year"), ("per_type", "per_type"),
              ("per_instrument", "per_instrument"), ("per_stadium", "per_stage"))
STATS_LABELS = {"per_year": "per jaar", "per_type": "per type",
                "per_instrument": "per instrument", "per_stage": "per stadium"}


@app.command("stats")
def stats(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Tel de beslissingen per jaar, type, instrument en stadium."""
    context: Context = ctx.obj
    with context.store() as store:
        counted = decision_stats(store)
    # Either spelling: the store's own keys are moving to English too.
    data = {new: counted[old] if old in counted else counted[new] for old, new in STATS_KEYS}
    if as_json:
        print_json(data)
        return
    console.print(f"totaal: {data['total']} beslissingen", markup=False)
    for key, label in STATS_LABELS.items():
        console.print(f"\n{label}:", markup=False)
        width = max((len(k) for k in data[key]), default=0)
        for name, count in data[key].items():
            console.print(f"  {name:<{width}}  {count:>6}", markup=False)



"""`beloftemeter beslissingen ...`: sync from the API, import a dump, show one, count them."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from beloftemeter.cli.common import Context, console, err_console, print_json, progress_bar
from beloftemeter.sources.decisions_api import DecisionsApiClient, check_base_url
from beloftemeter.sources.decisions_import import import_dump
from beloftemeter.sources.decisions_sync import parse_day, plan_sync, sync_decisions
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
    van: Annotated[
        str | None,
        typer.Option(
            "--van",
            help="Eerste vergaderdatum (JJJJ-MM-DD). Standaard: kort voor de vorige sync,"
            " of decisions_since bij de eerste.",
        ),
    ] = None,
    tot: Annotated[
        str | None,
        typer.Option("--tot", help="Laatste vergaderdatum (JJJJ-MM-DD). Standaard: vandaag."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Haal beslissingen op uit de publieke API en werk de opslag bij (hervat na onderbreking)."""
    context: Context = ctx.obj
    settings = context.settings
    check_base_url(settings.decisions_api_url)  # a bad setting fails before anything is done
    since = parse_day(van, "--van") if van else None
    until = parse_day(tot, "--tot") if tot else None
    default_since = parse_day(settings.decisions_since, "decisions_since")
    with context.store() as store:
        plan = plan_sync(store, since=since, until=until, default_since=default_since)
        if plan.resumed and not as_json:
            err_console.print(
                f"vorige sync van {plan.first} tot {plan.last} wordt hervat"
                f" vanaf venster {plan.resume_window}, pagina {plan.resume_page + 1}"
            )
        with DecisionsApiClient(
            settings.decisions_api_url,
            timeout=settings.http_timeout,
            retries=settings.http_retries,
            requests_per_second=settings.requests_per_second,
        ) as client, progress_bar("maandvensters ophalen", len(plan.windows())) as advance:
            result = sync_decisions(store, client, plan, progress=advance)
    summary = {
        "van": result.first.isoformat(),
        "tot": result.last.isoformat(),
        "hervat": result.resumed,
        "vensters": result.windows,
        "paginas": result.pages,
        "nieuw": result.counts.new,
        "gewijzigd": result.counts.changed,
        "ongewijzigd": result.counts.unchanged,
        "overgeslagen": result.skipped,
    }
    if as_json:
        print_json(summary)
        return
    console.print(
        f"sync {result.first} tot {result.last}: {result.counts.new} nieuw,"
        f" {result.counts.changed} gewijzigd, {result.counts.unchanged} ongewijzigd"
        f" ({result.pages} pagina's, {result.windows} maandvensters"
        + (f", {result.skipped} onleesbare items overgeslagen" if result.skipped else "")
        + ")",
        markup=False,
    )


@app.command("import")
def import_command(
    ctx: typer.Context,
    pad: Annotated[Path, typer.Argument(help="JSONL-dump (of een JSON-pagina van de API).")],
    streng: Annotated[
        bool,
        typer.Option(
            "--streng", help="Weiger het hele bestand als één regel ongeldig is (niets ingelezen)."
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Lees een dump met beslissingen in; ongeldige regels worden gemeld en overgeslagen."""
    context: Context = ctx.obj
    with context.store() as store, progress_bar("beslissingen inlezen") as advance:
        result = import_dump(store, pad, strict=streng, progress=advance)
    for error in result.errors:
        err_console.print(
            f"waarschuwing: regel {error.line} overgeslagen: {error.reason}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    if as_json:
        print_json(
            {
                "gelezen": result.read,
                "nieuw": result.counts.new,
                "gewijzigd": result.counts.changed,
                "ongewijzigd": result.counts.unchanged,
                "ongeldige_regels": [asdict(e) for e in result.errors],
            }
        )
        return
    console.print(
        f"{result.read} beslissingen gelezen uit {pad}: {result.counts.new} nieuw,"
        f" {result.counts.changed} gewijzigd, {result.counts.unchanged} ongewijzigd"
        + (f"; {len(result.errors)} ongeldige regel(s) overgeslagen" if result.errors else ""),
        markup=False,
    )


@app.command("toon")
def show(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Id van de beslissing.")],
    as_json: JsonOption = False,
) -> None:
    """Toon één beslissing met wat eruit gelezen werd (instrument, stadium, bedragen)."""
    context: Context = ctx.obj
    with context.store() as store:
        decision = get_decision(store, id)
    if as_json:
        data = asdict(decision)
        data["amounts"] = list(decision.amounts)
        print_json(data)
        return
    amounts = ", ".join(_euro(a) for a in decision.amounts) or "geen"
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


@app.command("stats")
def stats(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Tel de beslissingen per jaar, type, instrument en stadium."""
    context: Context = ctx.obj
    with context.store() as store:
        data = decision_stats(store)
    if as_json:
        print_json(data)
        return
    console.print(f"totaal: {data['totaal']} beslissingen", markup=False)
    labels = {
        "per_jaar": "per jaar",
        "per_type": "per type",
        "per_instrument": "per instrument",
        "per_stadium": "per stadium",
    }
    for key, label in labels.items():
        console.print(f"\n{label}:", markup=False)
        width = max((len(k) for k in data[key]), default=0)
        for name, count in data[key].items():
            console.print(f"  {name:<{width}}  {count:>6}", markup=False)


def _euro(value: float) -> str:
    whole = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return "€ " + whole.removesuffix(",00")

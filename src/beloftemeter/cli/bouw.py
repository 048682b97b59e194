"""`beloftemeter bouw`: the main job in one command.

It composes the sub-commands users can also run one by one: read the agreement, import or
sync the decisions, bring the search index up to date, and say where to look. Every step is
idempotent, so running it again only does what changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from beloftemeter.cli import akkoord, analyseer, beleid, beslissingen, rapport, zoek
from beloftemeter.cli.common import Context, console, err_console
from beloftemeter.errors import InputError


def _find_one(folder: Path, patterns: tuple[str, ...], what: str) -> Path:
    for pattern in patterns:
        matches = sorted(folder.glob(pattern))
        if matches:
            return matches[0]
    raise InputError(f"Geen {what} gevonden in {folder} (gezocht: {', '.join(patterns)}).")


def local_sources(folder: Path) -> tuple[Path, Path]:
    """The agreement PDF and the decisions dump inside a local data folder."""
    if not folder.is_dir():
        raise InputError(f"Map niet gevonden: {folder}")
    pdf = _find_one(folder, ("regeerakkoord*.pdf", "*.pdf"), "PDF van het regeerakkoord")
    dump = _find_one(folder, ("decisions*.jsonl", "beslissingen*.jsonl", "*.jsonl"),
                     "JSONL-dump met beslissingen")
    return pdf, dump


def build(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Lokale map met de PDF van het akkoord en een JSONL-dump met beslissingen:"
            " dan werkt alles offline. Zonder deze optie worden de publieke bronnen gelezen.",
        ),
    ] = None,
) -> None:
    """Alles in één keer: akkoord, beslissingen, zoekindex, beleid, beoordeling, rapporten."""
    context: Context = ctx.obj
    if data is not None:
        pdf, dump = local_sources(data)
        err_console.print(f"1/6 regeerakkoord uit {pdf}", markup=False)
        akkoord.import_command(ctx, source=str(pdf))
        err_console.print(f"2/6 beslissingen uit {dump}", markup=False)
        beslissingen.import_command(ctx, pad=dump, streng=False, as_json=False)
    else:
        settings = context.settings
        err_console.print(f"1/6 regeerakkoord van {settings.agreement_url}", markup=False)
        akkoord.import_command(ctx, source=None)
        err_console.print(f"2/6 beslissingen van {settings.decisions_api_url}", markup=False)
        beslissingen.sync(ctx, van=None, tot=None, as_json=False)
    err_console.print("3/6 zoekindex bijwerken", markup=False)
    zoek.index(ctx)
    policy = sorted(p for p in (data / "policy").glob("*") if p.suffix.lower() in {".txt", ".pdf"}
                    ) if data is not None and (data / "policy").is_dir() else []
    err_console.print(f"4/6 beleidsdocumenten: {len(policy)}", markup=False)
    for path in policy:
        summary = beleid.import_document(context, path)
        console.print(f"  {summary['titel']}: {summary['doelstellingen']} doelstellingen,"
                      f" {summary['acties']} acties, {summary['koppelingen_met_beloften']}"
                      " koppelingen met beloften", markup=False)
    err_console.print("5/6 beloften beoordelen", markup=False)
    analyseer.analyse(ctx, sectie=None, alles=True, as_json=False)
    reports_dir = Path(context.settings.reports_dir)
    err_console.print(f"6/6 rapporten schrijven in {reports_dir}", markup=False)
    rapport.report(ctx, sleutel=None, alles=True, uit=reports_dir, formaat="md",
                   generator="extractive")
    rapport.report(ctx, sleutel=None, alles=True, uit=reports_dir, formaat="html",
                   generator="extractive")
    console.print(
        f"\nKlaar. De rapporten per sectie: {reports_dir / 'index.html'} (of index.md).\n"
        "Bekijk het resultaat ook met:\n"
        "  beloftemeter serve                     de webapp op http://127.0.0.1:8000/\n"
        "  beloftemeter akkoord lijst             de secties en hun aantal beloften\n"
        "  beloftemeter akkoord toon SLEUTEL      een sectie met haar beloften\n"
        "  beloftemeter beslissingen stats        de beslissingen per jaar, type en fase\n"
        '  beloftemeter analyseer --sectie SLEUTEL de status van elke belofte in een sectie\n'
        '  beloftemeter zoek "inburgering"        beslissingen zoeken\n'
        f"Opslag: {context.settings.store_url}",
        markup=False,
    )

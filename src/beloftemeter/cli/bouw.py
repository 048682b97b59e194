"""`beloftemeter bouw`: the main job in one command, for one agreement (`--akkoord`).

It runs `pipeline.build` (read the agreement, import or sync the decisions, bring the search
index up to date, read the policy documents, assess the promises, write the reports) and shows
each step as the single commands do. Every step is idempotent, so running it again only does
what changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from beloftemeter.cli.common import (
    AgreementOption,
    Context,
    console,
    err_console,
    phased_progress,
)
from beloftemeter.store.urls import redacted_url

NEXT_STEPS = (
    "Bekijk het resultaat ook met:\n"
    "  beloftemeter serve                     de webapp op http://127.0.0.1:8000/\n"
    "  beloftemeter akkoord lijst             de akkoorden en hoe ver hun beloften zijn\n"
    "  beloftemeter akkoord boom              de secties en hun aantal beloften\n"
    "  beloftemeter akkoord toon SLEUTEL      een sectie met haar beloften\n"
    "  beloftemeter beslissingen stats        de beslissingen per jaar, type en fase\n"
    "  beloftemeter analyseer --sectie SLEUTEL de status van elke belofte in een sectie\n"
    '  beloftemeter zoek "inburgering"        beslissingen zoeken\n'
)


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
    agreement: AgreementOption = None,
    agreement_source: Annotated[str | None, typer.Option(
        "--akkoord-bron", metavar="BRON",
        help="PDF-bestand of URL van het akkoord van --akkoord, als dat niet het akkoord van"
        " agreement_url (of --data) is; zonder: het akkoord zoals het al ingelezen is.")]
    = None,
) -> None:
    """Alles in één keer: akkoord, beslissingen, zoekindex, beleid, beoordeling, rapporten."""
    from beloftemeter.pipeline.build import build as run_build

    context: Context = ctx.obj.about(agreement)
    settings = context.settings

    def on_step(step) -> None:
        if step.result is None:
            err_console.print(f"{step.number}/{step.total} {step.label}", markup=False)
        else:
            show_result(step.result)

    with phased_progress() as (advance, on_phase):
        result = run_build(settings.store_url, settings, data,
                           agreement=context.agreement_slug,
                           agreement_source=agreement_source, progress=advance,
                           on_phase=on_phase, on_step=on_step)
    overview = result.reports.agreements_index
    console.print(
        f"\nKlaar. De rapporten per sectie: {result.reports.folder / 'index.html'}"
        " (of index.md)" + (f"; alle akkoorden: {overview.with_suffix('.html')}"
                            if overview is not None else "")
        + ".\n" + NEXT_STEPS + f"Opslag: {redacted_url(settings.store_url)}",
        markup=False,
    )


def show_result(result: object) -> None:
    """A finished step, shown as its own command shows it."""
    from beloftemeter.cli import akkoord, analyseer, beleid, beslissingen, rapport, zoek
    from beloftemeter.models.agreement import StoredAgreement
    from beloftemeter.pipeline.agreement import AgreementImport
    from beloftemeter.pipeline.assess import AssessmentResult
    from beloftemeter.pipeline.decisions_import import DecisionsImport
    from beloftemeter.pipeline.index import IndexResult
    from beloftemeter.pipeline.sync_windows import SyncResult
    from beloftemeter.reports.writer import WriteReport

    if isinstance(result, AgreementImport):
        akkoord.show_import(result)
    elif isinstance(result, StoredAgreement):
        console.print(f"Akkoord {result.slug} zoals ingelezen: {result.title}"
                      f" ({result.source}).", markup=False)
    elif isinstance(result, DecisionsImport):
        beslissingen.show_line_errors(result)
        beslissingen.show_import(result)
    elif isinstance(result, SyncResult):
        beslissingen.show_sync(result)
    elif isinstance(result, IndexResult):
        zoek.show_index(result)
    elif isinstance(result, tuple):  # the policy documents
        for document in result:
            beleid.show_import_line(document)
    elif isinstance(result, AssessmentResult):
        analyseer.show_rollups(result)
    elif isinstance(result, WriteReport):
        rapport.show_written(result)

"""`beloftemeter rapport`: evaluation reports per section, with checked citations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from beloftemeter.cli.common import (
    AgreementOption,
    Context,
    console,
    err_console,
    progress_bar,
)
from beloftemeter.errors import InputError

if TYPE_CHECKING:  # the report modules load with the command, not with every CLI start
    from beloftemeter.reports.writer import WriteReport


def report(
    ctx: typer.Context,
    key: Annotated[str | None, typer.Argument(
        metavar="SLEUTEL",
        help="Sleutel van een sectie (met haar subsecties), bv. onderwijs/1.2.")] = None,
    everything: Annotated[bool, typer.Option(
        "--alles", help="Een rapport per sectie van het akkoord, plus een index.")] = False,
    folder: Annotated[Path | None, typer.Option(
        "--uit", help="Map voor de rapporten (standaard de instelling reports_dir).")] = None,
    fmt: Annotated[str, typer.Option(
        "--formaat", help="md, json of html.")] = "md",
    generator: Annotated[str | None, typer.Option(
        "--generator", help="extractive (offline) of llm (standaard report_generator).")] = None,
    agreement: AgreementOption = None,
) -> None:
    """Schrijf het evaluatierapport van een sectie, of met --alles van alle secties."""
    from beloftemeter.pipeline.reports import section_report, write_reports

    if (key is None) == (not everything):
        raise InputError("Geef een SLEUTEL of --alles (niet allebei).")
    context: Context = ctx.obj.about(agreement)
    settings = context.settings
    context.choose_agreement()  # an unknown slug fails before anything is written
    if key is not None:
        result = section_report(settings.store_url, settings, key, fmt, folder=folder,
                                generator=generator)
        if result.path is None:
            console.print(result.text, markup=False, highlight=False, soft_wrap=True, end="")
        else:
            console.print(f"Geschreven: {result.path}", markup=False)
        for note in result.report.notes:
            err_console.print(note, markup=False)
        return
    with progress_bar("rapporten schrijven") as advance:
        written = write_reports(settings.store_url, settings, folder, (fmt,),
                                generator=generator, progress=advance)
    show_written(written)


def show_written(written: WriteReport) -> None:
    console.print(
        f"{written.reports} rapporten geschreven in {written.folder}; overzicht: {written.index}"
        + (f"; alle akkoorden: {written.agreements_index}" if written.agreements_index else "")
        + (f"; {written.removed_citations} ongeldige verwijzing(en) verwijderd"
           if written.removed_citations else "")
        + (f"; {written.fallbacks} keer extractief na een fout van het taalmodel"
           if written.fallbacks else ""),
        markup=False,
    )

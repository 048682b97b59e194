"""`beloftemeter rapport`: evaluation reports per section, with checked citations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from beloftemeter.cli.common import Context, console, err_console, progress_bar
from beloftemeter.errors import InputError


def report(
    ctx: typer.Context,
    sleutel: Annotated[str | None, typer.Argument(
        help="Sleutel van een sectie (met haar subsecties), bv. onderwijs/1.2.")] = None,
    alles: Annotated[bool, typer.Option(
        "--alles", help="Een rapport per sectie van het akkoord, plus een index.")] = False,
    uit: Annotated[Path | None, typer.Option(
        "--uit", help="Map voor de rapporten (standaard de instelling reports_dir).")] = None,
    formaat: Annotated[str, typer.Option(
        "--formaat", help="md, json of html.")] = "md",
    generator: Annotated[str | None, typer.Option(
        "--generator", help="extractive (offline) of llm (standaard report_generator).")] = None,
) -> None:
    """Schrijf het evaluatierapport van een sectie, of met --alles van alle secties."""
    from beloftemeter import reports
    from beloftemeter.reports.builder import ReportBuilder
    from beloftemeter.reports.compose import compose
    from beloftemeter.reports.writer import report_path, write_all

    if (sleutel is None) == (not alles):
        raise InputError("Geef een SLEUTEL of --alles (niet allebei).")
    if formaat not in reports.RENDERERS:
        raise InputError(f"Onbekend formaat: {formaat!r} (kies uit md, json, html).")
    context: Context = ctx.obj
    settings = context.settings
    chosen = reports.make_generator(generator or settings.report_generator, settings)
    render = reports.RENDERERS[formaat]
    with context.store() as store:
        if sleutel is not None:
            builder = ReportBuilder(store)
            if not builder.assessed():
                raise InputError("Nog geen beoordeling in de opslag: draai eerst"
                                 " `beloftemeter analyseer`.")
            result = compose(builder.input_for(sleutel), chosen, fallback=settings.llm_fallback)
            text = render(result)
            if uit is None:
                console.print(text, markup=False, highlight=False, soft_wrap=True, end="")
            else:
                target = uit / report_path(result.input.section.key, formaat)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                console.print(f"Geschreven: {target}", markup=False)
            for note in result.notes:
                err_console.print(note, markup=False)
            return
        folder = uit or Path(settings.reports_dir)
        with progress_bar("rapporten schrijven") as advance:
            written = write_all(
                store, folder, render, formaat, chosen, fallback=settings.llm_fallback,
                progress=advance, on_total=lambda n: advance(0, total=n),
            )
    console.print(
        f"{written.reports} rapporten geschreven in {written.folder}; overzicht: {written.index}"
        + (f"; {written.removed_citations} ongeldige verwijzing(en) verwijderd"
           if written.removed_citations else "")
        + (f"; {written.fallbacks} keer extractief na een fout van het taalmodel"
           if written.fallbacks else ""),
        markup=False,
    )

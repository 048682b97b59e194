"""`beloftemeter opslag`: copy a whole store into another (`kopieer`, SQLite or PostgreSQL at
either end) and compare two stores table by table (`vergelijk`). Thin shells over
pipeline.store_copy."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from beloftemeter.cli.common import console, phased_progress, print_json
from beloftemeter.errors import StoreError
from beloftemeter.pipeline.store_copy import (
    Comparison,
    CopyResult,
    compare_stores,
    copy_store,
    difference,
)
from beloftemeter.store.copy import TableFigures

app = typer.Typer(
    help="De opslag als geheel: kopiëren naar een andere opslag (SQLite of PostgreSQL) en"
    " twee opslagen vergelijken.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

Url = "sqlite:///PAD of postgresql://GEBRUIKER[:WACHTWOORD]@HOST:POORT/DATABASE"
JsonOption = Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")]


def _print(text: str) -> None:
    console.print(text, markup=False, highlight=False)


def figures_dict(figures: TableFigures) -> dict[str, Any]:
    return {"table": figures.table, "rows": figures.rows, "checksum": figures.checksum}


def copy_json(result: CopyResult) -> dict[str, Any]:
    return {"source": result.source, "target": result.target,
            "schema_version": result.schema_version, "rows": result.rows,
            "seconds": round(result.seconds, 3),
            "tables": [figures_dict(table) for table in result.tables]}


def _table(rows: list[tuple[str, ...]]) -> None:
    width = max(len(row[0]) for row in rows)
    for row in rows:
        _print(f"{row[0]:<{width}}  {row[1]:>9}  {'  '.join(row[2:])}")


@app.command("kopieer")
def copy_command(
    source: Annotated[str, typer.Argument(metavar="VAN", help=f"De bron: {Url}.")],
    target: Annotated[str, typer.Argument(
        metavar="NAAR", help=f"Het doel: {Url}; een SQLite-bestand wordt aangemaakt.")],
    overwrite: Annotated[bool, typer.Option(
        "--overschrijf", help="Vervang de inhoud van een doel dat niet leeg is.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Kopieer een hele opslag naar een andere, alles of niets, en controleer per tabel het
    aantal rijen en een controlesom."""
    with phased_progress() as (advance, on_phase):
        result = copy_store(source, target, overwrite=overwrite, progress=advance,
                            on_phase=on_phase)
    if as_json:
        print_json(copy_json(result))
        return
    _table([("tabel", "rijen", "controlesom (sha256)")]
           + [(t.table, str(t.rows), t.checksum) for t in result.tables])
    seconds = f"{result.seconds:.1f}".replace(".", ",")
    _print(f"Gekopieerd van {result.source} naar {result.target}: {len(result.tables)} tabellen,"
           f" {result.rows} rijen in {seconds} s (schemaversie {result.schema_version}); elke"
           " tabel telt in het doel dezelfde rijen en controlesom als in de bron.")


def compare_json(result: Comparison) -> dict[str, Any]:
    return {"source": result.source, "target": result.target,
            "schema_version": result.schema_version, "equal": not result.differing,
            "tables": [{"table": a.table, "equal": a == b,
                        "source": {"rows": a.rows, "checksum": a.checksum},
                        "target": {"rows": b.rows, "checksum": b.checksum}}
                       for a, b in result.pairs]}


@app.command("vergelijk")
def compare_command(
    source: Annotated[str, typer.Argument(metavar="VAN", help=f"De ene opslag: {Url}.")],
    target: Annotated[str, typer.Argument(metavar="NAAR", help=f"De andere: {Url}.")],
    as_json: JsonOption = False,
) -> None:
    """Vergelijk twee opslagen per tabel (aantal rijen en controlesom); leest alleen."""
    with phased_progress() as (advance, on_phase):
        result = compare_stores(source, target, progress=advance, on_phase=on_phase)
    if as_json:
        print_json(compare_json(result))
    else:
        _table([("tabel", "rijen", "controlesom (sha256)", "")]
               + [(a.table, str(a.rows), a.checksum, "gelijk" if a == b
                   else f"VERSCHILT: in het doel {b.rows} rijen, {b.checksum}")
                  for a, b in result.pairs])
    if result.differing:
        first = next((a, b) for a, b in result.pairs if a != b)
        count = len(result.differing)
        raise StoreError(f"De opslagen verschillen in {count} tabel{'len' if count > 1 else ''},"
                         f" eerst {difference(first[0].table, *first)}.")
    if not as_json:
        _print(f"Gelijk: elke tabel telt in {result.source} en {result.target} dezelfde rijen"
               " en controlesom.")

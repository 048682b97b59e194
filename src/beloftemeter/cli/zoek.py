"""`beloftemeter zoek` and `beloftemeter indexeer`: search the decisions (or, with `--soort
belofte`, the agreement's promises), build the index."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.markup import escape

from beloftemeter.cli.common import (
    AgreementOption,
    Context,
    console,
    err_console,
    phased_progress,
    print_json,
)
from beloftemeter.errors import InputError
from beloftemeter.models.search import Hit, PromiseHit, Query
from beloftemeter.pipeline.index import IndexResult

# The search modules (numpy, bm25s, embedders) load inside the commands, so that other
# commands and `--help` start fast.

PROMISES = "belofte"  # the --soort value that searches the promises instead of the decisions
MAX_RESULTS = 1000
NO_MATCH = ("Geen enkele beslissing bevat de woorden van je zoekvraag; dit zijn de inhoudelijk"
            " dichtste beslissingen:")
NO_PROMISE_MATCH = ("Geen enkele belofte bevat de woorden van je zoekvraag; dit zijn de beloften"
                    " die er het dichtst bij komen:")


def register(app: typer.Typer) -> None:
    from beloftemeter.cli import evalueer

    app.command("zoek")(search)
    app.command("indexeer")(index)
    app.add_typer(evalueer.app, name="evalueer")


def search(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(metavar="TEKST", help="Waarnaar je zoekt, in gewone woorden.")
    ],
    date_from: Annotated[
        str | None, typer.Option("--van", help="Vanaf deze vergaderdatum (JJJJ-MM-DD).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--tot", help="Tot en met deze vergaderdatum (JJJJ-MM-DD).")
    ] = None,
    instrument: Annotated[
        str | None,
        typer.Option("--type", help="Alleen dit instrument (decreet, besluit, conceptnota...)."),
    ] = None,
    stage: Annotated[
        str | None, typer.Option("--fase", help="Alleen deze fase (voorontwerp, ontwerp...).")
    ] = None,
    item_type: Annotated[
        str | None,
        typer.Option("--soort", help="Alleen nota's of mededelingen; 'belofte' zoekt in de"
                     " beloften van het regeerakkoord."),
    ] = None,
    limit: Annotated[int, typer.Option("--aantal", "-n", help="Hoeveel resultaten.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
    agreement: AgreementOption = None,
) -> None:
    """Zoek beslissingen: gerangschikt met datum, titel, score en de passage die past.

    Beslissingen met de namen uit je zoekvraag (M-decreet, VMRI, "Vlaamse canon") komen eerst.
    Bevat geen enkele beslissing de woorden van je zoekvraag, dan staat dat boven de
    resultaten. Met --soort belofte zoek je in de beloften van het regeerakkoord.
    """
    from beloftemeter.dates import parse_range
    from beloftemeter.pipeline.index import require_decisions
    from beloftemeter.search.engine import SearchEngine
    from beloftemeter.search.queries import text_query

    context: Context = ctx.obj.about(agreement)
    query = text_query(text)  # a bad query or date fails before the index is brought up to date
    parse_range(date_from, date_to)
    if not 1 <= limit <= MAX_RESULTS:
        raise InputError(f"--aantal moet tussen 1 en {MAX_RESULTS} liggen, niet {limit}.")
    if item_type is not None and item_type.strip().lower() == PROMISES:
        if any(v is not None for v in (date_from, date_to, instrument, stage)):
            raise InputError("--van, --tot, --type en --fase gelden alleen voor beslissingen,"
                             " niet voor beloften.")
        _search_promises(context, query, limit, as_json)
        return
    with context.agreement_store() as store:
        require_decisions(store)
        engine = SearchEngine(store, context.settings)
        _warn_missing_vectors(engine)
        result = engine.find(
            query,
            limit=limit,
            date_from=date_from,
            date_to=date_to,
            instrument=instrument,
            stage=stage,
            item_type=item_type,
        )
    if as_json:
        print_json({"query": query.text, "lexical_matches": result.lexical_matches,
                    "results": [{"kind": "decision", **asdict(hit)} for hit in result.hits]})
        return
    if not result.hits:
        console.print("geen resultaten")
        return
    if result.lexical_matches == 0:
        console.print(NO_MATCH, markup=False)
    for hit in result.hits:
        _print_hit(hit)


def _search_promises(context: Context, query: Query, limit: int, as_json: bool) -> None:
    from beloftemeter.search.promises import PromiseSearch

    with context.agreement_store() as store:
        result = PromiseSearch(store).find(query, limit=limit)
    if as_json:
        print_json({"query": query.text, "lexical_matches": result.lexical_matches,
                    "results": [{"kind": hit.kind, **{k: v for k, v in asdict(hit).items()
                                                      if k != "kind"}}
                                for hit in result.hits]})
        return
    if not result.hits:
        console.print("geen resultaten")
        return
    if result.lexical_matches == 0:
        console.print(NO_PROMISE_MATCH, markup=False)
    for hit in result.hits:
        _print_promise(hit)


def _warn_missing_vectors(engine) -> None:
    status = engine.status()
    for model, count in status.vectors.items():
        if count < status.decisions:
            err_console.print(
                f"let op: {status.decisions - count} van {status.decisions} beslissingen hebben"
                f" nog geen vector voor {model}; draai `beloftemeter indexeer`.",
                markup=False,
            )


def highlight(snippet: str, spans: tuple[tuple[int, int], ...]) -> str:
    """Rich markup with the matched words in bold yellow, everything else escaped."""
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out.append(escape(snippet[position:start]))
        out.append(f"[bold yellow]{escape(snippet[start:end])}[/bold yellow]")
        position = end
    out.append(escape(snippet[position:]))
    return "".join(out)


def _print_hit(hit: Hit) -> None:
    kinds = " · ".join(v for v in (hit.item_type, hit.instrument, hit.stage) if v)
    rankers = ", ".join(f"{r.ranker} #{r.rank}" for r in hit.rankers)
    console.print(
        f"[bold]{hit.rank:>2}.[/bold] [cyan]{hit.meeting_date}[/cyan]  "
        f"[bold]{escape(hit.title)}[/bold]  [dim]score {hit.score:.4f}[/dim]"
    )
    console.print(f"    {highlight(hit.snippet, hit.highlights)}")
    names = f" | bevat {', '.join(hit.exact_names)}" if hit.exact_names else ""
    console.print(f"    [dim]{escape(kinds)} | {escape(rankers)}{escape(names)}"
                  f" | {escape(hit.url)}[/dim]")


def _print_promise(hit: PromiseHit) -> None:
    status = hit.status or "nog niet beoordeeld"
    console.print(
        f"[bold]{hit.rank:>2}.[/bold] [cyan]{escape(hit.section)}[/cyan] belofte {hit.ordinal}"
        f"  p. {hit.page}  [bold]{escape(status)}[/bold]  [dim]score {hit.score:.4f}[/dim]"
    )
    console.print(f"    {highlight(hit.text, hit.highlights)}")


def index(ctx: typer.Context, agreement: AgreementOption = None) -> None:
    """Werk de zoekindex bij: analyseer nieuwe beslissingen en bereken ontbrekende vectoren.

    Alleen nieuwe of gewijzigde beslissingen worden opnieuw ingebed; onderbreken mag
    (Ctrl-C): de volgende keer gaat het verder waar het stopte.
    """
    from beloftemeter.pipeline.index import index_decisions

    context: Context = ctx.obj.about(agreement)
    settings = context.settings
    context.choose_agreement()  # whose promise queries are embedded
    with phased_progress() as (advance, on_phase):
        result = index_decisions(settings.store_url, settings, progress=advance,
                                 on_phase=on_phase)
    show_index(result)


def show_index(result: IndexResult) -> None:
    console.print(f"lexicale index: {result.analysed} geanalyseerd, {result.total} in totaal")
    for model in result.models:
        console.print(
            f"{model.model}: {model.embedded} ingebed ({model.rate:.1f}/s),"
            f" {model.from_cache} uit de cache, {model.unchanged} ongewijzigd"
        )
        if model.promises_embedded or model.promises_ready:
            console.print(f"{model.model}: {model.promises_embedded} beloften ingebed,"
                          f" {model.promises_ready} al klaar")

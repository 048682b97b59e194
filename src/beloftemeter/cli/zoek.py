"""`beloftemeter zoek` and `beloftemeter indexeer`: search the decisions, build the index."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.markup import escape

from beloftemeter.cli.common import Context, console, err_console, print_json, progress_bar
from beloftemeter.errors import NotFoundError
from beloftemeter.models.search import Hit

# The search modules (numpy, bm25s, embedders) load inside the commands, so that other
# commands and `--help` start fast.


def register(app: typer.Typer) -> None:
    from beloftemeter.cli import evalueer

    app.command("zoek")(search)
    app.command("indexeer")(index)
    app.add_typer(evalueer.app, name="evalueer")


def _require_decisions(store) -> int:
    count = store.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
    if not count:
        raise NotFoundError("De opslag bevat nog geen beslissingen: importeer ze eerst.")
    return count


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
        str | None, typer.Option("--soort", help="Alleen nota's of mededelingen.")
    ] = None,
    limit: Annotated[int, typer.Option("--aantal", "-n", help="Hoeveel resultaten.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Zoek beslissingen: gerangschikt met datum, titel, score en de passage die past."""
    from beloftemeter.search.engine import SearchEngine
    from beloftemeter.search.queries import text_query

    context: Context = ctx.obj
    query = text_query(text)  # a bad query fails before the index is loaded
    with context.store() as store:
        _require_decisions(store)
        engine = SearchEngine(store, context.settings)
        _warn_missing_vectors(engine)
        hits = engine.search(
            query,
            limit=limit,
            date_from=date_from,
            date_to=date_to,
            instrument=instrument,
            stage=stage,
            item_type=item_type,
        )
    if as_json:
        print_json([asdict(hit) for hit in hits])
        return
    if not hits:
        console.print("geen resultaten")
        return
    for hit in hits:
        _print_hit(hit)


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


def _embed_promise_queries(store, embedder, cache) -> None:
    """The assessment asks one query per promise: embed them now, once, so that `analyseer`
    only searches."""
    from beloftemeter.search.queries import promise_queries
    from beloftemeter.search.vectors import LayeredQueryCache, StoreQueryCache, embed_queries

    texts = [t for q in promise_queries(store) for t in q.semantic_texts()]
    if not texts:
        return
    own = StoreQueryCache(store)
    target = LayeredQueryCache(own, cache) if cache is not None else own
    with progress_bar(f"beloften inbedden ({embedder.name})", total=len(texts)) as advance:
        embedded = embed_queries(embedder, texts, target, progress=advance)
    console.print(f"{embedder.name}: {embedded} beloften ingebed, {len(texts) - embedded} al klaar")


def _print_hit(hit: Hit) -> None:
    kinds = " · ".join(v for v in (hit.item_type, hit.instrument, hit.stage) if v)
    rankers = ", ".join(f"{r.ranker} #{r.rank}" for r in hit.rankers)
    console.print(
        f"[bold]{hit.rank:>2}.[/bold] [cyan]{hit.meeting_date}[/cyan]  "
        f"[bold]{escape(hit.title)}[/bold]  [dim]score {hit.score:.4f}[/dim]"
    )
    console.print(f"    {highlight(hit.snippet, hit.highlights)}")
    console.print(f"    [dim]{escape(kinds)} | {escape(rankers)} | {escape(hit.url)}[/dim]")


def index(ctx: typer.Context) -> None:
    """Werk de zoekindex bij: analyseer nieuwe beslissingen en bereken ontbrekende vectoren.

    Alleen nieuwe of gewijzigde beslissingen worden opnieuw ingebed; onderbreken mag
    (Ctrl-C): de volgende keer gaat het verder waar het stopte.
    """
    from beloftemeter.search.embedders import build_embedders
    from beloftemeter.search.lexical import sync_documents
    from beloftemeter.search.vectors import VectorCache, embed_missing

    context: Context = ctx.obj
    settings = context.settings
    with context.store() as store:
        total = _require_decisions(store)
        with progress_bar("analyseren", total=total) as advance:
            report = sync_documents(store, progress=advance)
        console.print(f"lexicale index: {report.analysed} geanalyseerd, {report.total} in totaal")
        cache = VectorCache(settings.embedding_cache) if settings.embedding_cache else None
        try:
            for embedder in build_embedders(settings):
                with progress_bar(f"inbedden ({embedder.name})") as advance:
                    result = embed_missing(
                        store,
                        embedder,
                        cache=cache,
                        progress=advance,
                        on_total=lambda n, advance=advance: advance(0, total=n),
                    )
                rate = result.embedded / result.seconds if result.embedded else 0.0
                console.print(
                    f"{result.model}: {result.embedded} ingebed ({rate:.1f}/s),"
                    f" {result.from_cache} uit de cache, {result.unchanged} ongewijzigd"
                )
                _embed_promise_queries(store, embedder, cache)
        finally:
            if cache is not None:
                cache.close()

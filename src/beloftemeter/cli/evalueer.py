"""`beloftemeter evalueer ...`: measure parts of the pipeline against reference labels."""

from __future__ import annotations

from typing import Annotated

import typer

from beloftemeter.cli.common import AgreementOption, Context, console, print_json, progress_bar
from beloftemeter.errors import NotFoundError

app = typer.Typer(
    help="Meet onderdelen van beloftemeter tegen referentielabels.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("zoeken")
def evaluate_search(
    ctx: typer.Context,
    labels: Annotated[
        str, typer.Option("--labels", help="JSON met per sectie de geciteerde beslissingen.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als één JSON-object.")] = False,
    agreement: AgreementOption = None,
) -> None:
    """Recall@10/30/50/100 en MRR van de zoekmachine en van een BM25-basislijn, per sectie."""
    from beloftemeter.pipeline.index import require_decisions
    from beloftemeter.search.engine import SearchEngine
    from beloftemeter.search.evaluation import CUTOFFS, evaluate, load_labels
    from beloftemeter.search.vectors import VectorCache
    from beloftemeter.store.agreement import count_nodes

    context: Context = ctx.obj.about(agreement)
    items = load_labels(labels)
    with context.agreement_store() as store:
        require_decisions(store)
        if not count_nodes(store):
            raise NotFoundError("De opslag bevat het regeerakkoord nog niet: importeer het eerst.")
        cache_path = context.settings.embedding_cache
        cache = VectorCache(cache_path) if cache_path else None
        engine = SearchEngine(store, context.settings, query_cache=cache)
        with progress_bar("secties", total=len(items)) as advance:
            result = evaluate(store, engine, items, progress=advance)
    if as_json:
        print_json(result.as_dict())
        return
    keys = [f"recall@{k}" for k in CUTOFFS] + ["mrr"]
    console.print(f"{result.sections} secties, rankers: {', '.join(engine.rankers)}")
    console.print(f"{'':<10}" + "".join(f"{k:>11}" for k in keys), markup=False)
    for name, row in (("basislijn", result.baseline), ("zoekmachine", result.engine)):
        console.print(f"{name:<10}" + "".join(f"{row[k]:>11.3f}" for k in keys), markup=False)
    for skipped in result.skipped:
        console.print(f"overgeslagen: {skipped}", markup=False)

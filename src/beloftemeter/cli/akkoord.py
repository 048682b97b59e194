"""`beloftemeter akkoord`: import a coalition agreement under its slug, list the agreements of
the store (`lijst`, in `akkoorden`), browse one's tree (`boom`) section by section (`toon`)."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from beloftemeter.cli.akkoorden import list_command as agreements_list
from beloftemeter.cli.common import (
    AgreementOption,
    Context,
    console,
    phased_progress,
    print_json,
)
from beloftemeter.dutch_numbers import count_of, number
from beloftemeter.errors import NotFoundError
from beloftemeter.models.agreement import Node
from beloftemeter.pipeline.agreement import AgreementImport, import_agreement

# Re-exported: older callers import the parser → splitter step from here.
from beloftemeter.pipeline.agreement import prepare_agreement as prepare_agreement
from beloftemeter.store import agreement as agreement_store

log = logging.getLogger(__name__)

app = typer.Typer(
    help="De regeerakkoorden: inlezen, de akkoorden tonen, de boom van secties van één akkoord,"
    " een sectie met haar beloften.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("import")
def import_command(
    ctx: typer.Context,
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="BRON",
            help="PDF-bestand of URL (een PDF of een pagina die ernaar linkt);"
            " standaard de instelling agreement_url.",
        ),
    ] = None,
    agreement: Annotated[str | None, typer.Option(
        "--akkoord", metavar="SLUG",
        help="Onder welke naam het akkoord bewaard wordt (standaard agreement_slug, anders"
        " vlaanderen-2019-2024); een ander akkoord in de opslag blijft ongemoeid.")] = None,
    term_start: Annotated[str | None, typer.Option(
        "--van", metavar="JJJJ-MM-DD",
        help="Eerste dag van de regeerperiode (nodig voor een onbekend akkoord).")] = None,
    term_end: Annotated[str | None, typer.Option(
        "--tot", metavar="JJJJ-MM-DD",
        help="Laatste dag van de regeerperiode (leeg: de regering is nog in functie).")] = None,
) -> None:
    """Lees een regeerakkoord in: delen, hoofdstukken, secties en hun beloften."""
    from beloftemeter.dates import parse_range
    from beloftemeter.pipeline.agreement import import_slug

    context: Context = ctx.obj
    settings = context.settings
    # Checked before anything is read or fetched: a bad name or date changes nothing.
    slug = import_slug(settings, agreement or context.agreement_slug)
    term_start, term_end = parse_range(term_start, term_end)
    with phased_progress() as (advance, on_phase):
        result = import_agreement(settings.store_url, settings, source, slug=slug,
                                  term_start=term_start, term_end=term_end,
                                  progress=advance, on_phase=on_phase)
    show_import(result)


# The agreements side by side (own module); `boom` below is one agreement's tree.
app.command("lijst")(agreements_list)


def show_import(result: AgreementImport) -> None:
    if result.changed:
        console.print(
            f"Ingelezen: {number(result.pages)} pagina's, {number(result.nodes)} knopen"
            f" ({number(result.sections)} secties), {number(result.statements)} zinnen waarvan"
            f" {count_of(result.promises, 'belofte', 'beloften')} (akkoord {result.slug}).",
            markup=False,
        )
    else:
        console.print(
            f"Ongewijzigd: dit regeerakkoord was al ingelezen ({result.slug}: zelfde secties"
            " en beloften).",
            markup=False,
        )
    for mismatch in result.toc_mismatches:
        console.print(f"Let op, inhoudstafel wijkt af van de tekst: {mismatch}", markup=False)


def _node_json(node: Node, promises: list[dict]) -> dict:
    return {
        "key": node.key,
        "kind": node.kind,
        "parent_key": node.parent_key,
        "part": node.part,
        "chapter": node.chapter,
        "number": node.number,
        "title": node.title,
        "first_page": node.first_page,
        "last_page": node.last_page,
        "text": node.text,
        "promises": promises,
    }


@app.command("boom")
def tree_command(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Uitvoer als JSON (alle knopen).")
    ] = False,
    agreement: AgreementOption = None,
) -> None:
    """Toon de boom van delen, hoofdstukken en secties met het aantal beloften."""
    context: Context = ctx.obj.about(agreement)
    with context.agreement_store() as store:
        nodes = agreement_store.list_nodes(store)
        if not nodes:
            raise NotFoundError(agreement_store.NO_AGREEMENT)
        if as_json:
            promises: dict[str, list[dict]] = {}
            for statement in agreement_store.iter_promises(store):
                promises.setdefault(statement.node_key, []).append(
                    {"text": statement.text, "page": statement.page}
                )
            print_json([_node_json(node, promises.get(node.key, [])) for node in nodes])
            return
        counts = agreement_store.statement_counts(store)
    totals = _subtree_counts(nodes, counts)
    for node in nodes:
        total, promised = totals[node.key]
        indent = "  " * node.depth
        label = node.title if node.kind == "part" else f"{node.number} {node.title}"
        console.print(
            f"{indent}{label}  [{node.key}]  {_pages(node)},"
            f" {count_of(promised, 'belofte', 'beloften')} /"
            f" {count_of(total, 'zin', 'zinnen')}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def _subtree_counts(
    nodes: list[Node], own: dict[str, tuple[int, int]]
) -> dict[str, tuple[int, int]]:
    """Per node: (statements, promises) of its own text and everything below it."""
    totals = {node.key: own.get(node.key, (0, 0)) for node in nodes}
    for node in reversed(nodes):  # children come after their parent
        if node.parent_key in totals:
            total, promised = totals[node.parent_key]
            sub_total, sub_promised = totals[node.key]
            totals[node.parent_key] = (total + sub_total, promised + sub_promised)
    return totals


def _pages(node: Node) -> str:
    if node.first_page == node.last_page:
        return f"p. {node.first_page}"
    return f"p. {node.first_page}-{node.last_page}"


@app.command("toon")
def show_command(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(metavar="SLEUTEL", help="Bv. onderwijs/1.2.1.")],
    with_children: Annotated[
        bool, typer.Option("--alles", help="Ook de subsecties tonen.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
    agreement: AgreementOption = None,
) -> None:
    """Toon een sectie: haar tekst en daaronder haar beloften met paginanummer."""
    context: Context = ctx.obj.about(agreement)
    with context.agreement_store() as store:
        node = agreement_store.get_node(store, key)
        text = agreement_store.section_text(store, key, include_descendants=with_children)
        statements = agreement_store.statements_of(store, key, include_descendants=with_children)
    promises = [s for s in statements if s.is_promise]
    if as_json:
        data = _node_json(node, [{"text": s.text, "page": s.page} for s in promises])
        data["text"] = text
        print_json(data)
        return
    where = f"{node.chapter} — " if node.chapter and node.kind == "section" else ""
    heading = node.title if node.kind == "part" else f"{node.number} {node.title}"
    console.print(f"{where}{heading}", markup=False, style="bold")
    console.print(f"{node.part}, {_pages(node)}  [{node.key}]", markup=False)
    console.print()
    if not text:
        text = "(geen eigen tekst; `--alles` toont ook de subsecties)"
    console.print(text, markup=False, soft_wrap=True)
    console.print()
    console.print(f"Beloften ({len(promises)} van {len(statements)} zinnen):", markup=False,
                  style="bold")
    for place, statement in enumerate(promises, start=1):
        console.print(f"{place}. {statement.text} (p. {statement.page})", markup=False,
                      soft_wrap=True)


"""`beloftemeter beleid`: policy notes and plans, linked to the promises they plan to realise."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from beloftemeter.cli.common import Context, console, err_console, print_json

app = typer.Typer(help="Beleidsnota's en beleidsplannen: inlezen, tonen, koppelen aan beloften.",
                  no_args_is_help=True, rich_markup_mode=None)


def import_document(context: Context, path: Path, title: str | None = None) -> dict:
    """Read, link and store one policy document; returns what was found (for the summary)."""
    from beloftemeter.analysis.policy_links import PromiseLinker, decision_links
    from beloftemeter.sources.policy_structure import parse_policy
    from beloftemeter.sources.policy_text import read_policy_text
    from beloftemeter.store import agreement as agreement_store
    from beloftemeter.store import policy as policy_store

    document = parse_policy(read_policy_text(path), str(path), title)
    with context.store() as store:
        statements = [s for node in agreement_store.list_nodes(store)
                      for s in agreement_store.statements_of(store, node.key)]
        promise_links = PromiseLinker(statements).link(document) if statements else []
        found_decisions = []
        if store.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]:
            from beloftemeter.search.engine import SearchEngine

            found_decisions = decision_links(SearchEngine(store, context.settings), document)
        policy_store.save_document(store, document, promise_links, found_decisions)
    quoting = [a for a in document.actions if a.agreement_quotes]
    quoted_linked = {link.action_number for link in promise_links if link.method == "citaat"}
    return {
        "id": document.id, "titel": document.title,
        "doelstellingen": len(document.objectives), "acties": len(document.actions),
        "acties_in_inhoudstafel": len(document.toc_actions),
        "acties_met_citaat": len(quoting),
        "citaten_gekoppeld": sum(a.number in quoted_linked for a in quoting),
        "koppelingen_met_beloften": len(promise_links),
        "koppelingen_met_beslissingen": len(found_decisions),
        "waarschuwingen": list(document.warnings),
        "zonder_akkoord": not statements,
    }


@app.command("import")
def import_command(
    ctx: typer.Context,
    pad: Annotated[Path, typer.Argument(help="Tekst- of PDF-bestand van het beleidsdocument.")],
    titel: Annotated[str | None, typer.Option("--titel", help="Titel (anders gelezen).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Lees een beleidsnota of beleidsplan in en koppel de acties aan beloften en beslissingen."""
    summary = import_document(ctx.obj, pad, titel)
    if as_json:
        print_json(summary)
        return
    console.print(
        f"{summary['titel']} ({summary['id']}): {summary['doelstellingen']} doelstellingen,"
        f" {summary['acties']} acties (inhoudstafel: {summary['acties_in_inhoudstafel']});"
        f" {summary['citaten_gekoppeld']} van de {summary['acties_met_citaat']} acties die het"
        f" akkoord citeren gekoppeld aan die passage; {summary['koppelingen_met_beloften']}"
        f" koppelingen met beloften, {summary['koppelingen_met_beslissingen']} met beslissingen.",
        markup=False)
    if summary["zonder_akkoord"]:
        err_console.print("let op: nog geen regeerakkoord in de opslag, dus geen koppelingen.",
                          markup=False)
    for warning in summary["waarschuwingen"]:
        err_console.print(f"let op: {warning}", markup=False)


@app.command("lijst")
def list_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Toon de ingelezen beleidsdocumenten."""
    from beloftemeter.store import policy as policy_store

    with ctx.obj.store() as store:
        documents = policy_store.list_documents(store)
    if as_json:
        print_json(documents)
        return
    if not documents:
        console.print("Nog geen beleidsdocumenten: `beloftemeter beleid import PAD`.", markup=False)
    for d in documents:
        console.print(f"{d['id']}: {d['title']} ({d['doelstellingen']} doelstellingen,"
                      f" {d['acties']} acties)", markup=False)


@app.command("toon")
def show_command(
    ctx: typer.Context,
    document_id: Annotated[str, typer.Argument(metavar="ID", help="Id uit `beleid lijst`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Toon een beleidsdocument: doelstellingen, acties met hun velden en koppelingen."""
    from beloftemeter.store import policy as policy_store

    with ctx.obj.store() as store:
        document = policy_store.get_document(store, document_id)
        links = policy_store.promise_links(store, document.id)
        decisions = policy_store.decision_links(store, document.id)
    by_action: dict[str, list] = {}
    for link in links:
        by_action.setdefault(link.action_number, []).append(link)
    if as_json:
        data = asdict(document)
        for action in data["actions"]:
            action["beloften"] = [asdict(link) for link in by_action.get(action["number"], [])]
            action["beslissingen"] = [{"id": d, "rang": r, "score": s}
                                      for n, d, r, s in decisions if n == action["number"]]
        print_json(data)
        return
    console.print(f"{document.title} ({document.id})", markup=False)
    for o in document.objectives:
        console.print(f"  {o.kind} {o.number} {o.title}", markup=False)
    for a in document.actions:
        console.print(f"\nActie {a.number}: {a.title}", markup=False)
        for label, value in (("ministers", a.responsible), ("timing", a.timing),
                             ("budget", a.budget), ("akkoord", a.agreement_pages)):
            if value:
                console.print(f"  {label}: {value}", markup=False)
        for link in by_action.get(a.number, []):
            console.print(f"  → {link.node_key} #{link.ordinal} ({link.method},"
                          f" {link.score:.2f})", markup=False)

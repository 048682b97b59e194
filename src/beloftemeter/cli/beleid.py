"""`beloftemeter beleid`: policy notes and plans, linked to the promises they plan to realise."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from beloftemeter.cli.common import AgreementOption, Context, console, err_console, print_json
from beloftemeter.pipeline.policy import PolicyImport

app = typer.Typer(help="Beleidsnota's en beleidsplannen: inlezen, tonen, koppelen aan beloften.",
                  no_args_is_help=True, rich_markup_mode=None)


@app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(
        metavar="PAD", help="Tekst- of PDF-bestand van het beleidsdocument.")],
    title: Annotated[str | None, typer.Option("--titel", help="Titel (anders gelezen).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
    agreement: AgreementOption = None,
) -> None:
    """Lees een beleidsnota of beleidsplan in en koppel de acties aan beloften en beslissingen."""
    from beloftemeter.pipeline.policy import import_policy

    context: Context = ctx.obj.about(agreement)
    settings = context.settings
    context.choose_agreement()  # the document belongs to this agreement
    result = import_policy(settings.store_url, settings, path, title)
    if as_json:
        print_json(import_json(result))
        return
    console.print(
        f"{result.title} ({result.id}): {result.objectives} doelstellingen,"
        f" {result.actions} acties (inhoudstafel: {result.toc_actions});"
        f" {result.quotes_linked} van de {result.quoting_actions} acties die het"
        f" akkoord citeren gekoppeld aan die passage; {result.promise_links}"
        f" koppelingen met beloften, {result.decision_links} met beslissingen.",
        markup=False)
    if result.without_agreement:
        err_console.print("let op: nog geen regeerakkoord in de opslag, dus geen koppelingen.",
                          markup=False)
    for warning in result.warnings:
        err_console.print(f"let op: {warning}", markup=False)


def import_json(result: PolicyImport) -> dict:
    return {
        "id": result.id, "title": result.title,
        "objectives": result.objectives, "actions": result.actions,
        "toc_actions": result.toc_actions,
        "quoting_actions": result.quoting_actions,
        "quotes_linked": result.quotes_linked,
        "promise_links": result.promise_links,
        "decision_links": result.decision_links,
        "warnings": list(result.warnings),
        "without_agreement": result.without_agreement,
    }


def show_import_line(result: PolicyImport) -> None:
    """The short line `bouw` prints per document."""
    console.print(f"  {result.title}: {result.objectives} doelstellingen,"
                  f" {result.actions} acties, {result.promise_links}"
                  " koppelingen met beloften", markup=False)


@app.command("lijst")
def list_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
    agreement: AgreementOption = None,
) -> None:
    """Toon de ingelezen beleidsdocumenten."""
    from beloftemeter.store import policy as policy_store

    with ctx.obj.about(agreement).agreement_store() as store:
        documents = policy_store.list_documents(store)
    # The store names its counts in Dutch; the JSON keys are English.
    listed = [{"id": d["id"], "title": d["title"], "source": d["source"],
               "imported_at": d["imported_at"], "actions": d["acties"],
               "objectives": d["doelstellingen"]} for d in documents]
    if as_json:
        print_json(listed)
        return
    if not listed:
        console.print("Nog geen beleidsdocumenten: `beloftemeter beleid import PAD`.", markup=False)
    for d in listed:
        console.print(f"{d['id']}: {d['title']} ({d['objectives']} doelstellingen,"
                      f" {d['actions']} acties)", markup=False)


@app.command("toon")
def show_command(
    ctx: typer.Context,
    document_id: Annotated[str, typer.Argument(metavar="ID", help="Id uit `beleid lijst`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
    agreement: AgreementOption = None,
) -> None:
    """Toon een beleidsdocument: doelstellingen, acties met hun velden en koppelingen."""
    from beloftemeter.store import policy as policy_store

    with ctx.obj.about(agreement).agreement_store() as store:
        document = policy_store.get_document(store, document_id)
        links = policy_store.promise_links(store, document.id)
        decisions = policy_store.decision_links(store, document.id)
    by_action: dict[str, list] = {}
    for link in links:
        by_action.setdefault(link.action_number, []).append(link)
    if as_json:
        data = asdict(document)
        for action in data["actions"]:
            action["promises"] = [asdict(link) for link in by_action.get(action["number"], [])]
            action["decisions"] = [{"id": d, "rank": r, "score": s}
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

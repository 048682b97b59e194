"""`beloftemeter redactie`: the review queue (`wachtrij`) and the editors' verdicts as hand
labels (`export`). Thin shells over pipeline.review_queue and pipeline.review_export."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from beloftemeter.analysis.review_queue import QueueEntry
from beloftemeter.cli.common import AgreementOption, Context, console, print_json
from beloftemeter.errors import InputError
from beloftemeter.models.assessment import CANDIDATE, CONTEXT, EVIDENCE, EvidenceDecision
from beloftemeter.pipeline.review_export import write_export
from beloftemeter.pipeline.review_queue import review_queue

app = typer.Typer(
    help="De redactie: de wachtrij van beloften om na te kijken en de export van haar"
    " oordelen.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

DECISIONS_SHOWN = 5  # per entry in the terminal (--json has them all)
ROLE_WORDS = {EVIDENCE: "bewijs", CANDIDATE: "mogelijk relevant", CONTEXT: "verwant"}


def decimal(value: float) -> str:
    """0,47: a score as Dutch readers write it."""
    return f"{value:.2f}".replace(".", ",")


def _print(text: str) -> None:
    console.print(text, markup=False, highlight=False)


def decision_dict(d: EvidenceDecision) -> dict[str, Any]:
    return {"decision_id": d.decision_id, "title": d.title, "meeting_date": d.meeting_date,
            "role": d.role, "score": d.score}


def entry_dict(entry: QueueEntry) -> dict[str, Any]:
    return {"promise_id": entry.promise_id, "section": entry.node_key, "score": entry.score,
            "reviewed": entry.reviewed, "reasons": list(entry.reasons),
            "candidates": [decision_dict(d) for d in entry.decisions]}


@app.command("wachtrij")
def queue_command(
    ctx: typer.Context,
    count: Annotated[int, typer.Option("--aantal", help="Hoeveel beloften (standaard 20).")]
    = 20,
    status: Annotated[str | None, typer.Option(
        "--status", help="Alleen beloften met deze gepubliceerde status.")] = None,
    chapter: Annotated[str | None, typer.Option(
        "--hoofdstuk", help="Sleutel of titel van een hoofdstuk (bv. onderwijs).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
    agreement: AgreementOption = None,
) -> None:
    """Toon de beloften die het meest baat hebben bij nakijken, met waarom en welke
    beslissingen eerst."""
    if count < 1:
        raise InputError("--aantal moet minstens 1 zijn.")
    context: Context = ctx.obj.about(agreement)
    with context.agreement_store() as store:
        entries = review_queue(store, context.settings, status=status, chapter=chapter)
    shown = entries[:count]
    if as_json:
        print_json({"total": len(entries), "entries": [entry_dict(e) for e in shown]})
        return
    word = "belofte" if len(entries) == 1 else "beloften"
    _print(f"{len(entries)} {word} in de wachtrij; de eerste {len(shown)}:")
    for place, entry in enumerate(shown, start=1):
        _print(f"{place}. {entry.promise_id}  {entry.node_key}  score {decimal(entry.score)}"
               f" — {'; '.join(entry.reasons)}")
        for d in entry.decisions[:DECISIONS_SHOWN]:
            _print(f"     {ROLE_WORDS.get(d.role, d.role)} {decimal(d.score)}  {d.meeting_date}"
                   f"  {d.title}  [{d.decision_id}]")
        more = len(entry.decisions) - DECISIONS_SHOWN
        if more > 0:
            _print(f"     … en {more} andere")


@app.command("export")
def export_command(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(metavar="PAD", help="JSON-bestand om te schrijven.")],
    agreement: AgreementOption = None,
) -> None:
    """Schrijf de oordelen van de redactie als labelbestand (de vorm van de handlabels), om
    het relevantiemodel op te hertrainen."""
    context: Context = ctx.obj.about(agreement)
    with context.agreement_store() as store:
        count = write_export(store, path)
    word = "nagekeken belofte" if count == 1 else "nagekeken beloften"
    _print(f"{count} {word} geschreven naar {path}")

"""`beloftemeter beloften`: the promises as units: the filtered list (`lijst`) and one promise
with its evidence, plans and history (`toon`). Thin shells over pipeline.promises."""

from __future__ import annotations

import csv
import sys
from typing import Annotated

import typer

from beloftemeter.cli.common import AgreementOption, Context, console, print_json
from beloftemeter.csv_cells import cell
from beloftemeter.dutch_dates import long_date
from beloftemeter.dutch_numbers import count_of
from beloftemeter.errors import InputError
from beloftemeter.models.labels import kind_of_decision, stage_name
from beloftemeter.models.promises import SORTS, PromiseDetail, PromiseFilters, PromiseList
from beloftemeter.models.review import EDITOR
from beloftemeter.pipeline.promise_json import summary_dict
from beloftemeter.pipeline.promises import (
    all_promises,
    get_promise,
    list_promises,
    promise_detail_dict,
    promise_list_dict,
)

app = typer.Typer(
    help="De beloften één voor één: de lijst met filters en één belofte met bewijs en"
    " geschiedenis.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

TEXT_WIDTH = 90  # characters of a promise's text on one list line
MAX_SHOWN = 10  # linked decisions per tier in the terminal (--json has them all)


def _print(text: str) -> None:
    console.print(text, markup=False, highlight=False)


@app.command("lijst")
def list_command(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option("--status", help="Bv. uitgevoerd.")] = None,
    chapter: Annotated[str | None, typer.Option(
        "--hoofdstuk", help="Sleutel of titel van een hoofdstuk (bv. onderwijs).")] = None,
    text: Annotated[str | None, typer.Option(
        "--zoek", help="Alleen beloften met al deze woorden.")] = None,
    part: Annotated[str | None, typer.Option("--deel", help="Sleutel of titel van een deel.")]
    = None,
    minister: Annotated[str | None, typer.Option(
        "--minister", help="Minister uit de beleidsdocumenten (bv. Somers).")] = None,
    domain: Annotated[str | None, typer.Option(
        "--domein", help="Beleidsdomein uit de beleidsdocumenten.")] = None,
    evidence: Annotated[bool | None, typer.Option(
        "--met-bewijs/--zonder-bewijs", help="Alleen beloften met (of zonder) bewijs.")] = None,
    stage: Annotated[str | None, typer.Option(
        "--fase", help="Fase van het laatste bewijs (bv. bekrachtiging).")] = None,
    year: Annotated[int | None, typer.Option(
        "--jaar", help="Jaar van de laatste beslissing.")] = None,
    sort: Annotated[str, typer.Option(
        "--sorteer", help="agreement (volgorde van het akkoord), latest (laatste beslissing)"
        " of status.")] = "agreement",
    page: Annotated[int, typer.Option("--pagina", help="Paginanummer.")] = 1,
    per_page: Annotated[int, typer.Option("--aantal", help="Beloften per pagina (1-500).")]
    = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
    as_csv: Annotated[bool, typer.Option(
        "--csv", help="De hele gefilterde lijst (alle pagina's) als CSV.")] = False,
    agreement: AgreementOption = None,
) -> None:
    """Toon de beloften, gefilterd op status, hoofdstuk, minister, woorden, ..."""
    if as_json and as_csv:
        raise InputError("Kies --json of --csv, niet allebei.")
    if sort not in SORTS:
        raise InputError(f"Onbekende sortering: {sort!r} (kies uit: {', '.join(SORTS)}).")
    filters = PromiseFilters(
        status=status, part=part, chapter=chapter, minister=minister, domain=domain,
        has_evidence=evidence, latest_stage=stage, latest_year=year, text=text, sort=sort,
        page=page, per_page=per_page)
    context: Context = ctx.obj.about(agreement)
    with context.agreement_store() as store:
        if as_csv:
            rows = all_promises(store, filters)
            write_csv(rows)
            return
        result = list_promises(store, filters)
    if as_json:
        print_json(promise_list_dict(result))
    else:
        show_list(result)


CSV_COLUMNS = ("id", "section", "ordinal", "page", "status", "part", "chapter",
               "section_title", "evidence_count", "candidate_count", "latest_decision_date",
               "latest_stage", "text", "reason")


def write_csv(rows: list) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: cell(value) for key, value in summary_dict(row).items()
                         if key in CSV_COLUMNS})


def show_list(result: PromiseList) -> None:
    pages = max(1, -(-result.total // result.per_page))
    word = "belofte" if result.total == 1 else "beloften"
    _print(f"{result.total} {word} (pagina {result.page} van {pages})")
    for item in result.items:
        text = item.text if len(item.text) <= TEXT_WIDTH else item.text[:TEXT_WIDTH - 1] + "…"
        _print(f"{item.id}  {item.status or 'nog niet beoordeeld'}  {item.section}"
               f" p. {item.page}  {text}")
    for facet in result.facets:
        if facet.name in ("status", "has_evidence") and facet.values:
            _print(" · ".join(f"{v.label}: {v.count}" for v in facet.values))


@app.command("toon")
def show_command(
    ctx: typer.Context,
    promise_id: Annotated[str, typer.Argument(metavar="ID", help="Id van de belofte (p-...).")],
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
    agreement: AgreementOption = None,
) -> None:
    """Toon één belofte: tekst, plaats, status met reden, of de redactie ze nakeek, bewijs,
    plannen en geschiedenis."""
    context: Context = ctx.obj.about(agreement)
    with context.agreement_store() as store:
        detail = get_promise(store, promise_id, context.settings.agreement_url)
    if as_json:
        print_json(promise_detail_dict(detail))
    else:
        show_detail(detail)


def show_detail(detail: PromiseDetail) -> None:
    s = detail.summary
    _print(f"Belofte {s.id} — {' › '.join(title for _, _, title in detail.path)}, p. {s.page}")
    if detail.previous_sentence:
        _print(f"  … {detail.previous_sentence}")
    _print(f"» {s.text}")
    if detail.next_sentence:
        _print(f"  … {detail.next_sentence}")
    _print(f"Status: {s.status or 'nog niet beoordeeld'}")
    review = detail.review
    if s.reason:
        by_editor = " (status bepaald door de redactie)" if review.status_source == EDITOR else ""
        _print(f"Reden{by_editor}: {s.reason}")
    if review.reviewed and review.reviewed_at:
        _print(f"Nagekeken door de redactie op {long_date(review.reviewed_at)}")
    elif s.status:
        _print("Automatisch beoordeeld, nog niet nagekeken")
    if review.note:
        _print(f"Notitie van de redactie: {review.note}")
    if review.rejected_count:
        rejected = count_of(review.rejected_count, "voorgestelde beslissing",
                            "voorgestelde beslissingen")
        _print(f"De redactie wees {rejected} af; ze tellen niet als bewijs.")
    if detail.pdf_page_url:
        _print(f"PDF: {detail.pdf_page_url}")
    for title, rows in (("Bewijs", detail.evidence),
                        ("Mogelijk relevant, niet bevestigd", detail.candidates),
                        ("Verwant", detail.context)):
        if rows:
            _print(f"{title}:")
        for d in rows[:MAX_SHOWN]:
            kind = kind_of_decision(d.instrument, d.stage)
            _print(f"  {d.meeting_date}  {d.decision_id}  {d.title}"
                   + (f" ({kind})" if kind else ""))
        if len(rows) > MAX_SHOWN:
            _print(f"  … en nog {len(rows) - MAX_SHOWN} (zie --json)")
    if detail.plans:
        _print("Gepland:")
    for plan in detail.plans:
        extra = "; ".join(x for x in (plan.minister, plan.timing, plan.budget) if x)
        _print(f"  {plan.document}: {plan.action}" + (f" ({extra})" if extra else ""))
    if detail.history:
        _print("Geschiedenis:")
    for entry in detail.history:
        before = entry.before_status or "—"
        _print(f"  {entry.at}  {before} → {entry.after_status}  {entry.cause}")
    if detail.similar:
        _print("Verwante beloften: " + ", ".join(p.id for p in detail.similar))
    if s.latest_stage:
        _print(f"Laatste bewijs: {s.latest_decision_date} ({stage_name(s.latest_stage)})")

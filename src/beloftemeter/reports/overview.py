"""The status of each promise, built from the data (never by a generator): its status (marked
when the editors checked it), reason and the evidence it rests on, then what is shown apart
("mogelijk relevant, niet bevestigd") and the policy plans that plan it, each planned action
once."""

from __future__ import annotations

from beloftemeter.dutch_dates import long_date
from beloftemeter.models.assessment import NO_DECISION
from beloftemeter.models.report import ReportInput
from beloftemeter.reports.wording import excerpt, pages, plain, score_words

MAX_PLANS = 3  # planned actions listed per promise
REVIEWED = "nagekeken door de redactie"
AUTOMATIC_NOTE = (f"_Een status zonder “{REVIEWED}” is automatisch beoordeeld en door geen"
                  " mens nagekeken._")


def no_markup(text: str) -> str:
    """An editor's reason (or a title it quotes) as text: Markdown passes raw HTML through,
    so its angle brackets become entities (a renderer shows them as they were typed)."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def status_overview(report_input: ReportInput) -> str:
    """Each promise with its status, as a Markdown list."""
    if not report_input.promises:
        return ""
    lines = ["**Status per belofte**", "", AUTOMATIC_NOTE, ""]
    planned: set[tuple[str, str]] = set()
    for promise in report_input.promises:
        cites = "".join(f"[{report_input.number_of(d.decision_id)}]" for d in promise.evidence)
        checked = f" ({REVIEWED})" if promise.reviewed else ""
        line = (f"- **{promise.status}**{checked}: “{plain(' '.join(promise.text.split()))}”"
                f" ({pages(promise.page, promise.page)}).")
        if promise.evidence or promise.status != NO_DECISION:
            line += f" {no_markup(plain(promise.reason))}"  # "no decision found": no why
        lines.append(f"{line} {cites}".rstrip())
        for d in promise.candidates:
            lines.append(f"  - Mogelijk relevant, niet bevestigd (score {score_words(d.score)}):"
                         f" “{excerpt(d.title, 160)}” ({long_date(d.meeting_date)})"
                         f" [{report_input.number_of(d.decision_id)}]")
        shown = 0
        for plan in promise.plans:
            key = (plan.document_id, plan.action_number)
            if key in planned or shown == MAX_PLANS:
                continue  # an action that plans several promises is named under the first
            planned.add(key)
            shown += 1
            lines.append(f"  - Gepland: actie {plan.action_number}"
                         f" “{excerpt(plan.action_title, 160)}” in"
                         f" {excerpt(plan.document_title, 100)}"
                         + (f" (timing {plain(plan.timing)})" if plan.timing else "") + ".")
    return "\n".join(lines)

"""The extractive generator: offline and deterministic. It groups the evidence into themes
(one dossier of decisions about the same matter per theme), writes each point from the
decisions' own titles and first words, and closes with an honest judgement that says what is
not known."""

from __future__ import annotations

from collections import Counter

from beloftemeter.analysis.relevance import DossierGrouper
from beloftemeter.models.assessment import NO_DECISION, NOT_VERIFIABLE
from beloftemeter.models.report import Draft, ReportDecision, ReportInput
from beloftemeter.reports.wording import plain, quote, stage_label, status_counts_sentence
from beloftemeter.search.dutch import Analyzer

NAME = "extractive"
VERSION = 1
_ANALYZER = Analyzer()
_GROUPER = DossierGrouper(_ANALYZER)


def _theme_name(decisions: list[ReportDecision]) -> str:
    """The matter a theme is about: the shortest title's part before a colon."""
    title = min((d.title for d in decisions), key=len)
    head = title.split(":", 1)[0].strip()
    return quote(head if len(head.split()) >= 2 else title, 110)


def themes(report_input: ReportInput) -> list[list[int]]:
    """Evidence numbers grouped by dossier, themes in order of their first decision."""
    evidence = report_input.evidence
    groups = _GROUPER.groups([frozenset(_ANALYZER.query_terms(d.title)) for d in evidence])
    members: dict[int, list[int]] = {}
    for number, group in enumerate(groups):
        members.setdefault(group, []).append(number)
    return sorted(members.values(), key=lambda numbers: numbers[0])


class ExtractiveGenerator:
    name = NAME

    def describe(self) -> dict:
        return {"name": NAME, "version": VERSION}

    def generate(self, report_input: ReportInput) -> Draft:
        return Draft(self.body(report_input), self.closing(report_input), self.describe())

    def body(self, report_input: ReportInput) -> str:
        evidence = report_input.evidence
        if not evidence:
            return ("In de beschikbare beslissingen van de Vlaamse Regering vonden we geen"
                    " beslissing die een belofte uit deze sectie uitvoert.")
        grouped = themes(report_input)
        first = min(d.meeting_date for d in evidence)
        last = max(d.meeting_date for d in evidence)
        lines = [
            f"De Vlaamse Regering nam tussen {first} en {last} {len(evidence)}"
            f" {'beslissing' if len(evidence) == 1 else 'beslissingen'} die beloften uit deze"
            f" sectie uitvoeren, over {len(grouped)}"
            f" {'onderwerp' if len(grouped) == 1 else 'onderwerpen'}.",
            "",
        ]
        promises_of: dict[str, list[str]] = {}
        for promise in report_input.promises:
            for d in promise.evidence:
                promises_of.setdefault(d.decision_id, []).append(
                    f"“{quote(promise.text, 140)}” (p. {promise.page})")
        for point, numbers in enumerate(grouped, start=1):
            decisions = [evidence[n] for n in numbers]
            furthest = decisions[-1]
            steps = "; ".join(
                f"{stage_label(d.stage)} op {d.meeting_date} [{n}]"
                for n, d in zip(numbers, decisions, strict=True)
            )
            summary = furthest.summary.rstrip(" .") if furthest.summary else furthest.title
            carried = sorted({p for d in decisions for p in promises_of.get(d.decision_id, [])})
            text = (f"{point}. **{_theme_name(decisions)}**: {steps}. Laatste stap:"
                    f" {quote(summary, 260)} [{numbers[-1]}].")
            if carried:
                text += " Voert uit: " + "; ".join(carried[:3])
                text += f" en {len(carried) - 3} andere belofte(n)." if len(carried) > 3 else "."
            lines += [text, ""]
        return "\n".join(lines).rstrip()

    def closing(self, report_input: ReportInput) -> str:
        promises = report_input.promises
        if not promises:
            return ("Oordeel: deze sectie bevat geen beloften die een beslissing vragen; er valt"
                    " niets te beoordelen.")
        counts = Counter(p.status for p in promises)
        missing = counts.get(NO_DECISION, 0)
        unverifiable = counts.get(NOT_VERIFIABLE, 0)
        text = (f"Oordeel: van de {len(promises)} beloften in deze sectie zijn er"
                f" {status_counts_sentence(counts)}.")
        if missing:
            text += (f" Voor {missing} {'belofte' if missing == 1 else 'beloften'} vonden we geen"
                     " beslissing die ze uitvoert. Dat bewijst niet dat er niets gebeurde: de"
                     " gegevens bevatten niet alle beslissingen van de Vlaamse Regering, en wat"
                     " het parlement, de administratie of lokale besturen deden, staat er niet"
                     " in.")
        if unverifiable:
            one = unverifiable == 1
            text += (f" {unverifiable} {'belofte is' if one else 'beloften zijn'} niet te"
                     f" beoordelen: ze {'noemt' if one else 'noemen'} geen concrete daad of"
                     f" maatregel, {'drukt' if one else 'drukken'} een houding of streven uit,"
                     f" of {'wil' if one else 'willen'} alleen iets behouden.")
        if report_input.evidence:
            text += (" De status volgt de verste fase die de beslissingen bereikten; of een"
                     " maatregel op het terrein werkt, zeggen ze niet.")
        return text


def status_overview(report_input: ReportInput) -> str:
    """Each promise with its status, reason and the evidence it rests on, as a Markdown list."""
    if not report_input.promises:
        return ""
    lines = ["**Status per belofte**", ""]
    for promise in report_input.promises:
        cites = "".join(f"[{report_input.number_of(d.decision_id)}]" for d in promise.evidence)
        line = f"- **{promise.status}**: “{quote(promise.text)}” (p. {promise.page})."
        if promise.evidence or promise.status != NO_DECISION:
            line += f" {plain(promise.reason)}"  # "no decision found" needs no explaining
        lines.append(f"{line} {cites}".rstrip())
        for plan in promise.plans[:2]:
            lines.append(f"  - Gepland: actie {plan.action_number}"
                         f" “{quote(plan.action_title, 100)}” in {quote(plan.document_title, 80)}"
                         + (f" (timing {plan.timing})" if plan.timing else "") + ".")
    return "\n".join(lines)

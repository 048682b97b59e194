"""The extractive generator: offline and deterministic. It tells per theme (one dossier: the
stages of one file) what the government decided, in dated Dutch prose with the stages and the
amounts the decisions name, quoting their own first sentence; the decisions that are only
"mogelijk relevant, niet bevestigd" come apart, after the evidence. It closes with an honest
judgement that says what is not known. The status per promise is `overview.status_overview`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from beloftemeter.analysis.dossiers import dossier_sentence
from beloftemeter.dutch_dates import long_date
from beloftemeter.dutch_numbers import count_of, euro
from beloftemeter.models.assessment import NO_DECISION, NOT_VERIFIABLE
from beloftemeter.models.dossiers import Dossier, DossierStep
from beloftemeter.models.report import Draft, ReportDecision, ReportInput, ReportPromise
from beloftemeter.reports.overview import status_overview
from beloftemeter.reports.wording import (
    all_status_sentence,
    excerpt,
    join_words,
    only_status_sentence,
    pages,
    score_words,
    status_counts_sentence,
    when,
)

NAME = "extractive"
VERSION = 2
MAX_AMOUNTS = 3
MAX_PROMISES_NAMED = 3

__all__ = ["ExtractiveGenerator", "Theme", "status_overview", "themes"]


@dataclass(frozen=True)
class Theme:
    """One dossier of the report with the numbers its steps are cited by."""

    dossier: Dossier
    numbers: tuple[int, ...]
    confirmed: bool  # at least one step is evidence


def themes(report_input: ReportInput) -> list[Theme]:
    """The report's dossiers as themes: evidence first, then the candidates' own, each group
    in the order of its first decision. A numbered decision without a dossier is its own."""
    numbered = report_input.numbered
    dossiers = list(report_input.dossiers)
    covered = {s.decision_id for d in dossiers for s in d.steps}
    for d in numbered:
        if d.decision_id not in covered:
            dossiers.append(Dossier(d.decision_id, d.instrument or "andere", d.title, "", False,
                                    (DossierStep(d.decision_id, d.meeting_date, d.stage,
                                                 d.title),)))
    found = []
    for dossier in dossiers:
        numbers = tuple(report_input.number_of(s.decision_id) for s in dossier.steps)
        found.append(Theme(dossier, numbers, any(numbered[n].confirmed for n in numbers)))
    return sorted(found, key=lambda t: (not t.confirmed, t.dossier.first.meeting_date,
                                        t.numbers))


# what the government did with a decision that is no stage of a regulation, by its stage
_DEEDS = {
    "conceptnota": "keurde {when} een conceptnota goed",
    "principiele_goedkeuring": "keurde {when} principieel goed",
    "definitieve_goedkeuring": "keurde {when} definitief goed",
    "bekrachtiging": "bekrachtigde {when}",
    "instemming": "stemde {when} in",
    "toekenning": "kende {when} middelen toe",
    "mededeling": "nam {when} kennis van een mededeling",
}


def _told(dossier: Dossier) -> str:
    """The dossier's timeline: the dossier sentence for the stages of a regulation ("Het
    ontwerpdecreet ... werd principieel goedgekeurd op ..."); otherwise what the government
    did and when, without repeating the title the theme is already named by."""
    sentence = dossier_sentence(dossier)
    if sentence and not sentence.startswith("De Vlaamse Regering "):
        return sentence
    deeds = [_DEEDS.get(s.stage or "", "besliste {when}").format(
        when=f"op {long_date(s.meeting_date)}") for s in dossier.steps]
    return f"De Vlaamse Regering {join_words(deeds)}."


def _cites(numbers: tuple[int, ...] | list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _promise(promise: ReportPromise) -> str:
    return f"“{excerpt(promise.text, 160)}” ({pages(promise.page, promise.page)})"


class ExtractiveGenerator:
    name = NAME

    def describe(self) -> dict:
        return {"name": NAME, "version": VERSION}

    def generate(self, report_input: ReportInput) -> Draft:
        return Draft(self.body(report_input), self.closing(report_input), self.describe())

    def body(self, report_input: ReportInput) -> str:
        if not report_input.numbered:
            return ("In de beschikbare beslissingen van de Vlaamse Regering vonden we geen"
                    " beslissing die een belofte uit deze sectie uitvoert.")
        found = themes(report_input)
        lines = [self._intro(report_input, found), ""]
        for point, theme in enumerate(found, start=1):
            if not theme.confirmed and (point == 1 or found[point - 2].confirmed):
                lines += ["**Mogelijk relevant, niet bevestigd**", "",
                          "Deze beslissingen lijken te gaan over wat de sectie belooft, maar"
                          " het model is er niet zeker genoeg van. Ze tellen niet mee voor de"
                          " status van een belofte.", ""]
            lines += [f"{point}. {self._theme(report_input, theme)}", ""]
        return "\n".join(lines).rstrip()

    def _intro(self, report_input: ReportInput, found: list[Theme]) -> str:
        evidence, candidates = report_input.evidence, report_input.candidates
        text = ""
        if evidence:
            dates = sorted(d.meeting_date for d in evidence)
            carried = sum(1 for p in report_input.promises if p.evidence)
            topics = sum(1 for t in found if t.confirmed)
            text = (f"De Vlaamse Regering nam {when(dates[0], dates[-1])}"
                    f" {count_of(len(evidence), 'beslissing', 'beslissingen', words=True)} die"
                    f" {'een belofte' if carried == 1 else 'beloften'} uit deze sectie"
                    f" {'uitvoert' if len(evidence) == 1 else 'uitvoeren'}, over"
                    f" {count_of(topics, 'onderwerp', 'onderwerpen', words=True)}.")
        if candidates:
            dates = sorted(d.meeting_date for d in candidates)
            n = len(candidates)
            maybe = (f"{'is er 1 beslissing' if n == 1 else f'zijn er {n} beslissingen'}"
                     f" ({when(dates[0], dates[-1])}) die mogelijk relevant"
                     f" {'is' if n == 1 else 'zijn'}, maar niet bevestigd")
            if evidence:
                text += f" Daarnaast {maybe}."
            else:
                text = ("We vonden geen beslissing die aantoonbaar een belofte uit deze sectie"
                        f" uitvoert. Wel {maybe}.")
        return text

    def _theme(self, report_input: ReportInput, theme: Theme) -> str:
        numbered = report_input.numbered
        decisions = [numbered[n] for n in theme.numbers]
        subject = " ".join(theme.dossier.subject.split()) or decisions[-1].title
        name = excerpt(subject[:1].upper() + subject[1:], 110).rstrip(".")
        sentence = _told(theme.dossier).rstrip(".")
        last, number = decisions[-1], theme.numbers[-1]
        said = (f"“{excerpt(last.summary, 260)}”" if last.summary
                and last.summary.strip(" .") != last.title.strip(" .") else "")
        if said and len(decisions) == 1:
            parts = [f"**{name}**: {sentence} {_cites(theme.numbers)}: {said}"]
        else:
            parts = [f"**{name}**: {sentence} {_cites(theme.numbers)}."]
        amounts = sorted({a for d in decisions for a in d.amounts if a > 0}, reverse=True)
        if amounts:
            shown = [euro(a) for a in amounts[:MAX_AMOUNTS]]
            parts.append(f"{'Het gaat om' if len(shown) == 1 else 'Genoemde bedragen:'}"
                         f" {join_words(shown)}.")
        if said and len(decisions) > 1:
            parts.append(f"Uit de laatste beslissing, van {long_date(last.meeting_date)}"
                         f" {_cites([number])}: {said}")
        parts.append(self._carried(report_input, decisions, theme))
        return " ".join(p for p in parts if p)

    def _carried(self, report_input: ReportInput, decisions: list[ReportDecision],
                 theme: Theme) -> str:
        ids = {d.decision_id for d in decisions}
        if theme.confirmed:
            promises = [p for p in report_input.promises
                        if ids & {d.decision_id for d in p.evidence}]
            doubtful = [n for n, d in zip(theme.numbers, decisions, strict=True)
                        if not d.confirmed]
            said = self._promises("Daarmee voert de regering", "uit", promises)
            if doubtful:
                said += (f" Van deze stappen {'is' if len(doubtful) == 1 else 'zijn'}"
                         f" {_cites(doubtful)} mogelijk relevant, maar niet bevestigd.")
            return said
        promises = [p for p in report_input.promises
                    if ids & {d.decision_id for d in p.candidates}]
        scores = sorted(d.score for d in decisions)
        band = (score_words(scores[0]) if score_words(scores[0]) == score_words(scores[-1])
                else f"{score_words(scores[0])} tot {score_words(scores[-1])}")
        named = self._promises("Mogelijk relevant voor", "", promises)
        return f"{named.rstrip('.')}; niet bevestigd (score {band})." if named else ""

    @staticmethod
    def _promises(lead: str, tail: str, promises: list[ReportPromise]) -> str:
        if not promises:
            return ""
        tail = f" {tail}" if tail else ""
        if len(promises) == 1:
            return f"{lead} de belofte {_promise(promises[0])}{tail}."
        named = [_promise(p) for p in promises[:MAX_PROMISES_NAMED]]
        more = len(promises) - MAX_PROMISES_NAMED
        if more > 0:
            named.append(count_of(more, "andere", "andere"))
        return f"{lead} {len(promises)} beloften{tail}: {join_words(named)}."

    def closing(self, report_input: ReportInput) -> str:
        promises = report_input.promises
        if not promises:
            return ("Oordeel: deze sectie bevat geen beloften die een beslissing vragen; er valt"
                    " niets te beoordelen.")
        counts = Counter(p.status for p in promises)
        missing = counts.get(NO_DECISION, 0)
        unverifiable = counts.get(NOT_VERIFIABLE, 0)
        if len(promises) == 1:
            text = f"Oordeel: {only_status_sentence(promises[0].status)}."
        elif len(counts) == 1:
            text = f"Oordeel: {all_status_sentence(promises[0].status, len(promises))}."
        else:
            text = (f"Oordeel: deze sectie bevat {len(promises)} beloften:"
                    f" {status_counts_sentence(counts)}.")
        if missing:
            text += (" Dat we geen beslissing vonden, bewijst niet dat er niets gebeurde: de"
                     " gegevens bevatten niet alle beslissingen van de Vlaamse Regering, en wat"
                     " het parlement, de administratie of lokale besturen deden, staat er niet"
                     " in.")
            maybe = sum(1 for p in promises if p.status == NO_DECISION and p.candidates)
            if maybe:
                whom = ("die belofte" if missing == 1
                        else f"{'1' if maybe == 1 else maybe} van die beloften")
                text += (f" Voor {whom} zijn er wel beslissingen die mogelijk relevant zijn;"
                         " ze staan apart en tellen niet mee.")
        if unverifiable:
            one = unverifiable == 1
            text += (f" {count_of(unverifiable, 'belofte is', 'beloften zijn')} niet te"
                     f" beoordelen: {'ze noemt' if one else 'ze noemen'} geen concrete daad of"
                     f" maatregel, {'drukt' if one else 'drukken'} een houding of streven uit,"
                     f" of {'wil' if one else 'willen'} alleen iets behouden.")
        if report_input.evidence:
            text += (" De status volgt de verste fase die de beslissingen bereikten; of een"
                     " maatregel op het terrein werkt, zeggen ze niet.")
        return text

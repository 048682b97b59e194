"""The LLM generator: any OpenAI-compatible chat endpoint writes the body and the closing
judgement from the numbered evidence only. Its citations are checked afterwards like every
generator's; a failing endpoint falls back to the extractive text when configured to."""

from __future__ import annotations

import re

from beloftemeter.dutch_dates import long_date
from beloftemeter.llm.client import ChatClient
from beloftemeter.models.report import Draft, ReportDecision, ReportInput
from beloftemeter.reports.extractive import ExtractiveGenerator
from beloftemeter.reports.wording import excerpt, pages, quote, score_words, stage_label

NAME = "llm"
SECTION_CHARS = 4000
SYSTEM = (
    "Je bent een nauwkeurige beleidsanalist die in het Nederlands schrijft voor burgers en"
    " journalisten. Je gebruikt uitsluitend de genummerde beslissingen die je krijgt en"
    " verwijst naar elke beslissing waarop een bewering steunt met haar nummer tussen vierkante"
    " haken, bv. [0] of [2][3]. Je verzint geen beslissingen, data of bedragen. Je schrijft"
    " data voluit (17 december 2021) en in hele zinnen."
)
# The structure of the earlier reports (examples/evaluatie-samenleven-1.2.md): an opening
# paragraph, numbered themes with a bold name, and a closing judgement.
STRUCTURE = (
    "Schrijf in deze vorm:\n"
    "1. Eén inleidende alinea over wat de regering in dit domein besliste.\n"
    "2. Genummerde punten per thema, elk van de vorm '1. **Naam van het thema**: ...', met"
    " wat er beslist werd, wanneer, in welke fase en met welke bedragen, en bij elke bewering"
    " de nummers van de beslissingen waarop ze steunt.\n"
    "3. Beslissingen die alleen 'mogelijk relevant, niet bevestigd' zijn, bespreek je apart"
    " onder een punt dat dat zegt; je stelt ze nooit voor als uitvoering van een belofte.\n"
    "4. Sluit af met één alinea die begint met 'Oordeel:' en eerlijk zegt wat uitgevoerd is,"
    " wat niet en wat onbekend blijft."
)


def _line(n: int, d: ReportDecision) -> str:
    return (f"[{n}] {long_date(d.meeting_date)}, {stage_label(d.stage)}: {quote(d.title, 200)}."
            f" {excerpt(d.summary, 300)}")
# The closing judgement starts a line or a sentence: "Oordeel:" (maybe in bold).
_CLOSING = re.compile(r"(?:^|(?<=[.!?] ))\s*\**\s*Oordeel\s*\**\s*:",
                      re.IGNORECASE | re.MULTILINE)


def prompt(report_input: ReportInput) -> str:
    section = report_input.section
    lines = [
        f"Sectie {section.number or ''} {section.title} van het Vlaamse regeerakkoord"
        f" 2019-2024 ({pages(section.first_page, section.last_page)}):",
        quote(section.text, SECTION_CHARS),
        "",
        "Beloften in deze sectie met hun automatisch bepaalde status:",
    ]
    lines += [f"- ({p.status}) {quote(p.text, 300)}" for p in report_input.promises]
    numbered = report_input.numbered
    if report_input.evidence:
        lines += ["", "Beslissingen van de Vlaamse Regering die deze beloften uitvoeren:"]
        lines += [_line(n, d) for n, d in enumerate(numbered) if d.confirmed]
    if report_input.candidates:
        lines += ["", "Beslissingen die mogelijk relevant zijn, maar niet bevestigd (ze tellen"
                  " niet mee voor de status):"]
        lines += [f"{_line(n, d)} (score {score_words(d.score)})"
                  for n, d in enumerate(numbered) if not d.confirmed]
    lines += ["", STRUCTURE]
    return "\n".join(lines)


class LlmGenerator:
    name = NAME

    def __init__(self, client: ChatClient) -> None:
        self._client = client

    def describe(self) -> dict:
        return {"name": NAME, **self._client.settings.describe()}

    def generate(self, report_input: ReportInput) -> Draft:
        if not report_input.evidence:
            # Nothing it could say was carried out (candidates alone are not): the extractive
            # text says so, with the candidates apart, without asking a model.
            draft = ExtractiveGenerator().generate(report_input)
            return Draft(draft.body, draft.closing, {**self.describe(), "without_model": True})
        reply = self._client.complete([
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": prompt(report_input)},
        ])
        matches = list(_CLOSING.finditer(reply))
        if matches:
            cut = matches[-1].start()
            body, closing = reply[:cut].strip(), reply[cut:].strip().lstrip("*").strip()
        else:
            body = reply.strip()
            closing = ExtractiveGenerator().closing(report_input)
        return Draft(body, closing, self.describe())

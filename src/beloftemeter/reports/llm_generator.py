"""The LLM generator: any OpenAI-compatible chat endpoint writes the body and the closing
judgement from the numbered evidence only. Its citations are checked afterwards like every
generator's; a failing endpoint falls back to the extractive text when configured to."""

from __future__ import annotations

import re

from beloftemeter.llm.client import ChatClient
from beloftemeter.models.report import Draft, ReportInput
from beloftemeter.reports.extractive import ExtractiveGenerator
from beloftemeter.reports.wording import quote, stage_label

NAME = "llm"
SECTION_CHARS = 4000
SYSTEM = (
    "Je bent een nauwkeurige beleidsanalist die in het Nederlands schrijft voor burgers en"
    " journalisten. Je gebruikt uitsluitend de genummerde beslissingen die je krijgt en"
    " verwijst naar elke beslissing waarop een bewering steunt met haar nummer tussen vierkante"
    " haken, bv. [0] of [2][3]. Je verzint geen beslissingen, data of bedragen."
)
# The closing judgement starts a line or a sentence: "Oordeel:" (maybe in bold).
_CLOSING = re.compile(r"(?:^|(?<=[.!?] ))\s*\**\s*Oordeel\s*\**\s*:",
                      re.IGNORECASE | re.MULTILINE)


def prompt(report_input: ReportInput) -> str:
    section = report_input.section
    lines = [
        f"Sectie {section.number or ''} {section.title} van het Vlaamse regeerakkoord"
        f" 2019-2024 (p. {section.first_page}-{section.last_page}):",
        quote(section.text, SECTION_CHARS),
        "",
        "Beloften in deze sectie met hun automatisch bepaalde status:",
    ]
    lines += [f"- ({p.status}) {quote(p.text, 300)}" for p in report_input.promises]
    lines += ["", "Beslissingen van de Vlaamse Regering die deze beloften uitvoeren:"]
    lines += [f"[{n}] {d.meeting_date}, {stage_label(d.stage)}: {quote(d.title, 200)}."
              f" {quote(d.summary, 300)}" for n, d in enumerate(report_input.evidence)]
    lines += [
        "",
        "Schrijf een samenvatting van wat de regering met deze beloften deed, in genummerde"
        " punten per thema, met bij elke bewering de nummers van de beslissingen waarop ze"
        " steunt. Sluit af met één alinea die begint met 'Oordeel:' en eerlijk zegt wat"
        " uitgevoerd is, wat niet en wat onbekend blijft.",
    ]
    return "\n".join(lines)


class LlmGenerator:
    name = NAME

    def __init__(self, client: ChatClient) -> None:
        self._client = client

    def describe(self) -> dict:
        return {"name": NAME, **self._client.settings.describe()}

    def generate(self, report_input: ReportInput) -> Draft:
        if not report_input.evidence:
            # Nothing to cite: the extractive text says so without asking a model.
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

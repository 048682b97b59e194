"""The answer without a language model: each of the best decisions as one cited sentence."""

from __future__ import annotations

from beloftemeter.answer.model import Answer
from beloftemeter.dutch_dates import long_date
from beloftemeter.models.labels import kind_of_decision
from beloftemeter.models.search import Hit
from beloftemeter.reports.wording import quote

PASSAGES = 5
NONE_FOUND = "Ik vond geen beslissing die over je vraag gaat."


def extractive_answer(question: str, hits: list[Hit]) -> Answer:
    """When, what kind of decision, what it says: one line per decision, cited [1]..[k]."""
    chosen = hits[:PASSAGES]
    if not chosen:
        return Answer(question, NONE_FOUND, (), "extractive", found=False)
    lines = ["De beslissingen van de Vlaamse Regering die het best bij je vraag passen:", ""]
    for n, hit in enumerate(chosen, start=1):
        snippet = quote(hit.snippet, 260) if hit.snippet else ""
        kind = kind_of_decision(hit.instrument, hit.stage)
        lines.append(f"- Op {long_date(hit.meeting_date)}" + (f" ({kind})" if kind else "")
                     + f": **{quote(hit.title, 160)}**." + (f" {snippet}" if snippet else "")
                     + f" [{n}]")
    return Answer(question, "\n".join(lines), tuple(chosen), "extractive")

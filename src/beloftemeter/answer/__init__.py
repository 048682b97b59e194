"""Answers to a user's question about what the government did, every claim cited: the best
passages of the best decisions (extractive), or a language model's text over those passages
with its citations checked (never an uncited claim)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from beloftemeter.models.search import Hit
from beloftemeter.reports.citations import check_citations, cited_numbers
from beloftemeter.reports.wording import plain, quote, stage_label

PASSAGES = 5
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
SYSTEM = (
    "Je beantwoordt vragen van burgers over beslissingen van de Vlaamse Regering, in het"
    " Nederlands, kort en zakelijk. Je gebruikt uitsluitend de genummerde passages en zet achter"
    " elke zin de nummers van de passages waarop hij steunt, bv. [0] of [1][2]. Staat het"
    " antwoord er niet in, zeg dat dan."
)


@dataclass(frozen=True)
class Answer:
    question: str
    text: str  # Markdown with [n] citations into `sources`
    sources: tuple[Hit, ...]  # sources[n] is cited as [n]
    generator: str
    removed_citations: int = 0
    note: str = ""


def extractive_answer(question: str, hits: list[Hit]) -> Answer:
    """Each of the best decisions as one cited sentence: when, what stage, what it says."""
    chosen = hits[:PASSAGES]
    if not chosen:
        return Answer(question, "Geen beslissing gevonden die bij deze vraag past.", (),
                      "extractive")
    lines = ["De beslissingen van de Vlaamse Regering die het best bij je vraag passen:", ""]
    for n, hit in enumerate(chosen):
        snippet = quote(hit.snippet, 260) if hit.snippet else ""
        lines.append(f"- Op {hit.meeting_date} ({stage_label(hit.stage)}):"
                     f" **{quote(hit.title, 160)}**." + (f" {snippet}" if snippet else "")
                     + f" [{n}]")
    return Answer(question, "\n".join(lines), tuple(chosen), "extractive")


def prompt(question: str, hits: list[Hit]) -> str:
    lines = [f"Vraag: {question}", "", "Passages uit beslissingen van de Vlaamse Regering:"]
    lines += [f"[{n}] {h.meeting_date}, {stage_label(h.stage)}: {plain(h.title)}."
              f" {plain(h.snippet)}" for n, h in enumerate(hits[:PASSAGES])]
    lines += ["", "Beantwoord de vraag met verwijzingen."]
    return "\n".join(lines)


def llm_answer(question: str, hits: list[Hit], client) -> Answer:
    """The model's answer over the best passages; citations checked, sources renumbered. An
    answer left without any valid citation is replaced by the extractive one."""
    chosen = hits[:PASSAGES]
    if not chosen:
        return extractive_answer(question, hits)
    reply = client.complete([{"role": "system", "content": SYSTEM},
                             {"role": "user", "content": prompt(question, chosen)}], 600)
    # Only sentences that cite a passage they were given survive: no uncited claims.
    sentences = _SENTENCES.split(reply.strip())
    kept = [s for s in sentences if any(n < len(chosen) for n in cited_numbers(s))]
    check = check_citations([" ".join(kept)], len(chosen))
    if not kept:
        fallback = extractive_answer(question, hits)
        return Answer(question, fallback.text, fallback.sources, "extractive", check.removed,
                      "Het taalmodel gaf geen antwoord met geldige verwijzingen.")
    return Answer(question, check.texts[0], tuple(chosen[n] for n in check.order), "llm",
                  check.removed)

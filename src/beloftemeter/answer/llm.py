"""The answer a language model writes over the best passages: only sentences that cite a
passage they were given survive, and the sources are renumbered [1]..[k] in reading order."""

from __future__ import annotations

import re

from beloftemeter.answer.extractive import PASSAGES, extractive_answer
from beloftemeter.answer.model import Answer
from beloftemeter.dutch_dates import long_date
from beloftemeter.models.labels import kind_of_decision
from beloftemeter.models.search import Hit
from beloftemeter.reports.citations import check_citations, cited_numbers
from beloftemeter.reports.wording import plain

_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
# A citation of one or more numbers, in the forms reports.citations accepts ([2], \[2\], [1, 3]).
_NUMBERED = re.compile(r"\\?\[\s*(\d+(?:\s*,\s*\d+)*)\s*\\?\](?!\()")
SYSTEM = (
    "Je beantwoordt vragen van burgers over beslissingen van de Vlaamse Regering, in het"
    " Nederlands, kort en zakelijk. Je gebruikt uitsluitend de genummerde passages en zet achter"
    " elke zin de nummers van de passages waarop hij steunt, bv. [1] of [1][2]. Staat het"
    " antwoord er niet in, zeg dat dan."
)


def prompt(question: str, hits: list[Hit]) -> str:
    lines = [f"Vraag: {question}", "", "Passages uit beslissingen van de Vlaamse Regering:"]
    for n, h in enumerate(hits[:PASSAGES], start=1):
        kind = kind_of_decision(h.instrument, h.stage) or "beslissing"
        lines.append(f"[{n}] {long_date(h.meeting_date)}, {kind}: {plain(h.title)}."
                     f" {plain(h.snippet)}")
    lines += ["", "Beantwoord de vraag met verwijzingen."]
    return "\n".join(lines)


def _shift(text: str, by: int) -> str:
    """Every citation number moved by `by`; one that would fall below 0 becomes a word, which
    the citation check then removes."""
    def move(match: re.Match[str]) -> str:
        numbers = [int(n) + by for n in re.findall(r"\d+", match.group(1))]
        return "[" + ", ".join(str(n) if n >= 0 else "geen" for n in numbers) + "]"

    return _NUMBERED.sub(move, text)


def llm_answer(question: str, hits: list[Hit], client) -> Answer:
    """The model's answer over the best passages (numbered from 1 for the model and the
    reader; reports.citations counts from 0, hence the shifts). An answer left without any
    valid citation is replaced by the extractive one."""
    chosen = hits[:PASSAGES]
    if not chosen:
        return extractive_answer(question, hits)
    reply = client.complete([{"role": "system", "content": SYSTEM},
                             {"role": "user", "content": prompt(question, chosen)}], 600)
    sentences = _SENTENCES.split(_shift(reply.strip(), -1))
    kept = [s for s in sentences if any(n < len(chosen) for n in cited_numbers(s))]
    check = check_citations([" ".join(kept)], len(chosen))
    if not kept:
        fallback = extractive_answer(question, hits)
        return Answer(question, fallback.text, fallback.sources, "extractive", check.removed,
                      "Het taalmodel gaf geen antwoord met geldige verwijzingen.")
    return Answer(question, _shift(check.texts[0], 1), tuple(chosen[n] for n in check.order),
                  "llm", check.removed)

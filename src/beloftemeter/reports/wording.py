"""Dutch wording shared by the generators and renderers: stages in words, short quotes,
counts with the right number, dates, page ranges and amounts."""

from __future__ import annotations

import re

from beloftemeter.dutch_dates import long_date
from beloftemeter.models.assessment import (
    DEVIATING,
    DONE,
    IN_PREPARATION,
    IN_PROGRESS,
    MOSTLY_DONE,
    NO_DECISION,
    NOT_VERIFIABLE,
    STATUSES,
)
from beloftemeter.models.labels import stage_name

SHORTENED = "[…]"  # where a quote is cut: never a bare "…" in mid-sentence
# a sentence ends before a capital (or the end): "m.b.t. inclusie" goes on
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"(]|$)")


def stage_label(stage: str | None) -> str:
    """The stage in words ("definitieve goedkeuring"); "beslissing" when unknown."""
    return stage_name(stage) or "beslissing"


def plain(text: str) -> str:
    """Source text with its square brackets made round, so that nothing in it can pass for a
    citation (the citation check would remove it). The mark of a shortened quote, "[…]",
    stays: it holds no word, so it never reads as a citation."""
    return (text.replace(SHORTENED, "\0").replace("[", "(").replace("]", ")")
            .replace("\0", SHORTENED))


def quote(text: str, limit: int = 160) -> str:
    """A promise or title cut at a word boundary, for use between quotes."""
    text = " ".join(plain(text).split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(",;:") + " ..."


def excerpt(text: str, limit: int = 240) -> str:
    """Text to quote in prose: whole when it fits; otherwise its whole sentences that fit,
    or its first words with a clear mark "[…]" where it was cut."""
    text = " ".join(plain(text).split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1)]
    if ends and ends[-1] >= limit // 3:
        return text[:ends[-1]]
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(",;: ") + " " + SHORTENED


def join_words(parts: list[str], last: str = "en") -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {last} " + parts[-1]


def when(first: str, last: str) -> str:
    """'op 17 december 2021', or 'tussen 17 december 2021 en 8 december 2023'."""
    if first == last:
        return f"op {long_date(first)}"
    return f"tussen {long_date(first)} en {long_date(last)}"


def pages(first: int, last: int) -> str:
    """'p. 105' or 'p. 105-107'."""
    return f"p. {first}" if first == last or not last else f"p. {first}-{last}"


def score_words(score: float) -> str:
    """'0,47': a probability the Dutch way."""
    return f"{score:.2f}".replace(".", ",")


# (singular, plural) of a status as a clause after its count: "1 is uitgevoerd"
_STATUS_CLAUSES = {
    DONE: ("is uitgevoerd", "zijn uitgevoerd"),
    MOSTLY_DONE: ("is grotendeels uitgevoerd", "zijn grotendeels uitgevoerd"),
    IN_PROGRESS: ("is in uitvoering", "zijn in uitvoering"),
    IN_PREPARATION: ("is in voorbereiding", "zijn in voorbereiding"),
    DEVIATING: ("wijkt af", "wijken af"),
    NOT_VERIFIABLE: ("is niet te beoordelen", "zijn niet te beoordelen"),
}


def status_counts_sentence(counts: dict[str, int]) -> str:
    """'1 is uitgevoerd, 2 zijn in uitvoering en voor 2 vonden we geen beslissing' (zeros left
    out, each count with its own verb)."""
    parts = []
    for status in STATUSES:
        n = counts.get(status, 0)
        if not n:
            continue
        if status == NO_DECISION:
            parts.append(f"voor {n} vonden we geen beslissing")
        else:
            one, many = _STATUS_CLAUSES[status]
            parts.append(f"{n} {one if n == 1 else many}")
    return join_words(parts) if parts else "geen"


def all_status_sentence(status: str, n: int) -> str:
    """All promises of a section share a status: 'alle 4 beloften in deze sectie zijn in
    uitvoering'."""
    if status == NO_DECISION:
        return f"voor alle {n} beloften in deze sectie vonden we geen beslissing"
    _, many = _STATUS_CLAUSES.get(status, ("", f"zijn {status}"))
    return f"alle {n} beloften in deze sectie {many}"


def only_status_sentence(status: str) -> str:
    """The status of a section's only promise: 'de enige belofte in deze sectie is uitgevoerd'."""
    if status == NO_DECISION:
        return "voor de enige belofte in deze sectie vonden we geen beslissing"
    one, _ = _STATUS_CLAUSES.get(status, (f"is {status}", ""))
    return f"de enige belofte in deze sectie {one}"

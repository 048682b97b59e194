"""Dutch wording shared by the generators and renderers: stage labels, short quotes."""

from __future__ import annotations

from beloftemeter.models.assessment import STATUSES

STAGE_LABELS = {
    "conceptnota": "conceptnota",
    "principiele_goedkeuring": "principieel goedgekeurd",
    "definitieve_goedkeuring": "definitief goedgekeurd",
    "bekrachtiging": "bekrachtigd en afgekondigd",
    "instemming": "instemming",
    "toekenning": "toegekend",
    "mededeling": "mededeling",
    "andere": "beslissing",
}


def stage_label(stage: str | None) -> str:
    return STAGE_LABELS.get(stage or "andere", stage or "beslissing")


def plain(text: str) -> str:
    """Source text with its square brackets made round, so that nothing in it can pass for a
    citation (the citation check would remove it)."""
    return text.replace("[", "(").replace("]", ")")


def quote(text: str, limit: int = 160) -> str:
    """A promise or title cut at a word boundary, for use between quotes."""
    text = " ".join(plain(text).split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(",;:") + " ..."


def status_counts_sentence(counts: dict[str, int]) -> str:
    """'3 uitgevoerd, 1 in uitvoering en 2 geen beslissing gevonden' (zeros left out)."""
    parts = [f"{counts[s]} {s}" for s in STATUSES if counts.get(s)]
    if not parts:
        return "geen"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]

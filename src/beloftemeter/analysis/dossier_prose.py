"""A dossier's timeline told in one Dutch sentence, for pages, evidence and reports:

    Het ontwerpdecreet over de Vlaamse toetsen in het onderwijs werd principieel goedgekeurd
    op 10 juni 2022 en definitief op 9 december 2022.
"""

from __future__ import annotations

import re

from beloftemeter.analysis.ladder import rung_of
from beloftemeter.dutch_dates import long_date
from beloftemeter.models.dossiers import Dossier, DossierStep

# stage → (adverb, participle) after "werd"; the participle is not repeated when the clause
# before ends in the same one ("principieel goedgekeurd op A en definitief op B")
_PASSIVE = {
    "principiele_goedkeuring": ("principieel", "goedgekeurd"),
    "definitieve_goedkeuring": ("definitief", "goedgekeurd"),
    "instemming": ("", "goedgekeurd"),
    "bekrachtiging": ("", "bekrachtigd en afgekondigd"),
}
# act → (singular, plural); "ontwerp" goes before it until the act is final
_NOUNS = {
    "decreet": ("decreet", "decreten"),
    "besluit": ("besluit", "besluiten"),
    "samenwerkingsakkoord": ("samenwerkingsakkoord", "samenwerkingsakkoorden"),
    "verdrag": ("verdrag", "verdragen"),
}
_DRAFTS = frozenset({"decreet", "besluit"})
_CONNECTIVES = ("over ", "houdende ", "betreffende ", "inzake ", "tot ", "met betrekking tot ",
                "voor ", "ter ")
_AMENDMENT = re.compile(r"^(?:tot|houdende)\s+(?:de\s+)?(?:wijziging|aanpassing|herverdeling)\b")
_FORMAL_MAX = 160  # longer formal titles read badly in a sentence: the short subject instead


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def _quoted(subject: str) -> str:
    return f"“{subject.rstrip('.,;: ')}”"


def _clauses(steps: tuple[DossierStep, ...]) -> list[str]:
    """"principieel goedgekeurd op A", "opnieuw op B", "definitief op C", ..."""
    clauses, previous_stage, previous_participle = [], None, ""
    for step in steps:
        when = f"op {long_date(step.meeting_date)}"
        if step.stage == previous_stage:
            clauses.append(f"opnieuw {when}")
            continue
        adverb, participle = _PASSIVE[step.stage or ""]
        if adverb and participle == previous_participle:
            clauses.append(f"{adverb} {when}")
        else:
            clauses.append(f"{adverb} {participle} {when}".strip())
        previous_stage, previous_participle = step.stage, participle
    return clauses


def _name(dossier: Dossier) -> str:
    """"Het ontwerpdecreet over ...", "De besluiten “...”"."""
    singular, plural = _NOUNS[dossier.instrument]
    noun = plural if dossier.plural else singular
    final = any(rung_of(dossier.instrument, s.stage) == 4 for s in dossier.steps)
    if dossier.instrument in _DRAFTS and not final:
        noun = "ontwerp" + noun
    article = "De" if dossier.plural else "Het"
    formal = dossier.formal_subject.rstrip(".,;: ")
    if _reads_well(dossier.instrument, formal):
        # a formal title with a clause of its own ("..., wat betreft X") closes with a comma
        return f"{article} {noun} {formal}" + ("," if ", " in formal else "")
    return f"{article} {noun} {_quoted(dossier.subject)}"


def _reads_well(instrument: str, formal: str) -> bool:
    """Whether the formal subject names the act better than the short title does: not for
    amendments ("tot wijziging van het besluit van ...": the short title says what changes),
    nor for long titles, nor for agreements (their formal title names the consent decree)."""
    lowered = formal.lower()
    return (instrument in _DRAFTS and 0 < len(formal) <= _FORMAL_MAX
            and lowered.startswith(_CONNECTIVES) and not _AMENDMENT.match(lowered))


def dossier_sentence(dossier: Dossier) -> str:
    """The dossier's timeline as one Dutch sentence with dates written out."""
    staged = dossier.instrument in _NOUNS and all(s.stage in _PASSIVE for s in dossier.steps)
    if staged and dossier.steps:
        verb = "werden" if dossier.plural else "werd"
        return f"{_name(dossier)} {verb} {_join(_clauses(dossier.steps))}."
    # not a stage of a regulation: what the government did, decision by decision
    parts = []
    for step in dossier.steps:
        when = long_date(step.meeting_date)
        if step.stage == "mededeling":
            parts.append(f"nam op {when} kennis van {_quoted(step.title)}")
        else:
            parts.append(f"besliste op {when} over {_quoted(step.title)}")
    return f"De Vlaamse Regering {_join(parts)}." if parts else ""

"""The instrument and the legislative stage of a decision, read from its type, title and text.

The published text starts with the short title, then the formal title ("Voorontwerp van
besluit van de Vlaamse Regering ...", "Ontwerpdecreet ...", "Bekrachtiging en afkondiging ...")
and then the summary, whose verb says what the government did ("keurt principieel goed",
"na advies van de Raad van State ... definitief", "kent ... toe"). The reading trusts the verb
in the summary first, the formal title next, the short title last.

Stage vocabulary (documented in docs/beslissingen.md):
    conceptnota              a concept or vision note (conceptnota, visienota, groen-/witboek)
    principiele_goedkeuring  draft decree or order approved in principle (voorontwerp)
    definitieve_goedkeuring  final approval of a decree draft or order (ontwerp, after advice
                             of the Raad van State where needed)
    bekrachtiging            a decree passed by parliament ratified and promulgated
    instemming               consent to a cooperation agreement or treaty
    toekenning               a subsidy or other grant awarded
    mededeling               a communication to the government, nothing decided
    andere                   anything else (appointments, advice, plans, reports, ...)
"""

from __future__ import annotations

import functools
import re

from beloftemeter.sources.decision_titles import split_text

STAGES = (
    "conceptnota",
    "principiele_goedkeuring",
    "definitieve_goedkeuring",
    "bekrachtiging",
    "instemming",
    "toekenning",
    "mededeling",
    "andere",
)

INSTRUMENTS = (
    "decreet",
    "besluit",
    "conceptnota",
    "visienota",
    "samenwerkingsakkoord",
    "verdrag",
    "subsidie",
    "benoeming",
    "advies",
    "mededeling",
    "overeenkomst",
    "plan",
    "andere",
)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _has(pattern: str, *texts: str) -> bool:
    search = _compiled(pattern).search
    return any(search(t) for t in texts if t)


_TITLE_PREFIX = re.compile(r"^(?:plan vlaamse veerkracht|covid-19|relance)\s*:\s*", re.IGNORECASE)

_RATIFICATION = r"bekrachtig\w*\s+en\s+(?:af)?kondig|bekrachtiging en afkondiging"
_PRINCIPLE = r"principi[eë]le\s+goedkeuring|\bprincipieel\b(?!\s+(?:kader|akkoord|standpunt))"
_DEFINITIVE = r"\bdefinitie(?:f|ve\s+goedkeuring)\b"
_AFTER_COUNCIL = r"\bna\s+(?:het\s+)?advies\s+van\s+(?:[^.]{0,120}?)de\s+raad\s+van\s+state"
# In the summary only the present tense counts: "besliste op 18 juni tot bekrachtiging" recalls
# an earlier decision (the one at hand then is, say, the order setting the decree in force).
_RATIFIED_NOW = (
    r"\b(?:beslist|besluit)\s+(?:\w+\s+){0,2}tot\s+bekrachtiging"
    r"|\bbekrachtigt\b[^.]{0,80}\bkondigt\b"
)
# A formal title that names a legislative act: the decision is that act, whatever note its
# short title mentions ("uitvoering visienota ...", "in het kader van de conceptnota ...").
_LEGISLATIVE_FORMAL = (
    r"^(?:[a-z]\.\s*)?(?:(?:\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+)?"
    r"(?:voorontwerp|ontwerp|bekrachtiging|ministeri[eë]le?\s+besluit)"
)
_CONSENT = (
    r"\bsamenwerkingsakkoord\w*|\bverdrag\w*\b|\binstemming\b|\bstemt\s+(?:\w+\s+){0,4}in\b"
)
_GRANT = (
    r"\bkent\s+(?:[^.]{0,120}?\s)?toe\b|toekenning van (?:een |de )?\w*(?:subsidie|steun|toelage)"
    r"|\bsubsidie\w*\b[^.]{0,60}\btoegekend|\bprojectsubsidie|\bverleent\s+[^.]{0,80}subsidie"
    r"|^(?:[a-z]\.\s*)?toekenning\b|\btot\s+toekenning\s+van\b|\bvoorziet\s+[\d.,]+\s*(?:miljoen\s+)?euro"
)


def _is_appointment(title: str, formal: str) -> bool:
    return _has(
        r"\b(?:her)?benoem|\baanstelling\b|\bvoordracht\b|\bontslag\b|\bvervanging\s+(?:van\s+)?"
        r"(?:de\s+)?(?:leden|lid|vertegenwoordiger)|\baanwijzing\s+(?:van\s+)?(?:de\s+)?"
        r"(?:leden|vertegenwoordiger|een\s+lid)|\baanduiding\s+van\s+(?:een\s+lid|de\s+leden)",
        title,
    ) or _has(r"^[^.]{0,60}\btot\s+(?:her)?benoeming\b|houdende\s+ontslag\s+en\s+benoeming",
              formal)


_NOTES = "conceptnota|visienota|groenboek|witboek"


def _is_note(title: str, formal: str, words: str = _NOTES) -> bool:
    """Whether the decision is itself one of the notes named by `words` (title unprefixed):
    the formal title opens with one, or the short title does ("Visienota 'Zonneplan 2025'",
    "Strategische Visienota ...", "dossier 17 Visienota ...") and no legislative formal title
    says otherwise. A title that merely cites a note ("uitvoering visienota ...", "in het kader
    van de conceptnota ...") does not make one."""
    if _has(rf"^(?:{words})", formal):
        return True
    if _has(_LEGISLATIVE_FORMAL, formal):
        return False
    return _has(rf"^(?:[\w-]+\s+){{0,2}}(?:{words})\b", title)


def read_stage(item_type: str, title: str, text: str) -> str:
    """The legislative stage (one of STAGES) read from type, title and text."""
    formal, summary = split_text(title, text)
    title = _TITLE_PREFIX.sub("", title)
    lead = summary[:1500]
    if _is_note(title, formal):
        return "conceptnota"
    if item_type.lower() == "mededeling":
        return "mededeling"
    if _has(_RATIFICATION, formal, title) or _has(_RATIFIED_NOW, lead[:600]):
        return "bekrachtiging"
    if _is_appointment(title, formal):
        return "andere"
    if _has(r"\bstemt\s+(?:\w+\s+){0,3}in\s+met\b", lead[:400]) and _has(
        r"samenwerkingsakkoord|verdrag|overeenkomst", title, formal[:300], lead[:400]
    ):
        return "instemming"
    if _has(_DEFINITIVE, lead):
        return "definitieve_goedkeuring"
    if _has(_PRINCIPLE, lead):
        return "principiele_goedkeuring"
    if _has(_AFTER_COUNCIL, lead):
        return "definitieve_goedkeuring"
    if _has(r"^(?:[a-z]\.\s*)?voorontwerp\s+(?:van\s+)?(?:besluit|decreet|samenwerk)", formal) or \
            _has(r"^voorontwerp", title):
        return "principiele_goedkeuring"
    if _has(_CONSENT, title, formal[:300]):
        return "instemming"
    if _has(r"subsidi|steun\b|toelage", title, formal) and _has(_GRANT, formal, lead[:800]):
        return "toekenning"
    if _has(r"^(?:[a-z]\.\s*)?(?:ontwerpdecreet|ontwerp van (?:\w+)?decreet)", formal) or _has(
        r"\bontwerpdecreet|\bontwerp van decreet", title
    ):
        return "definitieve_goedkeuring"
    if _has(r"^(?:[a-z]\.\s*)?(?:ontwerpbesluit|ontwerp van besluit|(?:\d+|twee|drie|vier|vijf|"
            r"zes|zeven|acht|negen|tien) ontwerpbesluiten)", formal):
        if _has(_GRANT, lead[:800]) and _has(r"subsidi|steun|toelage|euro", formal, lead[:800]):
            return "toekenning"
        return "definitieve_goedkeuring"
    if _has(_GRANT, lead[:800]) and _has(r"subsidi|steun|toelage", title, lead[:800]):
        return "toekenning"
    if _has(r"\bneemt\s+(?:er\s+)?(?:akte|kennis)\b", lead[:600]):
        return "mededeling"
    return "andere"


def read_instrument(item_type: str, title: str, text: str) -> str:
    """The instrument (one of INSTRUMENTS) read from type, title and text."""
    formal, summary = split_text(title, text)
    title = _TITLE_PREFIX.sub("", title)
    lead = summary[:800]
    if _is_note(title, formal, "conceptnota"):
        return "conceptnota"
    if _is_note(title, formal, "visienota"):
        return "visienota"
    if _has(r"\bsamenwerkingsakkoord", title, formal[:300]):
        return "samenwerkingsakkoord"
    if _has(r"\bverdrag\b|\bovereenkomst\s+(?:van|tot|inzake|tussen)\b[^.]{0,80}"
            r"(?:staten|koninkrijk|republiek|eurocontrol|internationa)", title, formal[:300]):
        return "verdrag"
    if item_type.lower() == "mededeling":
        return "mededeling"
    if _is_appointment(title, formal):
        return "benoeming"
    if _has(r"subsidi|steun\b|\btoelage\b", title, formal[:400]) and _has(_GRANT, formal, lead):
        return "subsidie"
    if _has(r"^(?:[\d.,]+\s*(?:miljoen\s*)?euro\b|(?:project|investerings)?subsidie\b)", title) \
            and not _has(r"besluit|decreet", title):
        return "subsidie"
    if _has(r"^(?:[a-z]\.\s*)?(?:voorontwerp\s+(?:van\s+)?|ontwerp\s+van\s+|ontwerp)"
            r"(?:\w+)?decreet|^bekrachtiging", formal):
        return "decreet"
    if _has(r"^(?:[a-z]\.\s*)?(?:voorontwerp\s+(?:van\s+)?|ontwerp\s+van\s+|ontwerp|"
            r"(?:\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+(?:ontwerp)?)"
            r"(?:\w+\s+)?besluit", formal):
        return "besluit"
    if _has(r"decreet\b|\bdecreten\b", title) and not _has(r"uitvoering", title):
        return "decreet"
    if _has(r"besluit\b|besluiten\b", title):
        return "besluit"
    if _has(r"overeenkomst|\bconvenant", title, formal[:200]):
        return "overeenkomst"
    if _has(r"^advies\b|\badvies (?:over|inzake|aan)\b", title):
        return "advies"
    # "plan" and every compound ending in it (actieplan, Zonneplan 2025, relanceplannen)
    if _has(r"plan(?:nen)?\b|\bstrategie\b", title):
        return "plan"
    return "andere"

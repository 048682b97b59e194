"""What a decision's titles say about the file it belongs to: the kind of act, a readable
subject and the words that identify the file across its stages.

The short title changes from stage to stage ("Fusie LOM's: voorontwerp wijzigingsdecreet",
"Fusie LOM's: ontwerp van wijzigingsdecreet"); the formal title changes less ("Voorontwerp
van decreet tot wijziging van ...", "Ontwerpdecreet tot wijziging van ...", "Bekrachtiging en
afkondiging van het decreet tot wijziging van ..., aangenomen door het Vlaams Parlement op
..."). Both are read with their stage and act words removed, so what is left is the subject.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from beloftemeter.models.decisions import Decision
from beloftemeter.search.dutch import Analyzer, fold, words
from beloftemeter.sources.decision_titles import split_text

# Acts that pass through stages (principle approval, advice, final approval, ratification).
REGULATORY_INSTRUMENTS = frozenset({"decreet", "besluit", "samenwerkingsakkoord", "verdrag"})
STAGE_STEPS = frozenset(
    {"principiele_goedkeuring", "definitieve_goedkeuring", "bekrachtiging", "instemming"})

_NUMBER = r"(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d+)"
_ACT = r"(?:\w*decre(?:et|ten)|\w*besluit(?:en)?)"
# The act words that open a formal title, up to the connective that starts its subject.
_FORMAL_LEAD = re.compile(
    rf"^(?:[a-z]\.\s*)?(?:{_NUMBER}\s+)?"
    r"(?:bekrachtiging\s+en\s+afkondiging\s+van\s+(?:het\s+)?|(?:voor)?ontwerp(?:en)?(?:\s+van)?\s*)?"
    rf"(?:ministeri[eë]le?\s+)?{_ACT}(?:\s+van\s+de\s+vlaamse\s+regering)?\s*",
    re.IGNORECASE,
)
_FORMAL_TAIL = re.compile(r",?\s*(?:aangenomen|goedgekeurd)\s+door\s+het\s+vlaams\s+parlement.*$",
                          re.IGNORECASE)
_PLURAL_LEAD = re.compile(
    rf"^(?:{_NUMBER}\s+(?:ontwerpbesluiten|voorontwerpen|ontwerpen|ministeri[eë]le\s+besluiten"
    r"|besluiten|decreten)|a\.\s.*\bb\.\s)",
    re.IGNORECASE,
)
_CONNECTIVE = re.compile(r"^(?:over|houdende|betreffende|inzake|tot|met\s+betrekking\s+tot)\s+",
                         re.IGNORECASE)
_AMENDMENT = re.compile(
    r"^(?:tot|houdende)\s+(?:de\s+)?(?:wijziging|aanpassing|uitvoering|herverdeling|opheffing)\b",
    re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:de|het|een)\s+", re.IGNORECASE)
_STAGE_WORDS = (
    r"(?:tweede\s+)?(?:principi[eë]le|definitieve)\s+goedkeuring(?:\s+na\s+advies[^-–:]*)?"
    r"|na\s+advies\s+van\s+de\s+raad\s+van\s+state"
    rf"|(?:goedkeuring\s+)?(?:voor)?ontwerp(?:\s+van)?\s*{_ACT}|{_ACT}"
)
# A stage or act phrase at either end of a short title, after or before a separator.
_TITLE_TAIL = re.compile(rf"\s*[-–:]\s*(?:{_STAGE_WORDS})\s*$", re.IGNORECASE)
_TITLE_LEAD = re.compile(
    r"^(?:(?:tweede\s+)?(?:principi[eë]le|definitieve)\s+goedkeuring\s+(?:van\s+)?"
    r"|bekrachtiging\s+en\s+afkondiging\s+(?:van\s+)?"
    rf"|(?:voor)?ontwerp(?:\s+van)?\s*{_ACT}(?:\s+van\s+de\s+vlaamse\s+regering)?\s*"
    rf"|(?:het\s+)?{_ACT}(?:\s+van\s+de\s+vlaamse\s+regering)?\s+"
    r"(?=over\b|houdende\b|betreffende\b|inzake\b|tot\b))",
    re.IGNORECASE,
)
# "voorontwerp" or "ontwerp (van)" before an act word inside a title ("...: voorontwerp
# wijzigingsdecreet toezichtsbepalingen"): the stage, not the subject
_DRAFT_WORD = re.compile(rf"\b(?:voor)?ontwerp(?:\s+van)?\s+(?={_ACT}\b)", re.IGNORECASE)
# Words every stage of every act carries: they say nothing about which file it is.
_ACT_TERMS = frozenset({
    "decreet", "besluit", "wijzigingsdecreet", "wijzigingsbesluit", "ontwerp", "voorontwerp",
    "ontwerpdecreet", "ontwerpbesluit", "wijziging", "goedkeuring", "principiele", "principieel",
    "definitieve", "definitief", "bekrachtiging", "afkondiging", "houdende", "betreffende",
    "inzake", "over", "aangenomen", "parlement",
})
_STEMMER = Analyzer()


@dataclass(frozen=True)
class Subject:
    """A decision read for its dossier: `kind` is the act (or the decision's instrument),
    `label` the readable short subject, `formal` the formal subject phrase ("over ..."),
    `title_terms` and `formal_terms` the stemmed words that identify the file."""

    kind: str
    staged: bool  # a regulatory act at one of its stages: may group with other stages
    label: str
    formal: str
    plural: bool
    amendment: bool  # the formal title changes another act without saying what ("wat betreft")
    title_terms: frozenset[str]
    formal_terms: frozenset[str]


def act_kind(instrument: str | None, formal: str) -> str:
    """The act a decision is a stage of: the formal title names it best (a subsidy scheme
    is an order, "Voorontwerp van besluit ..."); otherwise the instrument read earlier."""
    head = fold(formal[:160])
    if re.match(r"^(?:[a-z]\.\s*)?(?:bekrachtiging\s+en\s+afkondiging\s+van\s+(?:het\s+)?)?"
                r"(?:\w+\s+){0,2}\w*decre(?:et|ten)\b", head):
        if "samenwerkingsakkoord" in head:
            return "samenwerkingsakkoord"
        return "decreet"
    if re.match(r"^(?:[a-z]\.\s*)?(?:\w+\s+){0,2}\w*besluit(?:en)?\b", head):
        return "besluit"
    return instrument or "andere"


def label_of(title: str) -> str:
    """The short title without the stage and act words at its ends: "Vlaamse toetsen in het
    onderwijs" from "Ontwerpdecreet over Vlaamse toetsen in het onderwijs"."""
    label = title.strip()
    for _ in range(3):  # "...: ontwerp van wijzigingsdecreet - Definitieve goedkeuring"
        shorter = _TITLE_TAIL.sub("", label)
        if shorter == label:
            break
        label = shorter
    for _ in range(2):  # "Bekrachtiging en afkondiging" + "decreet over ..."
        label = _TITLE_LEAD.sub("", label, count=1)
    label = _DRAFT_WORD.sub("", label)
    label = _ARTICLE.sub("", _CONNECTIVE.sub("", label, count=1), count=1).strip(" -–:")
    if not label:
        return title.strip()
    return label[0].upper() + label[1:]


def formal_subject(formal: str) -> str:
    """The formal title from its connective on ("over de Vlaamse toetsen in het onderwijs"),
    "" when the formal title names no act."""
    formal = " ".join(formal.split())
    lead = _FORMAL_LEAD.match(formal)
    if not lead or not lead.group(0).strip():
        return ""
    return _FORMAL_TAIL.sub("", formal[lead.end():]).strip(" ,.")


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stem(word)


def terms(text: str) -> frozenset[str]:
    """Stemmed, folded words without stop words and act words."""
    return frozenset(_stem(w) for w in words(text) if w not in _ACT_TERMS)


def read_subject(decision: Decision) -> Subject:
    formal_title, _ = split_text(decision.title, decision.text)
    kind = act_kind(decision.instrument, formal_title)
    staged = kind in REGULATORY_INSTRUMENTS and decision.stage in STAGE_STEPS
    formal = formal_subject(formal_title)
    label = label_of(decision.title)
    return Subject(
        kind=kind,
        staged=staged,
        label=label,
        formal=formal,
        plural=bool(_PLURAL_LEAD.match(formal_title.strip())),
        amendment=bool(_AMENDMENT.match(formal)) and "wat betreft" not in formal.lower(),
        # only staged decisions are compared, so only they need their words
        title_terms=terms(label) if staged else frozenset(),
        formal_terms=terms(formal) if staged else frozenset(),
    )

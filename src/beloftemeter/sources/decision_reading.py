"""What can be read from a decision's title and text: instrument, legislative stage, euro
amounts, the public link, and a title where the source gave none.

The published text starts with the short title, then the formal title ("Voorontwerp van
besluit van de Vlaamse Regering ...", "Ontwerpdecreet ...", "Bekrachtiging en afkondiging ...")
and then the summary, whose verb says what the government did ("keurt principieel goed",
"na advies van de Raad van State ... definitief", "kent ... toe"). The reading trusts the verb
in the summary first, the formal title next, the short title last.

Stage vocabulary (documented in the README):
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
from collections.abc import Iterator

from beloftemeter.models.decisions import Decision, compute_content_hash

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

THEMIS_URL = "http://themis.vlaanderen.be/id/nieuwsbrief-info/{id}"
_HEX_ID = re.compile(r"^[0-9A-Fa-f]{24}$")

# Where the formal title starts inside the flattened text (case-sensitive: these open it).
_FORMAL_START = re.compile(
    r"(?<=\s)(?:Voorontwerp (?:van )?(?:besluit|decreet)|Ontwerpbesluit|Ontwerpdecreet"
    r"|Ontwerp van (?:besluit|decreet|ministerieel besluit)|Bekrachtiging en afkondiging"
    r"|(?:Twee|Drie|Vier|Vijf|Zes|Zeven|Acht|Negen|Tien|\d+) (?:ontwerpbesluiten|voorontwerpen"
    r"|ministeriële besluiten)"
    r"|Resolutie |Motie )"
)
_TITLE_MAX = 200


def _norm(text: str) -> str:
    return " ".join(text.split())


def derive_title(text: str) -> str:
    """A short title from the first words of the text (for items published without one)."""
    text = text.strip()
    cut = len(text)
    gap = re.search(r"\s{2,}", text)
    if gap:
        cut = gap.start()
    formal = _FORMAL_START.search(text, 1)
    if formal and formal.start() < cut:
        cut = formal.start()
    title = _norm(text[:cut])
    if len(title) > _TITLE_MAX:
        title = title[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"
    return title


def public_url(decision_id: str, source_url: str = "") -> str:
    """The public link: the themis form for 24-hex ids, else the source's own link if any."""
    if _HEX_ID.match(decision_id) or not source_url:
        return THEMIS_URL.format(id=decision_id)
    return source_url


# --- euro amounts -----------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_SCALE = r"miljoen|miljard|mio\.?|mln\.?|duizend"
_AMOUNT = re.compile(
    rf"(?:(?:€|\bEUR\b|\beuro\b)\s*(?P<n1>{_NUMBER})(?:\s*(?P<s1>{_SCALE}))?)"
    rf"|(?:\b(?P<n2>{_NUMBER})\s*(?:(?P<s2>{_SCALE})\s*)?(?:€|\bEUR\b|\beuro\b))",
    re.IGNORECASE,
)
_SCALES = {"miljoen": 1e6, "mio": 1e6, "mln": 1e6, "miljard": 1e9, "duizend": 1e3}


def _number_value(raw: str) -> float:
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[. ]\d{3})+(?:,\d+)?", raw):
        raw = raw.replace(".", "").replace(" ", "")
    return float(raw.replace(",", "."))


_WORD_NUMBERS = {
    "een": 1.0, "één": 1.0, "half": 0.5, "een half": 0.5, "anderhalf": 1.5, "twee": 2.0,
    "drie": 3.0, "vier": 4.0, "vijf": 5.0, "zes": 6.0, "zeven": 7.0, "acht": 8.0, "negen": 9.0,
    "tien": 10.0, "twintig": 20.0, "honderd": 100.0,
}
_WORD_AMOUNT = re.compile(
    r"\b(?P<w>een half|anderhalf|half|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien"
    r"|twintig|honderd)\s+(?P<s>miljoen|miljard)\s+euro\b",
    re.IGNORECASE,
)


_CURRENCY = re.compile(r"€|\beur(?:o)?\b", re.IGNORECASE)


def _amount_matches(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Amount matches, scanning only the text around each currency word (much faster than
    running the amount pattern over whole texts, most of which name no amount)."""
    spans: list[list[int]] = []
    for currency in _CURRENCY.finditer(text):
        start = max(0, currency.start() - 40)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = min(len(text), currency.end() + 40)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    for start, end in spans:
        yield from pattern.finditer(text, start, end)


def read_amounts(text: str) -> tuple[float, ...]:
    """Euro amounts in order of first appearance, each once: "633.000 euro" → 633000.0,
    "€ 1,5 miljoen" → 1500000.0, "2,3 miljoen euro" → 2300000.0, "een half miljoen euro"
    → 500000.0."""
    found: list[tuple[int, float]] = []
    if not _CURRENCY.search(text):
        return ()
    for match in _amount_matches(text, _AMOUNT):
        number = match.group("n1") or match.group("n2")
        scale = (match.group("s1") or match.group("s2") or "").lower().rstrip(".")
        try:
            value = _number_value(number) * _SCALES.get(scale, 1.0)
        except ValueError:
            continue
        found.append((match.start(), value))
    for match in _amount_matches(text, _WORD_AMOUNT):
        value = _WORD_NUMBERS[match.group("w").lower()] * _SCALES[match.group("s").lower()]
        found.append((match.start(), value))
    amounts: list[float] = []
    for _, value in sorted(found, key=lambda item: item[0]):
        value = round(value, 2)
        if value > 0 and value not in amounts:
            amounts.append(value)
    return tuple(amounts)


# --- instrument and stage -----------------------------------------------------------------


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _has(pattern: str, *texts: str) -> bool:
    search = _compiled(pattern).search
    return any(search(t) for t in texts if t)


_FORMAL_HEAD = re.compile(
    r"^(?:[A-Z]\.\s*)?(?:(?:\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+)?"
    r"(?:voorontwerp|ontwerp|bekrachtiging|conceptnota|visienota|toekenning|resolutie|motie"
    r"|ministeri[eë]le?\s+besluit)",
    re.IGNORECASE,
)
_TITLE_PREFIX = re.compile(r"^(?:plan vlaamse veerkracht|covid-19|relance)\s*:\s*", re.IGNORECASE)


def after_title(title: str, text: str) -> str:
    """The text after its leading title, matched with whitespace ignored (the published title
    and text often differ in spacing); the whole text if it does not start with the title."""
    if text.startswith(title):
        return text[len(title) :]
    wanted, seen = "".join(title.split()), 0
    for position, char in enumerate(text):
        if char.isspace():
            continue
        if seen >= len(wanted) or char != wanted[seen]:
            return text
        seen += 1
        if seen == len(wanted):
            return text[position + 1 :]
    return text


def split_text(title: str, text: str) -> tuple[str, str]:
    """(formal title, summary) from the flattened text, which starts with the short title."""
    rest = after_title(title, text).strip()
    parts = re.split(r"\s{2,}|\n", rest, maxsplit=1)
    if _FORMAL_HEAD.match(parts[0]):
        return parts[0], parts[1] if len(parts) == 2 else ""
    formal = _FORMAL_START.search(" " + parts[0])
    if formal and len(parts) == 2:  # a repeated short title precedes the formal title
        return parts[0][formal.start() - 1 :], parts[1]
    return "", rest


_BEKRACHTIGING = r"bekrachtig\w*\s+en\s+(?:af)?kondig|bekrachtiging en afkondiging"
_PRINCIPLE = r"principi[eë]le\s+goedkeuring|\bprincipieel\b(?!\s+(?:kader|akkoord|standpunt))"
_DEFINITIVE = r"\bdefinitie(?:f|ve\s+goedkeuring)\b"
_AFTER_COUNCIL = r"\bna\s+(?:het\s+)?advies\s+van\s+(?:[^.]{0,120}?)de\s+raad\s+van\s+state"
# In the summary only the present tense counts: "besliste op 18 juni tot bekrachtiging" recalls
# an earlier decision (the one at hand then is, say, the order setting the decree in force).
_BEKRACHTIGING_NOW = (
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
    if _has(_BEKRACHTIGING, formal, title) or _has(_BEKRACHTIGING_NOW, lead[:600]):
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


def read_decision(
    *,
    id: str,
    meeting_date: str,
    item_type: str,
    title: str,
    text: str,
    alternative_title: str = "",
    source_url: str = "",
) -> Decision:
    """A complete Decision from the source's fields: derive what is missing, read the rest."""
    text = text.strip()
    title = _norm(title) or derive_title(text)
    item_type = (item_type or "nota").strip().lower()
    fields = {
        "id": id,
        "meeting_date": meeting_date,
        "item_type": item_type,
        "title": title,
        "alternative_title": alternative_title.strip(),
        "text": text,
        "url": public_url(id, source_url),
        "source_url": source_url,
        "instrument": read_instrument(item_type, title, text),
        "stage": read_stage(item_type, title, text),
        "amounts": read_amounts(text),
    }
    return Decision(**fields, content_hash=compute_content_hash(**fields))


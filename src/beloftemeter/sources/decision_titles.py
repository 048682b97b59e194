"""A decision's titles and links: the short title where the source gave none, the formal title
and summary inside the published text, and the public link (only ever a web address)."""

from __future__ import annotations

import logging
import re

from beloftemeter.urls import is_web_url

log = logging.getLogger(__name__)

THEMIS_URL = "http://themis.vlaanderen.be/id/nieuwsbrief-info/{id}"
_HEX_ID = re.compile(r"^[0-9A-Fa-f]{24}$")

# Where the formal title starts inside the flattened text (case-sensitive: these open it).
FORMAL_START = re.compile(
    r"(?<=\s)(?:Voorontwerp (?:van )?(?:besluit|decreet)|Ontwerpbesluit|Ontwerpdecreet"
    r"|Ontwerp van (?:besluit|decreet|ministerieel besluit)|Bekrachtiging en afkondiging"
    r"|(?:Twee|Drie|Vier|Vijf|Zes|Zeven|Acht|Negen|Tien|\d+) (?:ontwerpbesluiten|voorontwerpen"
    r"|ministeriële besluiten)"
    r"|Resolutie |Motie )"
)
# A formal title at the start of the text after the short title (any case).
_FORMAL_HEAD = re.compile(
    r"^(?:[A-Z]\.\s*)?(?:(?:\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+)?"
    r"(?:voorontwerp|ontwerp|bekrachtiging|conceptnota|visienota|toekenning|resolutie|motie"
    r"|ministeri[eë]le?\s+besluit)",
    re.IGNORECASE,
)
_TITLE_MAX = 200


def squash_spaces(text: str) -> str:
    """Runs of whitespace as one space, none at either end."""
    return " ".join(text.split())


def derive_title(text: str) -> str:
    """A short title from the first words of the text (for items published without one)."""
    text = text.strip()
    cut = len(text)
    gap = re.search(r"\s{2,}", text)
    if gap:
        cut = gap.start()
    formal = FORMAL_START.search(text, 1)
    if formal and formal.start() < cut:
        cut = formal.start()
    title = squash_spaces(text[:cut])
    if len(title) > _TITLE_MAX:
        title = title[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"
    return title


def web_source_url(decision_id: str, source_url: str) -> str:
    """`source_url` when it is a web address, else "" with a warning: a link from outside is
    never trusted to be one (a dump line may hold `javascript:...`)."""
    if not source_url or is_web_url(source_url):
        return source_url
    log.warning("beslissing %s: bronlink genegeerd, geen http(s)-adres: %.80r",
                decision_id, source_url)
    return ""


def public_url(decision_id: str, source_url: str = "") -> str:
    """The public link: the themis form for 24-hex ids, else the source's own link if it is a
    web address."""
    if _HEX_ID.match(decision_id) or not is_web_url(source_url):
        return THEMIS_URL.format(id=decision_id)
    return source_url


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
    formal = FORMAL_START.search(" " + parts[0])
    if formal and len(parts) == 2:  # a repeated short title precedes the formal title
        return parts[0][formal.start() - 1 :], parts[1]
    return "", rest

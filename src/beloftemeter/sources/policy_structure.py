"""The structure of a policy document read from its text.

Two conventions of the Flemish Government's documents are recognised:

* a *plan* ("Horizontaal ... beleidsplan"): numbered goals ("1. De Nederlandse taal ..."),
  actions ("Actie 1.3: Digitale applicatie ...") each followed by a table of fields
  (Doelstellingen, Bevoegde beleidsdomeinen en ministers, Realisatie Regeerakkoord with pages
  and the quoted agreement text in <i>...</i>, Timing, Budget), and a table of contents that
  lists the actions with their page;
* a *policy note* (beleidsnota): strategic objectives ("1. Strategische doelstelling
  ‘Samenleven’: ...") and operational objectives ("OD 1.1. Vlaanderen versterkt ..."), their
  titles often wrapped over two lines.

What cannot be read is reported as a warning; whatever could be read is kept.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from beloftemeter.models.policy import Action, Objective, PolicyDocument

FIELDS = {
    "doelstellingen": "goals",
    "bevoegde beleidsdomeinen en ministers": "responsible",
    "bevoegde beleidsdomeinen": "responsible",
    "realisatie regeerakkoord": "agreement",
    "timing": "timing",
    "budget": "budget",
}
_PAGE_REF = r"(?:\.{2,}\s*|\s*\t\s*|\s{2,})(\d{1,3})\s*$"
_ACTION = re.compile(r"^\s*Actie\s+(\d+\.\d+)\s*:?\s*(.+?)\s*$")
_TOC_LINE = re.compile(r"^(.*?)" + _PAGE_REF)
_GOAL = re.compile(r"^\s*(\d{1,2})\.\s+(\S.{8,}?)\s*$")
_STRATEGIC_OBJECTIVE = re.compile(
    r"^\s*(\d{1,2})\.\s*Strategische doelstelling\s*:?\s*(.*?)\s*$", re.IGNORECASE
)
_OPERATIONAL_OBJECTIVE = re.compile(r"^\s*OD\s*(\d+\.\d+)\.?\s+(.+?)\s*$")
_FIELD = re.compile(r"^\s*([A-Za-zÀ-ÿ ]{4,45}?)\s*\t\s*(.*)$")
_QUOTE = re.compile(r"((?:pp?\.\s*[\d\s,–-]+(?:en\s+\d+)?)?)\s*<i>(.*?)</i>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]|\(\s*\.\.\.\s*\)")
_SECTION_END = re.compile(r"^\s*(Mogelijke acties|Actie\s+\d+\.\d+)", re.IGNORECASE)


def clean(text: str) -> str:
    return _SPACES.sub(" ", _TAGS.sub(" ", text.replace("*", ""))).strip()


def quote_pieces(quote: str) -> list[str]:
    """A quote split where the author left words out ("[...]"), each piece cleaned."""
    return [p for p in (clean(piece).strip(" .…") for piece in _ELLIPSIS.split(quote)) if p]


def document_id(path: str | Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-") or "document"


def parse_policy(text: str, source: str, title: str | None = None) -> PolicyDocument:
    lines = text.replace("\r\n", "\n").split("\n")
    warnings: list[str] = []
    toc, body_start = _table_of_contents(lines)
    objectives = _note_objectives(lines)
    actions = _plan_actions(lines, body_start, warnings)
    if not objectives:
        objectives = _plan_goals(lines, body_start)
    if toc:
        found = {a.number for a in actions}
        missing = [n for n, _ in toc if n not in found]
        if missing:
            warnings.append(f"De inhoudstafel noemt {len(toc)} acties; niet gevonden in de tekst:"
                            f" {', '.join(missing)}.")
    if not actions and not objectives:
        warnings.append("Geen doelstellingen of acties herkend: is dit een beleidsnota of"
                        " beleidsplan van de Vlaamse Regering?")
    name = title or _title(lines, source)
    return PolicyDocument(
        id=document_id(source), title=name, source=source,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        objectives=tuple(objectives), actions=tuple(actions), toc_actions=tuple(toc),
        warnings=tuple(warnings),
    )


def _title(lines: list[str], source: str) -> str:
    """The cover (the first lines in capitals) or else the file's name."""
    cover = []
    for line in lines[:40]:
        stripped = line.strip()
        if not stripped:
            if cover:
                break
            continue
        if re.match(r"^(?:[IVX]+|\d+)\.\s", stripped):
            break  # a numbered heading ("I. INLEIDING") is no cover
        if stripped.upper() == stripped and any(c.isalpha() for c in stripped):
            cover.append(stripped)
        elif cover:
            break
    if cover:
        return clean(" ".join(cover))[:200].capitalize()
    return Path(source).stem.replace("-", " ").replace("_", " ").capitalize()


def _table_of_contents(lines: list[str]) -> tuple[list[tuple[str, str]], int]:
    """(number, title) of the actions listed with a page, and the line after the contents."""
    toc: list[tuple[str, str]] = []
    last = 0
    for i, line in enumerate(lines[:400]):
        entry = _TOC_LINE.match(line)
        if not entry:
            continue
        action = _ACTION.match(entry.group(1).rstrip(". \t"))
        if action:
            toc.append((action.group(1), clean(action.group(2)).rstrip(". ")))
        last = i + 1
    return toc, last


def _plan_goals(lines: list[str], start: int) -> list[Objective]:
    """The plan's numbered goals: "1. ...", "2. ..." in sequence, from the heading
    "Doelstellingen en acties" on (numbered paragraphs before it are principles)."""
    heading = next((i for i in range(start, len(lines))
                    if lines[i].strip().lower().startswith("doelstellingen en acties")), start)
    goals: list[Objective] = []
    for line in lines[heading:]:
        match = _GOAL.match(line)
        if match and not _TOC_LINE.match(line) and int(match.group(1)) == len(goals) + 1 \
                and len(match.group(2)) < 400:
            goals.append(Objective("doel", match.group(1), clean(match.group(2))))
    return goals


def _note_objectives(lines: list[str]) -> list[Objective]:
    found: list[Objective] = []
    seen: set[tuple[str, str]] = set()
    for i, line in enumerate(lines):
        for kind, pattern in (("SD", _STRATEGIC_OBJECTIVE), ("OD", _OPERATIONAL_OBJECTIVE)):
            match = pattern.match(line)
            if not match or _TOC_LINE.match(line):
                continue
            title = match.group(2)
            # Wrapped titles continue on the next line until a blank line.
            for extra in lines[i + 1:i + 4]:
                if not extra.strip():
                    break
                title += " " + extra.strip()
            key = (kind, match.group(1))
            if key not in seen:
                seen.add(key)
                found.append(Objective(kind, match.group(1), clean(title)))
    return found


def _plan_actions(lines: list[str], start: int, warnings: list[str]) -> list[Action]:
    heads = [i for i in range(start, len(lines))
             if _ACTION.match(lines[i]) and not _TOC_LINE.match(lines[i])]
    actions: list[Action] = []
    for n, i in enumerate(heads):
        match = _ACTION.match(lines[i])
        end = heads[n + 1] if n + 1 < len(heads) else len(lines)
        for j in range(i + 1, end):  # an action ends at "Mogelijke acties" or the next goal
            if _SECTION_END.match(lines[j]) or (j > i + 3 and _looks_like_goal(lines, j)):
                end = j
                break
        fields: dict[str, str] = {}
        text: list[str] = []
        current = None
        for line in lines[i + 1:end]:
            labelled = _FIELD.match(line)
            label = labelled.group(1).strip().lower() if labelled else ""
            if labelled and label in FIELDS:
                current = FIELDS[label]
                fields[current] = (fields.get(current, "") + " " + labelled.group(2)).strip()
            elif current and line.strip() and not set(line.strip()) <= set("-| "):
                fields[current] += " " + line.strip()
            elif not current:
                text.append(line)
        agreement = fields.get("agreement", "")
        pages, pieces = [], []
        for quote in _QUOTE.finditer(agreement):
            if quote.group(1).strip():
                pages.append(clean(quote.group(1)))
            pieces += quote_pieces(quote.group(2))
        if agreement and not pieces:
            pieces = quote_pieces(re.sub(r"^\s*pp?\.\s*[\d\s,–-]+", "", agreement))
        number = match.group(1)
        actions.append(Action(
            number=number, title=clean(match.group(2)).strip(" .:"),
            objective=number.split(".")[0], text=clean(" ".join(text)),
            goals=clean(fields.get("goals", "")), responsible=clean(fields.get("responsible", "")),
            agreement_pages="; ".join(pages), agreement_quotes=tuple(pieces),
            timing=clean(fields.get("timing", "")), budget=clean(fields.get("budget", "")),
        ))
        if not fields:
            warnings.append(f"Actie {number}: geen velden (doelstellingen, ministers, timing,"
                            " budget) gevonden.")
    return actions


def _looks_like_goal(lines: list[str], j: int) -> bool:
    match = _GOAL.match(lines[j])
    return bool(match) and len(match.group(2)) > 30

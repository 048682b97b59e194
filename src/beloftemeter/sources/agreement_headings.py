"""Finding where each table-of-contents entry is printed in the body of an agreement PDF.

Entries are looked for in document order, from their printed page on: first with their number
("1.2.1" then the title, on one line or over a few), then by title alone (a heading printed
without number, or with another number than in the table of contents). A body heading may
differ slightly from its entry, so titles are compared as letters and digits and accepted
when nearly equal.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, replace

from beloftemeter.models.agreement import TocEntry
from beloftemeter.sources.agreement_layout import SOFT_HYPHEN, Layout, Line
from beloftemeter.sources.agreement_toc import toc_pages


def fold_to_alnum(text: str) -> str:
    """Letters and digits only, lower case, accents folded: for comparing headings and for
    finding body lines in the nodes' texts ("Werf 5: Flanders’ Care" → "werf5flanderscare")."""
    folded = unicodedata.normalize("NFKD", text.replace(SOFT_HYPHEN, "").casefold())
    return "".join(ch for ch in folded if ch.isalnum())


@dataclass(frozen=True)
class Heading:
    """Where one table-of-contents entry is printed: lines[start:end] of the body lines."""

    entry: TocEntry
    start: int  # index of the first heading line
    end: int  # index after the last heading line
    printed_number: str | None = None  # the number printed in the body, when it differs
    unnumbered: bool = False  # printed without number: a subheading, not a section


def match_title(lines: list[Line], index: int, title: str, first: str = "") -> int | None:
    """If the lines from `index` spell `title` (after `first`, the rest of the number line),
    the index after them. A body heading may differ slightly from the table of contents."""
    wanted = fold_to_alnum(title)
    got = fold_to_alnum(first)
    if got == wanted:
        return index
    if got and not _close(got, wanted[: len(got)]):
        return None
    position = index
    best: int | None = None
    while position < len(lines) and position < index + 6 and len(got) < 1.2 * len(wanted) + 5:
        line = lines[position]
        position += 1
        if line.role != "body":
            continue
        if position - 1 > index and line.page != lines[index].page:
            break
        got += fold_to_alnum(line.text)
        if got == wanted:
            return position
        if not _close(got[: len(wanted)], wanted[: len(got)]):
            break
        if len(got) >= 0.9 * len(wanted) and _close(got, wanted):
            best = position
    return best


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    if not a or not b:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def find_heading(lines: list[Line], cursor: int, entry: TocEntry) -> Heading | None:
    """The first place at or after `cursor`, on or after the entry's page, where it is printed.

    First with its number; failing that, by its title alone (a heading printed without number
    or with another number than in the table of contents)."""
    window = []
    for index in range(cursor, len(lines)):
        page = lines[index].page
        if page > entry.page + 2:
            break
        if page >= entry.page - 1 and lines[index].role == "body":
            window.append(index)
    for index in window:
        end = _match_numbered(lines, index, entry)
        if end is not None:
            return Heading(entry, index, end)
    for index in window:
        end = match_title(lines, index, entry.title)
        if end is not None and end > index:
            previous = lines[index - 1].text if index > 0 else ""
            if entry.kind == "section" and re.fullmatch(r"\d+(\.\d+)+\.?", previous):
                return Heading(entry, index - 1, end, printed_number=previous.rstrip("."))
            return Heading(entry, index, end, unnumbered=entry.kind == "section")
    return None


def _match_numbered(lines: list[Line], index: int, entry: TocEntry) -> int | None:
    if entry.kind == "part":
        return match_title(lines, index, entry.title)
    text = lines[index].text
    number = entry.number or ""
    if text == number or text == number + ".":
        return match_title(lines, index + 1, entry.title)
    if text.startswith(number + " ") or text.startswith(number + ". "):
        rest = text[len(number) :].lstrip(". ")
        if entry.kind == "chapter":
            rest = rest.lstrip("—–- ")
        return match_title(lines, index + 1, entry.title, first=rest)
    return None


def page_offset(layout: Layout, toc: tuple[TocEntry, ...]) -> int:
    """PDF page minus printed page: where the first entry of the table of contents really is
    (0 when the printed numbers are the PDF's page numbers, tried first)."""
    after = max(toc_pages(layout), default=0)
    lines = [line for line in layout.lines if line.page > after]
    entry = toc[0]
    for guess in sorted(range(-30, 31), key=abs):
        heading = find_heading(lines, 0, replace(entry, page=entry.page + guess))
        if heading is not None:
            return lines[heading.start].page - entry.page
    return 0

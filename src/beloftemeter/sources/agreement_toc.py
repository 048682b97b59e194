"""The printed table of contents of an agreement PDF: numbers, titles and printed pages.

The table of contents is the ground truth for the tree: its entries are parts (a title in
capitals), chapters ("3 — Titel") and numbered sections ("1.2.1 ..."), each ending in the
page it starts on. A title wrapped over two lines is joined.
"""

from __future__ import annotations

import re

from beloftemeter.errors import InputError
from beloftemeter.models.agreement import TocEntry
from beloftemeter.sources.agreement_layout import SOFT_HYPHEN, Layout, Line

_TOC_TITLES = {"inhoudstafel", "inhoud", "inhoudsopgave", "inhoudstabel"}
_SECTION_ENTRY = re.compile(r"^(?P<number>\d+(?:\.\d+)+)\.?\s+(?P<title>.+?)\s*(?P<page>\d+)$")
_CHAPTER_ENTRY = re.compile(r"^(?P<number>\d+)\s*[—–-]\s*(?P<title>.+?)\s*(?P<page>\d+)$")
_PART_ENTRY = re.compile(r"^(?P<title>[^a-z\d][^a-z]*?[A-Z][^a-z]*?)\s*(?P<page>\d+)$")
_ENTRY_START = re.compile(r"^(\d+(?:\.\d+)*\.?\s|\d+\s*[—–-]\s)")


def parse_toc(layout: Layout, name: str = "PDF") -> tuple[TocEntry, ...]:
    """Entries of the printed table of contents, in order. Raises InputError (naming the file
    `name`) when there is none."""
    pages = toc_pages(layout)
    if not pages:
        raise InputError(
            f"Geen inhoudstafel gevonden (is dit een regeerakkoord met een inhoudstafel?): {name}"
        )
    entries: list[TocEntry] = []
    pending = ""
    for line in layout.lines:
        if line.page not in pages or line.role != "body":
            continue
        text = line.text
        if text.casefold() in _TOC_TITLES:
            continue
        candidate = f"{pending} {text}".strip() if pending else text
        entry = _toc_entry(candidate)
        if entry is not None:
            entries.append(entry)
            pending = ""
        elif _ENTRY_START.match(candidate) or (candidate.isupper() and len(candidate) < 120):
            pending = candidate  # a title wrapped over two lines
        else:
            pending = ""
    if len(entries) < 3:
        raise InputError(
            f"Geen bruikbare inhoudstafel gevonden (te weinig genummerde regels): {name}"
        )
    return tuple(entries)


def toc_pages(layout: Layout) -> set[int]:
    """The table-of-contents pages: from a page titled "Inhoudstafel" on, while lines end in a
    page number."""
    by_page: dict[int, list[Line]] = {}
    for line in layout.lines:
        by_page.setdefault(line.page, []).append(line)
    start = None
    for page in sorted(by_page):
        if any(line.text.casefold() in _TOC_TITLES for line in by_page[page]):
            start = page
            break
    if start is None:
        return set()
    pages = set()
    for page in range(start, layout.page_count + 1):
        body = [line for line in by_page.get(page, []) if line.role == "body"]
        numbered = sum(1 for line in body if re.search(r"\s\d+$", line.text))
        if not body or numbered < 0.5 * len(body):
            break
        pages.add(page)
    return pages


def _toc_entry(text: str) -> TocEntry | None:
    for kind, pattern in (("section", _SECTION_ENTRY), ("chapter", _CHAPTER_ENTRY)):
        match = pattern.match(text)
        if match:
            title = _clean_title(match["title"])
            return TocEntry(kind, match["number"], title, int(match["page"]))
    match = _PART_ENTRY.match(text)
    if match and len(match["title"]) > 2:
        return TocEntry("part", None, _clean_title(match["title"]), int(match["page"]))
    return None


def _clean_title(title: str) -> str:
    title = re.sub(r"(?:\s*[.…·_]){2,}\s*$", "", title)  # dot leaders before the page number
    return " ".join(title.replace(SOFT_HYPHEN, "").split()).strip()

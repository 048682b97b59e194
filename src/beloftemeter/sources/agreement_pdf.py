"""Agreement PDF → a tree of parts, chapters and numbered sections with clean text.

The printed table of contents is the ground truth for numbers, titles and pages: it is parsed
first, then each entry's heading is located in the body in document order, starting from its
printed page. The body text between two consecutive headings belongs to the earlier node.
Nothing here knows a particular agreement: only the conventions (a table of contents with
numbered entries and page numbers, numbered headings, running headers and footers in the
page margins). Reading lines is `agreement_layout`, cleaning text is `agreement_text`.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from beloftemeter.errors import InputError
from beloftemeter.models.agreement import Agreement, Node, TocEntry
from beloftemeter.sources.agreement_layout import (
    SOFT_HYPHEN,
    TEXT_ROLES,
    Layout,
    Line,
    read_bytes,
    read_layout,
)
from beloftemeter.sources.agreement_text import join_lines, line_pitch, vocabulary_of

log = logging.getLogger(__name__)

_TOC_TITLES = {"inhoudstafel", "inhoud", "inhoudsopgave", "inhoudstabel"}
_SECTION_ENTRY = re.compile(r"^(?P<number>\d+(?:\.\d+)+)\.?\s+(?P<title>.+?)\s*(?P<page>\d+)$")
_CHAPTER_ENTRY = re.compile(r"^(?P<number>\d+)\s*[—–-]\s*(?P<title>.+?)\s*(?P<page>\d+)$")
_PART_ENTRY = re.compile(r"^(?P<title>[^a-z\d][^a-z]*?[A-Z][^a-z]*?)\s*(?P<page>\d+)$")
_ENTRY_START = re.compile(r"^(\d+(?:\.\d+)*\.?\s|\d+\s*[—–-]\s)")


# ---------------------------------------------------------------------------------------------
# The table of contents


def parse_toc(layout: Layout) -> tuple[TocEntry, ...]:
    """Entries of the printed table of contents, in order. Raises InputError when there is none."""
    pages = _toc_pages(layout)
    if not pages:
        raise InputError(
            "Geen inhoudstafel gevonden: is dit een regeerakkoord met een inhoudstafel?"
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
        raise InputError("Geen bruikbare inhoudstafel gevonden (te weinig genummerde regels).")
    return tuple(entries)


def _toc_pages(layout: Layout) -> set[int]:
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


# ---------------------------------------------------------------------------------------------
# Locating headings in the body


def _norm(text: str) -> str:
    """Letters and digits only, lower case, accents folded: for comparing headings."""
    folded = unicodedata.normalize("NFKD", text.replace(SOFT_HYPHEN, "").casefold())
    return "".join(ch for ch in folded if ch.isalnum())


@dataclass(frozen=True)
class _Heading:
    entry: TocEntry
    start: int  # index of the first heading line
    end: int  # index after the last heading line
    printed_number: str | None = None  # the number printed in the body, when it differs
    unnumbered: bool = False  # printed without number: a subheading, not a section


def _match_title(lines: list[Line], index: int, title: str, first: str = "") -> int | None:
    """If the lines from `index` spell `title` (after `first`, the rest of the number line),
    the index after them. A body heading may differ slightly from the table of contents."""
    wanted = _norm(title)
    got = _norm(first)
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
        got += _norm(line.text)
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


def _find_heading(lines: list[Line], cursor: int, entry: TocEntry) -> _Heading | None:
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
            return _Heading(entry, index, end)
    for index in window:
        end = _match_title(lines, index, entry.title)
        if end is not None and end > index:
            previous = lines[index - 1].text if index > 0 else ""
            if entry.kind == "section" and re.fullmatch(r"\d+(\.\d+)+\.?", previous):
                return _Heading(entry, index - 1, end, printed_number=previous.rstrip("."))
            return _Heading(entry, index, end, unnumbered=entry.kind == "section")
    return None


def _match_numbered(lines: list[Line], index: int, entry: TocEntry) -> int | None:
    if entry.kind == "part":
        return _match_title(lines, index, entry.title)
    text = lines[index].text
    number = entry.number or ""
    if text == number or text == number + ".":
        return _match_title(lines, index + 1, entry.title)
    if text.startswith(number + " ") or text.startswith(number + ". "):
        rest = text[len(number) :].lstrip(". ")
        if entry.kind == "chapter":
            rest = rest.lstrip("—–- ")
        return _match_title(lines, index + 1, entry.title, first=rest)
    return None


# ---------------------------------------------------------------------------------------------
# The tree


def slugify(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def _display_part_title(entry: TocEntry, lines: list[Line], heading: _Heading | None) -> str:
    """The part title as printed on its own page, not in the capitals of the table of contents."""
    if heading is not None:
        printed = " ".join(lines[i].text for i in range(heading.start, heading.end))
        if _norm(printed) == _norm(entry.title):
            return " ".join(printed.split())
    lowered = entry.title.casefold()
    return lowered[:1].upper() + lowered[1:]


def parse_agreement(
    source: bytes | str | Path,
    progress: Callable[[int], None] | None = None,
    name: str | None = None,
) -> Agreement:
    """Parse an agreement PDF (bytes or a path) into its tree. Pure: no store access.

    `name` (the file or URL the bytes came from) is what error messages and `source` show.
    Raises InputError (Dutch) for an empty, broken, encrypted or non-PDF file, or a PDF without
    a usable table of contents.
    """
    data = read_bytes(source)
    if name is None:
        name = "PDF" if isinstance(source, bytes | bytearray) else str(source)
    layout = read_layout(data, progress, name)
    toc = parse_toc(layout)
    nodes, _, mismatches = _build_tree(layout, toc)
    title = _document_title(layout)
    return Agreement(
        title=title,
        source=name,
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=layout.page_count,
        nodes=tuple(nodes),
        toc=toc,
        toc_mismatches=tuple(mismatches),
    )


def _document_title(layout: Layout) -> str:
    first = [line.text for line in layout.lines if line.page == 1]
    return " ".join(first)[:200] or "Regeerakkoord"


def _mark_back_cover(lines: list[Line]) -> list[Line]:
    """The pages at the very end that carry no page number, where the body pages do (a back
    cover with the publisher's address), are no part of the last section."""
    numbered = {
        line.page for line in lines if line.role == "footer" and line.text == str(line.page)
    }
    pages = sorted({line.page for line in lines})
    if len(numbered) < 0.8 * len(pages):
        return lines
    cover = set()
    for page in reversed(pages):
        if page in numbered:
            break
        cover.add(page)
    if not cover:
        return lines
    return [replace(line, role="cover") if line.page in cover else line for line in lines]


def _page_offset(layout: Layout, toc: tuple[TocEntry, ...]) -> int:
    """PDF page minus printed page: where the first entry of the table of contents really is
    (0 when the printed numbers are the PDF's page numbers, tried first)."""
    after = max(_toc_pages(layout), default=0)
    lines = [line for line in layout.lines if line.page > after]
    entry = toc[0]
    for guess in sorted(range(-30, 31), key=abs):
        heading = _find_heading(lines, 0, replace(entry, page=entry.page + guess))
        if heading is not None:
            return lines[heading.start].page - entry.page
    return 0


def _build_tree(
    layout: Layout, toc: tuple[TocEntry, ...]
) -> tuple[list[Node], list[Line], list[str]]:
    """Nodes in document order, the body lines with heading lines marked, and where the table
    of contents differs from the headings printed in the text (Dutch, one line each)."""
    offset = _page_offset(layout, toc)
    if offset:
        log.info("gedrukte paginanummers = PDF-pagina's - %d", offset)
    # From here on pages are printed page numbers, as in the table of contents.
    lines = [
        replace(line, page=line.page - offset) if offset else line
        for line in layout.lines
        if line.page - offset >= toc[0].page
    ]
    lines = _mark_back_cover(lines)
    headings: list[_Heading | None] = []
    cursor = 0
    for entry in toc:
        heading = _find_heading(lines, cursor, entry)
        if heading is None:
            log.warning("kop niet gevonden in de tekst: %s %s (p. %d)",
                        entry.number or "", entry.title, entry.page)
        else:
            cursor = heading.end
        headings.append(heading)
    mismatches: list[str] = []
    skipped: set[int] = set()
    for position, heading in enumerate(headings):
        if heading is None:
            continue
        label = f"{heading.entry.number} {heading.entry.title}"
        if heading.unnumbered:
            # The body prints this table-of-contents entry as a plain subheading: it stays in
            # the text of the section above it.
            mismatches.append(f"{label}: in de tekst een tussentitel zonder nummer")
            headings[position] = None
            skipped.add(position)
        elif heading.printed_number:
            mismatches.append(f"{label}: in de tekst genummerd als {heading.printed_number}")
    for message in mismatches:
        log.info("inhoudstafel wijkt af van de tekst: %s", message)
    found = [h for h in headings if h is not None]
    if not found:
        raise InputError("Geen enkele titel uit de inhoudstafel gevonden in de tekst van de PDF.")
    for heading in found:
        for index in range(heading.start, heading.end):
            if lines[index].role == "body":
                lines[index] = replace(lines[index], role="heading")
    pitch = line_pitch([line for line in lines if line.role == "body"])
    vocabulary = vocabulary_of(lines)

    nodes: list[Node] = []
    used_chapter_keys: set[str] = set()
    part_title = ""
    part_key: str | None = None
    chapter_key: str | None = None
    chapter_label: str | None = None
    part_count = 0
    # Parent stack for sections: number → key
    section_keys: dict[str, str] = {}
    for position, (entry, heading) in enumerate(zip(toc, headings, strict=True)):
        next_start = len(lines)
        for later in headings[position + 1 :]:
            if later is not None:
                next_start = later.start
                break
        if position in skipped:
            continue
        if heading is not None:
            body = lines[heading.end : next_start]
            text, page_starts = join_lines(body, pitch, vocabulary)
            first = lines[heading.start].page
            body_pages = [line.page for line in body if line.role in TEXT_ROLES]
            last = max(body_pages) if body_pages else first
        else:
            text, page_starts, first, last = "", (), entry.page, entry.page
        if entry.kind == "part":
            part_count += 1
            part_title = _display_part_title(entry, lines, heading)
            part_key = f"deel-{part_count}-{slugify(part_title)}"
            chapter_key = chapter_label = None
            section_keys = {}
            nodes.append(Node(part_key, "part", part_title, None, None, part_title, first, last,
                              text, None, 0, len(nodes), page_starts))
        elif entry.kind == "chapter":
            chapter_label = f"{entry.number} — {entry.title}"
            chapter_key = slugify(entry.title)
            if chapter_key in used_chapter_keys:
                chapter_key = f"{slugify(part_title)}-{chapter_key}"
            used_chapter_keys.add(chapter_key)
            section_keys = {}
            nodes.append(Node(chapter_key, "chapter", part_title, chapter_label, entry.number,
                              entry.title, first, last, text, part_key, 1, len(nodes),
                              page_starts))
        else:
            number = (heading.printed_number if heading else None) or entry.number or ""
            parent_number = number.rsplit(".", 1)[0]
            parent = section_keys.get(parent_number, chapter_key)
            base = chapter_key or (part_key or "akkoord")
            key = f"{base}/{number}"
            while key in section_keys.values() or any(n.key == key for n in nodes[-50:]):
                key += "-bis"
            section_keys[number] = key
            nodes.append(Node(key, "section", part_title, chapter_label, number, entry.title,
                              first, last, text, parent, number.count(".") + 1, len(nodes),
                              page_starts))
    return _span_subsections(nodes), lines, mismatches


def _span_subsections(nodes: list[Node]) -> list[Node]:
    """A node's last page is that of its last subsection when that comes later ("1.2" runs
    until "1.2.8" ends), so the page range covers everything printed under its heading."""
    last = {node.key: node.last_page for node in nodes}
    for node in reversed(nodes):
        if node.parent_key is not None:
            last[node.parent_key] = max(last[node.parent_key], last[node.key])
    return [replace(node, last_page=last[node.key]) for node in nodes]


def body_lines(source: bytes | str | Path) -> list[Line]:
    """The lines from the first part on, each marked body, heading, header or footer
    (for measuring how much of the body the nodes cover)."""
    layout = read_layout(source)
    toc = parse_toc(layout)
    _, lines, _ = _build_tree(layout, toc)
    return lines


def body_coverage(lines: list[Line], nodes: tuple[Node, ...] | list[Node]) -> tuple[int, int]:
    """(covered, total) characters of the body lines found, in order, in the nodes' texts.

    Body lines are those marked "body" by `body_lines` (headers, footers and headings left
    out); letters and digits only are compared, so repaired hyphenation and spacing count as
    covered while a dropped or misplaced line does not."""
    haystack = "".join(_norm(node.text) for node in nodes)
    cursor = covered = total = 0
    for line in lines:
        if line.role not in TEXT_ROLES:
            continue
        needle = _norm(line.text)
        if not needle:
            continue
        total += len(needle)
        found = haystack.find(needle, cursor, cursor + 20 * len(needle) + 2000)
        if found >= 0:
            covered += len(needle)
            cursor = found + len(needle)
    return covered, total

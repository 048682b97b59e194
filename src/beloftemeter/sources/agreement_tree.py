"""The located headings of an agreement PDF → its tree of parts, chapters and numbered sections.

The body text between two consecutive headings belongs to the earlier node. Pages are the
printed page numbers of the table of contents; a node's page range covers its subsections.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, replace

from beloftemeter.errors import InputError
from beloftemeter.models.agreement import Node, TocEntry
from beloftemeter.sources.agreement_headings import (
    Heading,
    find_heading,
    fold_to_alnum,
    page_offset,
)
from beloftemeter.sources.agreement_layout import TEXT_ROLES, Layout, Line
from beloftemeter.sources.agreement_text import join_lines, line_pitch, vocabulary_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Tree:
    """Nodes in document order, the body lines with heading lines marked, where the table of
    contents differs from the headings printed in the text and the entries not found in it
    (Dutch, one line each)."""

    nodes: list[Node]
    lines: list[Line]
    mismatches: list[str]
    missing: list[str]


def slugify(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def build_tree(layout: Layout, toc: tuple[TocEntry, ...], name: str = "PDF") -> Tree:
    """The tree of the agreement. Raises InputError (naming the file `name`) when no entry is
    found in the body: a PDF cut short after its table of contents, or not an agreement."""
    offset = page_offset(layout, toc)
    if offset:
        log.info("gedrukte paginanummers = PDF-pagina's - %d", offset)
    # From here on pages are printed page numbers, as in the table of contents.
    lines = [
        replace(line, page=line.page - offset) if offset else line
        for line in layout.lines
        if line.page - offset >= toc[0].page
    ]
    lines = _mark_back_cover(lines)
    headings, missing = _locate_headings(lines, toc)
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
        raise InputError(
            "Geen enkele titel uit de inhoudstafel gevonden in de tekst (is de PDF onvolledig?):"
            f" {name}"
        )
    for heading in found:
        for index in range(heading.start, heading.end):
            if lines[index].role == "body":
                lines[index] = replace(lines[index], role="heading")
    nodes = _nodes(toc, headings, skipped, lines)
    return Tree(_span_subsections(nodes), lines, mismatches, missing)


def _locate_headings(
    lines: list[Line], toc: tuple[TocEntry, ...]
) -> tuple[list[Heading | None], list[str]]:
    """Each entry's heading in document order (None where not found), and the entries not
    found. Those are logged at debug level only: a failed import shows its one error line, a
    successful one a summary (`parse_agreement`)."""
    headings: list[Heading | None] = []
    missing: list[str] = []
    cursor = 0
    for entry in toc:
        heading = find_heading(lines, cursor, entry)
        if heading is None:
            label = f"{entry.number or ''} {entry.title} (p. {entry.page})".strip()
            log.debug("kop niet gevonden in de tekst: %s", label)
            missing.append(label)
        else:
            cursor = heading.end
        headings.append(heading)
    return headings, missing


def _nodes(
    toc: tuple[TocEntry, ...],
    headings: list[Heading | None],
    skipped: set[int],
    lines: list[Line],
) -> list[Node]:
    """One node per entry not skipped, with the body text up to the next heading found."""
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
    return nodes


def _display_part_title(entry: TocEntry, lines: list[Line], heading: Heading | None) -> str:
    """The part title as printed on its own page, not in the capitals of the table of contents."""
    if heading is not None:
        printed = " ".join(lines[i].text for i in range(heading.start, heading.end))
        if fold_to_alnum(printed) == fold_to_alnum(entry.title):
            return " ".join(printed.split())
    lowered = entry.title.casefold()
    return lowered[:1].upper() + lowered[1:]


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


def _span_subsections(nodes: list[Node]) -> list[Node]:
    """A node's last page is that of its last subsection when that comes later ("1.2" runs
    until "1.2.8" ends), so the page range covers everything printed under its heading."""
    last = {node.key: node.last_page for node in nodes}
    for node in reversed(nodes):
        if node.parent_key is not None:
            last[node.parent_key] = max(last[node.parent_key], last[node.key])
    return [replace(node, last_page=last[node.key]) for node in nodes]

"""Agreement PDF → its printed lines, with positions and roles, in reading order.

pypdfium2 gives text rectangles in reading order (column by column on a two-column page);
rectangles at the same height are merged into lines. Lines in the top and bottom margins are
running headers and footers (part and chapter names, page numbers); small print at the foot of
a page that starts with a number is a footnote and is moved after the sentence citing it.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pypdfium2 as pdfium

from beloftemeter.errors import InputError
from beloftemeter.sources.capped_file import DEFAULT_MAX_PDF_BYTES, check_size, read_capped

SOFT_HYPHEN = "\u00ad"
# pdfium reports a soft hyphen at a line end as \x02 (bounded text) or U+FFFE (full text);
# some producers write a "not sign" where a word processor had an optional hyphen.
_SOFT_HYPHENS = str.maketrans({"\x02": SOFT_HYPHEN, "\ufffe": SOFT_HYPHEN, "¬": SOFT_HYPHEN})

# A line ending like this ends a sentence (or a list item introduced by a colon).
SENTENCE_END = re.compile(r"[.!?:;…”\"')]$")

# Roles whose lines are text of the agreement (the others: header, footer, heading, cover).
TEXT_ROLES = frozenset({"body", "footnote"})

# Running headers live in the top 8 % of the page, page numbers and footers in the bottom 6 %.
HEADER_ZONE = 0.92
FOOTER_ZONE = 0.06


@dataclass(frozen=True)
class Line:
    """One printed line of one column, with its position (PDF points, origin bottom left)."""

    page: int  # 1-based
    left: float
    bottom: float
    right: float
    top: float
    text: str
    role: str = "body"  # body, footnote, header, footer, heading, cover

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass(frozen=True)
class Layout:
    """Every line of the document in reading order, with the page size and page count."""

    lines: tuple[Line, ...]
    page_count: int
    page_height: float


def read_bytes(
    source: bytes | str | Path, max_bytes: int = DEFAULT_MAX_PDF_BYTES, name: str = "PDF"
) -> bytes:
    """The PDF's bytes, never more than `max_bytes` of them (setting max_pdf_mb): a larger
    file, a directory or anything that is not a regular file is refused with InputError.
    `name` names bytes given directly in that error."""
    if isinstance(source, bytes | bytearray):
        check_size(len(source), max_bytes, name)
        return bytes(source)
    return read_capped(source, max_bytes, "Dit is een map, geen PDF-bestand")


def open_pdf(data: bytes, name: str) -> pdfium.PdfDocument:
    if not data:
        raise InputError(f"Het bestand is leeg: {name}")
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"Dit is geen PDF-bestand: {name}")
    if b"%%EOF" not in data[-2048:]:
        # A truncated download still opens in pdfium (it repairs), but pages are missing.
        raise InputError(f"De PDF is onvolledig of beschadigd (het einde ontbreekt): {name}")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(
                f"De PDF is versleuteld (beveiligd met een wachtwoord): {name}"
            ) from exc
        raise InputError(f"De PDF is beschadigd en kan niet gelezen worden: {name}") from exc


def read_layout(
    source: bytes | str | Path,
    progress: Callable[[int], None] | None = None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_PDF_BYTES,
) -> Layout:
    """All lines of the PDF with positions, headers and footers marked. Raises InputError."""
    if name is None:
        name = "PDF" if isinstance(source, bytes | bytearray) else str(source)
    data = read_bytes(source, max_bytes, name)
    document = open_pdf(data, name)
    try:
        page_count = len(document)
        if page_count == 0:
            raise InputError(f"De PDF heeft geen pagina's: {name}")
        lines: list[Line] = []
        height = 0.0
        for index in range(page_count):
            try:
                page = document[index]
                height = page.get_height()
                lines.extend(_page_lines(page, index + 1, height))
            except pdfium.PdfiumError as exc:
                raise InputError(
                    f"De PDF is beschadigd: pagina {index + 1} kan niet gelezen worden ({name})"
                ) from exc
            if progress is not None:
                progress(1)
        return Layout(tuple(_place_footnotes(lines, height)), page_count, height)
    finally:
        document.close()


def _place_footnotes(lines: list[Line], page_height: float) -> list[Line]:
    """Footnotes (small print at the foot of a page, starting with their number) are marked
    and moved after the sentence that cites them (the line with their number glued to a word,
    "principe”5"), or, without such a line, after the first sentence that ends once the page's
    text has; so they never split a sentence nor land in a later section."""
    heights = [line.height for line in lines if line.role == "body"]
    if not heights:
        return lines
    small = 0.75 * statistics.median(heights)
    result: list[Line] = []
    notes: list[tuple[int, int, list[Line]]] = []  # (anchor index in result, page, lines)
    for _, group in itertools.groupby(lines, key=lambda line: line.page):
        page = list(group)
        small_print = [
            line for line in page
            if line.role == "body" and line.height < small and line.top < page_height * 0.15
        ]
        if not any(re.match(r"^\d{1,3}\s", line.text) for line in small_print):
            result.extend(page)
            continue
        marked = {id(line) for line in small_print}
        page_start = len(result)
        result.extend(line for line in page if id(line) not in marked)
        for note in _split_notes([replace(line, role="footnote") for line in small_print]):
            number = re.match(r"^(\d{1,3})\s", note[0].text)
            anchor = len(result) - 1
            if number is not None:
                citation = re.compile(rf"[^\W\d]{number[1]}(?!\d)|[”’\")]{number[1]}(?!\d)")
                for index in range(len(result) - 1, page_start - 1, -1):
                    if result[index].role == "body" and citation.search(result[index].text):
                        anchor = index
                        break
            notes.append((anchor, note[0].page, note))
    after: dict[int, list[Line]] = {}
    for anchor, page, note in notes:
        after.setdefault(_sentence_end(result, anchor, page), []).extend(note)
    placed: list[Line] = []
    for index, line in enumerate(result):
        placed.append(line)
        placed.extend(after.get(index, ()))
    return placed


def _split_notes(small_print: list[Line]) -> list[list[Line]]:
    """The footnote lines of one page → one list per footnote (each starts with its number)."""
    notes: list[list[Line]] = []
    for line in small_print:
        if notes and not re.match(r"^\d{1,3}\s", line.text):
            notes[-1].append(line)
        else:
            notes.append([line])
    return notes


def _sentence_end(lines: list[Line], anchor: int, page: int) -> int:
    """The index of the first body line at or after `anchor` that ends a sentence, looking no
    further than the next page; failing that, the last line of `page`."""
    fallback = anchor
    for index in range(max(anchor, 0), len(lines)):
        line = lines[index]
        if line.page > page + 1:
            break
        if line.page == page:
            fallback = index
        if line.role == "body" and SENTENCE_END.search(line.text.rstrip(SOFT_HYPHEN)):
            return index
    return fallback


def _page_lines(page: pdfium.PdfPage, number: int, height: float) -> list[Line]:
    """The page's text rectangles merged into lines, in pdfium's reading order."""
    textpage = page.get_textpage()
    try:
        merged: list[list[float]] = []  # [left, bottom, right, top]
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            if merged and _same_line(merged[-1], left, bottom, top):
                current = merged[-1]
                current[1] = min(current[1], bottom)
                current[2] = max(current[2], right)
                current[3] = max(current[3], top)
            else:
                merged.append([left, bottom, right, top])
        texts = [
            textpage.get_text_bounded(left, bottom, right, top)
            for left, bottom, right, top in merged
        ]
    finally:
        textpage.close()
    lines = []
    for (left, bottom, right, top), raw in zip(merged, texts, strict=True):
        text = " ".join(raw.translate(_SOFT_HYPHENS).split())
        if not text:
            continue
        role = "body"
        if bottom > height * HEADER_ZONE:
            role = "header"
        elif top < height * FOOTER_ZONE:
            role = "footer"
        lines.append(Line(number, left, bottom, right, top, text, role))
    return lines


def _same_line(current: list, left: float, bottom: float, top: float) -> bool:
    """A rectangle continues the current line when it lies to its right at the same height."""
    overlap = min(current[3], top) - max(current[1], bottom)
    smaller = min(current[3] - current[1], top - bottom)
    return left >= current[2] - 2.0 and overlap > 0.4 * max(smaller, 0.1)

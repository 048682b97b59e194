"""Agreement PDF → a tree of parts, chapters and numbered sections with clean text.

The printed table of contents is the ground truth for numbers, titles and pages: it is parsed
first (`agreement_toc`), then each entry's heading is located in the body in document order,
starting from its printed page (`agreement_headings`), and the body text between two
consecutive headings becomes the earlier node's (`agreement_tree`). Reading lines is
`agreement_layout`, cleaning text `agreement_text`, checking coverage `agreement_coverage`.
Nothing here knows a particular agreement: only the conventions (a table of contents with
numbered entries and page numbers, numbered headings, running headers and footers in the
page margins). This module is the entry point and keeps the public names importable.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from beloftemeter.models.agreement import Agreement
from beloftemeter.sources.agreement_coverage import body_coverage, body_lines
from beloftemeter.sources.agreement_layout import Layout, read_bytes, read_layout
from beloftemeter.sources.agreement_toc import parse_toc
from beloftemeter.sources.agreement_tree import build_tree, slugify
from beloftemeter.sources.capped_file import DEFAULT_MAX_PDF_BYTES

__all__ = ["body_coverage", "body_lines", "parse_agreement", "parse_toc", "slugify"]

log = logging.getLogger(__name__)


def parse_agreement(
    source: bytes | str | Path,
    progress: Callable[[int], None] | None = None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_PDF_BYTES,
) -> Agreement:
    """Parse an agreement PDF (bytes or a path) into its tree. Pure: no store access.

    `name` (the file or URL the bytes came from) is what error messages and `source` show;
    `max_bytes` the largest PDF read (setting max_pdf_mb). Raises InputError (Dutch) for an
    empty, broken, encrypted, too large or non-PDF file, or a PDF without a usable table of
    contents.
    """
    if name is None:
        name = "PDF" if isinstance(source, bytes | bytearray) else str(source)
    data = read_bytes(source, max_bytes, name)
    layout = read_layout(data, progress, name, max_bytes)
    toc = parse_toc(layout, name)
    tree = build_tree(layout, toc, name)
    if tree.missing:
        # One line, and only now the parse succeeded: a failed one shows its error alone.
        log.warning(
            "%d van de %d titels uit de inhoudstafel niet gevonden in de tekst (eerste: %s)",
            len(tree.missing), len(toc), tree.missing[0],
        )
    return Agreement(
        title=_document_title(layout),
        source=name,
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=layout.page_count,
        nodes=tuple(tree.nodes),
        toc=toc,
        toc_mismatches=tuple(tree.mismatches),
    )


def _document_title(layout: Layout) -> str:
    first = [line.text for line in layout.lines if line.page == 1]
    return " ".join(first)[:200] or "Regeerakkoord"

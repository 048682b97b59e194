"""How much of an agreement's printed body text its nodes hold (a check on the parser)."""

from __future__ import annotations

from pathlib import Path

from beloftemeter.models.agreement import Node
from beloftemeter.sources.agreement_headings import fold_to_alnum
from beloftemeter.sources.agreement_layout import TEXT_ROLES, Line, read_layout
from beloftemeter.sources.agreement_toc import parse_toc
from beloftemeter.sources.agreement_tree import build_tree
from beloftemeter.sources.capped_file import DEFAULT_MAX_PDF_BYTES


def body_lines(
    source: bytes | str | Path, max_bytes: int = DEFAULT_MAX_PDF_BYTES
) -> list[Line]:
    """The lines from the first part on, each marked body, heading, header or footer
    (for measuring how much of the body the nodes cover)."""
    layout = read_layout(source, max_bytes=max_bytes)
    return build_tree(layout, parse_toc(layout)).lines


def body_coverage(lines: list[Line], nodes: tuple[Node, ...] | list[Node]) -> tuple[int, int]:
    """(covered, total) characters of the body lines found, in order, in the nodes' texts.

    Body lines are those marked "body" by `body_lines` (headers, footers and headings left
    out); letters and digits only are compared, so repaired hyphenation and spacing count as
    covered while a dropped or misplaced line does not."""
    haystack = "".join(fold_to_alnum(node.text) for node in nodes)
    cursor = covered = total = 0
    for line in lines:
        if line.role not in TEXT_ROLES:
            continue
        needle = fold_to_alnum(line.text)
        if not needle:
            continue
        total += len(needle)
        found = haystack.find(needle, cursor, cursor + 20 * len(needle) + 2000)
        if found >= 0:
            covered += len(needle)
            cursor = found + len(needle)
    return covered, total

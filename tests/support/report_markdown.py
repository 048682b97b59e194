"""Reads a generated Markdown report back, as a reader (or another tool) would: the citations
in its text and the entries of its references block."""

from __future__ import annotations

import re
from dataclasses import dataclass

_REFERENCE = re.compile(
    r"^\*\*(?:\[\\\[(\d+)\\\]\]\(([^)]*)\)|\\\[(\d+)\\\])\*\* : \*\*\((\d{4}-\d{2}-\d{2})\)\*\*"
    r" (.*)$", re.MULTILINE)
_CITATION = re.compile(r"\\\[(\d+)\\\](?!\()")


@dataclass(frozen=True)
class Reference:
    n: int
    url: str
    date: str
    text: str


@dataclass(frozen=True)
class ParsedReport:
    title: str
    citations: list[int]  # in reading order, repeats included
    references: list[Reference]


def parse_report(markdown: str) -> ParsedReport:
    title = markdown.splitlines()[0].removeprefix("# ")
    start = markdown.index("<summary> Referenties</summary>")
    text = markdown[:start]
    block = markdown[start:]
    references = [
        Reference(int(m.group(1) or m.group(3)), m.group(2) or "", m.group(4), m.group(5))
        for m in _REFERENCE.finditer(block)
    ]
    citations = [int(n) for n in _CITATION.findall(text)]
    return ParsedReport(title, citations, references)


def assert_citations_sound(parsed: ParsedReport) -> None:
    """Every citation resolves; numbering is dense and in order of first use; the references
    list exactly the cited decisions."""
    first_use: list[int] = []
    for n in parsed.citations:
        if n not in first_use:
            first_use.append(n)
    assert first_use == list(range(len(first_use))), first_use
    assert [r.n for r in parsed.references] == first_use

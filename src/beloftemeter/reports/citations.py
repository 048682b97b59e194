"""The citation check that runs after every generator.

A citation is `[n]` (or `\\[n\\]`, or `[n, m]`) where n numbers the evidence the generator was
given. Citations to anything else (out of range, a decision id, a word) are removed and
counted; the rest are renumbered 0..k-1 in order of first use over all texts, so the
references list exactly the decisions cited, in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A bracketed citation-like token, not a Markdown link text ("[tekst](url)").
_CITATION = re.compile(r"\\?\[\s*([\w.-]{1,40}(?:\s*,\s*[\w.-]{1,40})*)\s*\\?\](?!\()")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([.,;:!?)])")
_DOUBLE_SPACE = re.compile(r"[ \t]{2,}")


@dataclass(frozen=True)
class CitationCheck:
    texts: tuple[str, ...]  # the texts with valid citations renumbered as [k]
    order: tuple[int, ...]  # order[k] = the evidence number cited as [k]
    removed: int  # citations removed: out of range or not a number


def check_citations(texts: Sequence[str], evidence_count: int) -> CitationCheck:
    """Validate and renumber the citations of `texts` (read in order) against
    `evidence_count` numbered pieces of evidence."""
    order: list[int] = []
    new_number: dict[int, int] = {}
    removed = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal removed
        kept = []
        for token in (t.strip() for t in match.group(1).split(",")):
            if token.isdigit() and int(token) < evidence_count:
                number = int(token)
                if number not in new_number:
                    new_number[number] = len(order)
                    order.append(number)
                kept.append(f"[{new_number[number]}]")
            else:
                removed += 1
        return "".join(kept)

    checked = []
    for text in texts:
        result = _CITATION.sub(replace, text)
        result = _DOUBLE_SPACE.sub(" ", _SPACE_BEFORE_PUNCT.sub(r"\1", result))
        checked.append(result)
    return CitationCheck(tuple(checked), tuple(order), removed)


def cited_numbers(text: str) -> list[int]:
    """The citation numbers in a checked text, in order of appearance (repeats included)."""
    return [int(n) for n in re.findall(r"\\?\[(\d+)\\?\](?!\()", text)]

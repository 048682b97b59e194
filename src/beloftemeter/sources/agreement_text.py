"""Printed lines → clean text: paragraphs kept, line-end hyphenation repaired.

A hyphen at the end of a line is dropped inside a word the line broke
("samenwerkings-overeenkomst" → "samenwerkingsovereenkomst") and kept in a real compound
("Vlaams-Europees", "grond- en mensenrechten"). A new paragraph starts after a blank line or
at an indented line, or in the next column or on the next page after a sentence ended.
"""

from __future__ import annotations

import itertools
import re
import statistics

from beloftemeter.sources.agreement_layout import SENTENCE_END, SOFT_HYPHEN, TEXT_ROLES, Line

_HYPHENATED_PREFIXES = {"niet", "ex", "vice"}
_VOWEL_CLASHES = {
    "aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo", "ou", "ui", "uu",
    "ji",
}
_SUSPENDED_HYPHEN_NEXT = {"en", "of", "tot", "&", "noch", "als"}


def join_lines(
    lines: list[Line], pitch: float, vocabulary: frozenset[str] = frozenset()
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Lines → clean text with paragraphs, line-end hyphenation repaired; plus page offsets."""
    text = ""
    page_starts: list[tuple[int, int]] = []
    previous: Line | None = None
    for line in lines:
        if line.role not in TEXT_ROLES:
            continue
        # Soft hyphens inside a line are dropped now, so offsets never shift afterwards.
        body = line.text[:-1].replace(SOFT_HYPHEN, "") + line.text[-1:]
        if previous is not None:
            separator = _separator(previous, line, pitch)
            if (line.role == "footnote") != (previous.role == "footnote"):
                separator = "\n\n"  # a footnote is a paragraph of its own
            if separator == "\n\n":
                text = text.rstrip(SOFT_HYPHEN + " ") + "\n\n"
            elif text.endswith((SOFT_HYPHEN, "-")):
                text = text[:-1] + line_end_hyphen(text[:-1], body, vocabulary)
            else:
                text += " "
        if previous is None or line.page != previous.page:
            page_starts.append((len(text), line.page))
        text += body
        previous = line
    return text.rstrip(SOFT_HYPHEN + " "), tuple(page_starts)


def line_end_hyphen(before: str, after: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """What a hyphen at a line end becomes: "" inside a word the line broke
    ("samenwerkings-overeenkomst"), "-" in a real compound ("Vlaams-Europees", "ICT-beleid",
    "2020-2030", "zij-instromers"), "- " before a conjunction ("grond- en mensenrechten").

    `vocabulary` holds the words (lower case) printed whole elsewhere in the document: a word
    the document writes with or without hyphen decides first."""
    next_word = after.split(" ", 1)[0].casefold()
    if next_word in _SUSPENDED_HYPHEN_NEXT:
        return "- "
    last = before[-1:] if before else ""
    first = after[:1]
    if last.isdigit() or first.isdigit() or first.isupper() or not last.isalpha():
        return "-"
    word = before.rsplit(" ", 1)[-1]
    if len(word) >= 2 and word.isupper():  # an acronym: "ICT-beleid"
        return "-"
    head = word.casefold().lstrip("(\"'‘“")
    tail = re.match(r"[\w-]*", next_word)
    tail_text = tail.group() if tail else ""
    if head + tail_text in vocabulary:
        return ""
    if f"{head}-{tail_text}" in vocabulary:
        return "-"
    if head in _HYPHENATED_PREFIXES:  # "niet-werkende", "ex-gedetineerden"
        return "-"
    # Dutch spelling keeps the hyphen where two vowels would merge into one sound:
    # "energie-efficiëntie", "zij-instromers".
    clash = ("j" if head.endswith("ij") else last.casefold()) + first.casefold()
    if clash in _VOWEL_CLASHES:
        return "-"
    return ""


def vocabulary_of(lines: list[Line]) -> frozenset[str]:
    """Words printed whole (not broken at a line end) anywhere in these lines, lower case."""
    words: set[str] = set()
    for line in lines:
        if line.role not in TEXT_ROLES:
            continue
        tokens = line.text.split(" ")
        if line.text.endswith((SOFT_HYPHEN, "-")):
            tokens = tokens[:-1]
        for token in tokens[1:]:  # the first may be the tail of a broken word
            cleaned = token.strip(".,;:!?()[]\"'‘’“”…").casefold()
            if cleaned:
                words.add(cleaned.replace(SOFT_HYPHEN, ""))
    return frozenset(words)


def _separator(previous: Line, line: Line, pitch: float) -> str:
    """"\n\n" when `line` starts a new paragraph, else "" (the caller glues words)."""
    same_column = line.page == previous.page and abs(line.left - previous.left) < 40
    if same_column and previous.top > line.top:
        step = previous.top - line.top
        if step > 1.6 * pitch:
            # A stray blank line inside a sentence is not a paragraph break.
            if line.text[:1].islower() and not SENTENCE_END.search(previous.text):
                return ""
            return "\n\n"
        if line.left - previous.left > 8:  # an indented first line: a new item
            return "\n\n"
        return ""
    # Next column or next page: a new paragraph only after a sentence ended.
    if SENTENCE_END.search(previous.text.rstrip(SOFT_HYPHEN)):
        return "\n\n"
    return ""


def line_pitch(lines: list[Line]) -> float:
    steps = [
        a.top - b.top
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and abs(a.left - b.left) < 5 and 0 < a.top - b.top < 40
    ]
    return statistics.median(steps) if steps else 13.0

"""Reading a generated Markdown report as a Dutch reader would: its prose (what the generator
wrote, without the agreement's text, the quotes and the references, which are source text)
and the glitches of template prose. Each check returns what it found, to name in a failure."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

DICTIONARY = "nl_NL"
# Debian's hunspell-nl puts the dictionary here; without it, hunspell cannot check Dutch
HUNSPELL = (shutil.which("hunspell")
            if Path(f"/usr/share/hunspell/{DICTIONARY}.dic").exists() else None)

_QUOTE = re.compile(r"“[^”]*”")
_CITATION = re.compile(r"\\?\[\d+\\?\]")
_MARKUP = re.compile(r"\*\*|_|^- |^\s+- |^\d+\. ", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_PLURAL_AFTER_ONE = re.compile(
    r"\b(?:1|één) (?:beslissingen|beloften|onderwerpen|bedragen|stappen|secties)\b"
    r"|\bzijn er 1\b|\b1 zijn\b|\bvan de 1\b", re.IGNORECASE)
_EMPTY_RANGE = re.compile(r"\btussen ([^,.;]+?) en \1\b")
_PAGE_RANGE = re.compile(r"\bp\. (\d+)\s*[-–]\s*(\d+)\b")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_CUT_QUOTE = re.compile(r"“[^”]*?(?<!\[)(?:…|\.\.\.)\s*”")
_HEDGED_PLURAL = re.compile(r"\b[^\W\d_]+\((?:e?n|s)\)")  # "belofte(n)": no Dutch word
_DOUBLED = re.compile(r"\b([^\W\d_]{2,})\s+\1\b", re.IGNORECASE)


def prose(markdown: str, *, with_quotes: bool = False) -> str:
    """The report's own sentences: after the folded agreement text, before the references,
    without citations and Markdown marks (and without quotes unless asked)."""
    start = markdown.find("</details>")
    end = markdown.find("<summary> Referenties</summary>")
    text = markdown[start + len("</details>") if start >= 0 else 0:end if end >= 0 else None]
    text = text[:text.rfind("<details>")] if "<details>" in text else text
    text = _CITATION.sub("", text)
    if not with_quotes:
        text = _QUOTE.sub("“”", text)
    return _MARKUP.sub("", text)


def unknown_words(text: str, allowed: set[str]) -> list[str]:
    """Words hunspell's Dutch dictionary does not know and that are not in `allowed` (the
    names and words of the source data the report was made from)."""
    assert HUNSPELL, "hunspell ontbreekt"
    words = " ".join(w for w in _WORD.findall(text) if w.lower() not in allowed)
    found = subprocess.run([HUNSPELL, "-d", DICTIONARY, "-l"], input=words, text=True,
                           capture_output=True, check=True).stdout.split()
    # hunspell reads "belofte(n)" as two known words; a reader sees neither
    return sorted({*found, *_HEDGED_PLURAL.findall(text)})


def data_words(markdown: str) -> set[str]:
    """The words of what the report quotes from its data: the heading and the agreement
    text, the references (titles and texts of decisions) and every quote in the prose."""
    start = markdown.find("</details>")
    end = markdown.find("<summary> Referenties</summary>")
    quoted = " ".join(_QUOTE.findall(prose(markdown, with_quotes=True)))
    texts = (markdown[:start], markdown[end:] if end >= 0 else "", quoted)
    return {w.lower() for text in texts for w in _WORD.findall(text)}


def doubled_words(text: str) -> list[str]:
    return [m.group(0) for m in _DOUBLED.finditer(text)]


def plural_after_one(text: str) -> list[str]:
    return [m.group(0) for m in _PLURAL_AFTER_ONE.finditer(text)]


def empty_ranges(text: str) -> list[str]:
    return [m.group(0) for m in _EMPTY_RANGE.finditer(text)]


def one_page_ranges(markdown: str) -> list[str]:
    """'p. 105-105': a range of one page (anywhere, also in the folded summary line)."""
    return [m.group(0) for m in _PAGE_RANGE.finditer(markdown) if m.group(1) == m.group(2)]


def iso_dates(text: str) -> list[str]:
    return _ISO_DATE.findall(text)


def cut_quotes(text: str) -> list[str]:
    """Quotes that stop with a bare '…' or '...' (a clear '[…]' is fine)."""
    return [m.group(0)[-60:] for m in _CUT_QUOTE.finditer(text)]

"""Euro amounts named in a decision's text, in the forms the government writes them."""

from __future__ import annotations

import re
from collections.abc import Iterator

_NUMBER = r"\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_SCALE = r"miljoen|miljard|mio\.?|mln\.?|duizend"
_AMOUNT = re.compile(
    rf"(?:(?:€|\bEUR\b|\beuro\b)\s*(?P<n1>{_NUMBER})(?:\s*(?P<s1>{_SCALE}))?)"
    rf"|(?:\b(?P<n2>{_NUMBER})\s*(?:(?P<s2>{_SCALE})\s*)?(?:€|\bEUR\b|\beuro\b))",
    re.IGNORECASE,
)
_SCALES = {"miljoen": 1e6, "mio": 1e6, "mln": 1e6, "miljard": 1e9, "duizend": 1e3}


def _number_value(raw: str) -> float:
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[. ]\d{3})+(?:,\d+)?", raw):
        raw = raw.replace(".", "").replace(" ", "")
    return float(raw.replace(",", "."))


_WORD_NUMBERS = {
    "een": 1.0, "één": 1.0, "half": 0.5, "een half": 0.5, "anderhalf": 1.5, "twee": 2.0,
    "drie": 3.0, "vier": 4.0, "vijf": 5.0, "zes": 6.0, "zeven": 7.0, "acht": 8.0, "negen": 9.0,
    "tien": 10.0, "twintig": 20.0, "honderd": 100.0,
}
_WORD_AMOUNT = re.compile(
    r"\b(?P<w>een half|anderhalf|half|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien"
    r"|twintig|honderd)\s+(?P<s>miljoen|miljard)\s+euro\b",
    re.IGNORECASE,
)


_CURRENCY = re.compile(r"€|\beur(?:o)?\b", re.IGNORECASE)


def _amount_matches(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Amount matches, scanning only the text around each currency word (much faster than
    running the amount pattern over whole texts, most of which name no amount)."""
    spans: list[list[int]] = []
    for currency in _CURRENCY.finditer(text):
        start = max(0, currency.start() - 40)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = min(len(text), currency.end() + 40)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    for start, end in spans:
        yield from pattern.finditer(text, start, end)


def read_amounts(text: str) -> tuple[float, ...]:
    """Euro amounts in order of first appearance, each once: "633.000 euro" → 633000.0,
    "€ 1,5 miljoen" → 1500000.0, "2,3 miljoen euro" → 2300000.0, "een half miljoen euro"
    → 500000.0."""
    found: list[tuple[int, float]] = []
    if not _CURRENCY.search(text):
        return ()
    for match in _amount_matches(text, _AMOUNT):
        number = match.group("n1") or match.group("n2")
        scale = (match.group("s1") or match.group("s2") or "").lower().rstrip(".")
        try:
            value = _number_value(number) * _SCALES.get(scale, 1.0)
        except ValueError:
            continue
        found.append((match.start(), value))
    for match in _amount_matches(text, _WORD_AMOUNT):
        value = _WORD_NUMBERS[match.group("w").lower()] * _SCALES[match.group("s").lower()]
        found.append((match.start(), value))
    amounts: list[float] = []
    for _, value in sorted(found, key=lambda item: item[0]):
        value = round(value, 2)
        if value > 0 and value not in amounts:
            amounts.append(value)
    return tuple(amounts)

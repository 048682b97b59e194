"""Limits on what is read from outside (dump files, API pages), checked at the boundary.

Reading never holds more than one over-long line in memory (`read_bounded_lines`), JSON is
decoded without tracebacks (`loads_bounded`: cut-off documents, nesting beyond the parser's
depth, numbers with thousands of digits, NaN), and texts beyond the configured size are cut
(`cut_text`). Every refusal is a `ValueError` with a Dutch reason, so the caller can skip and
count the item or refuse the whole input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from beloftemeter.config import Settings

_DEFAULTS = Settings()
KB = 1024
SKIP_CHUNK = 64 * KB  # the rest of an over-long line is read and dropped in pieces this big
MAX_JSON_DEPTH = 64  # a dump line is 1-6 levels deep (a whole API page with its items)
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_INT_DIGITS = 18  # the only integers we use are counts; Python refuses > 4300 digits anyway


@dataclass(frozen=True)
class InputLimits:
    """Sizes from the configuration (`max_dump_line_kb`, `max_decision_text_kb`), in bytes."""

    max_line_bytes: int = _DEFAULTS.max_dump_line_kb * KB
    max_text_bytes: int = _DEFAULTS.max_decision_text_kb * KB

    @classmethod
    def from_settings(cls, settings: Settings) -> InputLimits:
        return cls(int(settings.max_dump_line_kb * KB), int(settings.max_decision_text_kb * KB))


DEFAULT_LIMITS = InputLimits()


class JsonInputError(ValueError):
    """A JSON document that cannot be used; the message is the Dutch reason."""


# The json module's messages, in Dutch (the rest are summed up as "onverwacht teken").
_JSON_REASONS = {
    "Expecting value": "waarde verwacht",
    "Extra data": "extra tekens na de JSON-waarde",
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Expecting property name enclosed in double quotes": "naam tussen dubbele aanhalingstekens"
    " verwacht",
    "Expecting ',' delimiter": "komma verwacht",
    "Expecting ':' delimiter": "dubbelpunt verwacht",
    "Invalid control character at": "ongeldig stuurteken",
    "Invalid \\escape": "ongeldige escape",
}


def json_error_reason(exc: json.JSONDecodeError, *, line: bool = True) -> str:
    """A Dutch one-line reason for a JSON error: what was wrong and where (without the line
    number for a document that is one line of a larger file)."""
    reason = _JSON_REASONS.get(exc.msg, "onverwacht teken")
    where = f"regel {exc.lineno}, kolom {exc.colno}" if line else f"kolom {exc.colno}"
    return f"{reason}, {where}"


@dataclass(frozen=True)
class UnusableNumber:
    """Stands in for a number no field of ours can hold (thousands of digits, NaN), so that
    one item of a page can be refused without refusing the page (`check_value`)."""

    reason: str


def _parse_int(text: str) -> int | UnusableNumber:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:  # int() itself refuses > 4300 digits with a ValueError
        return UnusableNumber(f"getal van {digits} cijfers")
    return int(text)


def _parse_constant(name: str) -> UnusableNumber:
    return UnusableNumber(f"{name} is geen getal")


def check_value(value: Any, max_depth: int = MAX_JSON_DEPTH) -> None:
    """JsonInputError when `value` nests deeper than `max_depth` or holds an unusable number
    (walked iteratively: no recursion of our own)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        elif isinstance(item, UnusableNumber):
            raise JsonInputError(item.reason)
        else:
            continue
        if depth > max_depth:
            raise JsonInputError(f"dieper genest dan {max_depth} niveaus")
        stack.extend((child, depth + 1) for child in children)


def loads_bounded(text: str, *, line: bool = True, max_depth: int | None = MAX_JSON_DEPTH) -> Any:
    """Decode one JSON document; JsonInputError (Dutch reason) for anything unusable. With
    `max_depth` None the document is not checked (a page, whose items are checked one by
    one): unusable numbers in it are `UnusableNumber`s."""
    try:
        value = json.loads(text, parse_int=_parse_int, parse_constant=_parse_constant)
    except json.JSONDecodeError as exc:
        raise JsonInputError(json_error_reason(exc, line=line)) from None
    except RecursionError:  # the C parser stops at the interpreter's recursion limit
        raise JsonInputError("te diep genest") from None
    if max_depth is not None:
        check_value(value, max_depth)
    return value


def read_bounded_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line of a binary file; None for a line longer than
    `max_bytes`, whose rest is read in small pieces and dropped (never held whole)."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield number, line
            continue
        while True:  # skip to the end of this line
            rest = handle.readline(SKIP_CHUNK)
            if not rest or rest.endswith(b"\n"):
                break
        yield number, None


def clean_text(value: str) -> str:
    """`value` storable as UTF-8: a lone surrogate (legal in JSON's \\uD800 escapes, not in
    UTF-8) becomes U+FFFD."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)
    return value


def cut_text(text: str, max_bytes: int) -> str | None:
    """`text` cut to at most `max_bytes` of UTF-8 at a character boundary, or None when it
    already fits."""
    if len(text) * 4 <= max_bytes:  # no character takes more than 4 bytes
        return None
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return None
    return encoded[:max_bytes].decode("utf-8", "ignore")


def shown(value: Any, width: int = 60) -> str:
    """A short, safe rendering of an outside value for a message: a string's repr cut to
    `width`, or the kind of value otherwise (never the repr of a huge or deep structure)."""
    if isinstance(value, str):
        text = repr(value)
        return text if len(text) <= width else text[: width - 1] + "…"
    if value is None:
        return "null"
    kinds = {bool: "een waarheidswaarde", int: "een getal", float: "een getal",
             list: "een lijst", dict: "een object"}
    return kinds.get(type(value), type(value).__name__)

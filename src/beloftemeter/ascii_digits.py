"""Whole numbers from outside text (query parameters, form fields, headers): ASCII digits only.

`str.isdigit()` also accepts characters such as "²" and "٣"; `int()` refuses the first and
reads the second, so a check with one and a conversion with the other crash or disagree.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]+")


def parse_digits(text: str | None, max_digits: int = 18) -> int | None:
    """The number `text` writes in ASCII digits (at most `max_digits` of them), else None."""
    if text is None or len(text) > max_digits or not _DIGITS.fullmatch(text):
        return None
    return int(text)

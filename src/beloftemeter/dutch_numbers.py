"""Numbers written the Dutch way, for reports, pages and the terminal alike."""

from __future__ import annotations

_NUMBERS = ("geen", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen",
            "tien", "elf", "twaalf")


def euro(value: float) -> str:
    """'€ 633.000', '€ 1.250.000,50': a point between thousands, a comma before cents."""
    whole = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return "€ " + whole.removesuffix(",00")


def number(n: int) -> str:
    """'3.165', '-1.000': a point between thousands, as Dutch newspapers write counts."""
    return f"{n:,d}".replace(",", ".")


def count_of(n: int, one: str, many: str, *, words: bool = False) -> str:
    """'1 beslissing', '3.165 beslissingen'; with `words`, small counts written out ('één
    beslissing', 'drie beslissingen'), as prose does after a date."""
    written = _NUMBERS[n] if words and 0 <= n < len(_NUMBERS) else number(n)
    return f"{written} {one if n == 1 else many}"

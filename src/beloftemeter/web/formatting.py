"""How pages write numbers and places: amounts in euro the Dutch way, and where a section
stands in the agreement ("Deel 2 › 3 Justitie › 3.1 ...")."""

from __future__ import annotations

from beloftemeter.models.agreement import Node


def euro(value: float) -> str:
    """'€ 633.000', '€ 1.250.000,50': a point between thousands, a comma before cents."""
    whole = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return "€ " + whole.removesuffix(",00")


def count_of(n: int, one: str, many: str) -> str:
    """'1 beslissing', '3 beslissingen'."""
    return f"{n} {one if n == 1 else many}"


def node_label(node: Node, part_number: int | None = None) -> str:
    """A node as a reader names it: 'Deel 2' for a part, '3 Justitie' for a chapter,
    '3.1 Toegang tot het recht' for a section."""
    if node.kind == "part":
        return f"Deel {part_number}" if part_number else node.title
    return f"{node.number or ''} {node.title}".strip()

"""How pages name places: where a section stands in the agreement ("Deel 2 › 3 Justitie ›
3.1 ..."), and a promise's status in one line. Amounts and counts are written by
beloftemeter.dutch_numbers."""

from __future__ import annotations

from beloftemeter.models.agreement import Node


def node_label(node: Node, part_number: int | None = None) -> str:
    """A node as a reader names it: 'Deel 2' for a part, '3 Justitie' for a chapter,
    '3.1 Toegang tot het recht' for a section."""
    if node.kind == "part":
        return f"Deel {part_number}" if part_number else node.title
    return f"{node.number or ''} {node.title}".strip()


def status_line(status: str | None, reason: str | None) -> str:
    """'uitgevoerd: Twee beslissingen ...'; the reason alone when it already opens with the
    status ('Geen beslissing gevonden die ...'), so a summary never says it twice."""
    if not status:
        return "Nog niet beoordeeld."
    if not reason:
        return status
    return reason if reason.casefold().startswith(status.casefold()) else f"{status}: {reason}"

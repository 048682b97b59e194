"""The coalition agreements this program knows by slug, with their government's term.

An agreement not listed here is imported with its term given (`akkoord import --akkoord SLUG
--van DATUM [--tot DATUM]`). Terms are the days the government took office and left it;
a decision is evidence for an agreement's promises only when taken within its term.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_SLUG = "vlaanderen-2019-2024"


@dataclass(frozen=True)
class KnownAgreement:
    slug: str
    name: str  # Dutch, as the home page lists it
    term_start: str  # ISO date
    term_end: str | None  # ISO date; None: still in office


KNOWN: dict[str, KnownAgreement] = {
    known.slug: known for known in (
        # The Jambon government took office on 2 October 2019; the Diependaele government
        # followed on 30 September 2024.
        KnownAgreement("vlaanderen-2019-2024", "Vlaamse Regering 2019-2024 (Jambon)",
                       "2019-10-02", "2024-09-30"),
        KnownAgreement("vlaanderen-2024-2029", "Vlaamse Regering 2024-2029 (Diependaele)",
                       "2024-09-30", None),
    )
}

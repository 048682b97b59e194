"""The coalition agreement as a tree: parts, chapters, numbered sections and their statements."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Node:
    """One node of the agreement tree, in document order.

    `kind` is "part", "chapter" or "section"; `chapter` reads like the table of contents
    ("1 — Onderwijs", None for parts); `number` is "1.2.1" for sections and the chapter number
    for chapters. `text` is the node's own body text (not its children's), paragraphs separated
    by a blank line. `first_page`-`last_page` span everything printed under the heading,
    subsections included. `page_starts` maps character offsets in `text` to the page that
    starts there (used to give each statement its page; not stored).
    """

    key: str
    kind: str
    part: str
    chapter: str | None
    number: str | None
    title: str
    first_page: int
    last_page: int
    text: str
    parent_key: str | None = None
    depth: int = 0
    ordinal: int = 0
    page_starts: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)

    def page_at(self, offset: int) -> int:
        """The page on which the character at `offset` of `text` stands."""
        page = self.first_page
        for start, start_page in self.page_starts:
            if start > offset:
                break
            page = start_page
        return page


@dataclass(frozen=True)
class Statement:
    """A sentence (or short sentence group) of a node's text: a promise or context."""

    node_key: str
    ordinal: int
    page: int
    text: str
    is_promise: bool


@dataclass(frozen=True)
class TocEntry:
    """One line of the agreement's printed table of contents."""

    kind: str  # "part", "chapter" or "section"
    number: str | None
    title: str
    page: int


@dataclass(frozen=True)
class Agreement:
    """A parsed agreement: its tree in document order and, once split, its statements."""

    title: str
    source: str
    sha256: str
    page_count: int
    nodes: tuple[Node, ...]
    toc: tuple[TocEntry, ...] = ()
    # Where the printed table of contents differs from the headings in the text (Dutch).
    toc_mismatches: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()
    # Which agreement this is in a store of several (sources.known_agreements): its slug and
    # its government's term; an empty term_start takes the known slug's term.
    slug: str = "vlaanderen-2019-2024"
    term_start: str = ""
    term_end: str | None = None


@dataclass(frozen=True)
class StoredAgreement:
    """One agreement of the store, as `akkoord lijst` and the home page list it."""

    id: int
    slug: str
    title: str
    source: str
    sha256: str
    page_count: int
    term_start: str
    term_end: str | None
    imported_at: str

    def within_term(self, day: str) -> bool:
        """Whether a decision taken on `day` (ISO date) falls within this government's term."""
        return self.term_start <= day[:10] and (self.term_end is None
                                                 or day[:10] <= self.term_end)


@dataclass(frozen=True)
class AgreementProgress:
    """How far an agreement's promises are, as `akkoord lijst` and the home page show it."""

    agreement: StoredAgreement
    promises: int
    assessed: int
    by_status: dict[str, int]  # status → promises with that verdict
    with_evidence: int  # promises with at least one decision counted as evidence
    reviewed: int  # promises an editor has reviewed

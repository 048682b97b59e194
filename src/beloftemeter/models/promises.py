"""The promise as a unit (issue 18): its stable id, its place in the filtered list, its page and
the history of its status.

A promise id is "p-" and 10 hex characters of a hash over the section key and the normalised
sentence, so it survives re-importing the same PDF and parser changes that leave the sentence
as it was (also when sentences before it are added or removed). The same sentence twice in one
section gets "-2", "-3" in document order.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from beloftemeter.models.public_review import PublicReview

ID_PREFIX = "p-"
ID_HEX = 10  # 40 bits: with ~3,000 promises a collision across sections is ~1 in 10^5
_SPACES = re.compile(r"\s+")
# Marks a parser may add or drop without changing the sentence: quotes, dashes, soft hyphens.
_EQUIVALENT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "–": "-",
                             "—": "-", "\u00ad": None, "\u200b": None})

SORTS = ("agreement", "latest", "status")


def normalise_sentence(text: str) -> str:
    """The sentence as the id sees it: NFKC, one kind of quote and dash, no soft hyphens,
    single spaces, case folded."""
    folded = unicodedata.normalize("NFKC", text).translate(_EQUIVALENT)
    return _SPACES.sub(" ", folded).strip().casefold()


def promise_id(section: str, text: str) -> str:
    """The id of the sentence `text` in the section `section` (before collision numbering)."""
    digest = hashlib.sha256(f"{section}\n{normalise_sentence(text)}".encode()).hexdigest()
    return ID_PREFIX + digest[:ID_HEX]


def promise_ids(promises: Iterable[tuple[str, int, str]]) -> dict[tuple[str, int], str]:
    """(section, ordinal) → id for promises given as (section, ordinal, text) in document
    order; a repeated sentence within a section gets "-2", "-3", ..."""
    result: dict[tuple[str, int], str] = {}
    seen: dict[str, int] = {}
    for section, ordinal, text in promises:
        base = promise_id(section, text)
        seen[base] = seen.get(base, 0) + 1
        result[(section, ordinal)] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return result


@dataclass(frozen=True)
class PromiseFilters:
    """What the list is narrowed to; None: not filtered on that."""

    status: str | None = None
    part: str | None = None
    chapter: str | None = None
    minister: str | None = None
    domain: str | None = None
    has_evidence: bool | None = None
    latest_stage: str | None = None
    latest_year: int | None = None
    text: str | None = None
    sort: str = "agreement"  # "agreement" | "latest" | "status"
    page: int = 1
    per_page: int = 50


@dataclass(frozen=True)
class PromiseSummary:
    """One row of the list: a promise with its verdict in brief."""

    id: str
    section: str  # key of its agreement node
    ordinal: int
    page: int
    text: str
    status: str | None  # None: not assessed yet
    reason: str | None
    part: str
    chapter: str | None
    section_title: str
    evidence_count: int
    candidate_count: int
    latest_decision_date: str | None
    latest_stage: str | None


@dataclass(frozen=True)
class FacetValue:
    value: str  # what goes into the filter (and the URL)
    label: str  # what a reader sees
    count: int  # promises with this value under the other filters
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str  # the filter's name: status, part, chapter, minister, domain, ...
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class PromiseList:
    total: int
    page: int
    per_page: int
    items: tuple[PromiseSummary, ...]
    facets: tuple[Facet, ...]


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a promise's status or evidence, as an assessment run recorded it."""

    promise_id: str
    at: str  # ISO datetime (UTC)
    before_status: str | None  # None: the promise's first assessment
    after_status: str
    before_evidence: tuple[str, ...]  # decision ids
    after_evidence: tuple[str, ...]
    cause: str  # Dutch
    decision_ids: tuple[str, ...] = ()  # decisions that became evidence with this change
    rules_version: str = ""


@dataclass(frozen=True)
class LinkedDecision:
    """A decision on a promise's page (evidence, candidate or context)."""

    decision_id: str
    meeting_date: str
    stage: str | None
    instrument: str | None
    amounts: tuple[float, ...]  # euro, as the title states them
    title: str
    url: str
    score: float
    passage: str


@dataclass(frozen=True)
class PlannedStep:
    """A policy action that plans the promise."""

    document: str
    action: str
    minister: str
    timing: str
    budget: str


@dataclass(frozen=True)
class PromiseDetail:
    summary: PromiseSummary
    previous_sentence: str | None
    next_sentence: str | None
    path: tuple[tuple[str, str, str], ...]  # (kind, key, title) from part to section
    pdf_page_url: str
    evidence: tuple[LinkedDecision, ...] = ()
    candidates: tuple[LinkedDecision, ...] = ()
    context: tuple[LinkedDecision, ...] = ()
    plans: tuple[PlannedStep, ...] = ()
    assessed_at: str | None = None
    rules_version: str = ""
    similar: tuple[PromiseSummary, ...] = ()
    history: tuple[HistoryEntry, ...] = field(default=())
    review: PublicReview = field(default_factory=PublicReview)  # the editors' check


@dataclass(frozen=True)
class MinisterProgress:
    """Promises planned under one minister (through the policy documents) and their verdicts."""

    name: str
    promises: int
    counts: dict[str, int]  # status → promises
    with_evidence: int

"""Records of search: a query, its filters and the ranked hits it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar


@dataclass(frozen=True)
class Query:
    """What to look for.

    `text` feeds the lexical ranker; each of `passages` is embedded as a query. The first
    passage stands for the whole query, the others for its parts (a section has many promises,
    a decision usually answers one): a decision's semantic score is the mean of its similarity
    to the first and its best similarity to any other. Empty `passages`: embed `text` itself.
    `neighbours`: smooth the fused ranking over each decision's nearest decisions (set for
    promises and sections, where a topic spans a cluster of related decisions).
    """

    text: str
    passages: tuple[str, ...] = ()
    label: str = ""
    neighbours: bool = False

    def semantic_texts(self) -> tuple[str, ...]:
        return self.passages or (self.text,)


@dataclass(frozen=True)
class Filters:
    """Restrictions on the decisions searched; None means no restriction."""

    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None  # YYYY-MM-DD, inclusive
    instrument: str | None = None  # decreet, besluit, conceptnota, subsidie...
    stage: str | None = None  # voorontwerp, ontwerp, definitief...
    item_type: str | None = None  # nota, mededeling


@dataclass(frozen=True)
class RankerResult:
    """Where one ranker put a decision: 1-based rank and its own score."""

    ranker: str  # "bm25" or the embedder's name
    rank: int
    score: float


@dataclass(frozen=True)
class Hit:
    """One decision found, with the evidence of why."""

    decision_id: str
    rank: int
    score: float  # fused score (reciprocal rank fusion)
    meeting_date: str
    title: str
    item_type: str
    instrument: str | None
    stage: str | None
    url: str
    rankers: tuple[RankerResult, ...]
    snippet: str  # the passage of the text that matches best
    highlights: tuple[tuple[int, int], ...] = field(default=())  # [start, end) of matched words
    exact_names: tuple[str, ...] = ()  # the query's names (as typed) the decision contains


@dataclass(frozen=True)
class PromiseHit:
    """One promise of the agreement found by a typed query."""

    id: str  # "section#ordinal" (a stable promise id comes later)
    section: str  # the key of its agreement node
    ordinal: int
    page: int
    text: str
    status: str | None  # None: not assessed yet
    score: float  # BM25
    rank: int
    highlights: tuple[tuple[int, int], ...] = ()  # [start, end) of matched words in `text`
    exact_names: tuple[str, ...] = ()
    kind: str = "promise"


HitT = TypeVar("HitT", Hit, PromiseHit)


@dataclass(frozen=True)
class SearchResult(Generic[HitT]):
    """What a typed query found: the hits, best first, and how many documents within the
    filters contain all of its words (0: the hits are only the closest in meaning)."""

    hits: tuple[HitT, ...]
    lexical_matches: int
    names: tuple[str, ...] = ()  # the names found in the query, as typed

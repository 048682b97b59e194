"""Records of search: a query, its filters and the ranked hits it returns."""

from __future__ import annotations

from dataclasses import dataclass, field


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

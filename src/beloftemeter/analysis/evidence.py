"""Evidence linking: which decisions really concern one promise.

For a promise the search engine ranks candidates (the promise's text with its section title).
Each candidate then gets a relevance decision, strict on purpose (precision first: an earlier
system cited about 30 decisions per section of which only a third carried the promises out):

* a promise's *distinctive terms* are its analysed terms that occur in the titles of at most
  `MAX_TITLE_SHARE` of all decisions (e.g. "inburgering", "kilometerheffing", not "vlaams"
  or "beleid");
* each distinctive term weighs log(N / title frequency); long promise words no title has
  (e.g. "deelfietsen") weigh in too, so a decision about "kleine gemeenten" in general does
  not pass for one about shared bikes in them;
* **evidence**: the decision's title shares a distinctive term with the promise, its text
  covers at least half of the weight, and both rankers put it high: with an embedder,
  BM25 rank ≤ `EVIDENCE_RANK` and semantic rank ≤ `EVIDENCE_RANK` and fused rank ≤
  `EVIDENCE_FUSED`; lexical only, BM25 rank ≤ `LEXICAL_RANK` and the title itself covers
  `LEXICAL_TITLE_COVER` of the weight (chosen on the hand labels: 0.5 found too little);
* **context** ("verwant"): fused rank ≤ `CONTEXT_RANK` and the title or most of the text
  shares the promise's distinctive terms. Context is shown, never counted as evidence;
* everything else is dropped.

At most `MAX_EVIDENCE` evidence decisions are kept (the best scores), ordered as a timeline.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence

from beloftemeter.models.assessment import CONTEXT, EVIDENCE, EvidenceDecision, Linked
from beloftemeter.models.search import Hit
from beloftemeter.search.engine import LEXICAL, SearchEngine
from beloftemeter.search.queries import promise_query
from beloftemeter.store import Store

RULES_VERSION = "evidence-3"
CANDIDATES = 40
MAX_EVIDENCE = 15
MAX_CONTEXT = 10
MAX_TITLE_SHARE = 0.01
MIN_TITLE_LIMIT = 3  # in a small store, a term in 3 titles still counts as distinctive
MIN_TERM_CHARS = 4
MIN_UNSEEN_CHARS = 8
MIN_COVERAGE = 0.5
EVIDENCE_RANK = 15
EVIDENCE_FUSED = 10
LEXICAL_RANK = 10
LEXICAL_TITLE_COVER = 0.15
CONTEXT_RANK = 25


class EvidenceLinker:
    """Links promises to decisions with one search engine over one store."""

    def __init__(
        self,
        store: Store,
        engine: SearchEngine,
        *,
        candidates: int = CANDIDATES,
        max_title_share: float = MAX_TITLE_SHARE,
    ):
        self._engine = engine
        self._max_title_share = max_title_share
        self._candidates = candidates
        analyzer = engine.lexical.analyzer
        self._title_terms: dict[str, frozenset[str]] = {}
        self._body_terms: dict[str, frozenset[str]] = {}
        title_df: Counter[str] = Counter()
        for row in store.execute(
            "SELECT decision_id, title_words, body_words FROM search_documents"
        ):
            title = frozenset(analyzer.terms(row[1].split()))
            self._title_terms[row[0]] = title
            self._body_terms[row[0]] = frozenset(analyzer.terms(row[2].split())) | title
            title_df.update(title)
        self._title_df = title_df
        self._documents = max(len(self._title_terms), 1)
        self._hashes = {
            row[0]: row[1] for row in store.execute("SELECT id, content_hash FROM decisions")
        }
        self.settings_tag = "|".join(
            [RULES_VERSION, *engine.rankers, str(candidates), str(max_title_share)]
        )

    @property
    def hybrid(self) -> bool:
        return any(name != LEXICAL for name in self._engine.rankers)

    def distinctive_terms(self, promise: str) -> tuple[str, ...]:
        """The promise's terms that are rare in decision titles, in order of appearance."""
        return tuple(t for t in self.term_weights(promise) if self._title_df.get(t, 0) > 0)

    def term_weights(self, promise: str) -> dict[str, float]:
        """Weight (inverse title frequency) of each distinctive term of the promise, plus its
        long words no decision title has (e.g. "deelfietsen"): evidence must cover those too."""
        limit = max(self._max_title_share * self._documents, MIN_TITLE_LIMIT)
        weights: dict[str, float] = {}
        for term in self._engine.lexical.analyzer.query_terms(promise):
            df = self._title_df.get(term, 0)
            if len(term) >= MIN_TERM_CHARS and (0 < df <= limit or (
                    df == 0 and len(term) >= MIN_UNSEEN_CHARS)):
                weights.setdefault(term, math.log((self._documents + 1) / (df + 0.5)))
        return weights

    def link(self, promise: str, section_title: str = "") -> Linked:
        """Evidence (timeline) and context (best first) for one promise."""
        hits = self._engine.search(promise_query(promise, section_title), limit=self._candidates)
        weights = self.term_weights(promise)
        terms = tuple(t for t in weights if self._title_df.get(t, 0) > 0)
        fingerprint = self.fingerprint(promise, section_title, hits)
        evidence: list[EvidenceDecision] = []
        context: list[EvidenceDecision] = []
        for hit in hits:
            judged = self.judge(hit, terms, weights)
            if judged is None:
                continue
            (evidence if judged.role == EVIDENCE else context).append(judged)
        evidence.sort(key=lambda e: -e.score)
        extra, evidence = evidence[MAX_EVIDENCE:], evidence[:MAX_EVIDENCE]
        context = sorted(
            [*context, *(_as_context(e) for e in extra)], key=lambda e: -e.score
        )[:MAX_CONTEXT]
        evidence.sort(key=lambda e: (e.meeting_date, e.decision_id))
        return Linked(tuple(evidence), tuple(context), fingerprint, terms)

    def judge(
        self, hit: Hit, terms: Sequence[str], weights: dict[str, float] | None = None
    ) -> EvidenceDecision | None:
        """The relevance decision for one candidate: evidence, context or None (dropped)."""
        if not terms:
            return None
        weights = weights or dict.fromkeys(terms, 1.0)
        title_terms = self._title_terms.get(hit.decision_id, frozenset())
        body_terms = self._body_terms.get(hit.decision_id, frozenset())
        shared = tuple(t for t in terms if t in title_terms)
        total = sum(weights.values())
        title_cover = sum(w for t, w in weights.items() if t in title_terms) / total
        coverage = sum(w for t, w in weights.items() if t in body_terms) / total
        ranks = {r.ranker: r.rank for r in hit.rankers}
        lexical_rank = ranks.get(LEXICAL)
        semantic_ranks = [rank for name, rank in ranks.items() if name != LEXICAL]
        semantic_rank = min(semantic_ranks) if semantic_ranks else None
        score = _score(hit.rank, lexical_rank, semantic_rank, title_cover, coverage)
        text_ok = coverage >= MIN_COVERAGE
        if self.hybrid:
            strong = (
                lexical_rank is not None and lexical_rank <= EVIDENCE_RANK
                and semantic_rank is not None and semantic_rank <= EVIDENCE_RANK
                and hit.rank <= EVIDENCE_FUSED
            )
        else:
            strong = (lexical_rank is not None and lexical_rank <= LEXICAL_RANK
                      and title_cover >= LEXICAL_TITLE_COVER)
        if shared and text_ok and strong:
            role = EVIDENCE
        elif hit.rank <= CONTEXT_RANK and (shared or coverage >= MIN_COVERAGE):
            role = CONTEXT
        else:
            return None
        return EvidenceDecision(
            decision_id=hit.decision_id,
            role=role,
            score=score,
            rank=hit.rank,
            meeting_date=hit.meeting_date,
            title=hit.title,
            instrument=hit.instrument,
            stage=hit.stage,
            passage=hit.snippet,
            shared_terms=shared,
        )

    def fingerprint(self, promise: str, section_title: str, hits: Sequence[Hit]) -> str:
        """A hash of everything the assessment depends on: the promise, the engine settings
        and the candidates with their content hashes."""
        digest = hashlib.sha256()
        for part in (self.settings_tag, section_title, promise):
            digest.update(part.encode())
            digest.update(b"\0")
        for hit in hits:
            digest.update(f"{hit.decision_id}:{self._hashes.get(hit.decision_id, '')}\n".encode())
        return digest.hexdigest()


def _score(
    fused_rank: int,
    lexical_rank: int | None,
    semantic_rank: int | None,
    title_share: float,
    coverage: float,
) -> float:
    """A 0-1 relevance score: half from the terms shared, half from the ranks."""
    def closeness(rank: int | None) -> float:
        return 0.0 if rank is None else 1.0 / (1.0 + (rank - 1) / 5.0)

    rank_part = (closeness(fused_rank) + closeness(lexical_rank)
                 + closeness(semantic_rank if semantic_rank is not None else lexical_rank)) / 3
    return round(0.3 * title_share + 0.2 * coverage + 0.5 * rank_part, 4)


def _as_context(decision: EvidenceDecision) -> EvidenceDecision:
    from dataclasses import replace

    return replace(decision, role=CONTEXT)

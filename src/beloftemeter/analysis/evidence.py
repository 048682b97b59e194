"""Evidence linking: which decisions really concern one promise.

For a promise the search engine ranks candidates (the promise's text with its section title).
Each of the first `CANDIDATES` then gets a relevance probability from the logistic model in
`analysis.relevance` (ranks, scores, the promise's distinctive terms in title and text, and
the decision's dossier: its earlier and later stages among the candidates):

* a promise's *distinctive terms* are its analysed terms that occur in the titles of at most
  `MAX_TITLE_SHARE` of all decisions (e.g. "inburgering", "kilometerheffing", not "vlaams"
  or "beleid"), weighted by log(N / title frequency); long promise words no title has
  (e.g. "deelfietsen") weigh in too. A promise without distinctive terms gets no evidence;
* **evidence**: probability ≥ `EVIDENCE_PROBABILITY` and at least one distinctive term in
  the decision's title or text; at most `MAX_EVIDENCE` (the most probable), as a timeline;
* **candidates** ("mogelijk relevant, niet bevestigd"): probability in
  [`CANDIDATE_PROBABILITY`, `EVIDENCE_PROBABILITY`) with a distinctive term in title or text;
  at most `MAX_CANDIDATES`, most probable first. Shown apart with their score, never counted:
  the status ladder reads evidence only;
* **context** ("verwant"): the other candidates, most probable first, never counted;
* with a judge (`analysis.judge`, optional): the judge reads the `JUDGED` most probable
  candidates and its verdicts replace the threshold.

Precision first: an earlier system cited ~30 decisions per section, a third of which carried
the promises out; the threshold sits where the hand labels show evidence is mostly right.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from beloftemeter.analysis.judge import JUDGED, LlmJudge
from beloftemeter.analysis.relevance import (
    DossierGrouper,
    TermData,
    features,
    load_models,
    without_semantics,
)
from beloftemeter.analysis.tiers import MAX_CANDIDATES, MAX_EVIDENCE, split_tiers
from beloftemeter.models.assessment import (
    CANDIDATE,
    CONTEXT,
    EVIDENCE,
    EvidenceDecision,
    Linked,
)
from beloftemeter.models.search import Hit
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.lexical import LEXICAL
from beloftemeter.search.queries import promise_queries, promise_query
from beloftemeter.store import Store
from beloftemeter.store import agreements as agreements_store
from beloftemeter.store.decisions import content_hashes
from beloftemeter.store.search_index import analysed_documents

RULES_VERSION = "evidence-15"  # bump when evidence, status or verifiability rules change
CANDIDATES = 40
MAX_TITLE_SHARE = 0.01
MIN_TITLE_LIMIT = 3  # in a small store, a term in 3 titles still counts as distinctive
MIN_TERM_CHARS = 4
MIN_UNSEEN_CHARS = 8
EVIDENCE_PROBABILITY = 0.6
PROPAGATION_FLOOR = 0.4
# The band of "mogelijk relevant, niet bevestigd": [CANDIDATE_PROBABILITY, threshold).
# Measured on the 381 hand-labelled promises (tests/fixtures/assessment_labels*.json),
# probabilities cross-validated per chapter as bench.fit_relevance does, lexical model (the
# e5 store was not built in time), candidates that name a distinctive term: of the decisions
# in [0.4, 0.6) 56 are key decisions and 58 are not (49 %); in [0.35, 0.4) 22 of 66 (33 %),
# [0.3, 0.35) 15 of 56 (27 %), below 0.3 under 2 %. From 0.4 on, about every other decision
# is right: worth showing apart, never worth counting. 24 of the 49 promises without evidence
# that get candidates have a key decision among them.
CANDIDATE_PROBABILITY = 0.4


@dataclass(frozen=True)
class Candidates:
    """One promise's search candidates, best first, with what judging them needs."""

    hits: tuple[Hit, ...]
    weights: dict[str, float]  # distinctive promise term -> weight
    terms: tuple[str, ...]  # the distinctive terms some decision title has
    features: np.ndarray  # one row of relevance.FEATURES per hit
    fingerprint: str
    groups: tuple[int, ...] = ()  # dossier number per hit (same number: same matter)


class EvidenceLinker:
    """Links promises to decisions with one search engine over one store."""

    def __init__(
        self,
        store: Store,
        engine: SearchEngine,
        *,
        candidates: int = CANDIDATES,
        max_title_share: float = MAX_TITLE_SHARE,
        judge: LlmJudge | None = None,
    ):
        self._engine = engine
        self._judge = judge
        self._max_title_share = max_title_share
        self._candidates = candidates
        # Only decisions taken within the government's term can carry out its promises.
        agreement = agreements_store.in_scope(store)
        self.term = (None, None) if agreement is None else (agreement.term_start,
                                                            agreement.term_end)
        analyzer = engine.lexical.analyzer
        self._title_terms: dict[str, frozenset[str]] = {}
        self._body_terms: dict[str, frozenset[str]] = {}
        title_df: Counter[str] = Counter()
        body_df: Counter[str] = Counter()
        for decision_id, title_words, body_words in analysed_documents(store):
            title = frozenset(analyzer.terms(title_words.split()))
            self._title_terms[decision_id] = title
            self._body_terms[decision_id] = frozenset(analyzer.terms(body_words.split())) | title
            title_df.update(title)
            body_df.update(self._body_terms[decision_id])
        self._title_df = title_df
        self._body_df = body_df
        self._documents = max(len(self._title_terms), 1)
        self._hashes = content_hashes(store)
        self._model = load_models()["hybrid" if self.hybrid else "lexical"]
        semantic = [name for name in engine.rankers if name != LEXICAL]
        self._primary = semantic[0] if semantic else None
        self._grouper = DossierGrouper(analyzer)
        # Every promise's query, for the promise_rank feature: the rank of a decision's
        # similarity to this promise among its similarities to all promises.
        # Only with decision vectors of the first embedder: without them there is no rank.
        self._promise_queries = [q.semantic_texts()[0] for q in promise_queries(store)]
        self._ranked_by = self._primary if (
            self._primary and self._promise_queries
            and engine.status().vectors.get(self._primary, 0) > 0) else None
        self._promise_matrix: np.ndarray | None = None
        self._promise_row = {text: i for i, text in enumerate(self._promise_queries)}
        promises_digest = hashlib.sha256(
            "\n".join(self._promise_queries).encode()).hexdigest()[:16] if self._ranked_by else ""
        # everything a verdict depends on besides the candidates: a change re-assesses
        self.settings_tag = "|".join([
            RULES_VERSION, self._model.version, *engine.rankers, str(candidates),
            str(max_title_share), str(EVIDENCE_PROBABILITY), str(PROPAGATION_FLOOR),
            str(MAX_EVIDENCE), f"band {CANDIDATE_PROBABILITY}-{MAX_CANDIDATES}",
            promises_digest, judge.tag if judge else "", f"term {self.term[0]}-{self.term[1]}",
        ])

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
        """Evidence (timeline) and context (most probable first) for one promise."""
        candidates = self.candidates(promise, section_title)
        probabilities = self._model.probabilities(candidates.features)
        if self._judge is None:
            return self.decide(candidates, probabilities)
        asked = self.to_judge(candidates, probabilities)
        yes = self._judge.carrying_out(
            promise, section_title, [candidates.hits[i] for i in asked])
        return self.decide(candidates, probabilities,
                           judged={i: candidates.hits[i].decision_id in yes for i in asked})

    def to_judge(self, candidates: Candidates, probabilities: np.ndarray) -> list[int]:
        """The candidates a judge reads: the `JUDGED` most probable that mention a
        distinctive term of the promise (none when the promise has no such term)."""
        if not candidates.terms:
            return []
        mentioned = self._mentioned(candidates)
        order = sorted(range(len(candidates.hits)), key=lambda i: -probabilities[i])
        return [i for i in order if mentioned[i]][:JUDGED]

    def _mentioned(self, candidates: Candidates) -> list[bool]:
        return [any(t in self._body_terms.get(hit.decision_id, ()) for t in candidates.weights)
                for hit in candidates.hits]

    def _cover_weights(self, weights: dict[str, float]) -> dict[str, float]:
        """The distinctive terms weighted by their rarity in the decisions' texts, for the
        cover features: "stimuleren" or "bestaand" are rare in titles but common in texts,
        and should not dilute a title that names the promise's object ("parochiekerken").
        Cross-validated: more key decisions found at the same evidence precision."""
        n = self._documents + 1
        return {t: math.log(n / (self._body_df.get(t, 0) + 0.5)) for t in weights}

    def _promise_ranks(self, passage: str, hits: Sequence[Hit]) -> list[int | None] | None:
        """Per hit: how many of the agreement's promises are more similar to the decision
        than this promise (first embedder). A decision that carries a promise out is usually
        closest to that promise, not to a neighbouring one on the same subject."""
        if self._ranked_by is None or not hits:
            return None
        if self._promise_matrix is None:
            self._promise_matrix = self._engine.embed_texts(
                self._ranked_by, self._promise_queries)
        row = self._promise_row.get(passage)
        own = (self._promise_matrix[row] if row is not None
               else self._engine.embed_texts(self._ranked_by, [passage])[0])
        decisions = self._engine.decision_vectors(
            self._ranked_by, [h.decision_id for h in hits])
        mine = decisions @ own
        others = decisions @ self._promise_matrix.T
        # the promise itself is among the stored promises: only strictly closer ones count
        closer = (others > mine[:, None]).sum(axis=1)
        has_vector = np.abs(decisions).sum(axis=1) > 0  # not embedded yet: no rank
        return [int(n) if present else None
                for n, present in zip(closer, has_vector, strict=True)]

    def candidates(self, promise: str, section_title: str = "") -> Candidates:
        """The searched candidates of one promise with their relevance features."""
        query = promise_query(promise, section_title)
        hits = self._engine.search(query, limit=self._candidates, date_from=self.term[0],
                                   date_to=self.term[1])
        weights = self.term_weights(promise)
        data = TermData(self._cover_weights(weights), self._title_df, self._title_terms,
                        self._body_terms,
                        frozenset(self._engine.lexical.analyzer.query_terms(promise)))
        groups = self._grouper.groups(
            [self._title_terms.get(h.decision_id, frozenset()) for h in hits])
        matrix = features(hits, data, groups, self._primary,
                          self._promise_ranks(query.semantic_texts()[0], hits))
        if not self.hybrid:
            matrix = without_semantics(matrix)
        return Candidates(
            hits=tuple(hits), weights=weights,
            terms=tuple(t for t in weights if self._title_df.get(t, 0) > 0),
            features=matrix, fingerprint=self.fingerprint(promise, section_title, hits),
            groups=tuple(groups),
        )

    def decide(
        self,
        candidates: Candidates,
        probabilities: np.ndarray,
        threshold: float | None = None,
        judged: dict[int, bool] | None = None,
    ) -> Linked:
        """Evidence and context from each candidate's relevance probability (evidence from
        `threshold` on, by default `EVIDENCE_PROBABILITY`); with `judged` (a judge's verdict
        per position it read) the candidates it said carry the promise out instead."""
        threshold = EVIDENCE_PROBABILITY if threshold is None else threshold
        terms = candidates.terms
        mentioned = self._mentioned(candidates)
        if judged is None:
            chosen = [bool(terms) and m and p >= threshold
                      for m, p in zip(mentioned, probabilities, strict=True)]
        else:
            chosen = [judged.get(i, False) for i in range(len(candidates.hits))]
        # A stage of a dossier that already has evidence (the ratification of a decree whose
        # draft is evidence) needs less certainty: the ladder reads the dossier as a whole.
        if candidates.groups and threshold > PROPAGATION_FLOOR:
            proven = {g for g, c in zip(candidates.groups, chosen, strict=True) if c}
            # a judge's "no" stands: only stages it did not read join their dossier
            chosen = [c or (g in proven and m and p >= PROPAGATION_FLOOR
                            and (judged is None or i not in judged))
                      for i, (c, g, m, p) in enumerate(zip(
                          chosen, candidates.groups, mentioned, probabilities, strict=True))]
        # Just under the threshold, naming the promise's object: shown apart, never counted.
        # A judge's "no" stands here too: what it rejected is context.
        doubtful = [not c and bool(terms) and m and CANDIDATE_PROBABILITY <= p < threshold
                    and (judged is None or i not in judged)
                    for i, (c, m, p) in enumerate(zip(chosen, mentioned, probabilities,
                                                      strict=True))]
        evidence, candidate, context = split_tiers([
            _decision(hit, EVIDENCE if picked else CANDIDATE if maybe else CONTEXT,
                      float(probability),
                      tuple(t for t in terms if t in self._title_terms.get(hit.decision_id, ())))
            for hit, probability, picked, maybe in zip(
                candidates.hits, probabilities, chosen, doubtful, strict=True)])
        return Linked(evidence, context, candidates.fingerprint, terms, candidate)

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


def _decision(hit: Hit, role: str, score: float, shared: tuple[str, ...]) -> EvidenceDecision:
    return EvidenceDecision(
        decision_id=hit.decision_id, role=role, score=round(score, 4), rank=hit.rank,
        meeting_date=hit.meeting_date, title=hit.title, instrument=hit.instrument,
        stage=hit.stage, passage=hit.snippet, shared_terms=shared,
    )


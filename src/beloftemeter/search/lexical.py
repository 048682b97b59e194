"""The lexical index: analysed words per decision in the store, BM25 (bm25s) in memory.

`sync_documents` analyses only new or changed decisions (content hash or analyser version
differ) and keeps the result in `search_documents`, so a re-sync costs nothing. `LexicalIndex`
reads those words, splits compounds against the corpus vocabulary and builds a BM25 matrix
(bm25s: sparse matrices, no Python loop per document at query time).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from beloftemeter.search.dutch import ANALYZER_VERSION, Analyzer, words
from beloftemeter.store import Store, search_index
from beloftemeter.store.decisions import get_decisions
from beloftemeter.store.sql import chunks

log = logging.getLogger(__name__)
# bm25s sets its own logger to DEBUG and announces every index build; keep our stderr clean.
logging.getLogger("bm25s").setLevel(logging.WARNING)

LEXICAL = "bm25"  # the lexical ranker's name among the rankers
TITLE_WEIGHT = 2  # title terms count this many extra times (the text usually repeats the title)
K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class SyncReport:
    analysed: int
    removed: int
    total: int


def sync_documents(
    store: Store, progress: Callable[[int], None] | None = None, batch_size: int = 2000
) -> SyncReport:
    """Analyse decisions that are new or changed since the last sync; commit per batch."""
    todo = search_index.stale_documents(store, ANALYZER_VERSION)
    for chunk in chunks(todo, batch_size):  # texts are read per batch: memory stays flat
        rows = [
            (d.id, d.content_hash, ANALYZER_VERSION, " ".join(words(d.title)),
             " ".join(words(d.text)))
            for d in get_decisions(store, chunk).values()
        ]
        search_index.save_documents(store, rows)
        if progress is not None:
            progress(len(rows))
    removed = search_index.delete_orphan_documents(store)
    return SyncReport(
        analysed=len(todo), removed=removed, total=search_index.count_documents(store)
    )


class LexicalIndex:
    """BM25 over the analysed decisions, rows in the order of `ids`."""

    def __init__(self, ids: Sequence[str], title_words: Sequence[str], body_words: Sequence[str]):
        self.ids = list(ids)
        # Two passes over the stored words, one document at a time, so that 100,000
        # decisions never exist as lists of word objects all at once.
        vocabulary: Counter[str] = Counter()
        for title, body in zip(title_words, body_words, strict=True):
            vocabulary.update(title.split())
            vocabulary.update(body.split())
        self.analyzer = Analyzer(vocabulary)
        terms = self.analyzer.terms  # terms are shared strings from the analyser's cache
        corpus = [
            terms(title.split()) * TITLE_WEIGHT + terms(body.split())
            for title, body in zip(title_words, body_words, strict=True)
        ]
        self._bm25 = bm25s.BM25(k1=K1, b=B)
        if corpus:
            self._bm25.index(corpus, show_progress=False)
            self._vocab = self._bm25.vocab_dict
        else:
            self._vocab = {}
        del corpus

    @classmethod
    def from_store(cls, store: Store) -> LexicalIndex:
        rows = search_index.analysed_documents(store)
        return cls([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])

    def __len__(self) -> int:
        return len(self.ids)

    def known_terms(self, terms: Sequence[str]) -> list[str]:
        return [t for t in terms if t in self._vocab]

    def has_term(self, term: str) -> np.ndarray:
        """Which documents contain the index term `term`."""
        if term not in self._vocab or not self.ids:
            return np.zeros(len(self.ids), dtype=bool)
        return self._bm25.get_scores([term]) > 0  # a BM25 term weight is never 0 (Lucene idf)

    def scores(self, terms: Sequence[str], mask: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every decision for the query terms (repeats weigh more)."""
        known = self.known_terms(terms)
        if not known or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        scores = self._bm25.get_scores(known)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        return scores

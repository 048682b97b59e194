"""Links from a policy document's actions to agreement promises and to decisions.

An action that quotes the agreement ("Realisatie Regeerakkoord p. 146 <i>...</i>") is linked
to the statements its quoted pieces come from (method "citaat", score 1.0): a piece is found
when, after folding case, accents and punctuation, the piece contains the statement or the
statement contains the piece, or nearly all of a long piece's words stand in one statement
(the plans quote an edition whose wording differs in small ways). Page numbers are not used:
the plans cite another edition's pages. An action without a usable quote is linked by search
(method "zoeken"): BM25 over the promises with the action's title and goals; of the best
few, those holding at least 30 % of the title's terms are kept, that share being the score.
Every action is also linked to the decisions the search engine finds for it, as related
decisions to look at, not as proof.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence

import bm25s

from beloftemeter.models.agreement import Statement
from beloftemeter.models.policy import Action, PolicyDocument, PromiseLink
from beloftemeter.search.dutch import Analyzer

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
MIN_PIECE_CHARS = 25
WORD_OVERLAP = 0.85  # share of a long piece's words that one statement must hold
SEARCH_LINKS = 3
MIN_SEARCH_SCORE = 0.3
DECISIONS_PER_ACTION = 5


def fold_to_words(text: str) -> str:
    """Lower case, accents dropped, punctuation gone: the words of letters a-z and digits,
    one space apart ("Financiën, 2019-2024!" → "financien 2019 2024")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", text))


class PromiseLinker:
    def __init__(self, statements: Sequence[Statement], analyzer: Analyzer | None = None):
        self._statements = list(statements)
        self._folded = [fold_to_words(s.text) for s in self._statements]
        self._words = [set(f.split()) for f in self._folded]
        self._promises = [i for i, s in enumerate(self._statements) if s.is_promise]
        self._analyzer = analyzer or Analyzer()
        corpus = [self._analyzer.query_terms(self._statements[i].text) or ["_"]
                  for i in self._promises]
        self._bm25 = bm25s.BM25()
        if corpus:
            self._bm25.index(corpus, show_progress=False)

    def quoted(self, document: PolicyDocument, action: Action) -> list[PromiseLink]:
        links: dict[tuple[str, int], PromiseLink] = {}
        for piece in action.agreement_quotes:
            folded = fold_to_words(piece)
            if len(folded) < MIN_PIECE_CHARS:
                continue
            words = folded.split()
            for i, statement in enumerate(self._statements):
                text = self._folded[i]
                inside = folded in text or (len(text) >= 40 and text in folded)
                overlap = (len(words) >= 8 and
                           sum(w in self._words[i] for w in words) / len(words) >= WORD_OVERLAP)
                if inside or overlap:
                    key = (statement.node_key, statement.ordinal)
                    links.setdefault(key, PromiseLink(document.id, action.number, *key,
                                                      "citaat", 1.0, piece[:300]))
        return list(links.values())

    def searched(self, document: PolicyDocument, action: Action) -> list[PromiseLink]:
        if not self._promises:
            return []
        terms = self._analyzer.query_terms(f"{action.title} {action.goals}")
        known = [t for t in terms if t in self._bm25.vocab_dict]
        if not known:
            return []
        scores = self._bm25.get_scores(known)
        order = scores.argsort()[::-1][:SEARCH_LINKS]
        wanted = set(self._analyzer.query_terms(action.title)) or set(known)
        links = []
        for row in order:
            if scores[row] <= 0:
                continue
            statement = self._statements[self._promises[int(row)]]
            # Score: the share of the action title's terms the promise holds (0-1).
            held = set(self._analyzer.query_terms(statement.text))
            score = round(len(wanted & held) / len(wanted), 3)
            if score < MIN_SEARCH_SCORE:
                continue
            links.append(PromiseLink(document.id, action.number, statement.node_key,
                                     statement.ordinal, "zoeken", score, action.title))
        return links

    def link(self, document: PolicyDocument) -> list[PromiseLink]:
        links: list[PromiseLink] = []
        for action in document.actions:
            found = self.quoted(document, action)
            links += found or self.searched(document, action)
        return links


def decision_links(engine, document: PolicyDocument) -> list[tuple[str, str, int, float]]:
    """(action number, decision id, rank, score) of the decisions found for each action."""
    from beloftemeter.search.queries import text_query

    found = []
    for action in document.actions:
        query = f"{action.title}. {action.goals}"[:2000]
        for hit in engine.search(text_query(query), limit=DECISIONS_PER_ACTION):
            found.append((action.number, hit.decision_id, hit.rank, hit.score))
    return found

"""Search the promises of the agreement, beside the decisions.

    promises = PromiseSearch(store)
    result = promises.find("inburgeringstraject", limit=10)

BM25 over the promise texts with the same Dutch analysis as the decisions (`lexical`: folded
words, stop words out, stems, compounds split against the promises' own vocabulary), built in
memory from the store (2,809 promises: well under a second). As for decisions, the promises
that contain the query's names come first and the result says how many promises contain all
its words. Each hit carries its section, page and the status of its stored assessment.
"""

from __future__ import annotations

from beloftemeter.errors import InputError, NotFoundError
from beloftemeter.models.search import PromiseHit, Query, SearchResult
from beloftemeter.search.dutch import words
from beloftemeter.search.fusion import top
from beloftemeter.search.lexical import LexicalIndex
from beloftemeter.search.matching import containing_all, names_first, rows_with_name
from beloftemeter.search.names import name_forms
from beloftemeter.search.queries import text_query
from beloftemeter.search.snippets import Marker
from beloftemeter.search.surface import SurfaceIndex
from beloftemeter.store import Store
from beloftemeter.store.agreement import iter_promises
from beloftemeter.store.assessment import promise_statuses
from beloftemeter.store.promise_list import data_version


def promise_id(section: str, ordinal: int) -> str:
    """A promise's id for now: "section#ordinal" (a stable id comes later)."""
    return f"{section}#{ordinal}"


class PromiseSearch:
    """The agreement's promises in `store`, searchable by typed queries."""

    def __init__(self, store: Store) -> None:
        self._promises = list(iter_promises(store))
        if not self._promises:
            raise NotFoundError("De opslag bevat nog geen beloften: importeer eerst het"
                                " regeerakkoord (`beloftemeter akkoord import`).")
        self._store = store
        self._statuses = promise_statuses(store)
        self._statuses_at = data_version(store)
        ids = [promise_id(p.node_key, p.ordinal) for p in self._promises]
        self.lexical = LexicalIndex(
            ids, [""] * len(ids), [" ".join(words(p.text)) for p in self._promises])
        self._surface: SurfaceIndex | None = None

    def read_from(self, store: Store) -> None:
        """Read statuses from `store` from now on: an open store of the same data, when the
        one this index was built on has been closed (an index kept between commands)."""
        self._store = store

    def statuses(self) -> dict[tuple[str, int], str]:
        """The stored statuses, read again when the store changed since (an editor's save,
        `analyseer` in another process): one row tells."""
        version = data_version(self._store)
        if version != self._statuses_at:
            self._statuses, self._statuses_at = promise_statuses(self._store), version
        return self._statuses

    def __len__(self) -> int:
        return len(self._promises)

    @property
    def surface(self) -> SurfaceIndex:
        if self._surface is None:
            self._surface = SurfaceIndex(p.text for p in self._promises)
        return self._surface

    def find(self, query: str | Query, *, limit: int = 20) -> SearchResult[PromiseHit]:
        """The best `limit` promises for a typed query, best first: those with its names
        first, then by BM25; and how many promises contain all its words."""
        if isinstance(query, str):
            query = text_query(query)
        if limit < 1:
            raise InputError("Het aantal resultaten moet minstens 1 zijn.")
        analyzer = self.lexical.analyzer
        terms = analyzer.query_terms(query.text)
        scores = self.lexical.scores(terms)
        rows, best = top(scores, len(self), positive=True)
        names = name_forms(query.text)
        name_rows = [rows_with_name(self.lexical, lambda: self.surface, name) for name in names]
        ranked = names_first(list(zip(rows.tolist(), best.tolist(), strict=True)),
                             name_rows, scores)[:limit]
        marker = Marker(set(terms), analyzer.terms_of_word, names)
        hits = []
        statuses = self.statuses()
        for rank, (row, _) in enumerate(ranked, start=1):
            promise = self._promises[row]
            _, spans = marker.mark(promise.text)
            hits.append(PromiseHit(
                id=promise_id(promise.node_key, promise.ordinal),
                section=promise.node_key,
                ordinal=promise.ordinal,
                page=promise.page,
                text=promise.text,
                status=statuses.get((promise.node_key, promise.ordinal)),
                score=round(float(scores[row]), 6),
                rank=rank,
                highlights=tuple(spans),
                exact_names=tuple(name.text for name, found in zip(names, name_rows, strict=True)
                                  if row in set(found.tolist())),
            ))
        matches = containing_all(self.lexical, query.text, names, name_rows)
        return SearchResult(tuple(hits), int(matches.sum()), tuple(n.text for n in names))

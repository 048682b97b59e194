"""What every request of the web app reads, opened once: the store, the assessment snapshot,
the search engine and the optional language model, with the reads pages and API share.

The store is opened as it is, never migrated (web.startup). Store access goes through one
lock (a single connection serves every thread); section reports are rendered once and kept.
`refresh()` reloads the snapshot after an editor's save, and `notice_changes()` (at most once
a second, from a middleware) after a write by another process (`analyseer`, `bouw`, another
web worker's editor): it compares the store's change counters (store.changes) with the ones
it last read, and rebuilds the search index too when the index step changed it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from beloftemeter.analysis.dossiers import dossier_of, dossiers_for
from beloftemeter.answer import Answer, compose_answer, retrieve
from beloftemeter.config import Settings
from beloftemeter.errors import NotFoundError
from beloftemeter.models.assessment import Assessment
from beloftemeter.models.decisions import Decision
from beloftemeter.models.dossiers import Dossier
from beloftemeter.models.report import Report
from beloftemeter.models.search import Filters, Hit, PromiseHit, SearchResult
from beloftemeter.pipeline import promise_cache, promise_snapshot
from beloftemeter.reports import ReportBuilder, compose, render_html_fragment
from beloftemeter.reports.extractive import ExtractiveGenerator
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.promises import PromiseSearch
from beloftemeter.search.queries import text_query
from beloftemeter.store import Store
from beloftemeter.store import assessment as assessment_store
from beloftemeter.store import decisions as decisions_store
from beloftemeter.store import promise_list as list_store
from beloftemeter.store.changes import Versions, counted_write_start, versions
from beloftemeter.store.promise_ids import key_of
from beloftemeter.web.links import decision_url
from beloftemeter.web.query_cache import MemoryQueryCache
from beloftemeter.web.snapshot import Snapshot, load_snapshot
from beloftemeter.web.startup import open_for_web

if TYPE_CHECKING:  # the client is imported only when a language model is configured
    from beloftemeter.llm.client import ChatClient

REPORT_CACHE = 512  # section reports kept rendered (the agreement has about 400 nodes)
CHECK_EVERY = 1.0  # seconds between two looks at whether another process wrote the store
ANSWER_SOURCES = 8

T = TypeVar("T")
# (section key, promise ordinal, its verdict if assessed)
Carried = tuple[str, int, Assessment | None]


class WebState:
    """Opened by `open`; the app closes nothing (the process ends with the server)."""

    def __init__(self, store: Store, snapshot: Snapshot, engine: SearchEngine,
                 builder: ReportBuilder | None, chat: ChatClient | None,
                 promises: PromiseSearch | None = None) -> None:
        self.store = store
        self.promises = promises  # None: no agreement imported yet
        self.snapshot = snapshot
        self.engine = engine
        self._builder = builder
        self.chat = chat
        self.lock = threading.RLock()
        self.section_report = lru_cache(maxsize=REPORT_CACHE)(self._section_report)
        self._seen = self._read_versions()  # what the memory holds
        self._hold_promise_list()
        self._search_seen = self._seen.search  # the search counter at the last look
        self._checked_at = time.monotonic()

    @classmethod
    def open(cls, settings: Settings, prepared: bool = False) -> WebState:
        """`prepared`: `web.startup.prepare` did the start-up writes (a worker of `serve
        --workers`), so this process writes nothing at start."""
        store = open_for_web(settings.store_url)
        snapshot = load_snapshot(store)
        engine = SearchEngine(store, settings, sync=not prepared,
                              query_cache=MemoryQueryCache())
        builder = ReportBuilder(store) if snapshot.nodes else None
        promises = PromiseSearch(store) if snapshot.nodes else None
        chat = None
        if settings.llm_base_url:
            from beloftemeter.llm.client import ChatClient, ChatSettings

            chat = ChatClient(ChatSettings.from_settings(settings))
        return cls(store, snapshot, engine, builder, chat, promises)

    def _read_versions(self) -> Versions:
        with self.lock:
            return versions(self.store)

    def refresh(self, changed: Iterable[str] | None = None) -> None:
        """Read the snapshot again and forget the rendered section reports. `changed`: the
        ids of the only promises whose verdict changed (an editor's save), read alone; None:
        read everything. The snapshot is updated in place: the templates and routers hold a
        reference to it."""
        with self.lock:
            if changed is not None:
                keys = [key for key in (key_of(self.store, i) for i in changed) if key]
                fresh = self.snapshot.with_verdicts(
                    a for a in (assessment_store.load_assessment(self.store, *key)
                                for key in keys) if a is not None)
            else:
                seen = self._read_versions()  # before reading: a later commit is seen
                if seen.search != self._seen.search:
                    self.engine.reload()
                fresh = load_snapshot(self.store)
                if fresh.nodes != self.snapshot.nodes or (self.promises is None
                                                          and fresh.nodes):
                    self.promises = PromiseSearch(self.store) if fresh.nodes else None
                self._seen = seen
            self.snapshot.update_from(fresh)
            self._builder = None  # made again on the next section report
            self.section_report.cache_clear()
            self._hold_promise_list()

    def _hold_promise_list(self) -> None:
        """The promise list's snapshot (pipeline.promise_snapshot) for the current data, in
        this process's memory: when a reader's request builds it, it is also written to the
        store, and a read request must not write. Read from the store when a writer kept it,
        else built here and not kept."""
        if not self.snapshot.nodes:
            return
        with self.lock:
            cache = promise_cache.cached(self.store)
            if "snapshot" in cache:
                return
            saved = list_store.saved_snapshot(self.store, list_store.data_version(self.store))
            table = None if saved is None else promise_snapshot.decode(*saved)
            cache["snapshot"] = table or promise_snapshot.build(
                list_store.facet_rows(self.store))

    def write(self, action: Callable[[Store], T], changed: Iterable[str]) -> T:
        """An editorial write: `action(store)` under the lock, in one transaction, then a
        refresh of the promises it `changed` (their ids), so that the very next page shows
        it. When no other process wrote since the last look, the counter this save moved is
        taken as seen: the next look does not read everything again for our own save."""
        with self.lock:
            with self.store.transaction() as conn:
                start = counted_write_start(conn)
                result = action(self.store)
                end = versions(conn)
            if start.promises - 1 == self._seen.promises:
                self._seen = self._seen._replace(promises=end.promises)
            self.refresh(changed)
        return result

    @property
    def builder(self) -> ReportBuilder | None:
        """Section reports' inputs (None before an agreement exists), made on first use after
        a refresh: it reads every verdict, and most saves are not followed by a report."""
        with self.lock:
            if self._builder is None and self.snapshot.nodes:
                self._builder = ReportBuilder(self.store)
            return self._builder

    def check_due(self) -> bool:
        """Whether `notice_changes` would look at the store now."""
        return time.monotonic() - self._checked_at >= CHECK_EVERY

    def notice_changes(self) -> bool:
        """Refresh when another process committed since the last look, looking at most once
        every CHECK_EVERY seconds; True when it refreshed. A changed search index is read
        again once its counter stood still between two looks: the index step commits batch
        after batch, and each reload reads every decision's words."""
        now = time.monotonic()
        if now - self._checked_at < CHECK_EVERY:
            return False
        with self.lock:
            if now - self._checked_at < CHECK_EVERY:  # another thread looked meanwhile
                return False
            self._checked_at = now
            current = self._read_versions()
            settled = current.search == self._search_seen
            self._search_seen = current.search
            if current.promises == self._seen.promises and (
                    current.search == self._seen.search or not settled):
                return False
            self.refresh()
            return True

    def _section_report(self, key: str) -> tuple[Report, str]:
        """The section's report and its HTML body, linking to the app's decision pages."""
        if self.builder is None:
            raise NotFoundError("De opslag bevat nog geen regeerakkoord.")
        with self.lock:
            if key not in self.snapshot.nodes:
                raise NotFoundError(f"Onbekende sectie: {key}.")
            report_input = self.builder.input_for(key)
        report = compose(report_input, ExtractiveGenerator())
        return report, render_html_fragment(report, lambda d: decision_url(d.decision_id))

    def search(self, q: str, filters: Filters, limit: int) -> SearchResult[Hit]:
        """The search box: decisions with the query's names first, and how many decisions
        contain all its words (0: the hits are only the closest in meaning)."""
        with self.lock:
            return self.engine.find(text_query(q), limit=limit, date_from=filters.date_from,
                                    date_to=filters.date_to, instrument=filters.instrument,
                                    stage=filters.stage)

    def search_promises(self, q: str, limit: int) -> SearchResult[PromiseHit] | None:
        """Promises beside decisions in the search box (None before an agreement exists)."""
        if self.promises is None:
            return None
        with self.lock:
            return self.promises.find(text_query(q), limit=limit)

    def known_values(self, column: str) -> list[str]:
        with self.lock:
            return self.engine.known_values(column)

    def ask(self, q: str) -> Answer:
        """An answer with citations, one decision per dossier, or the closest promises when
        no decision is about the question; the language model (if any) outside the lock."""
        with self.lock:
            retrieved = retrieve(q, self.engine, self.promises,
                                 lambda ids: dossiers_for(self.store, ids))
        return compose_answer(q, retrieved, self.chat)

    def decision(self, decision_id: str) -> tuple[Decision, list[Carried]]:
        """The decision and the promises it carries out according to the assessment."""
        with self.lock:
            found = decisions_store.get_decision(self.store, decision_id)
        carries = [(key, ordinal, self.verdict(key, ordinal))
                   for key, ordinal in self.snapshot.cited_by.get(found.id, [])]
        return found, carries

    def dossier(self, decision_id: str) -> Dossier | None:
        """The decision's dossier (every stage of the same file), None before the index step
        has grouped it."""
        with self.lock:
            return dossier_of(self.store, decision_id)

    def linked_promises(self, decision_id: str) -> dict[str, list[Carried]]:
        """Every promise the decision is linked to, per role ("evidence", "context", ...), in
        the agreement's order."""
        out: dict[str, list[Carried]] = {}
        for link in self.snapshot.linked.get(decision_id, []):
            out.setdefault(link.role, []).append(
                (link.node_key, link.ordinal, self.verdict(link.node_key, link.ordinal)))
        return out

    def verdict(self, key: str, ordinal: int) -> Assessment | None:
        """The published verdict of the promise at (section, ordinal), None if unassessed."""
        return next((a for a in self.snapshot.assessments.get(key, []) if a.ordinal == ordinal),
                    None)

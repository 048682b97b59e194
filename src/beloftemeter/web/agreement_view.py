"""What the web app keeps in memory for one agreement of the store: its assessment snapshot,
its promise search, its section reports once rendered, and the promise list's snapshot
(pipeline.promise_cache, kept per agreement). web.state holds one per agreement and picks the
one of the request's agreement (store.scope).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

from beloftemeter.errors import NotFoundError
from beloftemeter.models.agreement import StoredAgreement
from beloftemeter.models.report import Report
from beloftemeter.pipeline import promise_cache, promise_snapshot
from beloftemeter.reports import ReportBuilder, compose, render_html_fragment
from beloftemeter.reports.extractive import ExtractiveGenerator
from beloftemeter.search.promises import PromiseSearch
from beloftemeter.store import Store, scope
from beloftemeter.store import assessment as assessment_store
from beloftemeter.store import promise_list as list_store
from beloftemeter.store.promise_ids import key_of
from beloftemeter.web.links import decision_url
from beloftemeter.web.snapshot import Snapshot, load_snapshot

REPORT_CACHE = 512  # section reports kept rendered per agreement (2019-2024: about 400 nodes)


class AgreementView:
    """One agreement's memory. `agreement` None: the store holds no agreement yet (every page
    shows an empty tree). Changed in place (its snapshot too): templates and requests that
    hold it see a change at once."""

    def __init__(self, store: Store, lock: threading.RLock,
                 agreement: StoredAgreement | None, snapshot: Snapshot,
                 promises: PromiseSearch | None) -> None:
        self.store, self.lock = store, lock
        self.agreement = agreement
        self.snapshot = snapshot
        self.promises = promises  # None: no tree yet
        self._builder: ReportBuilder | None = None
        self.generation = 0  # moves on every change: what others made from it is stale
        self.section_report = lru_cache(maxsize=REPORT_CACHE)(self._section_report)

    @property
    def id(self) -> int:
        return self.agreement.id if self.agreement is not None else 0

    @classmethod
    def load(cls, store: Store, lock: threading.RLock,
             agreement: StoredAgreement | None) -> AgreementView:
        """Read the agreement's snapshot and search from the store, under its scope."""
        with lock, scope.using(agreement.id if agreement is not None else 0):
            snapshot = load_snapshot(store)
            promises = PromiseSearch(store) if snapshot.nodes else None
            view = cls(store, lock, agreement, snapshot, promises)
            view.hold_promise_list()
        return view

    def reload(self, agreement: StoredAgreement) -> None:
        """Read this agreement again (another process wrote the store), in place like an
        editor's save; the promise search is kept when the tree did not change."""
        with self.lock, scope.using(agreement.id):
            fresh = load_snapshot(self.store)
            if fresh.nodes != self.snapshot.nodes or self.promises is None:
                self.promises = PromiseSearch(self.store) if fresh.nodes else None
            self.agreement = agreement
            self._changed(fresh)

    def _changed(self, fresh: Snapshot) -> None:
        """Take `fresh` in place and forget what was made from the old snapshot."""
        self.snapshot.update_from(fresh)
        self.generation += 1
        self._builder = None
        self.section_report.cache_clear()
        self.hold_promise_list()

    def with_changed(self, changed: Iterable[str]) -> None:
        """Read again only the verdicts of the promises `changed` (an editor's save) and
        forget the rendered reports."""
        with self.lock, scope.using(self.id):
            keys = [key for key in (key_of(self.store, i) for i in changed) if key]
            self._changed(self.snapshot.with_verdicts(
                a for a in (assessment_store.load_assessment(self.store, *key)
                            for key in keys) if a is not None))

    def hold_promise_list(self) -> None:
        """The promise list's snapshot (pipeline.promise_snapshot) for the current data, in
        this process's memory: when a reader's request builds it, it is also written to the
        store, and a read request must not write. Read from the store when a writer kept it,
        else built here and not kept. Call under the lock and this agreement's scope."""
        if not self.snapshot.nodes:
            return
        cache = promise_cache.cached(self.store)
        if "snapshot" in cache:
            return
        saved = list_store.saved_snapshot(self.store, list_store.data_version(self.store))
        table = None if saved is None else promise_snapshot.decode(*saved)
        cache["snapshot"] = table or promise_snapshot.build(list_store.facet_rows(self.store))

    @property
    def builder(self) -> ReportBuilder | None:
        """Section reports' inputs (None before the agreement has a tree), made on first use
        after a change: it reads every verdict, and most saves are not followed by a report."""
        with self.lock, scope.using(self.id):
            if self._builder is None and self.snapshot.nodes:
                self._builder = ReportBuilder(self.store)
            return self._builder

    def _section_report(self, key: str) -> tuple[Report, str]:
        """The section's report and its HTML body, linking to the app's decision pages (the
        links carry the slug of the request that rendered it: always this agreement's)."""
        builder = self.builder
        if builder is None:
            raise NotFoundError("De opslag bevat nog geen regeerakkoord.")
        with self.lock, scope.using(self.id):
            if key not in self.snapshot.nodes:
                raise NotFoundError(f"Onbekende sectie: {key}.")
            report_input = builder.input_for(key)
        report = compose(report_input, ExtractiveGenerator())
        return report, render_html_fragment(report, lambda d: decision_url(d.decision_id))


"""What every request of the web app reads, opened once: the store, per agreement what it
keeps in memory (web.agreement_view: the assessment snapshot, the promise search, the section
reports), the decision search engine (one for every agreement) and the optional language
model, with the reads pages and API share.

The request's agreement is the one in scope (store.scope, chosen from the URL by
web.agreement_paths); `snapshot`, `promises` and `section_report` answer for it.

The store is opened as it is, never migrated (web.startup). Store access goes through one
lock (a single connection serves every thread). `refresh()` reloads after an editor's save
(only that agreement's changed verdicts), and `notice_changes()` (at most once a second, from
a middleware) after a write by another process (`analyseer`, `bouw`, another web worker's
editor): it compares the store's change counters (store.changes) with the ones it last read,
reads every agreement again (the counters are the store's, not an agreement's), and rebuilds
the search index too when the index step changed it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from beloftemeter.analysis.dossiers import dossier_of, dossiers_for
from beloftemeter.answer import Answer, compose_answer, retrieve
from beloftemeter.config import Settings
from beloftemeter.models.agreement import StoredAgreement
from beloftemeter.models.assessment import Assessment
from beloftemeter.models.decisions import Decision
from beloftemeter.models.dossiers import Dossier
from beloftemeter.models.report import Report
from beloftemeter.models.search import Filters, Hit, PromiseHit, SearchResult
from beloftemeter.reports import ReportBuilder
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.promises import PromiseSearch
from beloftemeter.search.queries import text_query
from beloftemeter.store import Store, promise_ids, scope
from beloftemeter.store import agreements as agreements_store
from beloftemeter.store import decisions as decisions_store
from beloftemeter.store.changes import Versions, counted_write_start, versions
from beloftemeter.web.agreement_view import AgreementView
from beloftemeter.web.query_cache import MemoryQueryCache
from beloftemeter.web.snapshot import Snapshot
from beloftemeter.web.startup import open_for_web

if TYPE_CHECKING:  # the client is imported only when a language model is configured
    from beloftemeter.llm.client import ChatClient

CHECK_EVERY = 1.0  # seconds between two looks at whether another process wrote the store
ANSWER_SOURCES = 8

T = TypeVar("T")
# (section key, promise ordinal, its verdict if assessed)
Carried = tuple[str, int, Assessment | None]


class WebState:
    """Opened by `open`; the app closes nothing (the process ends with the server)."""

    def __init__(self, store: Store, engine: SearchEngine, chat: ChatClient | None) -> None:
        self.store = store
        self.engine = engine
        self.chat = chat
        self.lock = threading.RLock()
        self._seen = self._read_versions()  # what the memory holds
        self._load_views()
        self._search_seen = self._seen.search  # the search counter at the last look
        self._checked_at = time.monotonic()

    @classmethod
    def open(cls, settings: Settings, prepared: bool = False) -> WebState:
        """`prepared`: `web.startup.prepare` did the start-up writes (a worker of `serve
        --workers`), so this process writes nothing at start."""
        store = open_for_web(settings.store_url)
        engine = SearchEngine(store, settings, sync=not prepared,
                              query_cache=MemoryQueryCache())
        chat = None
        if settings.llm_base_url:
            from beloftemeter.llm.client import ChatClient, ChatSettings

            chat = ChatClient(ChatSettings.from_settings(settings))
        return cls(store, engine, chat)

    def _load_views(self, held: dict[int, AgreementView] | None = None) -> None:
        """Read every agreement (again: `held`, the views to read again)."""
        with self.lock:
            listed = agreements_store.list_agreements(self.store)
            views = {}
            for agreement in listed:
                before = (held or {}).get(agreement.id)
                if before is not None:
                    before.reload(agreement)
                views[agreement.id] = before or AgreementView.load(self.store, self.lock,
                                                                   agreement)
            if not listed:
                views[0] = AgreementView.load(self.store, self.lock, None)
            # Replaced whole, never changed in place: a request reads them without the lock.
            self.views = views
            self.by_slug = {a.slug: a for a in listed}
            self.default_agreement = listed[0] if listed else None
            # Addresses from before the slugs were made for the store's first agreement (the
            # one a store of one agreement became): they keep leading there, also once a
            # more recent government's agreement is the default.
            self.first_agreement = min(listed, key=lambda a: a.id) if listed else None

    # -- the request's agreement --------------------------------------------------------

    @property
    def view(self) -> AgreementView:
        """The memory of the agreement in scope (the default agreement's outside one)."""
        views = self.views
        chosen = scope.chosen()
        if chosen is not None and chosen in views:
            return views[chosen]
        default = self.default_agreement
        return views[default.id] if default is not None and default.id in views else next(
            iter(views.values()))

    @property
    def agreement(self) -> StoredAgreement | None:
        return self.view.agreement

    @property
    def snapshot(self) -> Snapshot:
        return self.view.snapshot

    @property
    def promises(self) -> PromiseSearch | None:
        return self.view.promises

    @property
    def builder(self) -> ReportBuilder | None:
        return self.view.builder

    def section_report(self, key: str) -> tuple[Report, str]:
        """The section's report and its HTML body (kept once rendered)."""
        return self.view.section_report(key)

    def agreement_of_promise(self, promise_id: str) -> StoredAgreement | None:
        """The agreement that holds the promise with this id (or the id it became); None
        for an unknown id."""
        with self.lock:
            current = promise_ids.resolve(self.store, promise_id)
            owner = None if current is None else promise_ids.agreement_of(self.store, current)
        return next((a for a in self.by_slug.values() if a.id == owner), None)

    # -- changes ------------------------------------------------------------------------

    def _read_versions(self) -> Versions:
        with self.lock:
            return versions(self.store)

    def refresh(self, changed: Iterable[str] | None = None) -> None:
        """Read again what the memory holds and forget the rendered section reports.
        `changed`: the ids of the only promises whose verdict changed (an editor's save, in
        the scope of their agreement), read alone; None: read everything."""
        with self.lock:
            if changed is not None:
                self.view.with_changed(changed)
                return
            seen = self._read_versions()  # before reading: a later commit is seen
            if seen.search != self._seen.search:
                self.engine.reload()
            self._load_views(self.views)
            self._seen = seen

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

    def search(self, q: str, filters: Filters, limit: int) -> SearchResult[Hit]:
        """The search box: decisions with the query's names first, and how many decisions
        contain all its words (0: the hits are only the closest in meaning)."""
        with self.lock:
            return self.engine.find(text_query(q), limit=limit, date_from=filters.date_from,
                                    date_to=filters.date_to, instrument=filters.instrument,
                                    stage=filters.stage)

    def search_promises(self, q: str, limit: int) -> SearchResult[PromiseHit] | None:
        """Promises beside decisions in the search box (None before an agreement exists)."""
        promises = self.promises
        if promises is None:
            return None
        with self.lock:
            return promises.find(text_query(q), limit=limit)

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

"""When an empty feed was last updated: the moment the store last assessed a promise, never a
fixed date. Remembered per data version of the promise tables, so a feed reader's poll costs
one small query; every promise's time is read again only after a write."""

from __future__ import annotations

from datetime import UTC, datetime

from beloftemeter.store import Store
from beloftemeter.store import promise_list as list_store
from beloftemeter.web.snapshot import Snapshot


class LatestAssessment:
    def __init__(self) -> None:
        self._version: int | None = None
        self._at: str | None = None

    def __call__(self, store: Store, snapshot: Snapshot) -> str:
        """The latest assessment time (ISO); with no assessment at all, now: the feed then
        says only when it was served."""
        version = list_store.data_version(store)
        if version != self._version:
            times = [list_store.assessment_meta(store, key, a.ordinal)
                     for key, verdicts in snapshot.assessments.items() for a in verdicts]
            self._at = max((t for t in times if t), default=None)
            self._version = version
        return self._at or datetime.now(UTC).isoformat()

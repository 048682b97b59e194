"""When an empty feed was last updated: the moment the store last assessed a promise, never a
fixed date. Remembered per data version of the promise tables, so a feed reader's poll costs
one small query; every promise's time is read again only after a write. Per agreement: each has
its own feeds."""

from __future__ import annotations

from datetime import UTC, datetime

from beloftemeter.store import Store, scope
from beloftemeter.store import promise_list as list_store
from beloftemeter.web.snapshot import Snapshot


class LatestAssessment:
    def __init__(self) -> None:
        self._seen: dict[int, tuple[int, str | None]] = {}  # agreement → (version, time)

    def __call__(self, store: Store, snapshot: Snapshot) -> str:
        """The latest assessment time (ISO); with no assessment at all, now: the feed then
        says only when it was served."""
        version = list_store.data_version(store)
        agreement = scope.current(store)
        seen = self._seen.get(agreement)
        if seen is None or seen[0] != version:
            times = [list_store.assessment_meta(store, key, a.ordinal)
                     for key, verdicts in snapshot.assessments.items() for a in verdicts]
            seen = self._seen[agreement] = (version, max((t for t in times if t), default=None))
        return seen[1] or datetime.now(UTC).isoformat()

"""Sync the decisions from the public API: month windows from a date (by default shortly
before the previous sync), resumed where an interrupted sync stopped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from beloftemeter.config import Settings
from beloftemeter.pipeline.base import Progress, StoreLike, counter, opened
from beloftemeter.pipeline.sync_windows import SyncPlan, SyncResult, parse_day, plan_sync
from beloftemeter.pipeline.sync_windows import sync_decisions as run_sync
from beloftemeter.sources.decisions_api import DecisionsApiClient, check_base_url


def sync_decisions(
    store: StoreLike,
    settings: Settings,
    *,
    since: date | None = None,
    until: date | None = None,
    progress: Progress | None = None,
    on_plan: Callable[[SyncPlan], None] | None = None,
) -> SyncResult:
    """Fetch the decisions met between `since` and `until` and store them. `on_plan(plan)`
    hears the period (and where an interrupted sync resumes) before anything is fetched."""
    check_base_url(settings.decisions_api_url)  # a bad setting fails before anything is done
    default_since = parse_day(settings.decisions_since, "decisions_since")
    # Two syncs on one store would fetch the same windows twice: the second is refused.
    with opened(store) as target, target.exclusive("synchronisatie"):
        plan = plan_sync(target, since=since, until=until, default_since=default_since)
        if on_plan is not None:
            on_plan(plan)
        with DecisionsApiClient.from_settings(settings) as client:
            return run_sync(target, client, plan,
                            progress=counter(progress, len(plan.windows())))

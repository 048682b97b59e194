"""Sync: walk a period of meeting dates in monthly windows, page through each window and
upsert every page, so the store follows the public API.

Crash safety: each page's decisions and the resume cursor (window, next page, the window's
count) are written in one transaction. A sync that is interrupted (killed, network down,
Ctrl-C) resumes at the first page not yet stored; pages are upserts keyed on the source id,
so a page fetched twice changes nothing. When every window is done, the watermark (the last
meeting date synced) is stored and the cursor removed, in one transaction; the next sync
without `--van` starts a little before the watermark (`OVERLAP_DAYS`), because items are
sometimes published or corrected some days after the meeting.

Pages are offsets into a list sorted by meeting date; when the window's `count` changes while
it is being paged (items published or withdrawn meanwhile), offsets have shifted and an item
could slip between two pages, so the window is paged again from the start (at most
`MAX_WINDOW_RESTARTS` times).

Paging trusts `count`, not the length of a page: a window is done when its pages cover the
count (without a count, at the first empty page), and the items received must add up to it.
A short or empty page is retried by the client; a window that still does not add up is paged
again and then fails with a SourceError, before the watermark moves: what was stored stays,
and the next sync fetches that window again. (Ending a window at the first short page lost
68 of 3,165 decisions against a server that sometimes answered short, and reported success.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from beloftemeter.errors import InputError, SourceError
from beloftemeter.models.decisions import Decision, UpsertCounts
from beloftemeter.sources.bounded_input import DEFAULT_LIMITS, InputLimits, shown
from beloftemeter.sources.decisions_api import PAGE_SIZE, DecisionsApiClient
from beloftemeter.sources.decisions_resource import decision_from_resource as _from_resource
from beloftemeter.store.database import Store
from beloftemeter.store.decisions import upsert_decisions
from beloftemeter.store.state import delete_state, get_state, set_state

log = logging.getLogger(__name__)

CURSOR_KEY = "decisions.sync.cursor"
WATERMARK_KEY = "decisions.sync.watermark"
OVERLAP_DAYS = 14
MAX_WINDOW_RESTARTS = 3
MAX_WINDOW_PAGES = 1000  # a month holds about 60 decisions: a window this long is a broken API


@dataclass(frozen=True)
class SyncPlan:
    first: date
    last: date
    resume_window: date | None = None
    resume_page: int = 0
    resume_count: int | None = None  # the window's count when its paging began
    resume_received: int | None = None  # items received in that window so far
    resume_size: int | None = None  # the page size the cursor counts in

    @property
    def resumed(self) -> bool:
        return self.resume_window is not None

    def windows(self) -> list[tuple[date, date]]:
        """The monthly windows still to fetch (all of them, or from the resume point)."""
        return [
            (start, end)
            for start, end in month_windows(self.first, self.last)
            if self.resume_window is None or start >= self.resume_window
        ]


@dataclass(frozen=True)
class SyncResult:
    first: date
    last: date
    counts: UpsertCounts
    pages: int
    windows: int
    skipped: int
    resumed: bool
    truncated: int = 0  # items whose text was cut to max_decision_text_kb


def parse_day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} moet een datum JJJJ-MM-DD zijn, niet {value!r}.") from None


def plan_sync(
    store: Store,
    *,
    since: date | None,
    until: date | None,
    default_since: date,
    today: date | None = None,
) -> SyncPlan:
    """The period to sync and where to resume.

    An interrupted sync of the same period resumes at its cursor; a sync without dates
    resumes an interrupted one, or else starts `OVERLAP_DAYS` before the watermark.
    """
    today = today or date.today()
    cursor = get_state(store, CURSOR_KEY)
    if cursor:
        c_first, c_last = date.fromisoformat(cursor["van"]), date.fromisoformat(cursor["tot"])
        same = (since is None or since == c_first) and (until is None or until == c_last)
        if same:
            mid_window = bool(cursor["pagina"])
            return SyncPlan(
                c_first,
                c_last,
                date.fromisoformat(cursor["venster"]),
                int(cursor["pagina"]),
                cursor.get("aantal") if mid_window else None,
                cursor.get("ontvangen") if mid_window else None,
                cursor.get("grootte") if mid_window else None,
            )
    if since is None:
        watermark = get_state(store, WATERMARK_KEY)
        if watermark:
            since = max(default_since, date.fromisoformat(watermark) - timedelta(OVERLAP_DAYS))
        else:
            since = default_since
    until = until or today
    if until < since:
        raise InputError(f"--tot ({until}) ligt voor --van ({since}).")
    return SyncPlan(since, until)


def month_windows(first: date, last: date) -> Iterator[tuple[date, date]]:
    """Calendar months clipped to [first, last], oldest first."""
    start = first
    while start <= last:
        next_month = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        end = min(last, next_month - timedelta(days=1))
        yield start, end
        start = next_month


def _convert(
    resources: tuple[Any, ...], limits: InputLimits
) -> tuple[list[Decision], int, int]:
    """The readable items as decisions, how many were skipped and how many were cut."""
    decisions, skipped, cut = [], 0, 0
    for resource in resources:
        notes: list[str] = []
        try:
            decisions.append(_from_resource(resource, limits, notes))
        except ValueError as exc:
            skipped += 1
            name = resource.get("id", "?") if isinstance(resource, dict) else "?"
            log.warning("item %s overgeslagen: %s", shown(name, 40).strip("'"), exc)
            continue
        if notes:
            cut += 1
            log.warning("item %s: %s", decisions[-1].id, "; ".join(notes))
    return decisions, skipped, cut


def _window_done(page: int, page_size: int, expected: int, returned: int) -> bool:
    """Whether the window's last page was fetched: by its count, or without one, at the
    first empty page (a short page says nothing: the server may page in other sizes)."""
    if expected >= 0:
        return (page + 1) * page_size >= expected
    return returned == 0


def sync_decisions(
    store: Store,
    client: DecisionsApiClient,
    plan: SyncPlan,
    *,
    page_size: int = PAGE_SIZE,
    progress: Callable[[int], None] | None = None,
    limits: InputLimits | None = None,
) -> SyncResult:
    """Fetch every decision with a meeting date in the plan's period and upsert it.

    `progress(1)` is called after each monthly window (there are `len(plan.windows())`).
    A window whose pages do not add up to its count is paged again (at most
    `MAX_WINDOW_RESTARTS` times) and then fails with a SourceError, leaving the watermark
    where it was and the cursor at the start of that window."""
    limits = limits or getattr(client, "limits", None) or DEFAULT_LIMITS
    counts = UpsertCounts()
    pages = windows = skipped = cut = 0
    period = {"van": plan.first.isoformat(), "tot": plan.last.isoformat()}
    for window_start, window_end in plan.windows():
        page, expected, received = 0, None, 0  # expected: the window's count at page 0
        if window_start == plan.resume_window and plan.resume_size in (None, page_size):
            page, expected = plan.resume_page, plan.resume_count
            received = plan.resume_received
            if received is None:  # a cursor written before the count of received items
                received = page * page_size
        windows += 1
        restarts = 0
        while True:
            if page >= MAX_WINDOW_PAGES:
                raise SourceError(
                    f"Het maandvenster {window_start} tot {window_end} houdt na"
                    f" {MAX_WINDOW_PAGES} pagina's niet op; de sync stopt (het watermerk"
                    " blijft staan)."
                )
            result = client.fetch_page(window_start, window_end, page, page_size)
            known = expected is not None and expected >= 0
            if known and 0 <= result.count != expected and restarts < MAX_WINDOW_RESTARTS:
                # Items were published or withdrawn while paging: offsets shifted, so an
                # item may have slipped past. Page the window again from the start.
                log.info("venster %s: aantal %d → %d, opnieuw vanaf de eerste pagina",
                         window_start, expected, result.count)
                page, expected, received, restarts = 0, None, 0, restarts + 1
                continue
            if not known:
                expected = result.count
            decisions, bad, shortened = _convert(result.resources, limits)
            received += len(result.resources)
            with store.transaction():
                counts = counts + upsert_decisions(store, decisions)
                set_state(
                    store,
                    CURSOR_KEY,
                    {**period, "venster": window_start.isoformat(), "pagina": page + 1,
                     "aantal": expected, "ontvangen": received, "grootte": page_size},
                )
            pages += 1
            skipped += bad
            cut += shortened
            if not _window_done(page, page_size, expected, len(result.resources)):
                page += 1
                continue
            if expected < 0 or received == expected:
                break
            # The pages do not add up to the count: a short or empty page lost items.
            log.info("venster %s: %d van %d items ontvangen, opnieuw vanaf de eerste pagina",
                     window_start, received, expected)
            if restarts >= MAX_WINDOW_RESTARTS:
                set_state(store, CURSOR_KEY,
                          {**period, "venster": window_start.isoformat(), "pagina": 0})
                raise SourceError(
                    f"De beslissingen-API belooft {expected} beslissingen voor {window_start}"
                    f" tot {window_end}, maar de pagina's gaven er {received}, ook na"
                    f" {MAX_WINDOW_RESTARTS} nieuwe pogingen; het watermerk blijft staan en"
                    " opnieuw starten haalt dit venster opnieuw op."
                )
            page, expected, received, restarts = 0, None, 0, restarts + 1
        log.info("venster %s..%s klaar (%d pagina's)", window_start, window_end, page + 1)
        next_window = window_end + timedelta(days=1)
        set_state(store, CURSOR_KEY, {**period, "venster": next_window.isoformat(), "pagina": 0})
        if progress:
            progress(1)
    with store.transaction():
        previous = get_state(store, WATERMARK_KEY)
        if previous is None or previous < plan.last.isoformat():
            set_state(store, WATERMARK_KEY, plan.last.isoformat())
        delete_state(store, CURSOR_KEY)
    return SyncResult(
        first=plan.first,
        last=plan.last,
        counts=counts,
        pages=pages,
        windows=windows,
        skipped=skipped,
        resumed=plan.resumed,
        truncated=cut,
    )

"""The public corrections (issue 19): every save by the editors that changed a published verdict
(its status or its evidence), newest first, read from the append-only audit. Shared by the
page /correcties, its JSON twin and its Atom feed. Editors' names are left out: the audit keeps
them for the editors only.

    page = list_corrections(store, page=1, per_page=50)
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from beloftemeter.errors import InputError
from beloftemeter.models.public_review import Correction, CorrectionPage, DecisionName
from beloftemeter.models.review import Event
from beloftemeter.store import Store
from beloftemeter.store import promise_list as list_store
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.decisions import get_decisions
from beloftemeter.store.promise_ids import resolve

PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 100_000


def _ids(state: dict[str, Any]) -> list[str]:
    found = state.get("evidence")
    return [str(i) for i in found] if isinstance(found, list) else []


def _status(state: dict[str, Any]) -> str | None:
    found = state.get("status")
    return found if isinstance(found, str) else None


def _corrections(store: Store, events: list[Event]) -> tuple[Correction, ...]:
    current = {e.promise_id: resolve(store, e.promise_id) or e.promise_id
               for e in events if e.promise_id}
    texts = list_store.summaries(store, sorted(set(current.values()))) if current else {}
    changed = {i for e in events for i in set(_ids(e.before)) ^ set(_ids(e.after))}
    found = get_decisions(store, changed)

    def named(ids: list[str]) -> tuple[DecisionName, ...]:
        return tuple(DecisionName(i, found[i].title, found[i].meeting_date) if i in found
                     else DecisionName(i, i) for i in ids)

    result = []
    for event in events:
        pid = current.get(event.promise_id or "", event.promise_id or "")
        before, after = _ids(event.before), _ids(event.after)
        summary = texts.get(pid)
        result.append(Correction(
            id=event.id, at=event.at, promise_id=pid,
            promise=summary.text if summary is not None else "",
            before_status=_status(event.before), after_status=_status(event.after),
            added=named([i for i in after if i not in before]),
            removed=named([i for i in before if i not in after]),
            reason=event.reason, published_reason=str(event.after.get("reason") or ""),
            note=str(event.after.get("note") or "")))
    return tuple(result)


def list_corrections(store: Store, page: int = 1, per_page: int = PER_PAGE) -> CorrectionPage:
    """One page of corrections, newest first; InputError for a page or size out of range."""
    if not 1 <= page <= MAX_PAGE:
        raise InputError(f"Ongeldige pagina: {page} (vanaf 1).")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise InputError(f"Ongeldig aantal per pagina: {per_page} (1 tot {MAX_PER_PAGE}).")
    total = reviews_store.count_corrections(store)
    events = reviews_store.corrections(store, limit=per_page, offset=(page - 1) * per_page)
    return CorrectionPage(total=total, page=page, per_page=per_page,
                          items=_corrections(store, events))


def correction_dict(correction: Correction) -> dict[str, Any]:
    """{"id", "at", "promise_id", "promise", "before_status", "after_status", "added":
    [{"decision_id", "title", "meeting_date"}], "removed": [...], "reason",
    "published_reason", "note"}."""
    data = asdict(correction)
    data["added"] = [asdict(d) for d in correction.added]
    data["removed"] = [asdict(d) for d in correction.removed]
    return data


def corrections_dict(result: CorrectionPage) -> dict[str, Any]:
    """{"total", "page", "per_page", "corrections": [correction]}."""
    return {"total": result.total, "page": result.page, "per_page": result.per_page,
            "corrections": [correction_dict(c) for c in result.items]}

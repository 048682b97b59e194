"""Addresses and names the promise pages share: a promise's permanent link, the list with one
facet value switched on or off, the Dutch heading of each facet, and a promise's text and place
by its id (for the changes and the feeds, whose entries carry only the id), in the request's
agreement."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property, lru_cache
from urllib.parse import quote
from weakref import WeakKeyDictionary

from fastapi.templating import Jinja2Templates

from beloftemeter.dutch_numbers import euro
from beloftemeter.errors import NotFoundError
from beloftemeter.models.promises import PromiseFilters, PromiseSummary
from beloftemeter.store import decisions as decisions_store
from beloftemeter.store import promise_ids, scope
from beloftemeter.web.agreement_paths import link
from beloftemeter.web.agreement_view import AgreementView
from beloftemeter.web.promise_params import toggled, url_for, without
from beloftemeter.web.state import WebState

# PromiseFilters field (= Facet.name) → the heading above its values.
FACET_HEADINGS = {
    "status": "Status", "part": "Deel", "chapter": "Hoofdstuk", "minister": "Minister",
    "domain": "Beleidsdomein", "has_evidence": "Bewijs", "latest_stage":
    "Fase van het laatste bewijs", "latest_year": "Jaar van de laatste beslissing",
}


def promise_url(promise_id: str) -> str:
    return link("/beloften/" + quote(promise_id, safe=""))


def facet_url(filters: PromiseFilters, field: str, value: str) -> str:
    """The list with `field` set to `value` (or cleared when it holds it already)."""
    return url_for("/beloften", toggled(filters, field, value))


def clear_url(filters: PromiseFilters, field: str) -> str:
    return url_for("/beloften", without(filters, field))


class AgreementNames:
    """Id → (section key, ordinal, text) of every promise of one agreement, read once on
    first use (a new view, after a change, reads them again)."""

    def __init__(self, state: WebState, view: AgreementView) -> None:
        self.state, self.view = state, view

    @cached_property
    def by_id(self) -> dict[str, tuple[str, int, str]]:
        with self.state.lock, scope.using(self.view.id):
            ids = promise_ids.ids_by_key(self.state.store)
        texts = {(a.node_key, a.ordinal): a.promise
                 for verdicts in self.view.snapshot.assessments.values() for a in verdicts}
        return {pid: (key, ordinal, texts.get((key, ordinal), ""))
                for (key, ordinal), pid in ids.items()}

    @cached_property
    def by_key(self) -> dict[tuple[str, int], str]:
        return {(key, ordinal): pid for pid, (key, ordinal, _) in self.by_id.items()}


class PromiseNames:
    """The names of the promises of the request's agreement, and decisions' titles."""

    def __init__(self, state: WebState) -> None:
        self.state = state
        # view → (its generation, its names): read again after the view changed
        self._names: WeakKeyDictionary[AgreementView, tuple[int, AgreementNames]] = (
            WeakKeyDictionary())

    def _current(self) -> AgreementNames:
        view = self.state.view
        kept = self._names.get(view)
        if kept is None or kept[0] != view.generation:
            kept = self._names[view] = (view.generation, AgreementNames(self.state, view))
        return kept[1]

    def url_of(self, key: str, ordinal: int) -> str | None:
        """The page of the promise at (section, ordinal); None when it has no id."""
        pid = self._current().by_key.get((key, ordinal))
        return promise_url(pid) if pid else None

    def text(self, promise_id: str) -> str:
        found = self._current().by_id.get(promise_id)
        return found[2] if found and found[2] else promise_id

    def section(self, promise_id: str) -> str | None:
        found = self._current().by_id.get(promise_id)
        return found[0] if found else None

    @lru_cache(maxsize=4096)  # noqa: B019 - one instance per app, kept as long as the app
    def decision_title(self, decision_id: str) -> str:
        """The decision's title; its id when the store no longer has it."""
        try:
            with self.state.lock:
                return decisions_store.get_decision(self.state.store, decision_id).title
        except NotFoundError:
            return decision_id


def amounts(values: Sequence[float | str]) -> str:
    """Amounts read in a decision, in euro the Dutch way (already written ones as they are)."""
    return ", ".join(euro(v) if isinstance(v, int | float) else str(v) for v in values)


def missing_promise(promise_id: str, closest: Sequence[PromiseSummary]) -> dict:
    """The 404 page's context: the id asked for (escaped by the template) and the closest."""
    shown = promise_id if len(promise_id) <= 80 else promise_id[:80] + "…"
    return {"asked": shown, "closest": list(closest), "status": 404,
            "message": f"Er is geen belofte met id {shown}."}


def install_promise_helpers(templates: Jinja2Templates, state: WebState) -> PromiseNames:
    names = PromiseNames(state)
    templates.env.globals.update(
        promise_url=promise_url, facet_url=facet_url, clear_url=clear_url,
        promise_text=names.text, promise_section=names.section,
        decision_title=names.decision_title, amounts=amounts,
        promise_page=names.url_of)
    return names

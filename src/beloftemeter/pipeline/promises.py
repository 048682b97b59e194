"""The promise as the unit (issue 18): the filtered list with its facets, one promise's page,
its history, the recent changes and the progress per minister. Read-only use cases shared by
the CLI (`beloftemeter beloften`), the web pages and the JSON API.

    result = list_promises(store, PromiseFilters(status="uitgevoerd", chapter="onderwijs"))
    detail = get_promise(store, "p-3f9a0c12de")

What does not change between calls (the names of parts, chapters, ministers; the list's
snapshot with every promise's facet values and sort places; the promise search index) is kept
per store until its data changes (`pipeline.promise_cache`); the snapshot also in the store,
for the next process (`pipeline.promise_snapshot`).
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Sequence

from beloftemeter.analysis.ministers import surname_key
from beloftemeter.errors import InputError
from beloftemeter.models.assessment import STATUSES
from beloftemeter.models.labels import STAGE_NAMES
from beloftemeter.models.promises import (
    SORTS,
    HistoryEntry,
    MinisterProgress,
    PromiseFilters,
    PromiseList,
    PromiseSummary,
)
from beloftemeter.pipeline.promise_cache import cached, snapshot, text_mask, vocabulary
from beloftemeter.pipeline.promise_detail import (
    closest_promise_ids,
    get_promise,
    resolve_promise_id,
)
from beloftemeter.pipeline.promise_facets import (
    NOT_ASSESSED,
    Vocabulary,
    build_facets,
    count_facets,
)
from beloftemeter.pipeline.promise_json import promise_detail_dict, promise_list_dict
from beloftemeter.store import Store
from beloftemeter.store import history as history_store
from beloftemeter.store import promise_list as list_store

__all__ = ["closest_promise_ids", "get_promise", "list_promises", "progress_by_minister",
           "promise_detail_dict", "promise_list_dict", "recent_changes",
           "resolve_promise_id"]

MAX_PER_PAGE = 500
LISTS_KEPT = 512  # answers of list_promises kept per store until its data changes
YEARS = range(1990, 2101)


def _choose(unknown: str, value: str, options: dict[str, str],
            listed: Sequence[str] | None = None) -> str:
    """The option `value` names (options: casefolded spelling → value); InputError listing
    the valid values (`listed`, else the options' values) otherwise."""
    found = options.get(" ".join(str(value).split()).casefold())
    if found is None:
        valid = ", ".join(dict.fromkeys(listed if listed is not None else options.values()))
        raise InputError(f"{unknown}: {value!r} (kies uit: {valid or 'geen'}).")
    return found


def _validate(filters: PromiseFilters, words: Vocabulary) -> dict[str, str]:
    """The active facet values (facet → value)."""
    if filters.sort not in SORTS:
        raise InputError(f"Onbekende sortering: {filters.sort!r} (kies uit: {', '.join(SORTS)}).")
    if filters.page < 1:
        raise InputError("Het paginanummer moet minstens 1 zijn.")
    if not 1 <= filters.per_page <= MAX_PER_PAGE:
        raise InputError(f"Het aantal per pagina moet tussen 1 en {MAX_PER_PAGE} liggen.")
    active: dict[str, str] = {}
    if filters.status is not None:
        status = _choose("Onbekende status", filters.status,
                         {s.casefold(): s for s in (*STATUSES, NOT_ASSESSED)})
        active["status"] = status
    for name, titles in (("part", words.parts), ("chapter", words.chapters)):
        value = getattr(filters, name)
        if value is not None:
            options = {k.casefold(): title for title, (k, _) in titles.items()}
            options.update({title.casefold(): title for title in titles})
            title = _choose("Onbekend deel" if name == "part" else "Onbekend hoofdstuk", value,
                            options, [k for k, _ in titles.values()])
            active[name] = titles[title][0]
    for name, unknown, table in (("minister", "Onbekende minister", words.ministers),
                                 ("domain", "Onbekend beleidsdomein", words.domains)):
        value = getattr(filters, name)
        if value is not None:
            known = sorted({v for values in table.values() for v in values})
            options = {v.casefold(): v for v in known}
            if name == "minister":
                options.update({surname_key(v): v for v in known})
            active[name] = _choose(unknown, value, options, known)
    if filters.has_evidence is not None:
        active["has_evidence"] = "true" if filters.has_evidence else "false"
    if filters.latest_stage is not None:
        options = {code: code for code in STAGE_NAMES}
        options.update({label.casefold(): code for code, label in STAGE_NAMES.items()})
        stage = _choose("Onbekende fase", filters.latest_stage, options, list(STAGE_NAMES))
        active["latest_stage"] = stage
    if filters.latest_year is not None:
        if filters.latest_year not in YEARS:
            raise InputError(f"Ongeldig jaar: {filters.latest_year} (kies een jaar tussen"
                             f" {YEARS[0]} en {YEARS[-1]}).")
        active["latest_year"] = str(filters.latest_year)
    return active


def list_promises(store: Store, filters: PromiseFilters) -> PromiseList:
    """One page of the promises under `filters`, with the total and the facets (each counted
    under the other filters). InputError (Dutch, naming the valid values) for a value that
    is not one.

    The last `LISTS_KEPT` answers are kept until the store's data changes: readers share
    links to the same filtered lists, and each costs a few milliseconds of SQL and counting."""
    kept = cached(store).setdefault("lists", OrderedDict())
    found = kept.get(filters)
    if found is not None:
        kept.move_to_end(filters)
        return found
    result = _list_promises(store, filters)
    kept[filters] = result
    if len(kept) > LISTS_KEPT:
        kept.popitem(last=False)
    return result


def _list_promises(store: Store, filters: PromiseFilters) -> PromiseList:
    words = vocabulary(store)
    active = _validate(filters, words)
    table = snapshot(store)
    text = " ".join((filters.text or "").split())
    within = text_mask(store, text, table) if text else None
    chosen, counts = count_facets(table, active, words, within)
    total = int(chosen.sum())
    items: Sequence[PromiseSummary] = ()
    if total:
        ids = table.page(chosen, filters.sort, (filters.page - 1) * filters.per_page,
                         filters.per_page)
        found = list_store.summaries(store, ids)
        items = [found[i] for i in ids if i in found]
    return PromiseList(total, filters.page, filters.per_page, tuple(items),
                       build_facets(counts, active, words))


def all_promises(store: Store, filters: PromiseFilters) -> list[PromiseSummary]:
    """Every promise under `filters` (all pages), for an export."""
    first = list_promises(store, dataclasses.replace(filters, page=1, per_page=MAX_PER_PAGE))
    items = list(first.items)
    page = 1
    while len(items) < first.total:
        page += 1
        items += list_promises(store, dataclasses.replace(
            filters, page=page, per_page=MAX_PER_PAGE)).items
    return items


def recent_changes(store: Store, limit: int = 50, chapter: str | None = None,
                   promise_id: str | None = None) -> list[HistoryEntry]:
    """The newest history rows, newest first; of one chapter (key or title) or promise."""
    if limit < 1:
        raise InputError("Het aantal moet minstens 1 zijn.")
    return history_store.recent(store, limit, chapter, promise_id)


def progress_by_minister(store: Store) -> list[MinisterProgress]:
    """Per minister named by the policy documents: the promises planned under them, their
    statuses and how many have evidence; most promises first."""
    words = vocabulary(store)
    promises: dict[str, set[str]] = {}
    for pid, names in words.ministers.items():
        for name in names:
            promises.setdefault(name, set()).add(pid)
    rows = list_store.summaries(store, sorted(words.ministers))
    result = []
    for name, ids in promises.items():
        found = [rows[i] for i in ids if i in rows]
        counts: dict[str, int] = {}
        for summary in found:
            status = summary.status or NOT_ASSESSED
            counts[status] = counts.get(status, 0) + 1
        result.append(MinisterProgress(name, len(found), counts,
                                       sum(1 for s in found if s.evidence_count)))
    return sorted(result, key=lambda m: (-m.promises, m.name))

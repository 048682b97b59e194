"""What the promise list and pages keep per store between calls: the names of parts,
chapters, ministers and domains, the list's snapshot, and the promise search index. Rebuilt
when the store's data changes (`store.promise_list.data_version`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from beloftemeter.analysis.ministers import canonical_names, responsible, surname_key
from beloftemeter.pipeline import promise_snapshot
from beloftemeter.pipeline.promise_facets import Vocabulary
from beloftemeter.pipeline.promise_snapshot import ListSnapshot
from beloftemeter.store import Store, scope
from beloftemeter.store import promise_list as list_store
from beloftemeter.store.promise_ids import ids_by_key

_cache: dict[tuple[str, int], tuple[int, dict[str, Any]]] = {}


def cached(store: Store) -> dict[str, Any]:
    """What the list of this store's agreement in scope needs besides the filters, rebuilt
    when the store's data changed."""
    version = list_store.data_version(store)
    key = (store.path, scope.current(store))
    hit = _cache.get(key)
    if hit is None or hit[0] != version or store.path == ":memory:":
        hit = (version, {})
        _cache[key] = hit
    return hit[1]


def vocabulary(store: Store) -> Vocabulary:
    cache = cached(store)
    if "words" not in cache:
        parts, chapters = {}, {}
        for kind, key, part, chapter in list_store.parts_and_chapters(store):
            if kind == "part":
                parts[part] = (key, part)
            elif chapter:
                chapters[chapter] = (key, chapter)
        pairs = [(promise, pair) for promise, _, text in list_store.policy_responsibles(store)
                 for pair in responsible(text)]
        names = canonical_names(name for _, (_, name) in pairs)
        ministers: dict[str, set[str]] = {}
        domains: dict[str, set[str]] = {}
        for promise, (domain, name) in pairs:
            ministers.setdefault(promise, set()).add(names[surname_key(name)])
            if domain:
                domains.setdefault(promise, set()).add(domain)
        cache["words"] = Vocabulary(
            parts, chapters, {k: frozenset(v) for k, v in ministers.items()},
            {k: frozenset(v) for k, v in domains.items()})
    return cache["words"]


def snapshot(store: Store) -> ListSnapshot:
    """The list's snapshot at the store's data version (`pipeline.promise_snapshot`)."""
    cache = cached(store)
    if "snapshot" not in cache:
        # A store the web app serves is marked `serving` (web.state): its reads never write.
        cache["snapshot"] = promise_snapshot.load(store, keep=not getattr(store, "serving",
                                                                          False))
    return cache["snapshot"]


def text_mask(store: Store, text: str, table: ListSnapshot) -> np.ndarray:
    """Per position of `table`, whether the promise contains every word of `text` (names as
    written), as promise search counts its lexical matches."""
    from beloftemeter.search.matching import containing_all, rows_with_name
    from beloftemeter.search.names import name_forms

    search, ids = promise_search(store)
    names = name_forms(text)
    name_rows = [rows_with_name(search.lexical, lambda: search.surface, n) for n in names]
    found = _positions_of_rows(store, search, ids, table)[
        containing_all(search.lexical, text, names, name_rows)]
    result = np.zeros(len(table), dtype=bool)
    result[found[found >= 0]] = True
    return result


def _positions_of_rows(store: Store, search: Any, ids: list[str | None],
                       table: ListSnapshot) -> np.ndarray:
    """Per row of the search index, the position of its promise in `table` (-1: none)."""
    cache = cached(store)
    kept = cache.get("positions")
    if kept is None or kept[0] is not search or kept[1] is not table:
        if ids == table.ids:  # both in agreement order: the usual case, and 20x quicker
            positions = np.arange(len(ids))
        else:
            where = table.positions
            positions = np.fromiter((-1 if pid is None else where.get(pid, -1) for pid in ids),
                                    np.int64, len(ids))
        kept = (search, table, positions)
        cache["positions"] = kept
    return kept[2]


def promise_search(store: Store) -> tuple[Any, list[str | None]]:
    """The store's PromiseSearch and, per row of its index, the promise id."""
    from beloftemeter.search.promises import PromiseSearch, promise_id

    cache = cached(store)
    if "search" not in cache:
        search = PromiseSearch(store)
        by_key = {promise_id(*key): pid for key, pid in ids_by_key(store).items()}
        cache["search"] = (search, [by_key.get(i) for i in search.lexical.ids])
    search, ids = cache["search"]
    search.read_from(store)  # kept per file: the store it was built on may be closed by now
    return search, ids

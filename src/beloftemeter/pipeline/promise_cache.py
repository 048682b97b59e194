"""What the promise list and pages keep per store between calls: the names of parts,
chapters, ministers and domains, the facet groups without a text filter, and the promise
search index. Rebuilt when the store's data changes (`store.promise_list.data_version`)."""

from __future__ import annotations

from typing import Any

from beloftemeter.analysis.ministers import canonical_names, responsible, surname_key
from beloftemeter.pipeline.promise_facets import Vocabulary
from beloftemeter.store import Store
from beloftemeter.store import agreement as agreement_store
from beloftemeter.store import promise_list as list_store
from beloftemeter.store.promise_ids import ids_by_key

_cache: dict[str, tuple[tuple, dict[str, Any]]] = {}


def cached(store: Store) -> dict[str, Any]:
    """What this store's list needs besides the filters, rebuilt when its data changed."""
    version = list_store.data_version(store)
    hit = _cache.get(store.path)
    if hit is None or hit[0] != version or store.path == ":memory:":
        hit = (version, {})
        _cache[store.path] = hit
    return hit[1]


def vocabulary(store: Store) -> Vocabulary:
    cache = cached(store)
    if "words" not in cache:
        parts, chapters = {}, {}
        for node in agreement_store.list_nodes(store):
            if node.kind == "part":
                parts[node.part] = (node.key, node.part)
            elif node.kind == "chapter" and node.chapter:
                chapters[node.chapter] = (node.key, node.chapter)
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


def text_ids(store: Store, text: str) -> list[str]:
    """The promises that contain every word of `text` (names as written), as promise search
    counts its lexical matches."""
    from beloftemeter.search.matching import containing_all, rows_with_name
    from beloftemeter.search.names import name_forms

    search, ids = promise_search(store)
    names = name_forms(text)
    name_rows = [rows_with_name(search.lexical, lambda: search.surface, n) for n in names]
    mask = containing_all(search.lexical, text, names, name_rows)
    return [ids[row] for row in mask.nonzero()[0] if ids[row] is not None]


def promise_search(store: Store) -> tuple[Any, list[str | None]]:
    """The store's PromiseSearch and, per row of its index, the promise id."""
    from beloftemeter.search.promises import PromiseSearch, promise_id

    cache = cached(store)
    if "search" not in cache:
        search = PromiseSearch(store)
        by_key = {promise_id(*key): pid for key, pid in ids_by_key(store).items()}
        cache["search"] = (search, [by_key.get(i) for i in search.lexical.ids])
    return cache["search"]

"""Promise ids in the store: written with the agreement's statements, redirected when a
re-import edits a sentence, and resolved for a permalink.

An id whose sentence was edited slightly (the same section, similar text: at least
`SIMILAR` of difflib's ratio) redirects to the new sentence's id; one that simply disappeared
does not redirect (its page says so and names the closest promises).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection

from beloftemeter.models.promises import normalise_sentence, promise_ids
from beloftemeter.store.database import Store
from beloftemeter.store.scope import current
from beloftemeter.store.sql import Executes

SIMILAR = 0.6  # "We bouwen 3 tramlijnen." vs "We bouwen drie tramlijnen.": 0.83

Key = tuple[str, int]


def ids_for(statements: list[tuple], taken: Collection[str] = (),
            slug: str = "") -> dict[Key, str]:
    """(node_key, ordinal) → id for statement rows (node_key, ordinal, page, text, is_promise)
    given in document order; promises only. An id another agreement of the store already
    has (`taken`: the same section key and sentence in two agreements) is hashed again with
    this agreement's slug before the section key, so ids stay unique across the store."""
    promises = [(s[0], s[1], s[3]) for s in statements if s[4]]
    ids = promise_ids(promises)
    clashes = {key for key, promise in ids.items() if promise in taken}
    if clashes:
        salted = promise_ids((f"{slug}/{section}", ordinal, text)
                             for section, ordinal, text in promises)
        for key in clashes:
            ids[key] = salted[(f"{slug}/{key[0]}", key[1])]
    return ids


def taken_ids(conn: Executes, agreement_id: int | None) -> set[str]:
    """The promise ids of every agreement but `agreement_id`."""
    return {r[0] for r in conn.execute(
        "SELECT promise_id FROM agreement_statements WHERE promise_id IS NOT NULL"
        " AND agreement_id IS NOT ?", (agreement_id,))}


def stored_ids(conn: Executes, agreement_id: int) -> dict[Key, tuple[str, str]]:
    """(node_key, ordinal) → (id, text) of every stored promise of the agreement that has an
    id."""
    return {(r[0], r[1]): (r[2], r[3]) for r in conn.execute(
        "SELECT node_key, ordinal, promise_id, text FROM agreement_statements"
        " WHERE agreement_id = ? AND promise_id IS NOT NULL", (agreement_id,))}


def fill_ids(conn: Executes, agreement_id: int, ids: dict[Key, str]) -> int:
    """Give the agreement's stored promises their id where it is missing or differs (a store
    from before ids, the same agreement imported again); returns how many changed."""
    current = {key: value[0] for key, value in stored_ids(conn, agreement_id).items()}
    changed = [(promise, agreement_id, *key) for key, promise in ids.items()
               if current.get(key) != promise]
    conn.executemany(
        "UPDATE agreement_statements SET promise_id = ? WHERE agreement_id = ? AND node_key = ?"
        " AND ordinal = ?", changed)
    return len(changed)


def record_redirects(
    conn: Executes, old: dict[Key, tuple[str, str]], new: dict[Key, str],
    texts: dict[Key, str],
) -> list[tuple[str, str]]:
    """Redirect every old id that is gone to the new id of the same section whose sentence
    is most like it (the same ordinal first); returns the (old, new) pairs added."""
    new_ids = set(new.values())
    old_ids = {value[0] for value in old.values()}
    fresh: dict[str, list[Key]] = {}
    for key, promise in new.items():
        if promise not in old_ids:
            fresh.setdefault(key[0], []).append(key)
    pairs: list[tuple[str, str]] = []
    taken: set[Key] = set()
    for key, (old_id, old_text) in sorted(old.items()):
        if old_id in new_ids:
            continue
        wanted = normalise_sentence(old_text)
        best, best_ratio = None, SIMILAR
        for candidate in fresh.get(key[0], []):
            if candidate in taken:
                continue
            ratio = difflib.SequenceMatcher(
                None, wanted, normalise_sentence(texts[candidate])).ratio()
            if candidate[1] == key[1]:
                ratio += 0.01  # a tie goes to the sentence in the same place
            if ratio >= best_ratio:
                best, best_ratio = candidate, ratio
        if best is not None:
            taken.add(best)
            pairs.append((old_id, new[best]))
    for old_id, new_id in pairs:
        conn.execute("UPDATE promise_redirects SET new_id = ? WHERE new_id = ?",
                     (new_id, old_id))
        # As a new row: a redirect made again starts its time again.
        conn.execute("INSERT INTO promise_redirects(old_id, new_id) VALUES (?, ?)"
                     " ON CONFLICT(old_id) DO UPDATE SET new_id = excluded.new_id,"
                     " created_at = excluded.created_at", (old_id, new_id))
    # An id that is alive again (a sentence edited back) is no longer redirected.
    conn.executemany("DELETE FROM promise_redirects WHERE old_id = ?",
                     [(promise,) for promise in new_ids])
    return pairs


def resolve(store: Store, promise_id: str) -> str | None:
    """The current id for `promise_id` (itself, or where it redirects); None when unknown."""
    wanted = promise_id.strip().lower()
    row = store.execute("SELECT promise_id FROM agreement_statements WHERE promise_id = ?",
                        (wanted,)).fetchone()
    if row is not None:
        return row[0]
    row = store.execute(
        "SELECT r.new_id FROM promise_redirects r JOIN agreement_statements s"
        " ON s.promise_id = r.new_id WHERE r.old_id = ?", (wanted,)).fetchone()
    return None if row is None else row[0]


def key_of(store: Store, promise_id: str) -> Key | None:
    """(node_key, ordinal) of the promise with this (current) id, in the agreement in scope."""
    row = store.execute("SELECT node_key, ordinal FROM agreement_statements"
                        " WHERE promise_id = ? AND agreement_id = ?",
                        (promise_id, current(store))).fetchone()
    return None if row is None else (row[0], row[1])


def agreement_of(store: Store, promise_id: str) -> int | None:
    """The id of the agreement the promise with this (current) id belongs to."""
    row = store.execute("SELECT agreement_id FROM agreement_statements WHERE promise_id = ?",
                        (promise_id,)).fetchone()
    return None if row is None else int(row[0])


def ids_by_key(store: Store) -> dict[Key, str]:
    """(node_key, ordinal) → id of every stored promise of the agreement in scope."""
    return {(r[0], r[1]): r[2] for r in store.execute(
        "SELECT node_key, ordinal, promise_id FROM agreement_statements"
        " WHERE promise_id IS NOT NULL AND agreement_id = ?", (current(store),))}


def redirected_from(store: Store, promise_id: str) -> list[str]:
    """The old ids that now lead to `promise_id`."""
    return [r[0] for r in store.execute(
        "SELECT old_id FROM promise_redirects WHERE new_id = ? ORDER BY created_at, old_id",
        (promise_id,))]

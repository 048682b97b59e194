"""Reading an agreement's tree and its statements (writing: store.agreement_write).

The store holds several agreements, each under its slug; reads are about the agreement in
scope (store.scope).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from beloftemeter.errors import NotFoundError
from beloftemeter.models.agreement import Node, Statement
from beloftemeter.store.agreement_write import NODE_COLUMNS as _NODE_COLUMNS
from beloftemeter.store.agreement_write import save_agreement as save_agreement
from beloftemeter.store.database import Store
from beloftemeter.store.scope import current
from beloftemeter.store.sql import Row

NO_AGREEMENT = "Er is nog geen regeerakkoord ingelezen (gebruik `beloftemeter akkoord import`)."



def agreement_info(store: Store) -> dict | None:
    """Slug, title, source, sha256, page count, term and import time of the agreement in
    scope, if any."""
    row = store.execute(
        "SELECT slug, title, source, sha256, page_count, term_start, term_end, imported_at"
        " FROM agreements WHERE id = ?", (current(store),)
    ).fetchone()
    return None if row is None else dict(row)


def _node(row: Row) -> Node:
    return Node(
        key=row["key"],
        kind=row["kind"],
        part=row["part"],
        chapter=row["chapter"],
        number=row["number"],
        title=row["title"],
        first_page=row["first_page"],
        last_page=row["last_page"],
        text=row["text"],
        parent_key=row["parent_key"],
        depth=row["depth"],
        ordinal=row["ordinal"],
    )


def _statement(row: Row) -> Statement:
    return Statement(
        node_key=row["node_key"],
        ordinal=row["ordinal"],
        page=row["page"],
        text=row["text"],
        is_promise=bool(row["is_promise"]),
    )


def count_nodes(store: Store) -> int:
    """How many nodes (parts, chapters, sections) the stored agreement has; 0 without one."""
    return int(store.execute("SELECT COUNT(*) FROM agreement_nodes WHERE agreement_id = ?",
                             (current(store),)).fetchone()[0])


def list_nodes(store: Store) -> list[Node]:
    """Every node in document order."""
    rows = store.execute(f"SELECT {_NODE_COLUMNS} FROM agreement_nodes WHERE agreement_id = ?"
                         " ORDER BY ordinal", (current(store),))
    return [_node(row) for row in rows]


def get_node(store: Store, key: str) -> Node:
    """The node with this key, case and surrounding spaces not mattering; NotFoundError (Dutch)
    when there is none, suggesting the closest key."""
    agreement_id = current(store)
    row = store.execute(
        f"SELECT {_NODE_COLUMNS} FROM agreement_nodes WHERE agreement_id = ? AND key = ?",
        (agreement_id, key),
    ).fetchone()
    if row is not None:
        return _node(row)
    keys = [r["key"] for r in store.execute(
        "SELECT key FROM agreement_nodes WHERE agreement_id = ? ORDER BY ordinal",
        (agreement_id,))]
    if not keys:
        raise NotFoundError(NO_AGREEMENT)
    wanted = key.strip().casefold()
    same = [candidate for candidate in keys if candidate.casefold() == wanted]
    if len(same) == 1:
        return get_node(store, same[0])
    # Suggest a key with the same section number ("onderwjis/1.2" → "onderwijs/1.2"), or for
    # a key without number another chapter or part: never a section with another number.
    number = wanted.rpartition("/")[2] if "/" in wanted else None
    pool = {
        candidate.casefold(): candidate
        for candidate in keys
        if (candidate.casefold().rpartition("/")[2] if "/" in candidate else None) == number
    }
    close = difflib.get_close_matches(wanted, list(pool), n=1, cutoff=0.75)
    hint = f"bedoelt u {pool[close[0]]}? " if close else ""
    raise NotFoundError(
        f"Onbekende sectie: {key} ({hint}zie `beloftemeter akkoord boom` voor de sleutels)."
    )


def find_node(store: Store, chapter: str, number: str) -> Node | None:
    """The node for a chapter ("1 — Onderwijs") and section number ("1.2.1"), or None.

    The chapter number itself ("1") finds the chapter node. Spaces around the dash do not matter.
    """
    wanted = _normalise_chapter(chapter)
    for row in store.execute(
        f"SELECT {_NODE_COLUMNS} FROM agreement_nodes WHERE agreement_id = ? AND number = ?"
        " AND chapter IS NOT NULL ORDER BY ordinal",
        (current(store), number.strip()),
    ):
        if _normalise_chapter(row["chapter"]) == wanted:
            return _node(row)
    return None


def _normalise_chapter(chapter: str) -> str:
    return " ".join(chapter.replace("—", " — ").replace("–", " — ").split()).casefold()


def _descendant_keys(store: Store, key: str) -> list[str]:
    """The node and all nodes below it, in document order."""
    node = get_node(store, key)
    rows = store.execute(
        # The start read from the table, not given as `SELECT ?`: PostgreSQL wants both terms
        # of the recursion in the column's collation.
        "WITH RECURSIVE tree(key) AS (SELECT key FROM agreement_nodes WHERE agreement_id = :a"
        " AND key = :key UNION ALL SELECT n.key FROM agreement_nodes n JOIN tree t"
        " ON n.parent_key = t.key WHERE n.agreement_id = :a)"
        " SELECT n.key FROM agreement_nodes n JOIN tree USING (key) WHERE n.agreement_id = :a"
        " ORDER BY n.ordinal",
        {"a": current(store), "key": node.key},
    )
    return [row["key"] for row in rows]


def section_text(store: Store, key: str, include_descendants: bool = True) -> str:
    """The text of a node, with its subsections' headings and texts when asked (the default)."""
    node = get_node(store, key)
    if not include_descendants:
        return node.text
    parts = []
    for sub_key in _descendant_keys(store, node.key):
        sub = get_node(store, sub_key)
        if sub_key != node.key:
            heading = f"{sub.number} {sub.title}" if sub.number else sub.title
            parts.append(heading)
        if sub.text:
            parts.append(sub.text)
    return "\n\n".join(parts)


def statements_of(store: Store, key: str, include_descendants: bool = False) -> list[Statement]:
    """The statements of a node (and of the nodes below it when asked), in document order."""
    keys = _descendant_keys(store, key) if include_descendants else [get_node(store, key).key]
    result: list[Statement] = []
    agreement_id = current(store)
    for node_key in keys:
        rows = store.execute(
            "SELECT node_key, ordinal, page, text, is_promise FROM agreement_statements"
            " WHERE agreement_id = ? AND node_key = ? ORDER BY ordinal",
            (agreement_id, node_key),
        )
        result.extend(_statement(row) for row in rows)
    return result


def iter_promises(store: Store) -> Iterator[Statement]:
    """Every promise of the agreement, in document order."""
    rows = store.execute(
        "SELECT s.node_key, s.ordinal, s.page, s.text, s.is_promise FROM agreement_statements s"
        " JOIN agreement_nodes n ON n.agreement_id = s.agreement_id AND n.key = s.node_key"
        " WHERE s.agreement_id = ? AND s.is_promise = 1 ORDER BY n.ordinal, s.ordinal",
        (current(store),),
    )
    for row in rows:
        yield _statement(row)


def statement_counts(store: Store) -> dict[str, tuple[int, int]]:
    """Per node key: (number of statements, number of promises) of the node's own text."""
    rows = store.execute(
        "SELECT node_key, COUNT(*) AS total, SUM(is_promise) AS promises"
        " FROM agreement_statements WHERE agreement_id = ? GROUP BY node_key",
        (current(store),),
    )
    return {row["node_key"]: (row["total"], row["promises"] or 0) for row in rows}

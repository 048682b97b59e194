"""Reading and writing the agreement tree and its statements.

One agreement is held at a time: saving a different PDF, or the same PDF read by a newer parser
or promise rule, replaces the tree in one transaction; saving the same tree again changes nothing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from beloftemeter.errors import NotFoundError
from beloftemeter.models.agreement import Agreement, Node, Statement
from beloftemeter.store.database import Store
from beloftemeter.store.promise_ids import fill_ids, ids_for, record_redirects, stored_ids
from beloftemeter.store.sql import Executes, Row

NO_AGREEMENT = "Er is nog geen regeerakkoord ingelezen (gebruik `beloftemeter akkoord import`)."

_NODE_COLUMNS = (
    "key, parent_key, kind, ordinal, depth, part, chapter, number, title,"
    " first_page, last_page, text"
)


def save_agreement(store: Store, agreement: Agreement) -> bool:
    """Store the agreement with its nodes and statements. False when exactly this tree and
    these statements were already stored (then only a new `source` is recorded, and promise
    ids a store from before them lacks are filled in); a new parser or promise rule applied
    to the same PDF does replace them. Every promise gets its stable id
    (`models.promises.promise_ids`); an id whose sentence was edited redirects to the new one."""
    nodes = [
        (
            n.key, n.parent_key, n.kind, ordinal, n.depth, n.part, n.chapter, n.number,
            n.title, n.first_page, n.last_page, n.text,
        )
        for ordinal, n in enumerate(agreement.nodes)
    ]
    statements = [
        (s.node_key, s.ordinal, s.page, s.text, int(s.is_promise)) for s in agreement.statements
    ]
    ids = ids_for(statements)
    with store.transaction() as conn:
        if _is_stored(conn, agreement, nodes, statements):
            conn.execute(
                "UPDATE agreement SET source = ? WHERE id = 1 AND source <> ?",
                (agreement.source, agreement.source),
            )
            fill_ids(conn, ids)
            return False
        previous = stored_ids(conn)
        conn.execute("DELETE FROM agreement_statements")
        conn.execute("DELETE FROM agreement_nodes")
        conn.execute(
            "INSERT INTO agreement(id, title, source, sha256, page_count) VALUES (1, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET title = excluded.title, source = excluded.source,"
            " sha256 = excluded.sha256, page_count = excluded.page_count,"
            " imported_at = datetime('now')",
            (agreement.title, agreement.source, agreement.sha256, agreement.page_count),
        )
        conn.executemany(
            f"INSERT INTO agreement_nodes({_NODE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            nodes,
        )
        conn.executemany(
            "INSERT INTO agreement_statements(node_key, ordinal, page, text, is_promise,"
            " promise_id) VALUES (?, ?, ?, ?, ?, ?)",
            [(*s, ids.get((s[0], s[1]))) for s in statements],
        )
        record_redirects(conn, previous, ids, {(s[0], s[1]): s[3] for s in statements})
    return True


def _is_stored(
    conn: Executes, agreement: Agreement, nodes: list[tuple], statements: list[tuple]
) -> bool:
    """Whether the store already holds this PDF with exactly these nodes and statements."""
    current = conn.execute(
        "SELECT title, sha256, page_count FROM agreement WHERE id = 1"
    ).fetchone()
    if current is None or tuple(current) != (
        agreement.title, agreement.sha256, agreement.page_count
    ):
        return False
    stored_nodes = conn.execute(
        f"SELECT {_NODE_COLUMNS} FROM agreement_nodes ORDER BY ordinal"
    ).fetchall()
    if [tuple(row) for row in stored_nodes] != nodes:
        return False
    stored_statements = conn.execute(
        "SELECT s.node_key, s.ordinal, s.page, s.text, s.is_promise FROM agreement_statements s"
        " JOIN agreement_nodes n ON n.key = s.node_key ORDER BY n.ordinal, s.ordinal"
    ).fetchall()
    return [tuple(row) for row in stored_statements] == statements


def agreement_info(store: Store) -> dict | None:
    """Title, source, sha256, page count and import time of the stored agreement, if any."""
    row = store.execute(
        "SELECT title, source, sha256, page_count, imported_at FROM agreement WHERE id = 1"
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
    return int(store.execute("SELECT COUNT(*) FROM agreement_nodes").fetchone()[0])


def list_nodes(store: Store) -> list[Node]:
    """Every node in document order."""
    rows = store.execute(f"SELECT {_NODE_COLUMNS} FROM agreement_nodes ORDER BY ordinal")
    return [_node(row) for row in rows]


def get_node(store: Store, key: str) -> Node:
    """The node with this key, case and surrounding spaces not mattering; NotFoundError (Dutch)
    when there is none, suggesting the closest key."""
    row = store.execute(
        f"SELECT {_NODE_COLUMNS} FROM agreement_nodes WHERE key = ?", (key,)
    ).fetchone()
    if row is not None:
        return _node(row)
    keys = [r["key"] for r in store.execute("SELECT key FROM agreement_nodes ORDER BY ordinal")]
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
        f"Onbekende sectie: {key} ({hint}zie `beloftemeter akkoord lijst` voor de sleutels)."
    )


def find_node(store: Store, chapter: str, number: str) -> Node | None:
    """The node for a chapter ("1 — Onderwijs") and section number ("1.2.1"), or None.

    The chapter number itself ("1") finds the chapter node. Spaces around the dash do not matter.
    """
    wanted = _normalise_chapter(chapter)
    for row in store.execute(
        f"SELECT {_NODE_COLUMNS} FROM agreement_nodes WHERE number = ? AND chapter IS NOT NULL"
        " ORDER BY ordinal",
        (number.strip(),),
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
        "WITH RECURSIVE tree(key) AS (SELECT key FROM agreement_nodes WHERE key = ? UNION ALL"
        " SELECT n.key FROM agreement_nodes n JOIN tree t ON n.parent_key = t.key)"
        " SELECT n.key FROM agreement_nodes n JOIN tree USING (key) ORDER BY n.ordinal",
        (node.key,),
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
    for node_key in keys:
        rows = store.execute(
            "SELECT node_key, ordinal, page, text, is_promise FROM agreement_statements"
            " WHERE node_key = ? ORDER BY ordinal",
            (node_key,),
        )
        result.extend(_statement(row) for row in rows)
    return result


def iter_promises(store: Store) -> Iterator[Statement]:
    """Every promise of the agreement, in document order."""
    rows = store.execute(
        "SELECT s.node_key, s.ordinal, s.page, s.text, s.is_promise FROM agreement_statements s"
        " JOIN agreement_nodes n ON n.key = s.node_key WHERE s.is_promise = 1"
        " ORDER BY n.ordinal, s.ordinal"
    )
    for row in rows:
        yield _statement(row)


def statement_counts(store: Store) -> dict[str, tuple[int, int]]:
    """Per node key: (number of statements, number of promises) of the node's own text."""
    rows = store.execute(
        "SELECT node_key, COUNT(*) AS total, SUM(is_promise) AS promises"
        " FROM agreement_statements GROUP BY node_key"
    )
    return {row["node_key"]: (row["total"], row["promises"] or 0) for row in rows}
